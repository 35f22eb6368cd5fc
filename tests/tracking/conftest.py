"""Tracking fixtures: shipped orders on the small store, a fake Thailand Post API, and the
tracking service on a clock the test moves."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

import pytest

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import OrderLineRequest, PaymentMethod
from pos.domain.shipping import s10_check_digit
from pos.ports.orders import OrderView
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.tracking import Tracking
from tests.fakes.thailandpost_api import FakeThailandPost
from tests.integration.conftest import FixedClock
from tests.orders import conftest as orders_fixtures
from tests.orders.conftest import delivery
from web.carriers.thailandpost import ThailandPostTracking

# the orders tests' fixtures: the small store on SQLite and PostgreSQL, its staff, a clock
small_store_url = orders_fixtures.small_store_url
settings = orders_fixtures.settings
store = orders_fixtures.store
clock = orders_fixtures.clock
orders = orders_fixtures.orders
order_desk = orders_fixtures.order_desk
manager = orders_fixtures.manager
packer = orders_fixtures.packer

_serials = itertools.count(10_000_001)


def s10(prefix: str = "EX") -> str:
    """A new Thailand Post number with its right check digit."""
    serial = f"{next(_serials):08d}"
    return f"{prefix}{serial}{s10_check_digit(serial)}TH"


def shipped_order(
    orders: Orders, desk: OrderDesk, packer: Actor, manager: Actor, *, cod: bool = False
) -> OrderView:
    """An order placed, (paid,) picked, packed by scanning and shipped by Thailand Post EMS."""
    payment = PaymentMethod.COD if cod else PaymentMethod.PROMPTPAY
    key = f"track-{next(_serials)}"
    order = orders.place(key, delivery(), [OrderLineRequest("product", "TEA-001", 1)], payment)
    if not cod:
        desk.confirm_payment(order.order_no, manager)
    desk.start_picking(order.order_no, packer)
    desk.pack_scan(order.order_no, "TEA-001")
    desk.mark_packed(order.order_no, packer)
    return desk.ship(order.order_no, "thailand_post_ems", s10(), packer)


@pytest.fixture
def fake_api() -> Iterator[FakeThailandPost]:
    fake = FakeThailandPost().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def source(fake_api: FakeThailandPost, clock: FixedClock) -> Iterator[ThailandPostTracking]:
    adapter = ThailandPostTracking(fake_api.api_token, clock, fake_api.url)
    try:
        yield adapter
    finally:
        adapter.close()


@pytest.fixture
def tracking(
    store: Store, order_desk: OrderDesk, source: ThailandPostTracking, clock: FixedClock
) -> Tracking:
    return Tracking(store.uow, order_desk, [source], clock, timedelta(minutes=30))
