"""A LINE customer in headless Chromium: the LIFF page (the fake platform's stand-in SDK) on
`otop-pos shop serve`, an order placed on channel LINE; its confirmation, payment and
"shipped" messages each reach the customer once, though the server is SIGKILLed while LINE
holds the answer to the confirmation's push and the platform then fails twice per message."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Services, open_store
from pos.domain.channels import Channel
from pos.domain.chat import SEND_LEASE, OutboxStatus, Purpose
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from tests.fakes.line_api import FakeLine
from tests.helpers.selling import FastArgon2
from tests.web.server import LiveShop, start_shop, stop_shop
from web.app import create_app
from web.line.client import LineSender

pytestmark = pytest.mark.slow

LIFF_ID = "1650000000-AbCdEfGh"
SILK = "KK-TX-0001"
PHONE = "0812345678"


class Later:
    """The wall clock moved on by `ahead` (the sender that comes after the crash)."""

    def __init__(self) -> None:
        self.ahead = timedelta()

    def now(self) -> datetime:
        return SystemClock().now() + self.ahead


def wait_for(test: Callable[[], object], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while not test():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def line_settings(fake: FakeLine) -> dict[str, Any]:
    return {
        "web_public_url": "https://shop.example.th", "chat_enabled_channels": "line",
        "line_api_base": fake.url, "line_data_api_base": fake.url,
        "line_liff_sdk_url": fake.url + "/liff/sdk.js",
    }  # fmt: skip


@pytest.fixture
def line_shop(
    demo_url: str, tmp_path: Path, fake_line: FakeLine, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LiveShop]:
    """`shop serve` with LINE set up (secrets in its environment) against the fake platform."""
    monkeypatch.setenv("OTOP_POS_SECRET_LINE_CHANNEL_SECRET", fake_line.channel_secret)
    monkeypatch.setenv("OTOP_POS_SECRET_LINE_CHANNEL_ACCESS_TOKEN", fake_line.access_token)
    monkeypatch.setenv("OTOP_POS_SECRET_LINE_LIFF_ID", LIFF_ID)
    monkeypatch.setenv("OTOP_POS_SECRET_CHAT_LINK_SECRET", "chat-link-secret-for-the-tests")
    conf = tmp_path / "settings.json"
    conf.write_text(json.dumps(line_settings(fake_line)), "utf-8")
    db = Path(str(make_url(demo_url).database))
    shop = start_shop(db, tmp_path / "home", "--settings", str(conf))
    try:
        yield shop
    finally:
        if shop.process.poll() is None:
            stop_shop(shop)


def pushes_of(fake: FakeLine, user: str, word: str) -> list[str]:
    """The retry keys of the pushes to `user` whose texts have `word`."""
    return [
        p.retry_key for p in fake.pushed_to(user)
        if any(word in json.dumps(m, ensure_ascii=False) for m in p.messages)
    ]  # fmt: skip


def read_qr_at(url: str, demo_url: str, fake: FakeLine) -> str:
    """The QR code the shop serves at `url` (its path asked of the shop app), read by zxing."""
    settings = Settings.from_dict(line_settings(fake))
    services = Services(open_store(demo_url, settings, create=False), queue_prints=False)
    try:
        with TestClient(create_app(services, expire_every_s=None, chat_every_s=None)) as client:
            answer = client.get(url.removeprefix("https://shop.example.th"))
    finally:
        services.close()
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(answer.content)))
    return str(code.text)


def drive(outbox: Any, clock: Later, rounds: int = 6) -> None:
    """Send what is due, as the server's loop would, the clock moving past each backoff."""
    for _ in range(rounds):
        clock.ahead += timedelta(minutes=3)
        outbox.send_due()


