"""Every amount typed at the till goes through the one parser: NaN, Infinity, 1e30 and amounts
beyond a money column are refused in the dialog in plain words, nothing is taken or saved, and
the dialog stays open for the right amount (issue 20, item 7)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.domain.money import MAX_AMOUNT, AmountError
from tests.ui.conftest import (
    SILK,
    TEA,
    back_to_scanning,
    key,
    log_in,
    modal,
    open_till,
    scan_and_wait,
    type_text,
)
from tests.ui.test_login_shift import pay_cash_exact
from ui.dialogs import MAX_QUANTITY, QUANTITY_PLACES, read_number
from ui.till.window import TillWindow

HOSTILE = [
    ("NaN", "is not a number"),
    ("sNaN", "is not a number"),
    ("Infinity", "is not a number"),
    ("1e30", "is written with an exponent"),
    ("99999999999", "is more than 9,999,999,999.99"),
    ("12.345", "has more than 2 decimals"),
]


def line_edit(dialog: QWidget, name: str) -> QLineEdit:
    w = dialog.findChild(QLineEdit, name)
    assert w is not None, name
    return w


def shown_message(dialog: QWidget) -> str:
    label = dialog.findChild(QLabel, "dialogMessage")
    assert label is not None
    return str(label.text()) if label.isVisible() else ""


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it, then Enter (as a cashier does)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    key(qtbot, field, Qt.Key.Key_Return)


def paying_for_silk(qtbot: QtBot, till: TillWindow, language: str) -> QWidget:
    """The payment dialog (F12) of a sale of one silk scarf (1,850.00), in `language`."""
    till.set_language(language)
    scan_and_wait(qtbot, till, SILK)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    return modal(qtbot, "paymentDialog")


@pytest.mark.parametrize(("typed", "words"), HOSTILE)
def test_the_payment_dialog_refuses_hostile_cash(
    qtbot: QtBot, till: TillWindow, typed: str, words: str
) -> None:
    dialog = paying_for_silk(qtbot, till, "en")
    cash = line_edit(dialog, "cashTendered")
    retype(qtbot, cash, typed)
    assert f"cash received {typed!r}" in dialog.message  # type: ignore[attr-defined]
    assert words in dialog.message  # type: ignore[attr-defined]
    assert dialog.isVisible()
    assert dialog.tenders == []  # type: ignore[attr-defined]
    assert till.last_receipt is None
    retype(qtbot, cash, "2000")  # the right amount still goes through
    qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
    assert till.last_receipt.total == Decimal("1850.00")


def test_the_card_amount_is_read_by_the_same_parser_in_thai(qtbot: QtBot, till: TillWindow) -> None:
    dialog = paying_for_silk(qtbot, till, "th")
    key(qtbot, dialog, Qt.Key.Key_F3)
    amount = line_edit(dialog, "cardAmount")
    reference = line_edit(dialog, "cardReference")
    amount.setFocus()
    amount.selectAll()
    qtbot.keyClicks(amount, "1e30")
    key(qtbot, amount, Qt.Key.Key_Return)  # on to the approval code
    assert QApplication.focusWidget() is reference
    qtbot.keyClicks(reference, "A12345")
    key(qtbot, reference, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is amount  # back to the amount refused
    assert "ยอดบัตร '1e30' เขียนแบบเลขยกกำลัง" in dialog.message  # type: ignore[attr-defined]
    assert dialog.tenders == []  # type: ignore[attr-defined]
    assert till.last_receipt is None


def test_a_promptpay_amount_beyond_the_qr_shows_no_qr(qtbot: QtBot, till: TillWindow) -> None:
    dialog = paying_for_silk(qtbot, till, "en")
    key(qtbot, dialog, Qt.Key.Key_F2)
    amount = line_edit(dialog, "promptpayAmount")
    amount.selectAll()
    qtbot.keyClicks(amount, "NaN")
    received = dialog.findChild(QWidget, "promptpayReceived")
    assert received is not None
    assert not received.isEnabled()  # no QR for NaN: nothing can be confirmed as received
    assert dialog.tenders == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(("typed", "words"), HOSTILE[:5])
def test_a_discount_refuses_hostile_amounts(
    qtbot: QtBot, till: TillWindow, typed: str, words: str
) -> None:
    till.set_language("en")
    scan_and_wait(qtbot, till, SILK)
    key(qtbot, till.scan_field, Qt.Key.Key_F4)
    dialog = modal(qtbot, "discountDialog")
    value = line_edit(dialog, "discountValue")
    qtbot.keyClicks(value, typed)
    key(qtbot, value, Qt.Key.Key_Return)  # on to the reason
    type_text(QApplication.focusWidget(), "promotion")
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert f"discount {typed!r}" in shown_message(dialog)
    assert words in shown_message(dialog)
    assert till.total_label.text() == "฿1,850.00"  # no discount was given


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("NaN", "quantity 'NaN' is not a number"),
        ("1e30", "quantity '1e30' is written with an exponent: write it in plain digits"),
        ("100000", "quantity '100000' is more than 99,999.00"),
        ("1.2345", "quantity '1.2345' has more than 3 decimals"),
    ],
)
def test_the_quantity_dialog_refuses_hostile_quantities(
    qtbot: QtBot, till: TillWindow, typed: str, words: str
) -> None:
    till.set_language("en")
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F3)
    dialog = modal(qtbot, "quantityDialog")
    retype(qtbot, line_edit(dialog, "quantityField"), typed)
    assert dialog.isVisible()
    assert shown_message(dialog) == words
    assert [line.quantity for line in till.cart] == [Decimal(1)]


def test_a_price_override_refuses_infinity(qtbot: QtBot, till: TillWindow) -> None:
    till.set_language("en")
    scan_and_wait(qtbot, till, TEA)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    dialog = modal(qtbot, "priceDialog")
    retype(qtbot, line_edit(dialog, "priceField"), "Infinity")
    assert shown_message(dialog) == "price 'Infinity' is not a number"
    retype(qtbot, line_edit(dialog, "priceField"), "1e30")
    assert (
        shown_message(dialog)
        == "price '1e30' is written with an exponent: write it in plain digits"
    )
    assert [line.unit_price for line in till.cart] == [Decimal("120.00")]


@pytest.mark.parametrize("keys", ["Ctrl+I", "Ctrl+O"])
@pytest.mark.parametrize(("typed", "words"), HOSTILE[:5])
def test_paid_in_and_out_refuse_hostile_amounts(
    qtbot: QtBot, till: TillWindow, keys: str, typed: str, words: str
) -> None:
    till.set_language("en")
    qtbot.keyClick(
        till.scan_field,
        Qt.Key.Key_I if keys == "Ctrl+I" else Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier,
    )
    dialog = modal(qtbot, "cashMoveDialog")
    amount = line_edit(dialog, "cashAmountField")
    qtbot.keyClicks(amount, typed)
    key(qtbot, amount, Qt.Key.Key_Return)  # on to the reason
    reason = line_edit(dialog, "cashReasonField")
    type_text(reason, "ice")
    key(qtbot, reason, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert shown_message(dialog).startswith(f"amount {typed!r} ")
    assert words in shown_message(dialog)
    shifts, actor = till.ctx.shifts, till.actor
    assert shifts is not None
    assert actor is not None
    cash = shifts.x_report(actor).cash
    assert (cash.paid_in, cash.paid_out) == (Decimal(0), Decimal(0))  # nothing was moved


def test_the_opening_float_refuses_nan(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store, logged_in=False) as till:
        till.set_language("en")
        log_in(qtbot, till, "cashier", "1111")
        dialog = modal(qtbot, "openShiftDialog")
        retype(qtbot, line_edit(dialog, "floatField"), "NaN")
        assert shown_message(dialog) == "float 'NaN' is not a number"
        assert till.shift_open is False
        retype(qtbot, line_edit(dialog, "floatField"), "1000")
        back_to_scanning(qtbot, till)
        qtbot.waitUntil(lambda: till.shift_open is True, timeout=5_000)


def test_a_refund_quantity_of_1e30_is_refused_naming_its_line(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, "2*" + TEA)
    pay_cash_exact(qtbot, till)
    receipt = till.last_receipt
    assert receipt is not None
    till.set_language("en")
    qtbot.keyClick(till.scan_field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "refundDialog")
    number = line_edit(dialog, "refundReceipt")
    qtbot.keyClicks(number, receipt.receipt_no)
    key(qtbot, number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "refundQty1") is not None, timeout=5_000)
    qty = line_edit(dialog, "refundQty1")
    qty.selectAll()
    qtbot.keyClicks(qty, "1e30")
    reason = line_edit(dialog, "refundReason")
    reason.setFocus()
    type_text(reason, "damaged box")
    key(qtbot, reason, Qt.Key.Key_Return)
    assert shown_message(dialog) == (
        "Line 1: quantity '1e30' is written with an exponent: write it in plain digits"
    )
    assert dialog.isVisible()
    returns = till.ctx.returns
    assert returns is not None
    assert returns.find(receipt.receipt_no).lines[0].quantity_returnable == Decimal(2)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(max_size=50),
        st.text(alphabet="0123456789.,-+eE฿ ๑๒%", max_size=30),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    )
)
def test_every_typed_text_is_a_number_the_till_holds_or_a_plain_refusal(text: str) -> None:
    """What the dialogs' fields rest on (no widget needed): read_number never raises
    anything but the parser's AmountError, and what it returns fits a money column."""
    for places, maximum in ((2, MAX_AMOUNT), (QUANTITY_PLACES, MAX_QUANTITY)):
        try:
            value = read_number(text, places=places, maximum=maximum)
        except AmountError:
            continue  # a plain refusal, in the words the dialog tests check
        if value is not None:
            assert value.is_finite()
            assert abs(value) <= maximum
            assert value == value.quantize(Decimal(1).scaleb(-places))
