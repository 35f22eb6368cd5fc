"""The till's stock figure beside a scanned or found product, with what online orders hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos.domain.orders import OrderLineRequest, PaymentMethod, customer_details
from tests.ui.conftest import SILK, TEA, back_to_scanning, key, modal, scan_and_wait
from ui import format as fmt
from ui.find_dialog import FindDialog
from ui.till.window import TillWindow


def test_scanned_and_found_products_show_their_stock_and_what_is_reserved(
    qtbot: QtBot, till: TillWindow
) -> None:
    ctx = till.store.context
    assert ctx is not None
    assert ctx.orders is not None
    silk = ctx.checkout.lookup(SILK).product
    buyer = customer_details(name="Jane Doe", phone="0899990000", fulfilment="pickup")
    ctx.orders.place(
        "till-reserved-01", buyer, [OrderLineRequest("product", silk.sku, 2)],
        PaymentMethod.AT_PICKUP,
    )  # fmt: skip
    on_hand = ctx.orders.stock_figures([silk.product_id])[silk.product_id].on_hand
    panel = till.last_line

    scan_and_wait(qtbot, till, SILK)
    want = panel.tr("In stock {n}").format(n=fmt.stock(on_hand))
    reserved = panel.tr("reserved {n}").format(n=2)
    qtbot.waitUntil(lambda: panel.stock.text() != "", timeout=5_000)
    assert panel.stock.text() == f"{want} · {reserved}"
    assert "จอง" in panel.stock.text()  # the till speaks Thai
    assert panel.stock.isVisible()

    scan_and_wait(qtbot, till, TEA)  # nobody reserved the tea: no "reserved" on its figure
    tea = ctx.checkout.lookup(TEA).product
    tea_on_hand = ctx.orders.stock_figures([tea.product_id])[tea.product_id].on_hand
    qtbot.waitUntil(
        lambda: panel.stock.text() == panel.tr("In stock {n}").format(n=fmt.stock(tea_on_hand)),
        timeout=5_000,
    )

    key(qtbot, till.scan_field, Qt.Key.Key_F2)
    dialog = modal(qtbot, "findDialog")
    assert isinstance(dialog, FindDialog)
    query = dialog.findChild(QLineEdit, "findQuery")
    assert query is not None
    assert QApplication.focusWidget() is query
    qtbot.keyClicks(query, silk.sku)
    assert dialog.results[0].sku == silk.sku
    qtbot.waitUntil(lambda: dialog.stock_text(0) != "", timeout=5_000)
    in_brackets = dialog.tr("(reserved {n})").format(n=2)
    assert dialog.stock_text(0) == f"{fmt.stock(on_hand)} {in_brackets}"
    assert "จอง" in dialog.stock_text(0)
    key(qtbot, query, Qt.Key.Key_Escape)
    back_to_scanning(qtbot, till)
