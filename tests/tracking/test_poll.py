"""Polling Thailand Post's API (a fake on 127.0.0.1) for shipped orders: each event recorded
once, a delivery moving its order once, 100 barcodes a call, the token kept and renewed, and
an API that is down changing nothing until the next poll catches up."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import OrderStatus
from pos.domain.shop_time import BANGKOK
from pos.domain.tracking import Stage
from pos.ports.orders import NewOrder, OrderView
from pos.ports.tracking import TrackingRefused, TrackingUnavailable
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.tracking import CARRIER_ACTOR, Tracking
from tests.fakes.thailandpost_api import TOKEN_PATH, TRACK_PATH, FakeThailandPost, item
from tests.integration.conftest import FixedClock
from tests.tracking.conftest import s10, shipped_order
from web.carriers.thailandpost import ThailandPostTracking, parse_items

DAY = datetime(2026, 11, 28, tzinfo=BANGKOK)  # the day after the clock's


def at(hour: int, minute: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute)


def delivered_events(order: OrderView) -> int:
    return sum(e.status is OrderStatus.DELIVERED for e in order.history)


def sales(store: Store) -> int:
    with store.uow() as read:
        return int(read.session.scalar(select(func.count()).select_from(m.Sale)) or 0)


def test_poll_records_each_event_once_and_moves_a_delivered_order_once(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    source: ThailandPostTracking,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    store: Store,
    clock: FixedClock,
) -> None:
    paid = shipped_order(orders, order_desk, packer, manager)
    cod = shipped_order(orders, order_desk, packer, manager, cod=True)  # sold when shipped
    sold = sales(store)
    fake_api.events[paid.tracking_no] = [
        item(paid.tracking_no, "103", at(9)), item(paid.tracking_no, "201", at(15)),
    ]  # fmt: skip
    fake_api.events[cod.tracking_no] = [
        item(cod.tracking_no, "103", at(9, 5)), item(cod.tracking_no, "201", at(15)),
        item(cod.tracking_no, "301", at(16)), item(cod.tracking_no, "501", at(17, 30)),
    ]  # fmt: skip
    assert tracking.poll() == 6
    assert fake_api.tracked() == [sorted([paid.tracking_no, cod.tracking_no])]
    delivered = order_desk.order(cod.order_no)
    assert delivered.status is OrderStatus.DELIVERED
    assert delivered.history[-1].by == CARRIER_ACTOR.display_name
    assert delivered_events(delivered) == 1
    assert sales(store) == sold  # the COD order's delivery is not a second sale
    assert order_desk.order(paid.order_no).status is OrderStatus.SHIPPED
    events = tracking.events(cod.order_no)
    assert [e.status_code for e in events] == ["103", "201", "301", "501"]
    assert events[-1].at == datetime(2026, 11, 28, 10, 30, tzinfo=UTC)  # 17:30 in Bangkok
    assert events[-1].receiver == "สมชาย/ผู้รับ"
    assert events[-1].delivered
    assert events[-1].stage is Stage.DELIVERED
    # polled again within the poll minutes: the carrier is not asked
    assert tracking.poll() == 0
    assert len(fake_api.tracked()) == 1
    # later, the same events again: nothing new; the delivered order is not asked about
    clock.current += timedelta(minutes=31)
    assert tracking.poll() == 0
    assert fake_api.tracked()[-1] == [paid.tracking_no]
    # then its delivery (the carrier repeats the earlier ones): one new event, moved once
    fake_api.events[paid.tracking_no].append(item(paid.tracking_no, "501", at(18)))
    clock.current += timedelta(minutes=31)
    assert tracking.poll() == 1
    assert tracking.poll() == 0
    assert delivered_events(order_desk.order(paid.order_no)) == 1
    assert delivered_events(order_desk.order(cod.order_no)) == 1
    assert source.tokens_fetched == 1  # one token for every call while it lasts
    with store.uow() as read:
        rows = read.session.scalar(select(func.count()).select_from(m.OrderTrackingEvent))
    assert rows == 7


def test_a_parcel_sent_back_is_not_a_delivery(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    fake_api.events[no] = [
        item(no, "401", at(10)), item(no, "203", at(12)), item(no, "501", at(20)),
    ]  # fmt: skip
    assert tracking.poll() == 3
    assert order_desk.order(order.order_no).status is OrderStatus.SHIPPED  # staff decide


def seed_shipped(store: Store, template: OrderView, count: int) -> list[str]:
    """`count` more shipped Thailand Post orders like `template`, written through the orders
    repository in one transaction (no stock held: they stand for parcels already sent)."""
    numbers = []
    with store.uow(write=True) as uow:
        for n in range(count):
            new = NewOrder(
                order_id=f"00000000-0000-4000-8000-{n:012d}", idempotency_key=f"seed-{n}",
                fingerprint=template.fingerprint, day=template.created_at.date(),
                status=OrderStatus.NEW, channel=template.channel,
                created_at=template.created_at, reserved_until=None,
                customer=template.customer, payment=template.payment, lines=template.lines,
                subtotal=template.subtotal, shipping_fee=template.shipping_fee,
                total=template.total, vat=template.vat, promptpay_payload=None,
                reservations={},
            )  # fmt: skip
            added = uow.orders.add(new)
            assert added is not None
            number = s10("RB")
            uow.orders.set_shipment(added.order_id, "thailand_post_registered", number)
            uow.orders.move(added.order_id, OrderStatus.SHIPPED, template.created_at, "seed")
            numbers.append(number)
        uow.commit()
    return numbers


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)
def test_150_shipped_orders_are_asked_in_two_batches(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    store: Store,
) -> None:
    first = shipped_order(orders, order_desk, packer, manager)
    numbers = [first.tracking_no, *seed_shipped(store, first, 149)]
    for no in numbers:
        fake_api.events[no] = [item(no, "201", at(14))]
    assert tracking.poll() == 150
    calls = fake_api.tracked()
    assert [len(c) for c in calls] == [100, 50]
    assert sorted(b for c in calls for b in c) == sorted(numbers)
    assert tracking.poll() == 0  # none due again yet
    with store.uow() as read:
        stages = read.session.scalars(select(m.OrderTracking.stage)).all()
    assert stages == [Stage.IN_TRANSIT.value] * 150


def test_a_token_refused_as_expired_is_renewed_once(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    source: ThailandPostTracking,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    clock: FixedClock,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    fake_api.events[no] = [item(no, "103", at(9))]
    assert tracking.poll() == 1
    fake_api.expire_tokens()  # revoked before its expiry date: the API answers 401
    fake_api.events[no].append(item(no, "201", at(13)))
    clock.current += timedelta(minutes=31)
    assert tracking.poll() == 1
    assert source.tokens_fetched == 2
    track_calls = [p for p, _ in fake_api.requests if p == TRACK_PATH]
    assert len(track_calls) == 3  # the refused one, then once more with the new token
    # a token near its expiry is renewed before it is used
    clock.current = datetime(2027, 1, 2, 4, 30, tzinfo=UTC)  # 11:30 Bangkok, expiry 12:00
    fake_api.events[no].append(item(no, "301", at(14)))
    assert tracking.poll() == 1
    assert source.tokens_fetched == 3


def test_the_api_down_changes_nothing_and_the_next_poll_catches_up(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    store: Store,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    fake_api.events[no] = [item(no, "201", at(9)), item(no, "501", at(16))]
    fake_api.down = True
    with pytest.raises(TrackingUnavailable, match="503"):
        tracking.poll()
    assert tracking.events(order.order_no) == []
    with store.uow() as read:
        assert read.session.scalars(select(m.OrderTracking)).all() == []  # not marked polled
    assert order_desk.order(order.order_no).status is OrderStatus.SHIPPED
    fake_api.down = False
    assert tracking.poll() == 2  # at once: the failed poll did not count as asked
    assert order_desk.order(order.order_no).status is OrderStatus.DELIVERED


def test_a_wrong_api_token_is_refused_in_words(
    store: Store,
    order_desk: OrderDesk,
    fake_api: FakeThailandPost,
    orders: Orders,
    packer: Actor,
    manager: Actor,
    clock: FixedClock,
) -> None:
    shipped_order(orders, order_desk, packer, manager)
    wrong = ThailandPostTracking("not-the-token", clock, fake_api.url)
    try:
        with pytest.raises(TrackingRefused, match="API token") as refused:
            Tracking(store.uow, order_desk, [wrong], clock).poll()
        assert "โทเค็น" in refused.value.message_th
        assert (
            Tracking(store.uow, order_desk, [wrong], clock)
            .check()["thailand_post"]
            .startswith("Thailand Post refused")
        )
    finally:
        wrong.close()


def test_a_delivery_recorded_before_a_crash_is_moved_by_the_next_poll(
    tracking: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    fake_api.events[no] = [item(no, "501", at(16))]
    # the events committed, then the process ended before the order was moved
    pushed = parse_items({no: fake_api.events[no]})
    assert tracking.push("thailand_post", pushed, deliver=False) == 1
    assert order_desk.order(order.order_no).status is OrderStatus.SHIPPED
    fake_api.down = True  # the carrier unreachable: the recorded delivery is enough
    assert tracking.poll() == 0
    assert fake_api.tracked() == []  # a delivered parcel is not asked about
    assert delivered_events(order_desk.order(order.order_no)) == 1


def test_parcels_subscribed_to_the_hook_api(fake_api: FakeThailandPost, clock: FixedClock) -> None:
    hooks = ThailandPostTracking(fake_api.api_token, clock, fake_api.url)
    try:
        numbers = [s10() for _ in range(3)]
        assert hooks.subscribe(numbers) == dict.fromkeys(numbers, True)
        assert fake_api.hooked == numbers
        too_many = [s10() for _ in range(101)]
        with pytest.raises(ValueError, match="100"):
            hooks.subscribe(too_many)
        with pytest.raises(ValueError, match="100"):
            hooks.track(too_many)
        # the API itself refuses more than 100 a call
        token = httpx.post(
            fake_api.url + TOKEN_PATH, headers={"Authorization": f"Token {fake_api.api_token}"}
        )
        body = {"status": "all", "language": "TH", "barcode": too_many}
        auth = {"Authorization": f"Token {token.json()['token']}"}
        refused = httpx.post(fake_api.url + TRACK_PATH, json=body, headers=auth)
        assert refused.status_code == 400
        assert hooks.check() == "Thailand Post tracking: token valid until 2027-01-02 05:00 UTC"
        fake_api.down = True
        with pytest.raises(TrackingUnavailable):
            hooks.subscribe(numbers)
        with pytest.raises(TrackingUnavailable):
            hooks.check()
    finally:
        hooks.close()


@pytest.mark.pg
@pytest.mark.parametrize("small_store_url", ["pg"], indirect=True)
def test_pushes_racing_record_once_and_move_the_order_once(
    tracking: Tracking,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    store: Store,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    events = parse_items({no: [item(no, "201", at(9)), item(no, "501", at(16))] * 2})
    barrier = threading.Barrier(4)
    counts: list[int] = []

    def push() -> None:
        barrier.wait()
        counts.append(tracking.push("thailand_post", events))

    threads = [threading.Thread(target=push) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(counts) == 4  # none failed
    assert sum(counts) == 2  # each event once, whoever came first
    assert len(tracking.events(order.order_no)) == 2
    assert delivered_events(order_desk.order(order.order_no)) == 1
