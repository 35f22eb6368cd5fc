"""Stock tests: the small catalogue on SQLite and PostgreSQL, a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Actor
from pos.domain.payment import cash_tender
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.stock import StockDesk
from tests.helpers.selling import PlainTestHasher, cashier_on_shift
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import build_small_store


class StepClock:
    """A clock that moves one minute each time it is read (documents and sales in order)."""

    def __init__(self) -> None:
        # after the catalogue's opening stock, which was written at the wall clock's time
        self.current = datetime.now(UTC)

    def now(self) -> datetime:
        self.current += timedelta(minutes=1)
        return self.current


@dataclass
class Shop:
    store: Store
    clock: StepClock
    auth: Auth
    desk: StockDesk
    checkout: Checkout
    cashier: Actor
    labels: Actor
    manager: Actor

    def product(self, sku: str) -> str:
        return self.desk.find_product(sku).product_id

    def on_hand(self, sku: str) -> Decimal:
        pid = self.product(sku)
        with self.store.uow() as read:
            return read.catalog.stock_on_hand([pid])[pid]

    def sell(self, *codes: str) -> Receipt:
        cart = self.checkout.new_cart()
        for code in codes:
            self.checkout.add_to_cart(cart, self.checkout.lookup(code))
        due = cart.totals().total
        return self.checkout.complete(cart, [cash_tender(due, due)], actor=self.cashier)


def open_shop(url: str, settings: Settings | None = None) -> Shop:
    settings = settings or Settings()
    store = open_store(url, settings)
    clock = StepClock()
    auth = Auth(store.uow, settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    cashier = cashier_on_shift(store.uow, settings, store.terminal, clock)
    desk = StockDesk(store.uow, settings, store.terminal, clock, auth)
    checkout = Checkout(store.uow, settings, store.terminal, clock, auth=auth)
    return Shop(store, clock, auth, desk, checkout, cashier, auth.login("labels", "2222"),
                auth.login("manager", "9999"))  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shop(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> Iterator[Shop]:
    url = fresh_database(str(request.param), "small", build_small_store)
    opened = open_shop(url)
    try:
        yield opened
    finally:
        opened.store.close()
