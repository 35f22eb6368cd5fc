"""Tracking by push: a parcel shipped by Thailand Post is subscribed to its hook API after
the ship's commit, once; with the API down the shipment stands and the tracking loop
subscribes it later, once; a refusal is kept for staff and never blocks shipping."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from pos.app.bootstrap import Services, open_store
from pos.domain.auth import Actor
from pos.domain.orders import OrderStatus
from pos.domain.settings import Settings
from pos.domain.tracking import HOOK_LEASE
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.tracking import Tracking
from tests.fakes.thailandpost_api import HOOK_PATH, FakeThailandPost
from tests.integration.conftest import FixedClock
from tests.integration.test_cli import cli
from tests.tracking.conftest import s10, shipped_order
from web.carriers.thailandpost import ThailandPostTracking


@pytest.fixture
def hooks(fake_api: FakeThailandPost, clock: FixedClock) -> Iterator[ThailandPostTracking]:
    adapter = ThailandPostTracking(fake_api.api_token, clock, fake_api.url)
    try:
        yield adapter
    finally:
        adapter.close()


@pytest.fixture
def pushed(
    store: object, order_desk: OrderDesk, hooks: ThailandPostTracking, clock: FixedClock
) -> Tracking:
    """Tracking by push only (no polling source), wired to the desk as the shop wires it."""
    tracking = Tracking(
        store.uow,
        order_desk,
        [],
        clock,
        subscriber=hooks,
        background=False,  # type: ignore[attr-defined]
    )
    order_desk.add_status_hook(tracking.order_status)
    return tracking


def hook_calls(fake: FakeThailandPost) -> int:
    return sum(path == HOOK_PATH for path, _ in fake.requests)


def test_a_parcel_shipped_is_subscribed_once_after_the_commit(
    pushed: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    assert fake_api.hooked == [order.tracking_no]
    assert pushed.subscribe_pending() == 0  # the loop finds nothing left to do
    assert pushed.poll() == 0
    assert fake_api.hooked == [order.tracking_no]
    state = pushed.hook_state(order.order_no)
    assert state is not None
    assert (state.barcode, state.attempts, state.error) == (order.tracking_no, 0, "")
    assert state.subscribed_at is not None


def test_the_api_down_at_ship_time_then_up_subscribes_it_once(
    pushed: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    clock: FixedClock,
) -> None:
    fake_api.down = True
    order = shipped_order(orders, order_desk, packer, manager)
    assert order.status is OrderStatus.SHIPPED  # never held up by the carrier
    assert fake_api.hooked == []
    state = pushed.hook_state(order.order_no)
    assert state is not None
    assert state.attempts == 1
    assert "503" in state.error
    calls = hook_calls(fake_api)
    assert pushed.subscribe_pending() == 0  # backing off: the API is not asked again yet
    assert hook_calls(fake_api) == calls
    clock.current += timedelta(minutes=1, seconds=1)
    assert pushed.subscribe_pending() == 0  # still down: a second failure, a longer wait
    assert pushed.hook_state(order.order_no).attempts == 2  # type: ignore[union-attr]
    fake_api.down = False
    clock.current += timedelta(minutes=2)
    assert pushed.subscribe_pending() == 0  # 5 minutes after the second failure
    clock.current += timedelta(minutes=3)
    assert pushed.poll() == 0  # the tracking loop's tick subscribes it
    assert fake_api.hooked == [order.tracking_no]
    clock.current += timedelta(hours=3)
    assert pushed.subscribe_pending() == 0
    assert fake_api.hooked == [order.tracking_no]  # once


def test_a_subscription_cut_off_is_tried_again_after_its_lease(
    pushed: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    clock: FixedClock,
) -> None:
    pushed.subscriber = None  # shipped by a process without push set up
    order = shipped_order(orders, order_desk, packer, manager)
    pushed.subscriber = ThailandPostTracking(fake_api.api_token, clock, fake_api.url)
    with pushed.uow(write=True) as uow:  # what a process that died mid-call leaves
        (claimed,) = uow.tracking.claim_hooks(
            ["thailand_post_ems"], clock.now(), clock.now() + HOOK_LEASE, 10
        )
        uow.commit()
    assert claimed.barcode == order.tracking_no
    assert pushed.subscribe_pending() == 0  # claimed: nobody else asks within the lease
    clock.current += HOOK_LEASE
    assert pushed.subscribe_pending() == 1
    assert fake_api.hooked == [order.tracking_no]


def test_a_refused_subscription_is_shown_and_the_parcel_still_ships(
    pushed: Tracking,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    clock: FixedClock,
    small_store_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_api.api_token, good = "wrong-token", fake_api.api_token
    with caplog.at_level("WARNING", logger="pos.services.tracking"):
        order = shipped_order(orders, order_desk, packer, manager)
    assert order.status is OrderStatus.SHIPPED
    assert "did not subscribe" in caplog.text
    code, out, err = cli("orders", "track", order.order_no, "--db", small_store_url)
    assert code == 0, err
    assert "pushes: not subscribed after 1 tries: Thailand Post refused the API token" in out
    fake_api.api_token = good
    fake_api.refuse_hooks = {order.tracking_no}  # now the parcel itself is refused
    clock.current += timedelta(minutes=2)
    assert pushed.subscribe_pending() == 0
    state = pushed.hook_state(order.order_no)
    assert state is not None
    assert (state.attempts, state.error) == (2, "thailand_post refused the parcel's subscription")
    fake_api.refuse_hooks = set()
    clock.current += timedelta(minutes=6)
    assert pushed.subscribe_pending() == 1
    code, out, _ = cli("orders", "track", order.order_no, "--db", small_store_url)
    assert "pushes: subscribed 2026-11-27 " in out


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)
def test_the_composition_root_subscribes_a_shipped_parcel_when_push_is_set_up(
    small_store_url: str,
    fake_api: FakeThailandPost,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("OTOP_POS_SECRET_THAILANDPOST_HOOK_TOKEN", fake_api.api_token)
    monkeypatch.setenv("OTOP_POS_SECRET_CARRIER_WEBHOOK_SECRET", "a-long-random-secret-0123456789")
    settings = Settings(thailandpost_hook_base=fake_api.url)
    services = Services(open_store(small_store_url, settings, create=False), queue_prints=False)
    try:
        assert services.tracking.subscriber is not None
        placed = shipped_order(orders, order_desk, packer, manager)  # shipped: not by services
        desk = services.order_desk
        assert services.tracking.subscribe_pending() == 1  # the loop's part: the older one
        fake_api.hooked.clear()
        order = orders.place("hook-composition", *_form())
        desk.confirm_payment(order.order_no, manager)
        desk.start_picking(order.order_no, packer)
        desk.pack_scan(order.order_no, "TEA-001")
        desk.mark_packed(order.order_no, packer)
        shipped = desk.ship(order.order_no, "thailand_post_ems", s10(), packer)
        deadline = time.monotonic() + 10  # subscribed on its own thread after the commit
        while not fake_api.hooked and time.monotonic() < deadline:
            time.sleep(0.02)
        assert fake_api.hooked == [shipped.tracking_no]
        assert placed.tracking_no != shipped.tracking_no
    finally:
        services.close()


def _form() -> tuple[object, ...]:
    from pos.domain.orders import OrderLineRequest, PaymentMethod
    from tests.orders.conftest import delivery

    return delivery(), [OrderLineRequest("product", "TEA-001", 1)], PaymentMethod.PROMPTPAY
