"""The shop server's side of tracking: its lifespan polls the carriers by itself, and
`otop-pos shop serve` takes a pushed update with the secret from the environment."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import OrderStatus
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.tracking import Tracking
from tests.fakes.thailandpost_api import FakeThailandPost, item
from tests.integration.conftest import FixedClock
from tests.tracking.conftest import shipped_order
from tests.tracking.test_webhook import PATH, ShopOn, push, serving
from tests.web.server import start_shop_at, stop_shop
from web.app import create_app
from web.carriers.thailandpost import ThailandPostTracking

DAY = datetime(2026, 11, 28, tzinfo=BANGKOK)


def wait_for(order_desk: OrderDesk, order_no: str, status: OrderStatus) -> bool:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if order_desk.order(order_no).status is status:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)
def test_the_lifespan_polls_the_shipped_orders(
    store: Store,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    settings: Settings,
    clock: FixedClock,
    fake_api: FakeThailandPost,
    source: ThailandPostTracking,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    no = order.tracking_no
    fake_api.events[no] = [
        item(no, "201", DAY.replace(hour=9)),
        item(no, "501", DAY.replace(hour=16)),
    ]
    tracking = Tracking(store.uow, order_desk, [source], clock, timedelta(minutes=30))
    app = create_app(
        ShopOn(settings, orders), expire_every_s=None, tracking=tracking, tracking_every_s=0.1
    )
    with serving(app):
        assert wait_for(order_desk, order.order_no, OrderStatus.DELIVERED)
    assert [e.status_code for e in tracking.events(order.order_no)] == ["201", "501"]
    assert len(fake_api.tracked()) == 1  # asked once: not again within the poll minutes


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)
def test_shop_serve_takes_a_signed_push(
    store: Store,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    small_store_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    monkeypatch.setenv("OTOP_POS_SECRET_CARRIER_WEBHOOK_SECRET", "the-shops-hook-secret")
    monkeypatch.delenv("OTOP_POS_SECRET_THAILANDPOST_TOKEN", raising=False)
    database = make_url(small_store_url).database
    assert database is not None
    shop = start_shop_at(database, tmp_path / "home")
    try:
        body = push(order.tracking_no, ("301", 10), ("501", 15))
        forged = httpx.post(shop.url + PATH, json=body, headers={"Authorization": "Bearer x"})
        assert forged.status_code == 403
        answer = httpx.post(f"{shop.url}{PATH}/the-shops-hook-secret", json=body, timeout=10)
        assert answer.status_code == 200
        assert answer.json()["message"] == "2 new"
        assert wait_for(order_desk, order.order_no, OrderStatus.DELIVERED)
    finally:
        stop_shop(shop)
