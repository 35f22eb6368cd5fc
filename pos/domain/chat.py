"""Chat with customers on LINE and Facebook: events in, messages out, commands, outbox rules."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from pos.domain.bilingual import ENGLISH, THAI, pick
from pos.domain.channels import Channel
from pos.domain.money import format_baht
from pos.domain.settings import Settings
from pos.domain.shipping import Carrier
from pos.domain.shop_time import local, period_bounds
from pos.domain.text import fold

MAX_TEXT = 2000  # characters of one text message (LINE allows 5,000, Messenger 2,000)
MAX_RAW = 20_000  # characters of an event's JSON kept for the record
MAX_CARDS = 10  # a LINE carousel and a Messenger generic template hold at most 10
MAX_ATTEMPTS = 12  # sends of one outbox item before it is FAILED
MAX_QUERY = 100  # characters of a search text
# characters of a channel's event id or message id the shop keeps whole: LINE's webhookEventId
# is a 26-character ULID and its message ids are digits (about 18); Messenger's mids have no
# documented length ("m_" and about 90 base64 characters now, longer from Instagram). An id
# longer is refused, never cut: a cut id could be taken for another event's
MAX_ID = 255
MAX_USER_ID = 100  # a LINE userId is 33 characters, a Messenger PSID about 16 digits
MAX_REPLY_TOKEN = 200  # a LINE reply token is 32 hex characters
# an item claimed for sending that has no outcome after this long was cut off mid-send
SEND_LEASE = timedelta(minutes=2)
STAFF_NOTICE_EVERY = timedelta(hours=6)  # "staff will answer" at most once in this time
_BACKOFF = (
    timedelta(seconds=5),
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
)
JITTER = 0.2  # a retry waits up to this fraction longer (so many retries do not bunch up)


class InboundKind(StrEnum):
    TEXT = "text"
    POSTBACK = "postback"
    IMAGE = "image"
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class InboundEvent:
    """One webhook event of a channel, as the adapter parsed it (stored once by event id)."""

    channel: Channel
    event_id: str
    user_id: str
    kind: InboundKind
    at: datetime  # UTC
    text: str = ""  # a message's text or a postback's data
    reply_token: str = ""  # LINE only
    message_id: str = ""  # LINE image message id (its content is fetched by it)
    redelivery: bool = False
    raw: str = ""  # the event's JSON, for the record (cut at MAX_RAW)


def ids_fit(event: InboundEvent) -> str:
    """Which of the event's ids is too long to keep whole ("" when they all fit)."""
    for name, value, limit in (
        ("event id", event.event_id, MAX_ID),
        ("message id", event.message_id, MAX_ID),
        ("user id", event.user_id, MAX_USER_ID),
        ("reply token", event.reply_token, MAX_REPLY_TOKEN),
    ):
        if len(value) > limit:
            return f"its {name} is {len(value)} characters (at most {limit})"
    return ""


# --- messages out (channel-neutral; each adapter renders them) ------------------------------
@dataclass(frozen=True, slots=True)
class TextOut:
    text: str


@dataclass(frozen=True, slots=True)
class ImageOut:
    url: str
    preview_url: str


@dataclass(frozen=True, slots=True)
class LinkOut:
    """A text with one button that opens `url`."""

    text: str
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class ProductCard:
    sku: str
    name: str
    price: Decimal
    image_url: str | None
    url: str  # the product's page
    order_url: str  # where "order" goes


@dataclass(frozen=True, slots=True)
class CardsOut:
    cards: tuple[ProductCard, ...]
    alt_text: str


OutMessage = TextOut | ImageOut | LinkOut | CardsOut


