"""Paying: cash with change, PromptPay QR, split tenders, card; the sale in the database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.domain.errors import StoreUnavailable
from pos.domain.money import vat_included
from pos.domain.sale import Receipt
from tests.helpers.crc import crc16_ccitt_false, tlv_dict
from tests.ui.conftest import (
    DINO,
    SAUSAGE,
    SILK,
    TEA,
    back_to_scanning,
    key,
    modal,
    rice_label,
    scan,
    scan_and_wait,
    type_text,
)
from ui.payment_dialog import PaymentDialog
from ui.till.window import TillWindow


def open_payment(qtbot: QtBot, till: TillWindow) -> PaymentDialog:
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    assert isinstance(dialog, PaymentDialog)
    return dialog


def field(dialog: PaymentDialog, name: str) -> QLineEdit:
    w = dialog.findChild(QLineEdit, name)
    assert w is not None, name
    return w


def button(dialog: PaymentDialog, name: str) -> QPushButton:
    w = dialog.findChild(QPushButton, name)
    assert w is not None, name
    return w


def saved(store: Store, number: str) -> Receipt:
    with store.uow() as uow:
        receipt = uow.sales.receipt(number)
    assert receipt is not None, f"receipt {number} is not in the database"
    return receipt


def wait_for_sale(qtbot: QtBot, till: TillWindow) -> Receipt:
    qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    assert preview.objectName() == "receiptPreview"
    receipt = till.last_receipt
    assert receipt is not None
    return receipt


def test_cash_sale_with_change_is_saved_then_previewed(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    scan(qtbot, till, SILK)
    scan(qtbot, till, "3*" + TEA)
    scan(qtbot, till, SAUSAGE)
    scan(qtbot, till, SILK)
    scan(qtbot, till, rice_label("0.750"))
    qtbot.waitUntil(lambda: len(till.cart) == 4 and not till.busy)

    dialog = open_payment(qtbot, till)
    assert dialog.due == Decimal("4190.00")
    amount_due = dialog.findChild(QLabel, "amountDue")
    assert amount_due is not None
    assert amount_due.text() == "฿4,190.00"
    cash = field(dialog, "cashTendered")
    assert QApplication.focusWidget() is cash
    assert cash.selectedText() == "4190.00"  # typing replaces the exact amount
    # quick buttons: exact and round notes
    quick = [button(dialog, f"quickCash{i}").text() for i in range(3)]
    assert quick[0].endswith("4,190.00")
    assert quick[1] == "4,200.00"
    assert quick[2] == "4,500.00"
    qtbot.keyClicks(cash, "5000")
    change_preview = dialog.findChild(QLabel, "cashChangePreview")
    assert change_preview is not None
    assert "810.00" in change_preview.text()
    key(qtbot, cash, Qt.Key.Key_Return)

    receipt = wait_for_sale(qtbot, till)
    assert receipt.receipt_no == "KK01-00000001"
    # the cart is cleared for the next customer; the change stays on screen
    assert till.cart.is_empty
    assert till.total_label.text() == "฿0.00"
    change = till.findChild(QLabel, "changeDueLabel")
    assert change is not None
    assert change.isVisible()
    assert "810.00" in change.text()
    assert till.payment_dialog is None
    back_to_scanning(qtbot, till)

    db = saved(store, "KK01-00000001")
    assert [(ln.sku, ln.quantity, ln.total) for ln in db.lines] == [
        ("KK-SILK-001", Decimal("2.000"), Decimal("3700.00")),
        ("KK-TEA-001", Decimal("3.000"), Decimal("360.00")),
        ("KK-SAUS-001", Decimal("1.000"), Decimal("85.00")),
        ("KK-RICE-001", Decimal("0.750"), Decimal("45.00")),
    ]
    assert db.lines[3].vat_exempt
    assert db.lines[3].sold_by_weight
    assert db.total == Decimal("4190.00")
    assert db.vatable == Decimal("4145.00")
    assert db.exempt == Decimal("45.00")
    assert db.vat == vat_included(Decimal("4145.00")) == Decimal("271.17")
    assert [(p.kind, p.amount, p.tendered) for p in db.payments] == [
        ("cash", Decimal("4190.00"), Decimal("5000.00"))
    ]
    assert db.change == Decimal("810.00")
    preview = till.receipt_preview
    assert preview is not None
    assert "KK01-00000001" in preview.text
    assert "ผ้าไหมมัดหมี่ลายนาค" in preview.text
    assert preview.font().family() == "OTOP Sans"
    # a click on the preview must not leave the keyboard there (a scan would be lost)
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is till)
    back_to_scanning(qtbot, till)
    assert preview.isVisible()


def test_promptpay_qr_carries_the_amount_and_a_valid_crc(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)
    dialog = open_payment(qtbot, till)
    key(qtbot, dialog, Qt.Key.Key_F2)

    payload = dialog.promptpay_payload
    assert payload
    fields = tlv_dict(payload)
    assert fields["54"] == "370.00"
    assert fields["01"] == "12"
    assert fields["53"] == "764"
    assert fields["58"] == "TH"
    merchant = tlv_dict(fields["29"])
    assert merchant == {"00": "A000000677010111", "02": till.ctx.settings.promptpay_id}
    assert payload[-8:-4] == "6304"
    assert int(payload[-4:], 16) == crc16_ccitt_false(payload[:-4].encode("ascii"))
    qr = dialog.findChild(QLabel, "promptpayQr")
    assert qr is not None
    assert qr.isVisible()
    assert qr.pixmap().width() >= 300
    assert qr.pixmap().height() >= 300

    qtbot.mouseClick(button(dialog, "promptpayReceived"), Qt.MouseButton.LeftButton)
    receipt = wait_for_sale(qtbot, till)
    db = saved(store, receipt.receipt_no)
    assert [(p.kind, p.amount) for p in db.payments] == [("promptpay", Decimal("370.00"))]
    assert db.change == Decimal("0.00")
    assert db.vat == Decimal("24.21")


def test_split_tender_promptpay_part_then_cash(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)
    dialog = open_payment(qtbot, till)
    key(qtbot, dialog, Qt.Key.Key_F2)
    amount = field(dialog, "promptpayAmount")
    assert QApplication.focusWidget() is amount
    qtbot.keyClicks(amount, "200")  # replaces the prefilled 370.00
    payload = dialog.promptpay_payload
    assert tlv_dict(payload)["54"] == "200.00"
    assert int(payload[-4:], 16) == crc16_ccitt_false(payload[:-4].encode("ascii"))
    key(qtbot, amount, Qt.Key.Key_Return)  # the bank notification came: payment received

    assert dialog.remaining == Decimal("170.00")
    assert dialog.isVisible()
    assert till.last_receipt is None
    key(qtbot, dialog, Qt.Key.Key_F1)
    cash = field(dialog, "cashTendered")
    assert cash.text() == "170.00"
    qtbot.keyClicks(cash, "500")
    key(qtbot, cash, Qt.Key.Key_Return)

    receipt = wait_for_sale(qtbot, till)
    db = saved(store, receipt.receipt_no)
    assert [(p.kind, p.amount, p.tendered) for p in db.payments] == [
        ("promptpay", Decimal("200.00"), Decimal("200.00")),
        ("cash", Decimal("170.00"), Decimal("500.00")),
    ]
    assert db.change == Decimal("330.00")
    assert db.total == Decimal("370.00")


def test_card_needs_an_approval_code(qtbot: QtBot, till: TillWindow, store: Store) -> None:
    scan_and_wait(qtbot, till, SILK)
    dialog = open_payment(qtbot, till)
    key(qtbot, dialog, Qt.Key.Key_F3)
    reference = field(dialog, "cardReference")
    assert QApplication.focusWidget() is reference
    key(qtbot, reference, Qt.Key.Key_Return)
    assert dialog.message  # the approval code is required
    assert till.last_receipt is None
    qtbot.keyClicks(reference, "A12345")
    key(qtbot, reference, Qt.Key.Key_Return)

    receipt = wait_for_sale(qtbot, till)
    db = saved(store, receipt.receipt_no)
    assert [(p.kind, p.amount, p.reference) for p in db.payments] == [
        ("card", Decimal("1850.00"), "A12345")
    ]


def test_pay_right_after_a_scan_waits_for_the_scan(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    scan(qtbot, till, TEA)  # no waiting: F12 follows the scanner's Enter at once
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    assert isinstance(dialog, PaymentDialog)
    assert dialog.due == Decimal("1970.00")


def test_empty_cart_cannot_be_paid(qtbot: QtBot, till: TillWindow) -> None:
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    assert till.message_kind == "error"
    assert till.payment_dialog is None
    assert QApplication.activeModalWidget() is None


def test_failed_commit_keeps_the_cart_and_the_tenders(
    qtbot: QtBot, till: TillWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_and_wait(qtbot, till, TEA)
    checkout = till.ctx.checkout
    real = checkout.complete
    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> Receipt:
        calls.append(1)
        if len(calls) == 1:
            raise StoreUnavailable("The sale could not be saved: disk I/O error",
                                   "บันทึกข้อมูลไม่สำเร็จ: disk I/O error")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checkout, "complete", flaky)
    dialog = open_payment(qtbot, till)
    cash = field(dialog, "cashTendered")
    qtbot.keyClicks(cash, "500")
    key(qtbot, cash, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: "บันทึกข้อมูลไม่สำเร็จ" in dialog.message, timeout=5_000)
    assert dialog.isVisible()
    assert not dialog.committing
    assert [(t.kind.value, t.amount, t.handed) for t in dialog.tenders] == [
        ("cash", Decimal("120.00"), Decimal("500.00"))
    ]
    assert [line.product.sku for line in till.cart] == ["KK-TEA-001"]
    with store.uow() as uow:
        assert uow.sales.count() == 0

    key(qtbot, dialog, Qt.Key.Key_Return)  # save again
    receipt = wait_for_sale(qtbot, till)
    assert receipt.receipt_no == "KK01-00000001"
    assert saved(store, "KK01-00000001").change == Decimal("380.00")


def test_back_to_sale_keeps_payments_taken(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)
    dialog = open_payment(qtbot, till)
    cash = field(dialog, "cashTendered")
    qtbot.keyClicks(cash, "100")
    key(qtbot, cash, Qt.Key.Key_Return)
    assert dialog.remaining == Decimal("270.00")
    key(qtbot, dialog, Qt.Key.Key_Escape)
    back_to_scanning(qtbot, till)

    dialog = open_payment(qtbot, till)
    assert dialog.remaining == Decimal("270.00")
    assert len(dialog.tenders) == 1
    # the rest paid: a till is never closed away with payments taken (they would be lost)
    cash = field(dialog, "cashTendered")
    qtbot.keyClicks(cash, "270")
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.last_receipt is not None and not till.busy)


def test_discounts_need_a_reason_and_reach_the_receipt(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    scan_and_wait(qtbot, till, SILK)
    scan_and_wait(qtbot, till, TEA)  # selected: the tea line

    key(qtbot, till.scan_field, Qt.Key.Key_F4)
    dialog = modal(qtbot, "discountDialog")
    value = dialog.findChild(QLineEdit, "discountValue")
    assert value is not None
    assert QApplication.focusWidget() is value
    qtbot.keyClicks(value, "10%")
    percent = dialog.findChild(QRadioButton, "discountPercent")
    assert percent is not None
    assert percent.isChecked()
    key(qtbot, value, Qt.Key.Key_Return)  # on to the reason
    ok = dialog.findChild(QPushButton, "discountDialogOk")
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no reason yet: refused
    assert dialog.isVisible()
    assert dialog.message  # type: ignore[attr-defined]
    reason = dialog.findChild(QComboBox, "discountReason")
    assert reason is not None
    assert QApplication.focusWidget() is reason
    type_text(reason, "ลูกค้าประจำ")
    key(qtbot, reason, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    assert till.model.index(1, 4).data() == "-12.00"
    assert till.total_label.text() == "฿1,958.00"

    key(qtbot, till.scan_field, Qt.Key.Key_F4)
    dialog = modal(qtbot, "discountDialog")
    value = dialog.findChild(QLineEdit, "discountValue")
    assert value is not None
    key(qtbot, value, Qt.Key.Key_F2)
    whole = dialog.findChild(QRadioButton, "discountSale")
    assert whole is not None
    assert whole.isChecked()
    qtbot.keyClicks(value, "58")
    key(qtbot, value, Qt.Key.Key_Return)
    reason = dialog.findChild(QComboBox, "discountReason")
    assert reason is not None
    assert QApplication.focusWidget() is reason
    qtbot.keyClicks(reason, "Promotion")
    key(qtbot, reason, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    assert till.total_label.text() == "฿1,900.00"

    dialog = open_payment(qtbot, till)
    key(qtbot, field(dialog, "cashTendered"), Qt.Key.Key_Return)  # Enter = exact cash
    receipt = wait_for_sale(qtbot, till)
    db = saved(store, receipt.receipt_no)
    assert db.total == Decimal("1900.00")
    assert db.sale_discount == Decimal("58.00")
    assert db.sale_discount_reason == "Promotion"
    assert [(ln.sku, ln.discount, ln.discount_reason) for ln in db.lines] == [
        ("KK-SILK-001", Decimal("0.00"), ""),
        ("KK-TEA-001", Decimal("12.00"), "ลูกค้าประจำ"),
    ]
    assert db.change == Decimal("0.00")
