"""A counter of a central database books the room there (its own login), pays the deposit at
its till and the booking is confirmed in central; offline it shows the last calendar it read
and refuses to book, saying so."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import cast

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from db import models as m
from db.uow import SqlUnitOfWorkFactory
from pos.app.bootstrap import Services
from pos.domain.cart import CartLine, ProductKind
from pos.domain.catalog import DELIVERY_PRODUCT, centre_id
from pos.domain.errors import ShopError
from pos.domain.payment import Tender, TenderKind
from pos.domain.rooms import BookingStatus
from pos.domain.sale import Receipt, ReceiptNote
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer
from pos.services.rooms import Rooms, RoomsOffline
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.rooms.conftest import CASHIER, MANAGER
from tests.sync.conftest import Central, Counter, central, make_counter, proxy  # noqa: F401 (fixtures)

pytestmark = pytest.mark.pg
GUEST = Customer("สมศรี", "0812345678", "อบต.", "อบรม", 10)


def _day() -> datetime:
    """10:00 on a Wednesday at least a week ahead (the services read the wall clock here)."""
    day = datetime.now(UTC).astimezone(BANGKOK).date() + timedelta(days=7)
    day += timedelta(days=(2 - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, 10, tzinfo=BANGKOK)


def test_a_counter_books_and_confirms_in_central_and_refuses_offline(
    central,  # noqa: F811
    make_counter,  # noqa: F811
    proxy,  # noqa: F811
) -> None:
    cutter, via_proxy = proxy
    room = Rooms(SqlUnitOfWorkFactory(central.admin), FixedClock()).ensure_demo_room(MANAGER)
    counter = make_counter("counter 1", url=via_proxy)
    counter.store.settings = replace(counter.store.settings, central_url=via_proxy)
    services = Services(counter.store, queue_prints=False)
    rooms = services.rooms
    assert rooms.central
    start = _day()

    b = rooms.book(room.id, start, start + timedelta(hours=2), GUEST, actor=CASHIER)

    with central.admin.connect() as conn:
        assert conn.execute(select(m.RoomBooking.booking_no)).scalars().all() == [b.booking_no]
    with counter.store.engine.connect() as conn:  # nothing of it in the counter's own file
        assert conn.execute(select(func.count()).select_from(m.RoomBooking)).scalar_one() == 0
    # the deposit is a sale of the counter; the hook confirms the booking in central
    cart = services.checkout.new_cart()
    cart.add_line(rooms.payment_line(b.booking_no, "deposit"))
    tender = Tender(TenderKind.CASH, cart.totals().total)
    receipt = services.checkout.complete(cart, [tender], actor=seller(services.checkout))
    assert receipt.total == Decimal("200.00")
    with central.admin.connect() as conn:
        status, paid = conn.execute(select(m.RoomBooking.status, m.RoomBooking.paid)).one()
        payment = conn.execute(select(m.RoomPaymentRow.receipt_no)).scalar_one()
    assert (status, paid, payment) == ("confirmed", Decimal("200.00"), receipt.receipt_no)
    seen = rooms.day(room.id, start.date())
    assert [x.status for x in seen] == [BookingStatus.CONFIRMED]

    cutter.close()  # the network to central is gone

    with pytest.raises(RoomsOffline) as refused:
        rooms.book(room.id, start + timedelta(hours=3), start + timedelta(hours=4), GUEST,
                   actor=CASHIER)  # fmt: skip
    assert "central database" in refused.value.message("en")
    assert "ฐานข้อมูลกลาง" in refused.value.message("th")
    assert rooms.day(room.id, start.date()) == seen  # the last calendar it read
    assert rooms.offline


Made = Callable[..., tuple[Counter, Services]]


@pytest.fixture
def counters(
    central: Central,  # noqa: F811
    make_counter: Callable[..., Counter],  # noqa: F811
) -> Iterator[Made]:
    """Counters of the central database with their services (bookings in central)."""
    engines: list[Engine] = []

    def made(name: str, **options: object) -> tuple[Counter, Services]:
        counter = make_counter(name, **options)
        counter.store.settings = replace(counter.store.settings, central_url=central.counter_url)
        services = Services(counter.store, queue_prints=False)
        engines.append(cast(SqlUnitOfWorkFactory, services.rooms.uow).engine)
        return counter, services

    yield made
    for engine in engines:
        engine.dispose()


def _sell(services: Services, *lines: CartLine) -> Receipt:
    cart = services.checkout.new_cart()
    for line in lines:
        cart.add_line(line)
    tender = Tender(TenderKind.CASH, cart.totals().total)
    return services.checkout.complete(cart, [tender], actor=seller(services.checkout))


def test_centre_products_are_made_on_central_and_counter_sales_of_them_push(
    central: Central,  # noqa: F811
    counters: Made,
) -> None:
    made = central.scalar(
        "SELECT string_agg(sku || '=' || id, ',' ORDER BY sku) FROM products WHERE sku LIKE 'SVC-%'"
    )
    assert made == ",".join(f"{sku}={centre_id('product', sku)}" for sku in ("SVC-DELIVERY",
                                                                           "SVC-ROOM"))  # fmt: skip
    room = Rooms(SqlUnitOfWorkFactory(central.admin), FixedClock()).ensure_demo_room(MANAGER)
    counter, services = counters("counter 1")
    with counter.store.uow() as read:  # pulled like any product
        pulled = read.catalog.product_by_sku("SVC-ROOM")
    assert pulled is not None
    assert pulled.product_id == centre_id("product", "SVC-ROOM")
    # a second counter that made the delivery fee itself before its first pull
    other, other_services = counters("counter 2", pull=False)
    with other.store.uow(write=True) as tx:
        own = tx.catalog.ensure_centre_product(*DELIVERY_PRODUCT, ProductKind.SERVICE)
        tx.commit()
    other.service.sync_once()
    with other.store.uow() as read:
        same = read.catalog.product_by_sku("SVC-DELIVERY")
    assert same is not None
    assert own.product_id == same.product_id == centre_id("product", "SVC-DELIVERY")

    start = _day()
    b = services.rooms.book(room.id, start, start + timedelta(hours=2), GUEST, actor=CASHIER)
    deposit = _sell(services, services.rooms.payment_line(b.booking_no, "deposit"))
    fee = CartLine(same, Decimal(1), Decimal("50.00"), ref="delivery:W0000000001")
    delivery = _sell(other_services, fee)
    counter.service.sync_once()
    other.service.sync_once()

    assert counter.service.problems() == []
    assert other.service.problems() == []
    for receipt in (deposit, delivery):
        assert central.scalar(
            "SELECT p.sku FROM sale_lines l JOIN products p ON p.id = l.product_id "
            "WHERE l.sale_id = :s", s=receipt.sale_id,
        ) == receipt.lines[0].sku  # fmt: skip
    assert central.scalar("SELECT status FROM room_bookings") == "confirmed"


class Refused(ShopError):
    pass


def test_a_counter_sale_that_fails_after_central_confirmed_is_retried_without_paying_twice(
    central: Central,  # noqa: F811
    counters: Made,
) -> None:
    room = Rooms(SqlUnitOfWorkFactory(central.admin), FixedClock()).ensure_demo_room(MANAGER)
    counter, services = counters("counter 1")
    start = _day()
    b = services.rooms.book(room.id, start, start + timedelta(hours=2), GUEST, actor=CASHIER)
    line = services.rooms.payment_line(b.booking_no, "deposit")

    def refuse(uow: object, receipt: Receipt, cart: object) -> list[ReceiptNote]:
        raise Refused("The drawer jammed", "ลิ้นชักติด")

    services.checkout.add_hook(refuse)  # runs after the rooms hook: the counter's sale fails
    with pytest.raises(Refused):
        _sell(services, line)
    # central confirmed the booking before the counter's commit failed: a payment noted for
    # a sale that does not exist at the counter
    assert central.scalar("SELECT status || ' ' || paid FROM room_bookings") == "confirmed 200.00"
    orphan = central.scalar("SELECT receipt_no FROM room_payments")
    with counter.store.uow() as read:
        assert read.sales.receipt(str(orphan)) is None

    services.checkout.hooks.remove(refuse)
    receipt = _sell(services, line)  # the cashier tries again: the same receipt number

    assert receipt.receipt_no == orphan
    assert (
        central.scalar("SELECT count(*) || ' ' || max(sale_id) FROM room_payments")
        == f"1 {receipt.sale_id}"
    )
    assert central.scalar("SELECT status || ' ' || paid FROM room_bookings") == "confirmed 200.00"
    assert [n.text_en.split(":")[0] for n in receipt.notes] == [f"Room booking {b.booking_no}"]
    counter.service.sync_once()
    assert counter.service.problems() == []


def test_a_deposit_paid_at_a_counter_closes_the_web_order_waiting_on_central(
    central: Central,  # noqa: F811
    counters: Made,
) -> None:
    from pos.app.bootstrap import open_store
    from pos.domain.orders import OrderError, OrderStatus
    from pos.domain.settings import Settings

    shop = open_store(central.admin_url, Settings(), create=False)  # the web shop's side
    web = Services(shop, queue_prints=False)
    try:
        room = web.rooms.ensure_demo_room(MANAGER)
        start = _day()
        b = web.rooms.book(room.id, start, start + timedelta(hours=2), GUEST, channel="web",
                           idempotency_key="web-central-1")  # fmt: skip
        order = web.rooms.pay_online(b.booking_no)
        _, services = counters("counter 1")

        at_till = _sell(services, services.rooms.payment_line(b.booking_no, "deposit"))

        assert central.scalar("SELECT status FROM room_bookings") == "confirmed"
        gone = web.order_desk.order(order.order_no)
        assert gone.status is OrderStatus.CANCELLED
        assert gone.cancel_reason == f"paid at the counter ({at_till.receipt_no})"
        assert (gone.history[-1].status, gone.history[-1].note) == (
            OrderStatus.CANCELLED, gone.cancel_reason,
        )  # fmt: skip
        with pytest.raises(OrderError) as refused:  # the online payment arriving afterwards
            web.order_desk.confirm_payment(order.order_no, MANAGER)
        assert order.order_no in refused.value.message("en")
        assert central.scalar("SELECT count(*) FROM room_payments") == 1
        # the counter's login may close a waiting booking order, nothing else of orders
        as_counter = cast(SqlUnitOfWorkFactory, services.rooms.uow).engine
        with as_counter.connect() as conn, pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("SELECT count(*) FROM orders"))

        # a central whose grants are older than the function: the sale goes through, the
        # order waits for the shop as before
        central.execute(
            "REVOKE EXECUTE ON FUNCTION otop_close_booking_order(text, text, text, timestamptz) "
            f"FROM {make_url(central.counter_url).username}"
        )
        later = web.rooms.book(room.id, start + timedelta(hours=3), start + timedelta(hours=4),
                               GUEST, channel="web", idempotency_key="web-central-2")  # fmt: skip
        waiting = web.rooms.pay_online(later.booking_no)
        _sell(services, services.rooms.payment_line(later.booking_no, "deposit"))
        assert services.rooms.booking(later.booking_no).status is BookingStatus.CONFIRMED
        assert web.order_desk.order(waiting.order_no).status is OrderStatus.AWAITING_PAYMENT
    finally:
        shop.close()
