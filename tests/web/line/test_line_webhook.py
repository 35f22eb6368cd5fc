"""POST /hooks/line on the shop app in process: signed events recorded once, everything else
refused with nothing recorded, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pos.app.bootstrap import Services
from pos.domain.chat import InboundEvent, InboundKind
from pos.services.chat import Chat
from tests.fakes.line_api import FakeLine
from tests.web.conftest import SECRET
from web.app import create_app
from web.line.webhook import MAX_BODY, LineChannel

USER = "U" + "b" * 32


def text_event(text: str, event_id: str, fake: FakeLine, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message", "mode": "active", "timestamp": 1_764_738_000_000,
        "source": {"type": "user", "userId": USER}, "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False}, "replyToken": fake.reply_token(),
        "message": {"type": "text", "id": "5" + event_id[-6:], "quoteToken": "q", "text": text},
        **extra,
    }  # fmt: skip


@pytest.fixture
def chat(services: Services) -> Chat:
    return Chat(services.store.uow, services.clock)


@pytest.fixture
def hook(services: Services, chat: Chat, fake_line: FakeLine) -> Iterator[TestClient]:
    line = LineChannel(fake_line.channel_secret, chat.receive)
    app = create_app(services, secret=SECRET, expire_every_s=None, line=line)
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        yield client


def recorded(services: Services) -> list[InboundEvent]:
    with services.store.uow() as uow:
        return [event for _, event in uow.chat.pending_events(100)]


def test_a_signed_event_is_recorded_and_answered_at_once(
    hook: TestClient, fake_line: FakeLine, services: Services
) -> None:
    answer = fake_line.post_webhook(
        hook, [text_event("ค้นหา ผ้าไหม 🧵", "01JLINE0000000001", fake_line)]
    )
    assert answer.status_code == 200
    (event,) = recorded(services)
    assert (event.kind, event.text, event.user_id) == (InboundKind.TEXT, "ค้นหา ผ้าไหม 🧵", USER)
    assert not fake_line.requests  # nothing sent from the request: the chat loop does that


def test_the_same_event_three_times_is_recorded_once(
    hook: TestClient, fake_line: FakeLine, services: Services
) -> None:
    event = text_event("สถานะ", "01JLINE0000000002", fake_line)
    again = {**event, "deliveryContext": {"isRedelivery": True}}
    for body in (event, event, again):
        assert fake_line.post_webhook(hook, [body]).status_code == 200
    assert [e.event_id for e in recorded(services)] == ["01JLINE0000000002"]


def test_the_verification_call_is_answered(hook: TestClient, fake_line: FakeLine) -> None:
    assert fake_line.post_webhook(hook, []).status_code == 200


def test_bad_missing_or_foreign_signatures_are_refused_and_nothing_is_recorded(
    hook: TestClient, fake_line: FakeLine, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    events = [text_event("ค้นหา ผ้าไหม", "01JLINE0000000003", fake_line)]
    body = json.dumps({"destination": "U", "events": events}, ensure_ascii=False).encode()
    assert fake_line.post_webhook(hook, body, signature="bm90IGEgc2lnbmF0dXJl").status_code == 400
    assert fake_line.post_webhook(hook, body, signature="").status_code == 400  # none at all
    other = fake_line.sign(body, secret="another-channel")
    assert fake_line.post_webhook(hook, body, signature=other).status_code == 400
    tampered = body.replace("ผ้าไหม".encode(), "ผ้าฝ้าย".encode())
    assert fake_line.post_webhook(hook, tampered, signature=fake_line.sign(body)).status_code == 400
    assert recorded(services) == []
    assert "signature" in caplog.text
    assert "ผ้าไหม" not in caplog.text
    assert "Traceback" not in caplog.text


def test_oversized_malformed_and_odd_bodies_never_break_the_hook(
    hook: TestClient, fake_line: FakeLine, services: Services
) -> None:
    huge = b'{"events":[],"pad":"' + b"x" * MAX_BODY + b'"}'
    assert fake_line.post_webhook(hook, huge).status_code == 413
    for junk in (b"", b"{not json", b"[]", b'{"events": "all"}', b"\xff\xfe\x00"):
        assert fake_line.post_webhook(hook, junk).status_code == 400
    unknown = [
        {"type": "beacon", "webhookEventId": "01JLINE0000000004", "beacon": {"hwid": "x"}},
        {"type": "message", "webhookEventId": "01JLINE0000000005",
         "message": {"type": "sticker", "id": "1", "packageId": "446", "stickerId": "1988"}},
        {"type": "memberJoined", "webhookEventId": "01JLINE0000000006"},
        "not even an object",
        text_event("😀" * 300 + "ผ้าไหม" * 100, "01JLINE0000000007", fake_line),
    ]  # fmt: skip
    assert fake_line.post_webhook(hook, unknown).status_code == 200  # type: ignore[arg-type]
    kinds = {e.event_id: e.kind for e in recorded(services)}
    assert kinds == {
        "01JLINE0000000004": InboundKind.OTHER, "01JLINE0000000005": InboundKind.OTHER,
        "01JLINE0000000006": InboundKind.OTHER, "01JLINE0000000007": InboundKind.TEXT,
    }  # fmt: skip


def test_without_line_set_up_the_hook_is_not_there(services: Services, fake_line: FakeLine) -> None:
    app = create_app(services, secret=SECRET, expire_every_s=None)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert fake_line.post_webhook(client, []).status_code == 404
