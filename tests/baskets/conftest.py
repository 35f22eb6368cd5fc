"""Basket fixtures: a shop with packaging, four templates and a clock on 27 Nov 2026."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app.bootstrap import Store, open_store
from pos.domain.basket import BasketTemplate
from pos.domain.payment import cash_tender
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from pos.services.baskets import Baskets
from pos.services.checkout import Checkout
from pos.services.demo import load_demo_store
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock

DATA = Path(__file__).resolve().parent / "data"


def open_basket_store(url: str, settings: Settings) -> Store:
    store = open_store(url, settings)
    load_demo_store(store.uow, settings, store.terminal.terminal_id, DATA)
    return store


@pytest.fixture
def strict_settings() -> Settings:
    return replace(Settings(), allow_negative_stock=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def shop(migrated_db_url: str, strict_settings: Settings) -> Iterator[Store]:
    store = open_basket_store(migrated_db_url, strict_settings)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def checkout(shop: Store, clock: FixedClock) -> Checkout:
    return Checkout(shop.uow, shop.settings, shop.terminal, clock)


@pytest.fixture
def baskets(shop: Store, clock: FixedClock) -> Baskets:
    return Baskets(shop.uow, shop.settings, shop.terminal, clock)


def stock(store: Store, sku: str) -> Decimal:
    with store.uow() as uow:
        product = uow.catalog.product_by_sku(sku)
        assert product is not None, sku
        return uow.catalog.stock_on_hand([product.product_id])[product.product_id]


def template(baskets: Baskets, code: str) -> BasketTemplate:
    return next(c.template for c in baskets.choices() if c.template.code == code)


def pay_cash(checkout: Checkout, cart: object) -> Receipt:
    from pos.domain.cart import Cart

    assert isinstance(cart, Cart)
    due = cart.totals().total
    return checkout.complete(cart, [cash_tender(due, due)], actor=seller(checkout))
