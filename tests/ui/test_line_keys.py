"""F3 on a cart line: the hint and the check follow how the product is sold (issue 13, item 11:
the hint always said "weight in kg, 3 decimals" and then 2.5 pieces were refused)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    SILK,
    back_to_scanning,
    key,
    modal,
    rice_label,
    scan_and_wait,
    type_text,
)
from ui.till.window import TillWindow


def _f3(qtbot: QtBot, till: TillWindow) -> tuple[QWidget, QLineEdit, str]:
    """F3 in the scan field with a line selected: the quantity dialog, its field and hint."""
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_F3)
    dialog = modal(qtbot, "quantityDialog")
    field = dialog.findChild(QLineEdit, "quantityField")
    hint = dialog.findChild(QLabel, "dialogHint")
    assert field is not None
    assert hint is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    return dialog, field, hint.text()


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_f3_on_a_piece_line_asks_for_whole_pieces(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, SILK)  # sold by the piece
    dialog, field, hint = _f3(qtbot, till)
    assert "จำนวน (ชิ้น)" in hint
    assert "กก." not in hint
    assert "kg" not in hint
    _type(qtbot, field, "2.5")
    message = dialog.findChild(QLabel, "dialogMessage")
    assert message is not None
    assert message.isVisible()
    assert "จำนวนเต็ม" in message.text()  # a whole number, in the cashier's language
    assert dialog.isVisible()  # nothing is lost: the dialog stays for the right number
    assert till.cart.lines[0].quantity == Decimal(1)
    _type(qtbot, field, "3")
    back_to_scanning(qtbot, till)
    assert till.cart.lines[0].quantity == Decimal(3)


def test_f3_on_a_weight_line_takes_kilograms(qtbot: QtBot, till: TillWindow) -> None:
    till.set_language("en")
    scan_and_wait(qtbot, till, rice_label("0.750"))  # sold by weight
    _dialog, field, hint = _f3(qtbot, till)
    assert "kg" in hint
    assert "3 decimals" in hint
    _type(qtbot, field, "0.375")
    back_to_scanning(qtbot, till)
    assert till.cart.lines[0].quantity == Decimal("0.375")
    assert till.cart.totals().total == Decimal("22.50")  # 60.00 a kg


def test_a_discount_above_the_limit_is_approved_with_the_reason_already_given(
    qtbot: QtBot, till: TillWindow
) -> None:
    """Issue 13, item 12: the reason was asked twice (the discount, then the approval)."""
    scan_and_wait(qtbot, till, SILK)
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_F4)
    dialog = modal(qtbot, "discountDialog")
    qtbot.keyClicks(QApplication.focusWidget(), "30%")
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)  # on to the reason
    type_text(QApplication.focusWidget(), "ลูกค้าประจำ")
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_F12)
    dialog = modal(qtbot, "approvalDialog")
    # the reason is shown as given, and there is no reason left to type
    reason = dialog.findChild(QLineEdit, "approvalReason")
    assert reason is not None
    assert reason.text() == "ลูกค้าประจำ"
    assert reason.isReadOnly()
    empty = [f.objectName() for f in dialog.findChildren(QLineEdit)
             if not f.isReadOnly() and not f.text()]
    assert empty == ["approvalUser", "approvalPin"]
    user = QApplication.focusWidget()
    assert user is dialog.findChild(QLineEdit, "approvalUser")
    qtbot.keyClicks(user, "manager")
    key(qtbot, user, Qt.Key.Key_Return)
    pin = QApplication.focusWidget()
    assert pin is dialog.findChild(QLineEdit, "approvalPin")
    qtbot.keyClicks(pin, "9999")
    key(qtbot, pin, Qt.Key.Key_Return)
    payment = modal(qtbot, "paymentDialog")
    cash = payment.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
    assert till.last_receipt is not None
    assert till.last_receipt.total == Decimal("1295.00")  # 1,850.00 less 30%
    auth = till.ctx.auth
    assert auth is not None
    (row,) = auth.approvals(auth.login("manager", "9999"))
    assert (row.action, row.reason) == ("discount_over_limit", "ลูกค้าประจำ")
