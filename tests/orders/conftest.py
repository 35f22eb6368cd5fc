"""Orders fixtures: the small catalogue on a real database, the orders services (the web's and
the staff's) on a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.slips import DirectorySlipStore
from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Actor
from pos.domain.orders import CustomerDetails, customer_details
from pos.domain.settings import Settings
from pos.services.auth import Auth
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from tests.helpers.selling import PlainTestHasher
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock, build_small_store


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def small_store_url(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> str:
    return fresh_database(str(request.param), "small", build_small_store)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def store(small_store_url: str, settings: Settings) -> Iterator[Store]:
    opened = open_store(small_store_url, settings)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def orders(store: Store, settings: Settings, clock: FixedClock, tmp_path: Path) -> Orders:
    return Orders(store.uow, settings, clock, DirectorySlipStore(tmp_path / "slips"))


@pytest.fixture
def order_desk(store: Store, settings: Settings, clock: FixedClock) -> OrderDesk:
    return OrderDesk(store.uow, settings, clock)


def delivery(**over: Any) -> CustomerDetails:
    form: dict[str, Any] = {
        "name": "สมชาย ใจดี", "phone": "081-234-5678", "fulfilment": "delivery",
        "address_line": "99/1 ถนนมิตรภาพ", "subdistrict": "ในเมือง", "district": "เมืองขอนแก่น",
        "province": "ขอนแก่น", "postcode": "40000",
    }  # fmt: skip
    form.update(over)
    return customer_details(**form)


def pickup(**over: Any) -> CustomerDetails:
    form: dict[str, Any] = {"name": "Jane Doe", "phone": "+66 89 999 0000", "fulfilment": "pickup"}
    form.update(over)
    return customer_details(**form)


def staff(store: Store, clock: FixedClock, username: str, pin: str) -> Actor:
    """A demo user logged in on the store (manager 9999, labels 2222, cashier 1111)."""
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    auth.ensure_demo_users()
    return auth.login(username, pin)


@pytest.fixture
def manager(store: Store, clock: FixedClock) -> Actor:
    return staff(store, clock, "manager", "9999")


@pytest.fixture
def packer(store: Store, clock: FixedClock) -> Actor:
    return staff(store, clock, "labels", "2222")