def test_a_liff_order_on_channel_line_and_its_messages_each_sent_once(
    line_shop: LiveShop, fake_line: FakeLine, phone_page: Any, demo_url: str
) -> None:
    user, name = fake_line.liff_user
    assert fake_line.post_webhook(line_shop.url, []).status_code == 200  # LINE's "Verify"
    search = {
        "type": "message", "webhookEventId": "01JLIVE00000000001", "timestamp": 1_764_738_000_000,
        "source": {"type": "user", "userId": user}, "replyToken": fake_line.reply_token(),
        "message": {"type": "text", "id": "1", "text": "ค้นหา ผ้าไหม"},
    }  # fmt: skip
    assert fake_line.post_webhook(line_shop.url, [search]).status_code == 200
    wait_for(lambda: fake_line.replies)  # the server's own chat loop answered it
    assert fake_line.replies[0].messages[0]["contents"]["type"] == "carousel"
    page = phone_page
    page.goto(f"{line_shop.url}/liff/p/{SILK}")
    page.wait_for_url(f"**/p/{SILK}")  # the SDK logged in, the shop verified the ID token
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    page.get_by_role("link", name="สั่งซื้อ", exact=True).click()
    assert page.input_value("input[name=name]") == name  # from the LINE profile
    page.fill("input[name=phone]", PHONE)
    page.check("input[name=fulfilment][value=delivery]")
    page.fill("input[name=address_line]", "99/1 ถนนมิตรภาพ")
    page.fill("input[name=subdistrict]", "ในเมือง")
    page.fill("input[name=district]", "เมืองขอนแก่น")
    page.select_option("select[name=province]", "ขอนแก่น")
    page.fill("input[name=postcode]", "40000")
    page.check("input[name=payment][value=promptpay]")
    fake_line.hang_after_accept()  # LINE takes the confirmation and never answers the server
    page.get_by_role("button", name="ยืนยันการสั่งซื้อ").click()
    page.wait_for_url(re.compile(r".*/order/W\d+$"))
    order_no = page.url.rsplit("/", 1)[1]
    wait_for(lambda: fake_line.pushed_to(user))  # the server's outbox loop pushed it
    line_shop.process.kill()  # SIGKILL: between LINE's accepting and the server's recording
    line_shop.process.wait(30)
    fake_line.answer()
    (confirmation,) = fake_line.pushed_to(user)
    assert order_no in json.dumps(confirmation.messages, ensure_ascii=False)

    settings = Settings.from_dict(line_settings(fake_line))
    services = Services(open_store(demo_url, settings, create=False), queue_prints=False)
    try:
        order = services.orders.lookup(order_no, PHONE)
        assert order is not None
        assert order.channel is Channel.LINE
        qr = f"https://shop.example.th/orders/{order_no}/qr.png?"
        (image,) = [m for m in confirmation.messages if m["type"] == "image"]
        assert image["originalContentUrl"].startswith(qr)  # PromptPay for the amount, unpaid
        assert (
            read_qr_at(image["originalContentUrl"], demo_url, fake_line) == order.promptpay_payload
        )
        clock = Later()
        sender = LineSender(fake_line.access_token, api_base=fake_line.url)
        outbox = services.chat_outbox({Channel.LINE: sender})
        outbox.clock = clock
        fake_line.fail_next(2)
        clock.ahead = SEND_LEASE
        drive(outbox, clock)  # the confirmation again (same key: 409) after 2 x 500
        auth = Auth(services.store.uow, services.settings, services.clock, FastArgon2(),
                    services.store.terminal.terminal_id)  # fmt: skip
        manager = auth.login("manager", "9999")
        desk = services.order_desk
        desk.confirm_payment(order_no, manager)
        desk.start_picking(order_no, manager)
        desk.pack_scan(order_no, SILK)
        desk.mark_packed(order_no, manager)
        desk.ship(order_no, "thailand_post_ems", "EX 123456785 TH", manager)
        fake_line.fail_next(2)
        drive(outbox, clock, rounds=10)
        with services.store.uow() as uow:
            items = [i for i in uow.chat.outbox(None, 50) if i.user_id == user and i.order_id]
    finally:
        services.close()
    by_purpose = {i.purpose: i for i in items}
    assert {i.status for i in items} == {OutboxStatus.SENT}
    for purpose in (Purpose.ORDER_PLACED, Purpose.PAYMENT_RECEIVED, Purpose.SHIPPED):
        key = by_purpose[purpose].retry_key
        assert [p.retry_key for p in fake_line.pushed_to(user)].count(key) == 1, purpose
    assert len(fake_line.pushed_to(user)) == len(items) == 3
    assert pushes_of(fake_line, user, "EX123456785TH") == [by_purpose[Purpose.SHIPPED].retry_key]
    pushed = [status for _, path, status in fake_line.requests if path.endswith("/push")]
    assert pushed == [200, 500, 500, 409, 500, 500, 200, 200]  # the killed one, then ours
