"""The till's refund dialog gives back part of a cancelled booking's deposit by an amount the
cashier types: the cancellation rule's refusal shown in Thai, more than what is left refused
in the dialog, then the rule's amount refunded with the manager's approval."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from pos.ports.rooms import Customer
from tests.ui.conftest import approve, back_to_scanning, key, modal, type_text
from tests.ui.rooms_setup import NOW, SetClock, set_up_room
from tests.ui.test_login_shift import pay_cash_exact
from tests.ui.test_typed_amounts import shown_message
from ui.till.window import TillWindow


def _field(dialog: Any, name: str) -> QLineEdit:
    w = dialog.findChild(QLineEdit, name)
    assert w is not None, name
    return w


def _total(dialog: Any) -> str:
    label = dialog.findChild(QLabel, "refundTotal")
    assert label is not None
    return str(label.text())


def test_part_of_a_deposit_is_refunded_by_a_typed_amount_within_the_rule(
    qtbot: QtBot, till: TillWindow
) -> None:
    services: Any = till.ctx.back_office
    manager = services.auth.login("manager", "9999")
    room = set_up_room(services, manager, SetClock())  # 50 % back within 24 h of the start
    start = NOW.replace(minute=0) + timedelta(hours=3)  # 13:00 today: 2 h, deposit 200.00
    booking = services.rooms.book(room.id, start, start + timedelta(hours=2),
                                  Customer("สมหญิง ใจดี", "0812345678"), actor=manager)  # fmt: skip

    # the deposit paid at the till: Ctrl+M, the booking picked, cash
    qtbot.keyClick(till.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    picker = modal(qtbot, "bookingPickDialog")
    listing = picker.findChild(QListWidget, "bookingPickList")
    assert listing is not None
    qtbot.waitUntil(lambda: listing.count() >= 1, timeout=10_000)
    type_text(QApplication.focusWidget(), "สมหญิง")
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart.lines) == 1, timeout=10_000)
    pay_cash_exact(qtbot, till)
    receipt = till.last_receipt
    assert receipt is not None
    assert receipt.total == Decimal("200.00")
    assert services.rooms.cancel(booking.booking_no, manager, "plans changed").refund_due == (
        Decimal("100.00")
    )
    back_to_scanning(qtbot, till)

    # Ctrl+R: the booking's line offers an amount, all of what was paid to start
    qtbot.keyClick(till.scan_field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "refundDialog")
    number = _field(dialog, "refundReceipt")
    qtbot.keyClicks(number, receipt.receipt_no)
    key(qtbot, number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "refundAmount1") is not None, timeout=5_000)
    assert dialog.findChild(QLineEdit, "refundQty1") is None
    available = QGuiApplication.primaryScreen().availableGeometry()  # with its lines shown
    assert dialog.frameGeometry().width() <= min(1366, available.width())
    assert dialog.frameGeometry().height() <= min(768, available.height())
    amount = _field(dialog, "refundAmount1")
    assert amount.text() == "200.00"
    assert "คืนเงินได้ ฿200.00 จาก ฿200.00" in [w.text() for w in dialog.findChildren(QLabel)]
    assert _total(dialog) == "ยอดคืนเงิน: ฿200.00"
    reason = _field(dialog, "refundReason")
    assert QApplication.focusWidget() is reason
    type_text(reason, "ยกเลิกการจอง")
    key(qtbot, reason, Qt.Key.Key_Return)
    approve(qtbot, "ยกเลิกการจอง")  # a cashier's refund: the manager's PIN
    # the whole deposit is more than the rule gives back: the rooms hook's words, in Thai
    qtbot.waitUntil(lambda: "ตามเงื่อนไขการยกเลิก" in shown_message(dialog), timeout=10_000)
    assert "ได้ 100.00 บาท" in shown_message(dialog)
    assert dialog.isVisible()

    # more than what is left is refused in the dialog, naming the line
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    assert QApplication.focusWidget() is amount  # the amount to fix has the keyboard
    assert amount.selectedText() == "200.00"  # selected, to type over
    qtbot.keyClicks(amount, "250")
    key(qtbot, amount, Qt.Key.Key_Return)
    assert shown_message(dialog) == "รายการที่ 1: จำนวนเงินที่คืน '250' เกิน 200.00"
    assert QApplication.focusWidget() is amount  # selected, to type over
    qtbot.keyClicks(amount, "100.00")
    assert _total(dialog) == "ยอดคืนเงิน: ฿100.00"
    key(qtbot, amount, Qt.Key.Key_Return)
    approve(qtbot, "ยกเลิกการจอง")
    qtbot.waitUntil(lambda: "KK01-R-000001" in till.message, timeout=10_000)
    assert "฿100.00" in till.message

    returns = till.ctx.returns
    assert returns is not None
    [left] = returns.find(receipt.receipt_no).lines
    assert (left.amount_refundable, left.quantity_returnable) == (Decimal("100.00"), Decimal("0.5"))
    assert services.rooms.booking(booking.booking_no).refunded == Decimal("100.00")
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.receipt_no == "KK01-R-000001", timeout=5_000)
    assert "คืนเงิน ฿100.00 จาก ฿200.00" in " ".join(preview.text.split())
