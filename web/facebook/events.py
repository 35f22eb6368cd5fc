"""Messenger webhook JSON -> InboundEvents: texts, postbacks, images; echoes, receipts dropped."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from pos.domain.channels import Channel
from pos.domain.chat import MAX_ID, MAX_RAW, MAX_TEXT, MAX_USER_ID, InboundEvent, InboundKind

MAX_CONTENT_ID = MAX_ID  # chat's store keeps an image's message_id this long
IGNORED = ("delivery", "read")  # receipts of what the page sent: nothing to do


def parse(body: Any, received_at: datetime) -> list[InboundEvent]:
    """The events of a decoded webhook body of object "page" (any other body: none);
    `received_at` (UTC) stands in for an event's missing or impossible timestamp.

    Each `entry[].messaging[]` item is one event: a message's text, a quick reply's or a
    postback's payload, an image (`message_id`: its URL, or the message's mid when the URL is
    longer than chat's store keeps; MessengerSender.content fetches either), anything else
    OTHER. The page's own echoes and delivery/read receipts are dropped, and so is an item
    without a sender. Never raises, whatever the JSON holds."""
    if not isinstance(body, dict) or body.get("object") != "page":
        return []
    entries = body.get("entry")
    events: list[InboundEvent] = []
    for entry in entries if isinstance(entries, list) else []:
        items = entry.get("messaging") if isinstance(entry, dict) else None
        for item in items if isinstance(items, list) else []:
            event = _event(item, received_at) if isinstance(item, dict) else None
            if event is not None:
                events.append(event)
    return events


def _event(item: dict[str, Any], received_at: datetime) -> InboundEvent | None:
    sender = item.get("sender")
    psid = _id(sender.get("id"), MAX_USER_ID) if isinstance(sender, dict) else None
    if psid is None:
        return None
    raw = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    stamp = _millis(item.get("timestamp"))
    at = received_at if stamp is None else datetime.fromtimestamp(stamp / 1000, UTC)
    # Facebook: the message's mid, else the sender and the event's time (or its content)
    fallback_id = f"fb:{psid}:" + (
        str(stamp) if stamp is not None else hashlib.sha256(raw.encode()).hexdigest()[:24]
    )
    raw = raw[:MAX_RAW]

    def event(
        kind: InboundKind, event_id: str, text: str = "", message_id: str = ""
    ) -> InboundEvent:
        return InboundEvent(
            channel=Channel.FACEBOOK, event_id=event_id, user_id=psid, kind=kind, at=at,
            text=text, message_id=message_id, raw=raw,
        )  # fmt: skip

    message = item.get("message")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None
        mid = _id(message.get("mid")) or fallback_id
        quick = message.get("quick_reply")
        if isinstance(quick, dict) and isinstance(quick.get("payload"), str):
            return event(InboundKind.POSTBACK, mid, _text(quick["payload"]))
        text = message.get("text")
        if isinstance(text, str) and text.strip():
            return event(InboundKind.TEXT, mid, _text(text))
        image = _image_url(message.get("attachments"))
        if image is not None:  # fetched by its URL when it is short, else by the message id
            by = image if len(image) <= MAX_CONTENT_ID else mid
            return event(InboundKind.IMAGE, mid, message_id=by)
        return event(InboundKind.OTHER, mid)
    postback = item.get("postback")
    if isinstance(postback, dict):
        payload = postback.get("payload")
        data = _text(payload) if isinstance(payload, str) else ""
        # newer Graph versions give a postback its own mid; else the sender and its time
        return event(InboundKind.POSTBACK, _id(postback.get("mid")) or fallback_id, data)
    if any(key in item for key in IGNORED):
        return None
    return event(InboundKind.OTHER, fallback_id)


def _id(value: Any, limit: int = MAX_ID) -> str | None:
    """A PSID or a mid, whole; None when it is not one or longer than the shop keeps (a
    message then goes by the sender and its time)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value or len(value) > limit or not value.isprintable():
        return None
    return value


def _text(value: str) -> str:
    return value[: MAX_TEXT * 2]  # the command parser trims; a flood is cut here


def _millis(value: Any) -> int | None:
    """A webhook timestamp (milliseconds since the epoch) when it is one of years 2000-2200."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if _EARLIEST_MS <= value <= _LATEST_MS else None


_EARLIEST_MS = 946_684_800_000  # 2000-01-01
_LATEST_MS = 7_258_118_400_000  # 2200-01-01


def _image_url(attachments: Any) -> str | None:
    """The URL of the first image attachment (Facebook's CDN), if there is one."""
    for attachment in attachments if isinstance(attachments, list) else []:
        if isinstance(attachment, dict) and attachment.get("type") == "image":
            payload = attachment.get("payload")
            url = payload.get("url") if isinstance(payload, dict) else None
            if (
                isinstance(url, str)
                and url.startswith(("https://", "http://"))
                and len(url) <= 2000
            ):
                return url
    return None
