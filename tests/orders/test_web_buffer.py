"""A product's own web safety buffer: kept back from the web shop, else the shop's setting."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import OrderLineRequest, OutOfStockOnline, PaymentMethod
from pos.domain.settings import Settings
from pos.ports.stock import StockMove
from pos.services.orders import Orders
from pos.services.products import ProductFieldError, Products, draft_of
from tests.integration.conftest import FixedClock
from tests.orders.conftest import pickup

SILK, TEA = "SILK-001", "TEA-001"


def set_on_hand(store: Store, clock: FixedClock, sku: str, pieces: int) -> str:
    """Bring the product's stock to `pieces` with one movement; its id."""
    with store.uow(write=True) as work:
        product = work.catalog.product_by_sku(sku)
        assert product is not None
        pid = product.product_id
        have = work.catalog.stock_on_hand([pid])[pid]
        move = StockMove(pid, Decimal(pieces) - have, "adjustment", "test")
        work.baskets.add_movements([move], store.terminal.terminal_id, clock.now())
        work.commit()
    return pid


def set_buffer(store: Store, clock: FixedClock, manager: Actor, sku: str, text: str) -> Products:
    products = Products(store.uow, store.settings, clock)
    products.edit(manager, sku, replace(draft_of(products.get(sku)), web_safety_buffer=text))
    return products


def test_a_buffer_of_3_on_5_shows_2_on_the_web_and_refuses_3(
    orders: Orders, store: Store, clock: FixedClock, manager: Actor
) -> None:
    silk = set_on_hand(store, clock, SILK, 5)
    products = set_buffer(store, clock, manager, SILK, "3")
    assert products.get(SILK).web_safety_buffer == 3
    shown = orders.product(SILK)
    assert shown is not None
    assert shown.available == 2
    assert orders.availability([silk]) == {silk: 2}
    with pytest.raises(OutOfStockOnline) as short:
        orders.place("key-buffer-3", pickup(), [OrderLineRequest("product", SILK, 3)],
                     PaymentMethod.AT_PICKUP)  # fmt: skip
    assert short.value.available == {SILK: 2}
    assert "only 2 left" in short.value.message_en
    orders.place("key-buffer-2", pickup(), [OrderLineRequest("product", SILK, 2)],
                 PaymentMethod.AT_PICKUP)  # fmt: skip
    stock = products.web_stock(SILK)  # what the product's page shows
    assert (stock.on_hand, stock.reserved, stock.buffer, stock.own_buffer) == (5, 2, 3, True)
    assert stock.available == 0 == orders.availability([silk])[silk]


def test_the_shops_setting_applies_when_the_field_is_empty(
    store: Store, clock: FixedClock, manager: Actor
) -> None:
    shop = Settings(web_safety_buffer=4)
    orders = Orders(store.uow, shop, clock)
    silk = set_on_hand(store, clock, SILK, 5)
    tea = set_on_hand(store, clock, TEA, 5)
    set_buffer(store, clock, manager, TEA, "0")  # its own 0: nothing kept back
    assert orders.availability([silk, tea]) == {silk: 1, tea: 5}
    products = Products(store.uow, shop, clock)
    assert products.get(SILK).web_safety_buffer is None
    silk_stock = products.web_stock(SILK)
    assert (silk_stock.buffer, silk_stock.own_buffer, silk_stock.available) == (4, False, 1)
    set_buffer(store, clock, manager, TEA, "")  # emptied: the shop's setting again
    assert products.get(TEA).web_safety_buffer is None
    assert orders.availability([tea]) == {tea: 1}


@pytest.mark.parametrize("typed", ["abc", "-1", "2.5", "10001", "๓"])
def test_a_buffer_that_is_not_a_count_of_pieces_is_refused(
    store: Store, clock: FixedClock, manager: Actor, typed: str
) -> None:
    with pytest.raises(ProductFieldError) as refused:
        set_buffer(store, clock, manager, SILK, typed)
    assert refused.value.field == "web_safety_buffer"
    assert Products(store.uow, store.settings, clock).get(SILK).web_safety_buffer is None
