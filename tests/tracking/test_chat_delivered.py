"""A LINE order delivered by Thailand Post's tracking: the composition root's tracking (its
API token a secret, the API's address a setting) moves the order once, and chat's
"delivered" message is written to the outbox once, however often the update comes again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import ContactRef, Purpose
from pos.domain.orders import OrderLineRequest, OrderStatus, PaymentMethod
from pos.domain.shop_time import BANGKOK
from tests.chat import conftest as chat_fixtures
from tests.chat.conftest import SECRETS, chat_settings, staff
from tests.fakes.thailandpost_api import FakeThailandPost, item
from tests.orders.conftest import delivery
from tests.tracking.conftest import s10
from web.carriers.thailandpost import parse_items

clock = chat_fixtures.clock
open_services = chat_fixtures.open_services
shop_db = chat_fixtures.shop_db

USER = "U0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"
SCARF = "KK-TX-0003"
DAY = datetime(2026, 11, 28, tzinfo=BANGKOK)


@pytest.fixture
def fake() -> Iterator[FakeThailandPost]:
    api = FakeThailandPost().start()
    try:
        yield api
    finally:
        api.stop()


def test_a_delivered_line_order_gets_its_message_once(
    shop_db: str,
    open_services: Callable[..., Services],
    clock: chat_fixtures.Clock,
    fake: FakeThailandPost,
) -> None:
    svc: Services = open_services(
        shop_db, chat_settings(thailandpost_api_base=fake.url),
        {**SECRETS, "thailandpost_token": fake.api_token},
    )  # fmt: skip
    order = svc.orders.place(
        "line-track-000001", delivery(), [OrderLineRequest("product", SCARF, 1)],
        PaymentMethod.PROMPTPAY, channel=Channel.LINE, contact=ContactRef(Channel.LINE, USER),
    )  # fmt: skip
    manager = staff(svc.store, clock, "manager", "9999")
    packer = staff(svc.store, clock, "labels", "2222")
    desk = svc.order_desk
    desk.confirm_payment(order.order_no, manager)
    desk.start_picking(order.order_no, packer)
    desk.pack_scan(order.order_no, SCARF)
    desk.mark_packed(order.order_no, packer)
    no = desk.ship(order.order_no, "thailand_post_ems", s10(), packer).tracking_no
    fake.events[no] = [item(no, "201", DAY.replace(hour=9)), item(no, "501", DAY.replace(hour=15))]

    assert svc.tracking.poll() == 2
    assert desk.order(order.order_no).status is OrderStatus.DELIVERED
    # the same update again: polled, pushed, polled
    clock.advance(hours=1)
    assert svc.tracking.poll() == 0
    assert svc.tracking.push("thailand_post", parse_items({no: fake.events[no]})) == 0
    assert svc.tracking.poll() == 0
    purposes = [i.purpose for i in svc.chat.outbox() if i.order_no == order.order_no]
    assert purposes.count(Purpose.DELIVERED) == 1
    assert purposes.count(Purpose.SHIPPED) == 1
    history = desk.order(order.order_no).history
    assert sum(e.status is OrderStatus.DELIVERED for e in history) == 1
