"""MessengerSender against the fake Graph API on 127.0.0.1: bodies as the Send API takes them,
the 24-hour rule, errors retryable or not, no answer = outcome unknown, no token in the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from pos.domain.chat import (
    CardsOut,
    ImageOut,
    LinkOut,
    OutMessage,
    ProductCard,
    Purpose,
    TextOut,
)
from pos.ports.chat import ChatSendFailed, ChatUnavailable
from tests.fakes.facebook_api import FakeGraph, RunningGraph, running_graph
from web.facebook.client import MessengerSender, OutcomeUnknown

PSID = "6789012345678901"
NOW = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)


@pytest.fixture
def fake() -> Iterator[RunningGraph]:
    graph = FakeGraph()
    graph.profiles[PSID] = {
        "first_name": "สมหญิง",
        "last_name": "ใจดี 🌸",
        "profile_pic": "https://platform-lookaside.fbsbx.com/p.jpg",
    }
    with running_graph(graph) as running:
        yield running


_OPEN: list[MessengerSender] = []


@pytest.fixture(autouse=True)
def _closed() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def sender(
    fake: RunningGraph | None,
    *,
    heard: datetime | None = NOW - timedelta(minutes=5),
    token: str | None = None,
    read_s: float = 5.0,
    base: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> MessengerSender:
    """A sender on the fake (closed after the test); the customer last wrote at `heard`."""
    made = MessengerSender(
        token or (fake.graph.page_token if fake else "t"),
        base or (fake.base_url if fake else ""),
        last_heard=lambda _psid: heard,
        now=lambda: NOW,
        timeout=httpx.Timeout(3.0, read=read_s),
        transport=transport,
    )
    _OPEN.append(made)
    return made


def card(n: int) -> ProductCard:
    return ProductCard(
        sku=f"KK-TX-{n:04d}",
        name=f"ผ้าไหมมัดหมี่ลายขอนแก่น {n} 🧣",
        price=Decimal("2800.00"),
        image_url=f"https://shop.example.th/photos/KK-TX-{n:04d}.jpg" if n % 2 else None,
        url=f"https://shop.example.th/p/KK-TX-{n:04d}",
        order_url=f"https://shop.example.th/p/KK-TX-{n:04d}?via=t{n}",
    )


def test_every_kind_of_message_goes_out_as_the_send_api_takes_it(fake: RunningGraph) -> None:
    messages: list[OutMessage] = [
        TextOut("สวัสดีค่ะ 😊"),
        CardsOut(tuple(card(n) for n in range(1, 13)), "ผ้าไหม 12 รายการ"),
        LinkOut("เปิดร้านค้า", "ช้อปเลย", "https://shop.example.th/?via=abc"),
        ImageOut("https://shop.example.th/orders/W1/qr.png?t=x", "https://shop.example.th/q.png"),
    ]
    message_id = sender(fake).push(PSID, messages, "key-1")
    sent = fake.graph.sent
    assert [s.messaging_type for s in sent] == ["RESPONSE"] * 4
    assert message_id == sent[-1].message_id
    assert sent[0].message == {"text": "สวัสดีค่ะ 😊"}
    [generic] = fake.graph.templates("generic")
    elements = generic.message["attachment"]["payload"]["elements"]
    assert len(elements) == 10  # the template's most
    assert elements[0]["title"] == "ผ้าไหมมัดหมี่ลายขอนแก่น 1 🧣"
    assert elements[0]["subtitle"] == "฿2,800.00"
    assert elements[0]["image_url"] == "https://shop.example.th/photos/KK-TX-0001.jpg"
    assert "image_url" not in elements[1]
    assert elements[0]["default_action"] == {"type": "web_url", "url": card(1).url}
    assert elements[0]["buttons"] == [
        {"type": "web_url", "url": card(1).order_url, "title": "สั่งซื้อ / Order"}
    ]
    [button] = fake.graph.templates("button")
    payload = button.message["attachment"]["payload"]
    assert payload["text"] == "เปิดร้านค้า"
    assert payload["buttons"] == [
        {"type": "web_url", "url": "https://shop.example.th/?via=abc", "title": "ช้อปเลย"}
    ]
    assert sent[3].message["attachment"]["type"] == "image"


def test_a_long_text_is_cut_to_messengers_2000_characters(fake: RunningGraph) -> None:
    sender(fake).push(PSID, [TextOut("ก" * 2500)], "key-long")
    [text] = fake.graph.texts()
    assert len(text) == 2000
    assert text.endswith("…")


def test_after_24_hours_only_order_updates_go_out_tagged(fake: RunningGraph) -> None:
    late = sender(fake, heard=NOW - timedelta(hours=30))
    late.push(PSID, [TextOut("ส่งแล้ว")], "key-ship", purpose=Purpose.SHIPPED)
    [shipped] = fake.graph.sent
    assert (shipped.messaging_type, shipped.tag) == ("MESSAGE_TAG", "POST_PURCHASE_UPDATE")
    with pytest.raises(ChatSendFailed) as refused:
        late.push(PSID, [TextOut("โปรโมชั่น")], "key-promo", purpose=Purpose.STAFF)
    assert not refused.value.retryable
    assert "24" in refused.value.message_en
    never = sender(fake, heard=None)
    with pytest.raises(ChatSendFailed):
        never.push(PSID, [TextOut("hello")], "key-never")
    assert len(fake.graph.sent) == 1
    assert fake.graph.attempts == 1
    # the outbox gives no purpose: a message naming its order number is that order's update
    late.push(PSID, [TextOut("คำสั่งซื้อ W2612030007 ส่งแล้ว")], "key-no-purpose")
    assert (fake.graph.sent[-1].messaging_type, fake.graph.sent[-1].tag) == (
        "MESSAGE_TAG",
        "POST_PURCHASE_UPDATE",
    )


def test_facebooks_own_window_refusal_is_not_retried(fake: RunningGraph) -> None:
    fake.graph.window_closed.add(PSID)  # Facebook's clock says the window closed
    with pytest.raises(ChatSendFailed) as refused:
        sender(fake).push(PSID, [TextOut("สวัสดี")], "key-w")
    assert not refused.value.retryable
    assert "24-hour" in refused.value.message_en


def test_outages_and_rate_limits_are_retryable_and_a_bad_token_is_not(fake: RunningGraph) -> None:
    fake.graph.fail_next(1, status=500, code=2)
    fake.graph.fail_next(1, status=400, code=613)
    for _ in range(2):
        with pytest.raises(ChatSendFailed) as failed:
            sender(fake).push(PSID, [TextOut("x")], "key-r")
        assert failed.value.retryable
    assert "rate limit" in failed.value.message_en
    sender(fake).push(PSID, [TextOut("x")], "key-r")
    assert fake.graph.texts() == ["x"]
    with pytest.raises(ChatSendFailed) as token:
        sender(fake, token="EAA-wrong").push(PSID, [TextOut("y")], "key-t")
    assert not token.value.retryable
    assert token.value.status == 400
    assert "code 190" in token.value.message_en
    assert fake.graph.texts() == ["x"]


def test_a_retry_resends_only_the_parts_facebook_did_not_take(fake: RunningGraph) -> None:
    first = [TextOut("หนึ่ง"), TextOut("สอง"), TextOut("สาม")]

    class FailSecond(httpx.BaseTransport):
        """The network in front of the fake: the second request of the test breaks."""

        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport()
            self.calls = 0

        def close(self) -> None:
            self.inner.close()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            self.calls += 1
            if self.calls == 2:
                raise httpx.ConnectError("refused", request=request)
            return self.inner.handle_request(request)

    flaky = sender(fake, transport=FailSecond())
    with pytest.raises(ChatUnavailable):
        flaky.push(PSID, first, "key-3")
    flaky.push(PSID, first, "key-3")
    assert fake.graph.texts() == ["หนึ่ง", "สอง", "สาม"]


def test_no_answer_is_an_unknown_outcome_and_no_server_is_unavailable(fake: RunningGraph) -> None:
    fake.graph.go_silent()
    with pytest.raises(OutcomeUnknown) as unknown:
        sender(fake, read_s=0.5).push(PSID, [TextOut("ถึงไหม")], "key-silent")
    assert not unknown.value.retryable  # no idempotency key: never sent again by itself
    assert fake.graph.texts() == ["ถึงไหม"]  # Facebook took it; only the answer was lost
    fake.graph.speak()
    nobody = sender(None, base="http://127.0.0.1:9/v21.0")
    with pytest.raises(ChatUnavailable) as down:
        nobody.push(PSID, [TextOut("x")], "key-down")
    assert not isinstance(down.value, ChatSendFailed)  # nothing went out: retryable


def test_check_profile_and_no_token_in_the_logs(
    fake: RunningGraph, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    messenger = sender(fake)
    assert messenger.check() == f"Facebook Page ศูนย์ OTOP ขอนแก่น ({fake.graph.page_id})"
    profile = messenger.profile(PSID)
    assert profile is not None
    assert profile.display_name == "สมหญิง ใจดี 🌸"
    assert profile.picture_url == "https://platform-lookaside.fbsbx.com/p.jpg"
    assert messenger.profile("1234") is None  # Facebook has none: no error
    messenger.push(PSID, [TextOut("x")], "key-log")
    with pytest.raises(ChatUnavailable) as refused:
        sender(fake, token="EAA-wrong-token").check()
    assert "token" in refused.value.message_en
    assert "/me/messages" in caplog.text  # httpx did log its requests...
    assert fake.graph.page_token not in caplog.text
    assert "EAA-wrong-token" not in caplog.text
