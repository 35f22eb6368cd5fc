"""The last sale's change leaves the panel once something else happens (a refund, an X report,
the shift closed, the next sale's first scan); "sale cancelled" goes with the next scan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    SILK,
    TEA,
    approve,
    back_to_scanning,
    key,
    modal,
    scan_and_wait,
    type_text,
)
from tests.ui.test_shift_report_printing import close_shift_counted
from ui.till.window import TillWindow

CHANGE = "เงินทอน ฿80.00"


def panel_text(till: TillWindow) -> str:
    """What the last-line panel shows (its hidden labels left out)."""
    panel = till.last_line
    labels = (panel.caption, panel.name, panel.secondary, panel.detail, panel.price,
              panel.change)
    return " ".join(label.text() for label in labels if not label.isHidden())


def sell_tea_for_200(qtbot: QtBot, till: TillWindow) -> str:
    """TEA (120.00) paid with a 200 note: ฿80.00 change on the panel. Returns the receipt no."""
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    cash = dialog.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    qtbot.keyClicks(cash, "200")  # replaces the exact amount, which is selected
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.last_receipt is not None and not till.busy, timeout=10_000)
    back_to_scanning(qtbot, till)
    assert CHANGE in panel_text(till)
    receipt = till.last_receipt
    assert receipt is not None
    return receipt.receipt_no


def test_an_x_report_takes_the_last_sales_change_off_the_panel(
    qtbot: QtBot, till: TillWindow
) -> None:
    sell_tea_for_200(qtbot, till)
    key(qtbot, till.scan_field, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: till.receipt_preview is not None
                    and "รายงาน X" in till.receipt_preview.text, timeout=5_000)
    assert "เงินทอน" not in panel_text(till)
    assert "80.00" not in panel_text(till)


def test_a_refund_takes_the_last_sales_change_off_the_panel(
    qtbot: QtBot, till: TillWindow
) -> None:
    receipt_no = sell_tea_for_200(qtbot, till)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "refundDialog")
    number = dialog.findChild(QLineEdit, "refundReceipt")
    assert number is not None
    qtbot.keyClicks(number, receipt_no)
    key(qtbot, number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "refundQty1") is not None, timeout=5_000)
    reason = dialog.findChild(QLineEdit, "refundReason")
    assert reason is not None
    assert QApplication.focusWidget() is reason
    type_text(reason, "damaged box")
    key(qtbot, reason, Qt.Key.Key_Return)
    approve(qtbot, "damaged box")
    qtbot.waitUntil(lambda: "R-000001" in till.message, timeout=10_000)
    assert "เงินทอน" not in panel_text(till)


def test_closing_the_shift_takes_the_last_sales_change_off_the_panel(
    qtbot: QtBot, till: TillWindow
) -> None:
    sell_tea_for_200(qtbot, till)
    close_shift_counted(qtbot, till)  # 120.00 taken: the drawer is right
    assert "เงินทอน" not in panel_text(till)


def test_the_next_sales_first_scan_takes_the_change_off_the_panel(
    qtbot: QtBot, till: TillWindow
) -> None:
    sell_tea_for_200(qtbot, till)
    scan_and_wait(qtbot, till, SILK)
    assert "เงินทอน" not in panel_text(till)
    assert "ผ้าไหม" in panel_text(till)


def test_sale_cancelled_goes_with_the_next_scan(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, SILK)
    key(qtbot, till.scan_field, Qt.Key.Key_F9)
    key(qtbot, modal(qtbot, "confirmCancel"), Qt.Key.Key_Return)
    approve(qtbot, "customer changed their mind")
    qtbot.waitUntil(lambda: till.cart.is_empty)
    back_to_scanning(qtbot, till)
    assert till.message == "ยกเลิกบิลแล้ว"

    scan_and_wait(qtbot, till, TEA)  # a new sale: the banner is not about it
    assert till.message == ""
    assert len(till.cart) == 1
