"""Messenger webhook bodies -> InboundEvents: every kind, Thai and emoji intact, junk never
raises."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.channels import Channel
from pos.domain.chat import MAX_ID, InboundKind
from tests.fakes.facebook_api import (
    delivery_event,
    echo_event,
    image_event,
    page_body,
    postback_event,
    read_event,
    text_event,
)
from web.facebook.events import parse

PAGE = "110000000000001"
PSID = "6789012345678901"
NOW = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)


def test_a_text_message_is_one_text_event_keyed_by_its_mid() -> None:
    body = page_body(
        PAGE, text_event(PAGE, PSID, "ค้นหา ผ้าไหม 🧣", mid="m_abc", at_ms=1764738000000)
    )
    [event] = parse(json.loads(json.dumps(body)), NOW)
    assert event.channel is Channel.FACEBOOK
    assert (event.kind, event.event_id, event.user_id) == (InboundKind.TEXT, "m_abc", PSID)
    assert event.text == "ค้นหา ผ้าไหม 🧣"
    assert event.at == datetime(2025, 12, 3, 5, 0, tzinfo=UTC)
    assert "ผ้าไหม" in event.raw
    assert json.loads(event.raw)["message"]["mid"] == "m_abc"


def test_postbacks_quick_replies_images_and_unknown_kinds() -> None:
    stamp = 1764738000123
    reaction = {"reaction": "love", "emoji": "❤️", "action": "react", "mid": "m_1"}
    unknown = {
        "sender": {"id": PSID},
        "recipient": {"id": PAGE},
        "timestamp": stamp + 1,
        "reaction": reaction,
    }
    quick = text_event(PAGE, PSID, "ร้าน", mid="m_q")
    quick["message"]["quick_reply"] = {"payload": "action=shop"}
    body = page_body(
        PAGE,
        postback_event(PAGE, PSID, "action=search&q=ผ้าไหม", "ค้นหา", at_ms=stamp),
        quick,
        image_event(PAGE, PSID, "https://scontent.xx.fbcdn.net/v/label.jpg", mid="m_img"),
        unknown,
    )
    body["entry"][0]["messaging"][0]["postback"].pop("mid")  # as older Graph versions send it
    postback, reply, image, other = parse(body, NOW)
    assert (postback.kind, postback.text) == (InboundKind.POSTBACK, "action=search&q=ผ้าไหม")
    assert postback.event_id == f"fb:{PSID}:{stamp}"
    with_mid = postback_event(PAGE, PSID, "action=orders")
    assert parse(page_body(PAGE, with_mid), NOW)[0].event_id == with_mid["postback"]["mid"]
    assert (reply.kind, reply.text, reply.event_id) == (InboundKind.POSTBACK, "action=shop", "m_q")
    assert (image.kind, image.message_id) == (
        InboundKind.IMAGE,
        "https://scontent.xx.fbcdn.net/v/label.jpg",
    )
    assert (other.kind, other.event_id) == (InboundKind.OTHER, f"fb:{PSID}:{stamp + 1}")


def test_echoes_and_receipts_are_dropped_and_other_objects_ignored() -> None:
    body = page_body(
        PAGE, echo_event(PAGE, PSID, "สวัสดี"), delivery_event(PAGE, PSID), read_event(PAGE, PSID)
    )
    assert parse(body, NOW) == []
    assert parse({**body, "object": "instagram"}, NOW) == []


def test_missing_parts_are_skipped_or_given_the_time_received() -> None:
    no_sender = {"recipient": {"id": PAGE}, "timestamp": 1, "message": {"mid": "m", "text": "x"}}
    no_time = {"sender": {"id": PSID}, "postback": {"payload": "action=help"}}
    [event] = parse(page_body(PAGE, no_sender, no_time), NOW)
    assert event.at == NOW
    assert event.kind is InboundKind.POSTBACK
    assert event.event_id.startswith(f"fb:{PSID}:")
    assert parse(page_body(PAGE, no_time), NOW)[0].event_id == event.event_id  # stable


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
keys = st.sampled_from(["sender", "recipient", "timestamp", "message", "postback", "read", "x"])
items = st.dictionaries(keys, json_values | st.fixed_dictionaries({"id": json_values}), max_size=5)


@settings(max_examples=60)
@given(
    st.one_of(
        json_values,
        st.builds(lambda e: {"object": "page", "entry": e}, json_values),
        st.builds(
            lambda m: {"object": "page", "entry": [{"messaging": m}]}, st.lists(items, max_size=4)
        ),
    )
)
def test_any_json_at_all_never_raises(body: Any) -> None:
    for event in parse(body, NOW):
        assert event.user_id
        assert event.event_id


def test_a_long_mid_is_kept_whole_and_one_past_the_limit_goes_by_sender_and_time() -> None:
    long_mid = "m_" + "AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplw" * 3
    assert 100 < len(long_mid) <= MAX_ID
    [kept] = parse(page_body(PAGE, text_event(PAGE, PSID, "สวัสดี", mid=long_mid)), NOW)
    assert kept.event_id == long_mid
    too_long = "m_" + "x" * MAX_ID
    at_ms = 1764738000123
    [other] = parse(page_body(PAGE, text_event(PAGE, PSID, "สวัสดี", mid=too_long, at_ms=at_ms)), NOW)
    assert other.event_id == f"fb:{PSID}:{at_ms}"
