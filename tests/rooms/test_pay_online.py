"""Paying a held booking online: the web shop's PromptPay order of one "booking" line, its QR
for the exact deposit, staff's confirmation selling it on the web series with the booking's
SVC-ROOM line (the sale hook confirms the booking), one order per booking, an expired hold
refused, a cancelled order releasing the room."""

from __future__ import annotations

import binascii
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Services, open_store
from pos.domain.auth import Actor
from pos.domain.channels import Channel
from pos.domain.orders import OrderError, OrderStatus
from pos.domain.payment import Tender, TenderKind
from pos.domain.rooms import BookingStatus, RoomError
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK, shop_day
from pos.ports.rooms import BookingView, Customer
from pos.services.auth import Auth
from pos.services.eod import eod_report
from pos.services.order_desk import BookingHoldRanOut
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


@pytest.fixture
def manager(services: Services) -> Actor:
    return services.auth.login("manager", "9999")


def tlv(payload: str) -> dict[str, str]:
    """The top-level fields of an EMVCo QR payload, read by the format's own rule."""
    fields, i = {}, 0
    while i < len(payload):
        tag, size = payload[i : i + 2], int(payload[i + 2 : i + 4])
        fields[tag] = payload[i + 4 : i + 4 + size]
        i += 4 + size
    return fields


def web_booking(services: Services, start: datetime = START) -> BookingView:
    room = services.rooms.rooms()[0]
    return services.rooms.book(room.id, start, start + timedelta(hours=2), GUEST,
                               channel="web", idempotency_key=f"web-{start:%d%H}")  # fmt: skip


def count(services: Services, table: type[m.Base]) -> int:
    with services.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_deposit_paid_online_is_sold_on_the_web_series_and_confirms_the_booking(
    services: Services, manager: Actor
) -> None:
    b = web_booking(services)
    assert (b.status, b.deposit) == (BookingStatus.HELD, Decimal("200.00"))

    order = services.rooms.pay_online(b.booking_no, client="127.0.0.1")

    assert (order.status, order.channel, order.total) == (
        OrderStatus.AWAITING_PAYMENT, Channel.WEB, Decimal("200.00"),
    )  # fmt: skip
    assert order.reserved_until == b.hold_until
    [line] = order.lines
    assert (line.kind, line.ref, line.quantity, line.amount) == (
        "booking", b.booking_no, 1, Decimal("200.00"),
    )  # fmt: skip
    assert line.name_th == f"ห้องประชุม Co-working 12 ธ.ค. 13:00-15:00 {b.booking_no} (มัดจำ)"
    assert order.promptpay_payload is not None
    qr = tlv(order.promptpay_payload)
    assert Decimal(qr["54"]) == b.deposit  # the exact deposit
    assert qr["53"] == "764"  # baht
    body = order.promptpay_payload[:-4]
    assert int(qr["63"], 16) == binascii.crc_hqx(body.encode(), 0xFFFF)
    assert count(services, m.Reservation) == 0  # a room takes no stock
    assert services.rooms.booking(b.booking_no).order_no == order.order_no
    # asked again (a reload, a second click): the same order
    again = services.rooms.pay_online(b.booking_no)
    assert again.order_no == order.order_no
    assert count(services, m.Order) == 1

    receipt = services.order_desk.confirm_payment(order.order_no, manager)

    assert receipt.receipt_no.startswith("KK-W")
    [sold] = receipt.lines
    assert (sold.sku, sold.total, sold.ref) == (
        "SVC-ROOM", Decimal("200.00"), f"booking:{b.booking_no}:deposit",
    )  # fmt: skip
    assert receipt.notes[0].text_en.startswith(f"Room booking {b.booking_no}")
    paid = services.rooms.booking(b.booking_no)
    assert (paid.status, paid.paid, paid.balance) == (
        BookingStatus.CONFIRMED, Decimal("200.00"), Decimal("200.00"),
    )  # fmt: skip
    done = services.order_desk.order(order.order_no)
    # nothing to pick, pack or ship: paid, then done
    assert [e.status for e in done.history] == [
        OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.DELIVERED,
    ]  # fmt: skip
    assert done.receipt_no == receipt.receipt_no
    day = shop_day(services.clock.now())
    web = [c for c in eod_report(services.store.uow, day).by_channel if c.key == "web"]
    assert [(c.receipts, c.sales) for c in web] == [(1, Decimal("200.00"))]
    with pytest.raises(OrderError):  # paid once only
        services.order_desk.confirm_payment(order.order_no, manager)
    assert services.rooms.pay_online(b.booking_no).order_no == order.order_no

    # cancelled after payment: the rule as at the till, the refund through the refund service
    assert services.rooms.cancel(b.booking_no, None, "plans changed").refund_due == Decimal(
        "200.00"
    )
    refund = services.returns.refund(manager, receipt.receipt_no, {}, "promptpay", "cancelled")
    assert refund.total == Decimal("200.00")
    back = services.rooms.booking(b.booking_no)
    assert (back.status, back.refunded) == (BookingStatus.CANCELLED, Decimal("200.00"))


