"""A product's page in the back office: its own web safety buffer typed into the real form,
and on hand, reserved by web orders and available to the web shown read-only beside it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from pos.domain.orders import OrderLineRequest, OutOfStockOnline, PaymentMethod
from pos.ports.stock import StockMove
from tests.backoffice import test_products_ui as office
from tests.backoffice.test_products_ui import open_back_office, open_form, press, products_page
from tests.helpers.selling import FastArgon2
from tests.orders.conftest import pickup
from tests.ui.conftest import type_text

store = office.store  # the till tests' demo store (SQLite), as a fixture here
DINO = "KK-DINO-001"  # no stars: the form saves it as it is


@pytest.fixture
def services(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))  # the orders' slips folder
    services = Services(store, queue_prints=False)
    services.auth.hasher = FastArgon2()
    return services


def set_on_hand(store: Store, sku: str, pieces: int) -> None:
    with store.uow(write=True) as work:
        product = work.catalog.product_by_sku(sku)
        assert product is not None
        pid = product.product_id
        have = work.catalog.stock_on_hand([pid])[pid]
        move = StockMove(pid, Decimal(pieces) - have, "adjustment", "test")
        work.baskets.add_movements([move], store.terminal.terminal_id, datetime.now(UTC))
        work.commit()


def figures(form: office.ProductForm) -> tuple[str, str, str]:
    return form.on_hand.text(), form.reserved.text(), form.web_available.text()


def test_the_product_page_keeps_3_of_5_back_and_shows_what_the_web_may_sell(
    qtbot: QtBot, services: Services, store: Store
) -> None:
    set_on_hand(store, DINO, 5)
    window = open_back_office(qtbot, services)
    page = products_page(window)
    qtbot.keyClicks(page.search, DINO)
    form = open_form(qtbot, page, Qt.Key.Key_Return)
    assert figures(form) == ("On hand: 5", "Reserved by web orders: 0", "Available to the web: 5")
    assert form.web_buffer.text() == ""  # the shop's setting (0)
    assert form.web_buffer.placeholderText() == "shop: 0"
    assert all(f.isVisible() for f in (form.on_hand, form.reserved, form.web_available))
    assert form.width() <= 1366
    assert form.height() <= 768
    form.web_buffer.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.web_buffer, timeout=5_000)
    type_text(form.web_buffer, "3")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.error.text() == ""
    qtbot.waitUntil(lambda: page.form is None, timeout=5_000)

    # the web shop sells 2 and refuses 3
    orders = services.orders
    shown = orders.product(DINO)
    assert shown is not None
    assert shown.available == 2
    with pytest.raises(OutOfStockOnline):
        orders.place("key-web-page-3", pickup(), [OrderLineRequest("product", DINO, 3)],
                     PaymentMethod.AT_PICKUP)  # fmt: skip
    orders.place("key-web-page-1", pickup(), [OrderLineRequest("product", DINO, 1)],
                 PaymentMethod.AT_PICKUP)  # fmt: skip

    form = open_form(qtbot, page, Qt.Key.Key_Return)
    assert form.web_buffer.text() == "3"
    assert figures(form) == ("On hand: 5", "Reserved by web orders: 1", "Available to the web: 1")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.form is None, timeout=5_000)
    window.close()
