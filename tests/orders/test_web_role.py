"""The web shop's PostgreSQL role: it can show the catalogue and place and expire orders, and
it cannot write a sale, a stock movement or a product."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from db.web_role import WEB_ROLE, grant_web_role
from pos.app.bootstrap import Store
from pos.domain.orders import OrderLineRequest, OrderStatus, PaymentMethod
from pos.domain.settings import Settings
from pos.services.orders import Orders
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock, build_small_store
from tests.orders.conftest import delivery

pytestmark = pytest.mark.pg


@pytest.fixture
def small_store_url(fresh_database: FreshDatabase) -> str:
    return fresh_database("pg", "small", build_small_store)


@pytest.fixture
def web_engine(store: Store, small_store_url: str) -> Iterator[Engine]:
    grant_web_role(store.engine)
    grant_web_role(store.engine)  # again: idempotent
    url = make_url(small_store_url).set(username=WEB_ROLE, password=None)
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()


def test_the_web_role_sells_online_only(
    web_engine: Engine, settings: Settings, clock: FixedClock
) -> None:
    with web_engine.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() == WEB_ROLE
    web = Orders(SqlUnitOfWorkFactory(web_engine), settings, clock)
    assert [p.sku for p in web.search("ไหม")] == ["SILK-001"]
    assert web.categories()
    tea = web.product("TEA-001")
    assert tea is not None
    assert tea.available == 40
    basket = web.basket("BK-NY")
    assert basket is not None
    order = web.place(
        "web-role-key-1", delivery(), [OrderLineRequest("product", "TEA-001", 3),
                                       OrderLineRequest("basket", "BK-NY", 1)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    assert web.availability([tea.product_id])[tea.product_id] == 36
    clock.current += timedelta(minutes=31)
    assert web.expire_reservations() == 1
    found = web.lookup(order.order_no, "0812345678")
    assert found is not None
    assert found.status is OrderStatus.CANCELLED
    assert web.availability([tea.product_id])[tea.product_id] == 40


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO sales (id) VALUES ('x')",
        "INSERT INTO payments (id) VALUES ('x')",
        "INSERT INTO stock_movements (id) VALUES ('x')",
        "UPDATE products SET unit_price = 1",
        "DELETE FROM orders",
        "DELETE FROM reservations",
        "SELECT pin_hash FROM users",
        "UPDATE receipt_sequences SET next_no = 1",
        "SELECT id FROM products FOR UPDATE",
    ],
)
def test_the_web_role_is_refused(web_engine: Engine, statement: str) -> None:
    with web_engine.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text(statement))


def test_the_centre_s_products_exist_for_the_web_role(web_engine: Engine) -> None:
    from pos.domain.catalog import centre_id

    with web_engine.connect() as conn:
        made = dict(conn.execute(text("SELECT sku, id FROM products WHERE sku LIKE 'SVC-%'")).all())
    assert made == {sku: centre_id("product", sku) for sku in ("SVC-DELIVERY", "SVC-ROOM")}
