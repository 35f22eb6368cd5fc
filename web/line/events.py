"""LINE webhook bodies -> InboundEvent (unknown or odd events become OTHER, never an error)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from pos.domain.channels import Channel
from pos.domain.chat import MAX_ID, MAX_RAW, InboundEvent, InboundKind

MAX_TEXT = 5000  # LINE's own limit of a text message


class MalformedBody(ValueError):
    """The body is not a LINE webhook payload (not JSON, or no list of events)."""


def parse_body(body: bytes, now: datetime) -> list[InboundEvent]:
    """The events of a (signature-checked) webhook body; `now` stands in for a missing or
    impossible timestamp. The verification call's empty list gives []."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedBody("not JSON") from exc
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list):
        raise MalformedBody("no events")
    return [parse_event(e, now) for e in events if isinstance(e, dict)]


def parse_event(event: dict[str, Any], now: datetime) -> InboundEvent:
    raw = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    kind, text, message_id = _content(event)
    context = event.get("deliveryContext")
    return InboundEvent(
        channel=Channel.LINE,
        event_id=_event_id(event, raw),
        user_id=_user_id(event.get("source")),
        kind=kind,
        at=_at(event.get("timestamp"), now),
        text=text[:MAX_TEXT],
        reply_token=_str(event.get("replyToken")),  # chat refuses one too long to keep
        message_id=message_id,
        redelivery=isinstance(context, dict) and context.get("isRedelivery") is True,
        raw=raw[:MAX_RAW],
    )


def _content(event: dict[str, Any]) -> tuple[InboundKind, str, str]:
    """(kind, text or postback data, image message id)."""
    kind = event.get("type")
    if kind == "message" and isinstance(message := event.get("message"), dict):
        if message.get("type") == "text":
            return InboundKind.TEXT, _str(message.get("text")), ""
        if message.get("type") == "image":
            return InboundKind.IMAGE, "", _str(message.get("id"))  # kept whole, or refused
        return InboundKind.OTHER, "", ""
    if kind == "postback" and isinstance(postback := event.get("postback"), dict):
        return InboundKind.POSTBACK, _str(postback.get("data")), ""
    if kind == "follow":
        return InboundKind.FOLLOW, "", ""
    if kind == "unfollow":
        return InboundKind.UNFOLLOW, "", ""
    return InboundKind.OTHER, "", ""


def _event_id(event: dict[str, Any], raw: str) -> str:
    """`webhookEventId`; an event without one is keyed by its content (so a redelivery of it
    is still recognised)."""
    given = _str(event.get("webhookEventId"))
    if given and len(given) <= MAX_ID:
        return given
    return "line:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _user_id(source: Any) -> str:
    if not isinstance(source, dict):
        return ""
    for key in ("userId", "groupId", "roomId"):
        if value := _str(source.get(key)):
            return value  # kept whole, or the event refused
    return ""


def _at(timestamp: Any, now: datetime) -> datetime:
    """LINE's milliseconds since the epoch as a UTC moment."""
    if isinstance(timestamp, int) and not isinstance(timestamp, bool):
        try:
            return datetime.fromtimestamp(timestamp / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return now
    return now


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