def test_a_payment_after_the_hold_ran_out_is_refused_clearly(
    services: Services, manager: Actor
) -> None:
    b = web_booking(services)
    other = web_booking(services, START + timedelta(days=2))
    order = services.rooms.pay_online(b.booking_no)
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.current += timedelta(minutes=31)  # the hold was 30 minutes

    with pytest.raises(BookingHoldRanOut) as refused:
        services.order_desk.confirm_payment(order.order_no, manager)
    assert b.booking_no in refused.value.message("en")
    assert "paid late" in refused.value.message("en")
    assert "ชำระล่าช้า" in refused.value.message("th")
    assert count(services, m.Sale) == 0
    with pytest.raises(RoomError) as none_due:  # a hold run out has nothing to pay online
        services.rooms.pay_online(other.booking_no)
    assert none_due.value.rule == "online"
    # the expiry cancels the order; the late payment is noted as a refund due
    assert services.orders.expire_reservations() == 1
    noted = services.order_desk.record_late_refund(order.order_no, manager)
    assert noted.status is OrderStatus.CANCELLED
    assert services.rooms.expire_holds() == [b.booking_no, other.booking_no]
    with pytest.raises(OrderError):  # noted: no second try
        services.order_desk.confirm_payment(order.order_no, manager)
    assert count(services, m.Sale) == 0


def test_cancelling_the_order_releases_the_booking_s_hold(
    services: Services, manager: Actor
) -> None:
    b = web_booking(services)
    order = services.rooms.pay_online(b.booking_no)

    services.order_desk.cancel(order.order_no, manager, "customer phoned")

    gone = services.rooms.booking(b.booking_no)
    assert gone.status is BookingStatus.CANCELLED
    assert order.order_no in gone.cancel_reason
    # the room is free again at once: the same time can be booked
    room = services.rooms.rooms()[0]
    slots = services.rooms.free_slots(room.id, START.date(), 120)
    assert (START, START + timedelta(hours=2)) in slots


def test_cancelling_the_booking_before_paying_cancels_its_order(
    services: Services, manager: Actor
) -> None:
    b = web_booking(services)
    order = services.rooms.pay_online(b.booking_no)

    assert services.rooms.cancel(b.booking_no, None, "no longer needed").refund_due == 0

    gone = services.order_desk.order(order.order_no)
    assert gone.status is OrderStatus.CANCELLED
    assert b.booking_no in gone.cancel_reason
    with pytest.raises(OrderError):  # a payment arriving now confirms nothing
        services.order_desk.confirm_payment(order.order_no, manager)
    assert count(services, m.Sale) == 0


def test_a_deposit_paid_at_the_till_cancels_the_waiting_order_and_its_payment_is_refused(
    services: Services, manager: Actor
) -> None:
    b = web_booking(services)
    order = services.rooms.pay_online(b.booking_no)
    checkout = services.checkout
    cart = checkout.new_cart()
    cart.add_line(services.rooms.payment_line(b.booking_no, "deposit"))
    tender = Tender(TenderKind.CASH, cart.totals().total)
    at_till = checkout.complete(cart, [tender], actor=seller(checkout))
    assert services.rooms.booking(b.booking_no).status is BookingStatus.CONFIRMED
    # the web order closed in the sale's transaction: cancelled, why, its hold released
    gone = services.order_desk.order(order.order_no)
    assert gone.status is OrderStatus.CANCELLED
    assert gone.cancel_reason == f"paid at the counter ({at_till.receipt_no})"
    assert gone.history[-1].note == gone.cancel_reason
    with services.store.engine.connect() as conn:
        held = conn.execute(
            select(func.count()).where(
                m.Reservation.order_id == order.order_id, m.Reservation.released_at.is_(None)
            )
        ).scalar_one()
    assert held == 0

    with pytest.raises(OrderError) as refused:  # the online payment arriving afterwards
        services.order_desk.confirm_payment(order.order_no, manager)

    assert order.order_no in refused.value.message("en")
    assert "Cancelled" in refused.value.message("en")
    assert count(services, m.Sale) == 1
    assert services.rooms.booking(b.booking_no).paid == Decimal("200.00")


def test_a_deposit_paid_online_first_is_refused_at_the_till(
    services: Services, manager: Actor
) -> None:
    b = web_booking(services)
    order = services.rooms.pay_online(b.booking_no)
    checkout = services.checkout
    cart = checkout.new_cart()  # the cashier rings the deposit up ...
    cart.add_line(services.rooms.payment_line(b.booking_no, "deposit"))
    tender = Tender(TenderKind.CASH, cart.totals().total)
    online = services.order_desk.confirm_payment(order.order_no, manager)  # ... paid online
    assert services.order_desk.order(order.order_no).status is OrderStatus.DELIVERED

    with pytest.raises(RoomError) as refused:
        checkout.complete(cart, [tender], actor=seller(checkout))

    assert refused.value.rule == "paid"
    assert online.receipt_no in refused.value.message("en")
    with pytest.raises(RoomError) as nothing:  # and a new line says nothing is due
        services.rooms.payment_line(b.booking_no, "deposit")
    assert nothing.value.message("en") == f"Nothing is due for deposit of booking {b.booking_no}"
    assert count(services, m.Sale) == 1
    assert services.rooms.booking(b.booking_no).paid == Decimal("200.00")
    assert services.order_desk.order(order.order_no).status is OrderStatus.DELIVERED
