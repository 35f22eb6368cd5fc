"""The carriers' webhook on a real server (uvicorn on 127.0.0.1): a Thailand Post push with
the shop's secret records its events once and moves a delivered order once; forged,
malformed or oversized pushes are refused with nothing recorded."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.orders import OrderStatus
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.tracking import Tracking
from tests.fakes.thailandpost_api import item
from tests.integration.conftest import FixedClock
from tests.tracking.conftest import shipped_order
from web.app import create_app
from web.carriers.webhook import MAX_PUSH_BYTES

SECRET = "s3cret-ตัวอย่าง-🙂".encode().hex()
PATH = "/hooks/carriers/thailandpost"
DAY = datetime(2026, 11, 28, tzinfo=BANGKOK)


@dataclass
class ShopOn:
    settings: Settings
    orders: Orders


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """`app` under uvicorn on 127.0.0.1 (a port from the OS), its lifespan run; its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def hook_url(
    store: Store, orders: Orders, order_desk: OrderDesk, settings: Settings, clock: FixedClock
) -> Iterator[str]:
    """The shop app with pushes taken by a tracking service with no API to poll."""
    tracking = Tracking(store.uow, order_desk, [], clock)
    app = create_app(
        ShopOn(settings, orders), expire_every_s=None, tracking=tracking, carrier_secret=SECRET
    )
    with serving(app) as url:
        yield url + PATH


def push(barcode: str, *statuses: tuple[str, int]) -> dict[str, object]:
    """A push as Thailand Post's hook API sends it: {"items": [event, ...], ...}."""
    events = [item(barcode, s, DAY.replace(hour=h), "นำจ่ายสำเร็จ 🎉 ✓") for s, h in statuses]
    return {"items": events, "track_datetime": "28/11/2569 18:00+07:00"}


def bearer(secret: str = SECRET) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_a_signed_push_records_once_and_delivers_once(
    hook_url: str,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    store: Store,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager, cod=True)
    body = push(order.tracking_no, ("201", 9), ("301", 13), ("501", 16))
    for _ in range(3):  # the carrier sends it again (no answer seen, a retry)
        answer = httpx.post(hook_url, json=body, headers=bearer(), timeout=10)
        assert answer.status_code == 200
    assert answer.json() == {"status": True, "message": "0 new"}
    done = order_desk.order(order.order_no)
    assert done.status is OrderStatus.DELIVERED
    assert sum(e.status is OrderStatus.DELIVERED for e in done.history) == 1
    with store.uow() as read:
        order_id = read.tracking.order_id(order.order_no)
        assert order_id is not None
        events = read.tracking.events(order_id)
    assert [e.status_code for e in events] == ["201", "301", "501"]
    assert events[-1].description == "นำจ่ายสำเร็จ 🎉 ✓"


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)  # the route, not the store
def test_the_secret_may_be_the_last_part_of_the_path(
    hook_url: str, orders: Orders, order_desk: OrderDesk, packer: Actor, manager: Actor
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    answer = httpx.post(f"{hook_url}/{SECRET}", json=push(order.tracking_no, ("201", 9)))
    assert answer.status_code == 200
    assert answer.json()["message"] == "1 new"


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)  # the route, not the store
@pytest.mark.parametrize(
    ("headers", "suffix"),
    [({}, ""), (bearer("wrong"), ""), (bearer(SECRET[:-1]), ""), ({}, "/not-the-secret")],
)
def test_a_forged_push_is_refused_and_nothing_recorded(
    hook_url: str,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    headers: dict[str, str],
    suffix: str,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    body = push(order.tracking_no, ("501", 16))
    answer = httpx.post(hook_url + suffix, json=body, headers=headers)
    assert answer.status_code == 403
    assert order_desk.order(order.order_no).status is OrderStatus.SHIPPED


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)  # the route, not the store
@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"items": "EX1"}',
        b'{"items": [{"barcode": "", "status": "501", "status_date": "28/11/2569 16:00+07:00"}]}',
        b'{"items": [{"barcode": "EX1TH", "status": "501", "status_date": "yesterday"}]}',
        b'{"items": [{"barcode": "EX1TH", "status": "501",'
        b' "status_date": "31/02/2569 16:00+07:00"}]}',
        b'{"items": [{"barcode": ["EX1TH"], "status": "501"}]}',
    ],
)
def test_a_malformed_push_is_400_and_records_nothing(
    hook_url: str,
    orders: Orders,
    order_desk: OrderDesk,
    packer: Actor,
    manager: Actor,
    store: Store,
    raw: bytes,
) -> None:
    order = shipped_order(orders, order_desk, packer, manager)
    good = push(order.tracking_no, ("201", 9))["items"]
    # a well-formed event beside the bad part is not recorded either
    if raw.startswith(b'{"items": ['):
        bad = json.loads(raw)["items"]
        raw = json.dumps({"items": [*good, *bad]}).encode()
    answer = httpx.post(hook_url, content=raw, headers=bearer())
    assert answer.status_code == 400
    with store.uow() as read:
        order_id = read.tracking.order_id(order.order_no)
        assert order_id is not None
        assert read.tracking.events(order_id) == []


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)  # the route, not the store
def test_an_oversized_push_is_refused_unread(hook_url: str) -> None:
    answer = httpx.post(hook_url, content=b" " * (MAX_PUSH_BYTES + 1), headers=bearer())
    assert answer.status_code == 413


@pytest.mark.parametrize("small_store_url", ["sqlite"], indirect=True)  # the route, not the store
def test_the_webhook_answers_set_no_cookie(
    hook_url: str, orders: Orders, order_desk: OrderDesk, packer: Actor, manager: Actor
) -> None:
    shop = hook_url.removesuffix(PATH)
    assert "set-cookie" in httpx.get(shop + "/order", timeout=10).headers  # a shopper's page
    order = shipped_order(orders, order_desk, packer, manager)
    answers = [
        httpx.post(hook_url, json=push(order.tracking_no, ("201", 9)), headers=bearer()),
        httpx.post(hook_url, json=push(order.tracking_no, ("201", 9)), headers=bearer("no")),
        httpx.post(f"{hook_url}/{SECRET}", content=b"not json", headers=bearer()),
    ]
    assert [a.status_code for a in answers] == [200, 403, 400]
    assert all("set-cookie" not in a.headers for a in answers)
