"""Shift+F4: a new unit price for the selected cart line; a manager approves it at payment."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db import models as m
from pos.app.bootstrap import Store
from tests.ui.conftest import SILK, TEA, approve, back_to_scanning, key, modal, scan_and_wait
from ui.till.window import TillWindow


def _type_price(qtbot: QtBot, till: TillWindow, price: str) -> QLineEdit:
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    dialog = modal(qtbot, "priceDialog")
    field = dialog.findChild(QLineEdit, "priceField")
    assert field is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    qtbot.keyClicks(field, price)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field


def test_a_cashier_overrides_a_line_price_and_a_manager_approves_it_at_payment(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    till.set_language("en")
    scan_and_wait(qtbot, till, SILK)  # 1,850.00
    scan_and_wait(qtbot, till, TEA)  # 120.00, the selected line
    tea_sku = till.model.line(till.selected_row()).product.sku
    assert till.model.line(till.selected_row()).unit_price == Decimal("120.00")

    _type_price(qtbot, till, "0")
    dialog = modal(qtbot, "priceDialog")
    assert dialog.findChild(QLabel, "dialogMessage").text() == "Type a price more than zero"
    field = dialog.findChild(QLineEdit, "priceField")
    assert field is not None
    field.selectAll()
    qtbot.keyClicks(field, "99.50")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    assert till.cart.totals().total == Decimal("1949.50")
    assert [ln.unit_price for ln in till.cart] == [Decimal("1850.00"), Decimal("99.50")]

    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    approval = modal(qtbot, "approvalDialog")
    title = approval.windowTitle() + approval.findChild(QLabel, "dialogTitle").text()
    assert "override a price" in title
    approve(qtbot, "dented box")
    payment = modal(qtbot, "paymentDialog")
    cash = payment.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
    receipt = till.last_receipt
    assert receipt is not None
    assert receipt.total == Decimal("1949.50")

    with store.uow() as read:
        session = read.session  # type: ignore[attr-defined]
        sale = session.scalars(select(m.Sale).where(m.Sale.receipt_no == receipt.receipt_no)).one()
        prices = session.scalars(
            select(m.SaleLine.unit_price).where(m.SaleLine.sale_id == sale.id)
            .order_by(m.SaleLine.line_no)
        ).all()  # fmt: skip
        [audit] = session.scalars(
            select(m.Approval).where(m.Approval.action == "price_override")
        ).all()
        audited = (audit.requested_name, audit.approved_name, audit.reason, audit.ref)
    assert prices == [Decimal("1850.00"), Decimal("99.50")]
    # the approval names who asked, who approved, why, and the line whose price was typed
    assert audited == ("สมใจ (แคชเชียร์)", "วิชัย (ผู้จัดการ)", "dented box", tea_sku)


def test_the_price_key_needs_a_line(qtbot: QtBot, till: TillWindow) -> None:
    till.set_language("en")
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.activeModalWidget() is None
    assert "Select a line first" in till.message
