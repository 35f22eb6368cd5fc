"""The refund dialog of a sale of many lines: it stays on a 1366x768 screen (its lines scroll)
and Tab goes down the quantities in the order they are shown, then to the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    BALM,
    DINO,
    SAUSAGE,
    SILK,
    TEA,
    back_to_scanning,
    key,
    modal,
    rice_label,
    scan_and_wait,
)
from ui.till.window import TillWindow

SCREEN_H, TITLE_BAR = 768, 30


def test_a_refund_of_one_line_of_fourteen_fits_the_screen_and_tabs_in_order(
    qtbot: QtBot, till: TillWindow
) -> None:
    codes = [SILK, TEA, SAUSAGE, DINO, BALM] + [rice_label(f"0.{n}50") for n in range(1, 10)]
    for code in codes:  # each weighed bag of rice is a line of its own
        scan_and_wait(qtbot, till, code)
    assert len(till.cart) == 14
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    pay = modal(qtbot, "paymentDialog")
    key(qtbot, QApplication.focusWidget() or pay, Qt.Key.Key_Return)  # the exact cash
    qtbot.waitUntil(lambda: till.cart.is_empty and till.last_receipt is not None, timeout=10_000)
    back_to_scanning(qtbot, till)
    receipt = till.last_receipt
    assert receipt is not None
    qtbot.keyClick(till.scan_field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "refundDialog")
    number = dialog.findChild(QLineEdit, "refundReceipt")
    assert number is not None
    qtbot.keyClicks(number, receipt.receipt_no)
    key(qtbot, number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "refundQty14") is not None, timeout=5_000)
    qtbot.wait(50)
    for hint in (dialog.minimumSizeHint(), dialog.sizeHint()):
        assert hint.height() + TITLE_BAR <= SCREEN_H, hint
    lines = dialog.findChild(QScrollArea, "refundLines")
    assert lines is not None
    assert lines.verticalScrollBar().maximum() > 0  # the fourteen lines scroll in their list
    ok = dialog.findChild(QPushButton, "refundDialogOk")
    assert ok is not None
    assert ok.isVisible()
    # Tab from the receipt number goes down the lines' quantities, then to the reason
    number.setFocus()
    order = []
    for _ in range(15):
        key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == [f"refundQty{n}" for n in range(1, 15)] + ["refundReason"]
    # only the silk comes back: the other thirteen quantities set to 0 from the keyboard
    number.setFocus()
    key(qtbot, number, Qt.Key.Key_Tab)
    for _ in range(13):
        key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Tab)
        field = QApplication.focusWidget()
        assert isinstance(field, QLineEdit)
        field.selectAll()
        qtbot.keyClicks(field, "0")
        assert (
            lines.viewport().rect().intersects(field.geometry().translated(lines.widget().pos()))
        )  # the line being typed is scrolled into view
    total = dialog.findChild(QLabel, "refundTotal")
    assert total is not None
    assert total.text() == "ยอดคืนเงิน: ฿1,850.00"
