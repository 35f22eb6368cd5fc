"""LineSender against the fake LINE Platform: pushes with retry keys, replies, errors, timeouts."""

from __future__ import annotations

import time
import uuid
from decimal import Decimal

import pytest

from pos.domain.chat import CardsOut, ImageOut, LinkOut, ProductCard, TextOut
from pos.ports.chat import ChatSendFailed, ChatUnavailable
from tests.fakes.line_api import FakeLine
from web.line.client import LineSender

SILK = ProductCard(
    "KK-TX-0001", "ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร 🧵", Decimal("1290.00"),
    "https://shop.example.th/photos/KK-TX-0001.jpg", "https://shop.example.th/p/KK-TX-0001",
    "https://shop.example.th/liff/p/KK-TX-0001",
)  # fmt: skip


def sender(fake: FakeLine, **options: float) -> LineSender:
    return LineSender(fake.access_token, api_base=fake.url, data_base=fake.url, **options)


def test_a_push_with_its_retry_key_is_delivered_once_however_often_it_is_sent(
    fake_line: FakeLine,
) -> None:
    line = sender(fake_line)
    key = str(uuid.uuid4())
    messages = [TextOut("ได้รับคำสั่งซื้อแล้ว 🙏"), ImageOut("https://x.th/qr.png", "https://x.th/q.png")]
    first = line.push("U1", messages, key)
    again = line.push("U1", messages, key)  # the outbox resends after a crash: LINE's 409
    assert first
    assert again == first
    assert len(fake_line.pushes) == 1
    pushed = fake_line.pushes[0]
    assert pushed.retry_key == key
    assert pushed.messages[0] == {"type": "text", "text": "ได้รับคำสั่งซื้อแล้ว 🙏"}
    assert pushed.messages[1]["originalContentUrl"] == "https://x.th/qr.png"
    assert ("POST", "/v2/bot/message/push", 409) in fake_line.requests


def test_server_errors_are_retryable_and_a_refusal_is_not(fake_line: FakeLine) -> None:
    line = sender(fake_line)
    fake_line.fail_next(2)
    for _ in range(2):
        with pytest.raises(ChatSendFailed) as failed:
            line.push("U1", [TextOut("hi")], str(uuid.uuid4()))
        assert failed.value.retryable
        assert failed.value.status == 500
    fake_line.fail_next(1, status=429)
    with pytest.raises(ChatSendFailed) as limited:
        line.push("U1", [TextOut("hi")], str(uuid.uuid4()))
    assert limited.value.retryable
    assert limited.value.status == 429
    wrong = LineSender("not-the-token", api_base=fake_line.url)
    with pytest.raises(ChatSendFailed) as refused:
        wrong.push("U1", [TextOut("hi")], str(uuid.uuid4()))
    assert not refused.value.retryable
    assert refused.value.status == 401
    with pytest.raises(ChatSendFailed) as bad_key:
        line.push("U1", [TextOut("hi")], "not-a-uuid")
    assert not bad_key.value.retryable
    assert bad_key.value.status == 400
    line.push("U1", [TextOut("hi")], str(uuid.uuid4()))
    assert len(fake_line.pushes) == 1  # only the last one was accepted


def test_a_silent_server_is_unavailable_after_the_read_timeout(fake_line: FakeLine) -> None:
    line = sender(fake_line, read_s=0.5)
    fake_line.hang()
    started = time.monotonic()
    with pytest.raises(ChatUnavailable):
        line.push("U1", [TextOut("hi")], str(uuid.uuid4()))
    assert time.monotonic() - started < 3
    fake_line.answer()
    assert not fake_line.pushes


def test_a_carousel_of_products_and_a_link_as_the_api_takes_them(fake_line: FakeLine) -> None:
    line = sender(fake_line)
    cheap = ProductCard(
        "KK-FD-0003", "Sai krok", Decimal("85"), None, "https://x/p/a", "https://x/o/a"
    )
    token = fake_line.reply_token()
    line.reply(token, [
        CardsOut((SILK, cheap), "ผลการค้นหา ผ้าไหม"),
        LinkOut("เปิดร้านค้า", "ร้านค้า", "https://liff.line.me/1650000000-abc"),
        LinkOut("A long text " * 20, "Open the shop", "https://shop.example.th/"),
    ])  # fmt: skip
    (reply,) = fake_line.replies
    carousel, buttons, bubble = reply.messages
    assert carousel["altText"] == "ผลการค้นหา ผ้าไหม"
    first, second = carousel["contents"]["contents"]
    assert first["hero"]["url"] == SILK.image_url
    assert first["body"]["contents"][0]["text"] == SILK.name  # Thai and emoji intact
    assert first["body"]["contents"][1]["text"] == "฿1,290.00"
    action = first["footer"]["contents"][0]["action"]
    assert (action["label"], action["uri"]) == ("สั่งซื้อ", SILK.order_url)  # the alt text's language
    assert "hero" not in second
    assert buttons["template"]["actions"][0]["uri"] == "https://liff.line.me/1650000000-abc"
    assert bubble["type"] == "flex"
    assert bubble["contents"]["footer"]
    with pytest.raises(ChatSendFailed) as used:  # a reply token is good for one reply
        line.reply(token, [TextOut("again")])
    assert used.value.status == 400
    assert not used.value.retryable


def test_bot_info_profiles_and_image_content(fake_line: FakeLine) -> None:
    line = sender(fake_line)
    assert line.check() == "LINE: OTOP ขอนแก่น (@123otop)"
    fake_line.profiles["U9"] = {"displayName": "มานี 🌸", "language": "th"}
    profile = line.profile("U9")
    assert profile is not None
    assert (profile.display_name, profile.language) == ("มานี 🌸", "th")
    assert line.profile("U-unknown") is None
    fake_line.contents["4711"] = (b"\xff\xd8jpeg-bytes", "image/jpeg")
    assert line.content("4711") == b"\xff\xd8jpeg-bytes"
    line.push("U9", [TextOut("x")], str(uuid.uuid4()))
    assert line.quota() == (1, 300)
    with pytest.raises(ChatUnavailable):
        LineSender("t", api_base="http://127.0.0.1:9", connect_s=0.5).check()