def trim(text: str, limit: int = MAX_TEXT) -> str:
    """`text` cut to `limit` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_json(message: OutMessage) -> dict[str, Any]:
    """A message as JSON-able data (the outbox stores it so)."""
    match message:
        case TextOut(text):
            return {"type": "text", "text": text}
        case ImageOut(url, preview_url):
            return {"type": "image", "url": url, "preview_url": preview_url}
        case LinkOut(text, label, url):
            return {"type": "link", "text": text, "label": label, "url": url}
        case CardsOut(cards, alt_text):
            return {
                "type": "cards",
                "alt_text": alt_text,
                "cards": [
                    {
                        "sku": c.sku,
                        "name": c.name,
                        "price": str(c.price),
                        "image_url": c.image_url,
                        "url": c.url,
                        "order_url": c.order_url,
                    }
                    for c in cards
                ],
            }
    raise TypeError(f"not a chat message: {message!r}")


def message_from_json(data: Mapping[str, Any]) -> OutMessage:
    kind = data.get("type")
    if kind == "text":
        return TextOut(str(data["text"]))
    if kind == "image":
        return ImageOut(str(data["url"]), str(data["preview_url"]))
    if kind == "link":
        return LinkOut(str(data["text"]), str(data["label"]), str(data["url"]))
    if kind == "cards":
        cards = tuple(
            ProductCard(
                sku=str(c["sku"]),
                name=str(c["name"]),
                price=Decimal(str(c["price"])),
                image_url=None if c.get("image_url") is None else str(c["image_url"]),
                url=str(c["url"]),
                order_url=str(c["order_url"]),
            )
            for c in data["cards"]
        )
        return CardsOut(cards, str(data["alt_text"]))
    raise ValueError(f"not a chat message: {kind!r}")


def messages_json(messages: Sequence[OutMessage]) -> list[dict[str, Any]]:
    return [message_json(m) for m in messages]


def messages_from_json(data: Sequence[Mapping[str, Any]]) -> tuple[OutMessage, ...]:
    return tuple(message_from_json(d) for d in data)


def message_text(message: OutMessage) -> str:
    """What the conversation log shows of a message sent."""
    match message:
        case TextOut(text):
            return text
        case ImageOut(url, _):
            return f"[image] {url}"
        case LinkOut(text, label, url):
            return f"{text} [{label}: {url}]"
        case CardsOut(cards, alt_text):
            return alt_text + "".join(f"\n- {c.name} ({format_baht(c.price)})" for c in cards)
    raise TypeError(f"not a chat message: {message!r}")


def cards(products: Sequence[ProductCard], alt_text: str) -> CardsOut:
    return CardsOut(tuple(products[:MAX_CARDS]), trim(alt_text, 400))


# --- commands --------------------------------------------------------------------------------
class CommandKind(StrEnum):
    SEARCH = "search"
    STORY = "story"
    ORDERS = "orders"
    SHOP = "shop"
    HELP = "help"
    STAFF = "staff"


@dataclass(frozen=True, slots=True)
class Command:
    kind: CommandKind
    query: str = ""  # SEARCH: the words; STORY: the SKU


_SEARCH_WORDS = frozenset(fold(w) for w in ("ค้นหา", "หา", "search", "find"))
_ORDERS_WORDS = frozenset(fold(w) for w in ("สถานะ", "คำสั่งซื้อ", "order", "orders", "status"))
_SHOP_WORDS = frozenset(fold(w) for w in ("ร้าน", "shop", "สั่งซื้อ", "ร้านค้า"))
_HELP_WORDS = frozenset(fold(w) for w in ("help", "ช่วย", "เมนู", "menu", "ช่วยเหลือ", "?"))
# a SKU as the shop writes them (KK-TX-0003): letters, then dash-separated letters or digits
SKU_PATTERN = re.compile(r"[A-Za-z]{1,6}(?:-[A-Za-z0-9]{1,10}){1,4}")
_STORY_PATH = re.compile(r"/p/([A-Za-z0-9][A-Za-z0-9._-]{0,39})/?$")
_ACTIONS = {
    "search": CommandKind.SEARCH,
    "story": CommandKind.STORY,
    "orders": CommandKind.ORDERS,
    "shop": CommandKind.SHOP,
    "help": CommandKind.HELP,
}


def parse_command(text: str) -> Command:
    """What a customer's text (or a postback's data) asks for; STAFF when it is no command."""
    stripped = " ".join(text.split())
    if not stripped:
        return Command(CommandKind.HELP)
    if stripped.startswith("action="):
        return _postback(stripped)
    if stripped.startswith("?") and len(stripped) > 1:
        return _search(stripped[1:])
    folded = fold(stripped)
    if folded in _ORDERS_WORDS:
        return Command(CommandKind.ORDERS)
    if folded in _SHOP_WORDS:
        return Command(CommandKind.SHOP)
    if folded in _HELP_WORDS:
        return Command(CommandKind.HELP)
    head, _, rest = stripped.partition(" ")
    if fold(head) in _SEARCH_WORDS and rest.strip():
        return _search(rest)
    sku = story_sku(stripped)
    if sku is not None:
        return Command(CommandKind.STORY, sku)
    return Command(CommandKind.STAFF, trim(stripped))


def _search(words: str) -> Command:
    query = " ".join(without_symbols(words).split())[:MAX_QUERY].strip()
    return Command(CommandKind.SEARCH, query) if query else Command(CommandKind.HELP)


# an emoji's joiners and presentation selectors (Thai's own marks are Mn too: kept)
_EMOJI_MARKS = frozenset("\u200d\ufe0e\ufe0f\u20e3")


def without_symbols(text: str) -> str:
    """`text` with its emoji and pictographs (Unicode So/Sk/Cs and their joiners) as spaces:
    no product name has them, so "ค้นหา ผ้าไหม 🧣" searches for "ผ้าไหม"."""
    return "".join(
        " " if ch in _EMOJI_MARKS or unicodedata.category(ch) in ("So", "Sk", "Cs") else ch
        for ch in text
    )


def _postback(data: str) -> Command:
    fields = parse_qs(data, keep_blank_values=True)
    kind = _ACTIONS.get((fields.get("action") or [""])[0])
    if kind is None:
        return Command(CommandKind.HELP)
    if kind is CommandKind.SEARCH:
        return _search((fields.get("q") or [""])[0])
    if kind is CommandKind.STORY:
        sku = (fields.get("sku") or [""])[0].strip()
        return Command(kind, sku) if SKU_PATTERN.fullmatch(sku) else Command(CommandKind.HELP)
    return Command(kind)


def story_sku(text: str) -> str | None:
    """The SKU a text names: a bare SKU, or a product/story URL ending in /p/<SKU>."""
    candidate = text.strip()
    if SKU_PATTERN.fullmatch(candidate):
        return candidate.upper()
    if "/p/" in candidate and " " not in candidate:
        try:
            path = unquote(urlsplit(candidate).path)
        except ValueError:
            return None
        found = _STORY_PATH.search(path)
        if found is not None:
            return found.group(1).upper()
    return None


# --- the outbox --------------------------------------------------------------------------
class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    HELD_QUOTA = "held_quota"  # the month's quota is used up: sent when it allows
    FAILED = "failed"
    # sent without an outcome on a channel with no idempotency key: never resent by itself
    UNKNOWN = "unknown"


class Purpose(StrEnum):
    REPLY = "reply"
    ORDER_PLACED = "order_placed"
    PAYMENT_RECEIVED = "payment_received"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    STAFF = "staff"
    STORY = "story"
    SEARCH = "search"
    REMINDER = "reminder"
    OTHER = "other"


ORDER_PURPOSES = (
    Purpose.ORDER_PLACED,
    Purpose.PAYMENT_RECEIVED,
    Purpose.SHIPPED,
    Purpose.DELIVERED,
)


def backoff(attempts: int, jitter: float = 0.0) -> timedelta:
    """How long to wait before the next try after `attempts` failed ones (5 s, 30 s, 2 min,
    10 min, then 1 h), made longer by up to JITTER times `jitter` (a fraction in [0, 1])."""
    base = _BACKOFF[max(0, min(attempts, len(_BACKOFF)) - 1)]
    return base * (1 + JITTER * min(max(jitter, 0.0), 1.0))


def quota_left(used: int, quota: int | None) -> int | None:
    """Messages still allowed this month (None: the channel has no quota)."""
    return None if quota is None else max(0, quota - used)


def month_bounds(now: datetime) -> tuple[datetime, datetime]:
    """[start, end) of the Bangkok calendar month of `now` (the quota's month)."""
    first = local(now).date().replace(day=1)
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return period_bounds(first, after - timedelta(days=1))


def quota_of(settings: Settings, channel: Channel) -> int | None:
    """A channel's monthly quota of pushes (LINE's setting; Messenger has none)."""
    return settings.line_monthly_quota if channel is Channel.LINE else None


def counts_quota(channel: Channel, reply_token: str) -> bool:
    """Whether a message counts against the month's quota: LINE pushes do, replies are free."""
    return channel is Channel.LINE and not reply_token


# --- the texts of an order's messages -----------------------------------------------------
class OrderFacts(Protocol):
    """What an order's messages say of it (pos.ports.orders.OrderView has these)."""

    @property
    def order_no(self) -> str: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def carrier(self) -> str: ...
    @property
    def tracking_no(self) -> str: ...


@dataclass(frozen=True, slots=True)
class OrderLinks:
    status_url: str = ""  # the order's status page ("" when the shop has no public address)
    qr_url: str = ""  # the PromptPay QR image of its amount ("" when not paid by PromptPay)
    qr_preview_url: str = ""


def order_message(
    purpose: Purpose, order: OrderFacts, lang: str, links: OrderLinks
) -> list[OutMessage]:
    """The messages of an order's step, in the contact's language."""
    no, total = order.order_no, format_baht(order.total)
    if purpose is Purpose.ORDER_PLACED:
        messages: list[OutMessage] = [
            TextOut(
                pick(
                    lang,
                    f"ได้รับคำสั่งซื้อ {no} แล้ว ยอดชำระ {total} บาท",
                    f"We have your order {no}. Amount to pay: {total} baht.",
                )
            )
        ]
        if links.qr_url:
            messages.append(
                TextOut(
                    pick(
                        lang,
                        "ชำระด้วยพร้อมเพย์: สแกน QR นี้ แล้วแนบสลิปในหน้าคำสั่งซื้อ",
                        "Pay by PromptPay: scan this QR code, then attach the slip on the "
                        "order's page.",
                    )
                )
            )
            messages.append(ImageOut(links.qr_url, links.qr_preview_url or links.qr_url))
        return messages + _status_link(lang, links)
    if purpose is Purpose.PAYMENT_RECEIVED:
        paid = pick(
            lang,
            f"ได้รับชำระเงิน {total} บาท สำหรับคำสั่งซื้อ {no} แล้ว ขอบคุณค่ะ",
            f"Payment of {total} baht received for order {no}. Thank you.",
        )
        return [TextOut(paid), *_status_link(lang, links)]
    if purpose is Purpose.SHIPPED:
        return [TextOut(_shipped(order, lang)), *_status_link(lang, links)]
    if purpose is Purpose.DELIVERED:
        return [
            TextOut(
                pick(
                    lang,
                    f"คำสั่งซื้อ {no} จัดส่งถึงแล้ว ขอบคุณที่อุดหนุนสินค้า OTOP ค่ะ",
                    f"Order {no} has been delivered. Thank you for buying OTOP products.",
                )
            )
        ]
    raise ValueError(f"not an order's message: {purpose}")


def _shipped(order: OrderFacts, lang: str) -> str:
    no = order.order_no
    try:
        carrier: Carrier | None = Carrier(order.carrier)
    except ValueError:
        carrier = None
    if carrier is Carrier.PICKUP:
        return pick(
            lang,
            f"คำสั่งซื้อ {no} พร้อมให้มารับที่ศูนย์แล้ว",
            f"Order {no} is ready to collect at the centre.",
        )
    name = carrier.label.pick(lang) if carrier is not None else order.carrier
    text = pick(
        lang,
        f"คำสั่งซื้อ {no} ส่งแล้วทาง {name} เลขพัสดุ {order.tracking_no}",
        f"Order {no} has been shipped by {name}, tracking number {order.tracking_no}.",
    )
    if carrier is not None and order.tracking_no and carrier.tracking_template:
        text += "\n" + carrier.tracking_template.replace("{no}", order.tracking_no)
    return trim(text)


def _status_link(lang: str, links: OrderLinks) -> list[OutMessage]:
    if not links.status_url:
        return []
    return [
        LinkOut(
            pick(lang, "ดูสถานะคำสั่งซื้อ", "See your order's status"),
            pick(lang, "ดูสถานะ", "Status"),
            links.status_url,
        )
    ]


def help_text(lang: str) -> str:
    return pick(
        lang,
        'พิมพ์ "หา <ชื่อสินค้า>" เพื่อค้นหาสินค้า, รหัสสินค้าเพื่อดูเรื่องราว, '
        '"สถานะ" เพื่อดูคำสั่งซื้อ, "ร้าน" เพื่อเปิดร้านค้า หรือพิมพ์ข้อความถึงพนักงานได้เลย',
        'Type "search <product>" to find products, a product code for its story, '
        '"orders" for your orders, "shop" to open the shop, or write to our staff.',
    )


def staff_notice(lang: str) -> str:
    return pick(
        lang,
        "ได้รับข้อความแล้ว พนักงานจะตอบกลับโดยเร็วค่ะ",
        "Thank you for your message: our staff will answer soon.",
    )


def language(value: str | None) -> str:
    """A contact's language from a profile's locale ("en-US" -> "en"); Thai otherwise."""
    return ENGLISH if (value or "").lower().startswith("en") else THAI


@dataclass(frozen=True, slots=True)
class ContactRef:
    """Who an order comes from in chat (a signed link, or a LIFF page's verified user)."""

    channel: Channel
    user_id: str
    display_name: str = ""


# --- signed contact tokens (a chat link that says who follows it) --------------------------
TOKEN_DAYS = 7


def sign_contact(ref: ContactRef, secret: str, expires: datetime) -> str:
    """A token naming `ref` until `expires`, signed with HMAC-SHA256 (URL-safe, no padding)."""
    body = json.dumps(
        [ref.channel.value, ref.user_id, ref.display_name[:100], int(expires.timestamp())],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    return _b64(body) + "." + _b64(_mac(secret, body))


def verify_contact(token: str, secret: str, now: datetime) -> ContactRef | None:
    """The contact a token names; None when it is malformed, forged or expired."""
    if not secret or len(token) > 1000 or token.count(".") != 1:
        return None
    body_part, mac_part = token.split(".")
    try:
        body = _unb64(body_part)
        if not hmac.compare_digest(_unb64(mac_part), _mac(secret, body)):
            return None
        channel, user_id, name, expires = json.loads(body)
        if int(expires) < now.timestamp():
            return None
        return ContactRef(Channel(channel), str(user_id), str(name))
    except (ValueError, TypeError):
        return None


def sign_order_qr(order_no: str, secret: str) -> str:
    """The token of an order's PromptPay QR image URL (no phone, nothing else in the URL)."""
    return _b64(_mac(secret, b"qr:" + order_no.encode()))[:32]


def order_qr_ok(order_no: str, token: str, secret: str) -> bool:
    return bool(secret) and hmac.compare_digest(
        sign_order_qr(order_no, secret).encode(), token.encode()[:64]
    )


def _mac(secret: str, body: bytes) -> bytes:
    return hmac.new(secret.encode(), b"otop-chat-contact:" + body, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
