"""LINE webhook bodies -> InboundEvent: each kind, Thai and emoji intact, odd input tolerated."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.channels import Channel
from pos.domain.chat import InboundKind
from web.line.events import MalformedBody, parse_body, parse_event

NOW = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)
USER = "U" + "a" * 32


def line_event(kind: str = "message", **extra: Any) -> dict[str, Any]:
    """An event as the Messaging API reference shows it."""
    return {
        "type": kind, "mode": "active", "timestamp": 1_764_738_000_000,
        "source": {"type": "user", "userId": USER}, "webhookEventId": "01JEXAMPLE" + kind.upper(),
        "deliveryContext": {"isRedelivery": False},
        "replyToken": "b60d432864f44d079f6d8efe86cf404b",
        **extra,
    }  # fmt: skip


def body(*events: dict[str, Any]) -> bytes:
    return json.dumps({"destination": "Uxxx", "events": list(events)}, ensure_ascii=False).encode()


def test_each_kind_of_event() -> None:
    text = line_event(message={"type": "text", "id": "1", "text": "ค้นหา ผ้าไหม 🧵🙏"})
    image = line_event(message={"type": "image", "id": "4711"}, webhookEventId="01IMG")
    postback = line_event("postback", postback={"data": "action=search&q=ผ้าไหม"})
    follow, unfollow = line_event("follow"), line_event("unfollow")
    sticker = line_event(message={"type": "sticker", "id": "2"}, webhookEventId="01STK")
    parsed = parse_body(body(text, image, postback, follow, unfollow, sticker), NOW)
    kinds = [e.kind for e in parsed]
    assert kinds == [InboundKind.TEXT, InboundKind.IMAGE, InboundKind.POSTBACK,
                     InboundKind.FOLLOW, InboundKind.UNFOLLOW, InboundKind.OTHER]  # fmt: skip
    first = parsed[0]
    assert first.channel is Channel.LINE
    assert first.user_id == USER
    assert first.text == "ค้นหา ผ้าไหม 🧵🙏"
    assert first.event_id == "01JEXAMPLEMESSAGE"
    assert first.reply_token == "b60d432864f44d079f6d8efe86cf404b"
    assert first.at == datetime.fromtimestamp(1_764_738_000, UTC)
    assert not first.redelivery
    assert "ผ้าไหม 🧵" in first.raw  # the record keeps the Thai, not \\u escapes
    assert parsed[1].message_id == "4711"
    assert parsed[2].text == "action=search&q=ผ้าไหม"


def test_the_verification_call_has_no_events_and_redeliveries_are_marked() -> None:
    assert parse_body(b'{"destination":"Uxxx","events":[]}', NOW) == []
    again = line_event("follow", deliveryContext={"isRedelivery": True})
    assert parse_body(body(again), NOW)[0].redelivery


def test_events_missing_their_parts_are_kept_as_other_kinds_never_refused() -> None:
    odd = [
        {"type": "message"},  # no message, no source, no id, no time
        {"type": "beacon", "beacon": {"hwid": "d41d8cd98f"}, "timestamp": "yesterday"},
        {"type": "message", "message": {"type": "text", "text": 42}, "timestamp": 10**20},
    ]
    parsed = parse_body(body(*odd), NOW)
    assert [e.kind for e in parsed] == [InboundKind.OTHER, InboundKind.OTHER, InboundKind.TEXT]
    assert all(e.at == NOW for e in parsed)
    assert parsed[0].event_id.startswith("line:")  # keyed by content: a redelivery matches
    assert parse_event(odd[0], NOW).event_id == parsed[0].event_id
    assert parsed[2].text == ""


@pytest.mark.parametrize(
    "raw", [b"", b"not json", b"[]", b'{"events": {}}', b'"x"', b"\xff\xfe", b'{"no": 1}']
)
def test_a_body_that_is_no_webhook_payload_is_malformed(raw: bytes) -> None:
    with pytest.raises(MalformedBody):
        parse_body(raw, NOW)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(JSON)
def test_any_json_event_parses_or_is_malformed_never_a_crash(event: Any) -> None:
    with contextlib.suppress(MalformedBody):
        parse_body(json.dumps({"events": [event]}).encode(), NOW)
