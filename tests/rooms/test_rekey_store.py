"""The re-keying on both backends: a store whose centre products an older version made under
random ids sells a booking's deposit and a delivery fee, an online booking order waits; after
the re-keying every row names the derived ids, the journal verifies, the rooms and orders go
on working, and a second run does nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from db import models as m
from db.rekey import rekey_centre_rows
from pos.app.bootstrap import Services, open_store
from pos.domain.cart import CartLine
from pos.domain.catalog import (
    CENTRE_CATEGORY,
    CENTRE_KIND,
    CENTRE_PRODUCER,
    CENTRE_PRODUCTS,
    centre_id,
)
from pos.domain.orders import OrderStatus
from pos.domain.payment import Tender, TenderKind
from pos.domain.rooms import BookingStatus
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer
from pos.services.auth import Auth
from pos.services.journal import verify_journal
from tests.helpers.selling import PlainTestHasher, seller
from tests.integration.conftest import FixedClock
from tests.rooms.conftest import NOW

GUEST = Customer("สมหญิง ใจดี", "0812345678", "กลุ่มทอผ้า", "ประชุม", 6)
START = datetime(2026, 12, 12, 13, tzinfo=BANGKOK)


@pytest.fixture
def services(shop_url: str) -> Iterator[Services]:
    store = open_store(shop_url, Settings())
    services = Services(store, queue_prints=False)
    services.clock = FixedClock(NOW.astimezone(UTC))
    services.auth = Auth(store.uow, store.settings, services.clock, PlainTestHasher(),
                         store.terminal.terminal_id)  # fmt: skip
    services.auth.ensure_demo_users()
    try:
        yield services
    finally:
        store.close()


def _make_old(services: Services) -> dict[str, str]:
    """The centre's producer and products as versions before the derived ids made them."""
    old = {sku: str(uuid.uuid4()) for sku, _, _ in CENTRE_PRODUCTS}
    old["CENTRE"] = str(uuid.uuid4())
    with services.store.uow(write=True) as tx:
        session = tx.session  # type: ignore[attr-defined]
        assert session.get(m.Producer, centre_id("producer", "CENTRE")) is None
        code, th, en = CENTRE_CATEGORY
        if session.get(m.Category, code) is None:
            session.add(m.Category(code=code, name_th=th, name_en=en, sort_order=99))
        session.add(
            m.Producer(id=old["CENTRE"], code=CENTRE_PRODUCER[0], name_th=CENTRE_PRODUCER[1],
                       name_en=CENTRE_PRODUCER[2], kind=CENTRE_KIND, district_th="",
                       district_en="", province_th="", province_en="")
        )  # fmt: skip
        session.flush()
        for sku, th, en in CENTRE_PRODUCTS:
            session.add(
                m.Product(id=old[sku], sku=sku, name_th=th, name_en=en, category_code=code,
                          producer_id=old["CENTRE"], unit_price=Decimal(0), kind="service")
            )  # fmt: skip
        tx.commit()
    return old


def _sell(services: Services, line: CartLine) -> Receipt:
    cart = services.checkout.new_cart()
    cart.add_line(line)
    tender = Tender(TenderKind.CASH, cart.totals().total)
    return services.checkout.complete(cart, [tender], actor=seller(services.checkout))


def _named(services: Services, ids: list[str]) -> int:
    """Rows of the sales, orders and products that still name one of `ids`."""
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    args = {f"i{n}": i for n, i in enumerate(ids)}
    with services.store.engine.connect() as conn:
        return sum(
            int(conn.execute(text(f"SELECT count(*) FROM {t} WHERE {c} IN ({marks})"), args)
                .scalar_one())
            for t, c in (("sale_lines", "product_id"), ("sale_lines", "producer_id"),
                         ("order_lines", "product_id"), ("products", "id"),
                         ("products", "producer_id"), ("producers", "id"))
        )  # fmt: skip


def test_a_store_with_old_centre_ids_is_rekeyed_and_goes_on(services: Services) -> None:
    old = _make_old(services)
    room = services.rooms.rooms()[0]
    b = services.rooms.book(room.id, START, START + timedelta(hours=2), GUEST, actor=None,
                            channel="web", idempotency_key="web-rekey")  # fmt: skip
    deposit = _sell(services, services.rooms.payment_line(b.booking_no, "deposit"))
    with services.store.uow() as read:
        fee_product = read.catalog.product_by_sku("SVC-DELIVERY")
    assert fee_product is not None
    assert fee_product.product_id == old["SVC-DELIVERY"]
    fee = _sell(services, CartLine(fee_product, Decimal(1), Decimal("50.00"), ref="delivery:W1"))
    later = services.rooms.book(room.id, START + timedelta(hours=3), START + timedelta(hours=4),
                                GUEST, channel="web", idempotency_key="web-rekey-2")  # fmt: skip
    waiting = services.rooms.pay_online(later.booking_no)  # its line names SVC-ROOM
    # 2 sale lines (product, producer), 2 products (id, producer), the producer
    assert _named(services, list(old.values())) == 9

    room_id = centre_id("product", "SVC-ROOM")
    with services.store.engine.begin() as conn:  # central's stock as pulled: both ids
        for pid, qty in ((old["SVC-ROOM"], 1), (room_id, 2), (old["SVC-DELIVERY"], 3)):
            conn.execute(
                text("INSERT INTO central_stock (product_id, quantity, as_of) VALUES (:p, :q, :t)"),
                {"p": pid, "q": qty, "t": datetime.now(UTC)},
            )

    with services.store.engine.begin() as conn:
        done = rekey_centre_rows(conn)

    assert sorted(r.code for r in done) == sorted(old)
    with services.store.engine.connect() as conn:
        cached = conn.execute(text("SELECT product_id, quantity FROM central_stock")).all()
    assert sorted((p, int(q)) for p, q in cached) == sorted(
        [(room_id, 2), (centre_id("product", "SVC-DELIVERY"), 3)]
    )
    assert _named(services, list(old.values())) == 0
    with services.store.uow() as read:
        for sku, _, _ in CENTRE_PRODUCTS:
            found = read.catalog.product_by_sku(sku)
            assert found is not None
            assert found.product_id == centre_id("product", sku)
        sold = [read.sales.receipt(r.receipt_no) for r in (deposit, fee)]
    assert [s.total if s else None for s in sold] == [deposit.total, fee.total]
    assert verify_journal(services.store.uow).ok
    # the room and its order go on: the waiting order is paid online and confirms its booking
    manager = services.auth.login("manager", "9999")
    services.order_desk.confirm_payment(waiting.order_no, manager)
    assert services.rooms.booking(later.booking_no).status is BookingStatus.CONFIRMED
    assert services.order_desk.order(waiting.order_no).status is OrderStatus.DELIVERED
    assert verify_journal(services.store.uow).ok
    with services.store.engine.begin() as conn:
        assert rekey_centre_rows(conn) == []
