"""Chat.process_pending on the demo store: each event handled once, the commands' replies
(search cards, a product's story, orders, the shop, help), staff conversations, photos."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import (
    CardsOut,
    ContactRef,
    InboundEvent,
    InboundKind,
    LinkOut,
    OutboxStatus,
    Purpose,
    TextOut,
    messages_from_json,
)
from pos.ports.chat import OutboxItem
from pos.services.chat import Chat
from tests.chat.conftest import SHOP_URL, Clock, FakeSender, chat_settings

USER = "U1f2e3d4c5b6a79880123456789abcdef"
Open = Callable[..., Services]
_seq = iter(range(1, 1_000_000))


def _event(
    clock: Clock,
    text: str = "",
    *,
    kind: InboundKind = InboundKind.TEXT,
    channel: Channel = Channel.LINE,
    event_id: str | None = None,
    message_id: str = "",
) -> InboundEvent:
    n = next(_seq)
    return InboundEvent(
        channel=channel,
        event_id=event_id or f"01J{n:023d}",
        user_id=USER,
        kind=kind,
        at=clock.now(),
        text=text,
        reply_token=f"reply-{n}" if channel is Channel.LINE else "",
        message_id=message_id,
    )


def _ask(chat: Chat, event: InboundEvent) -> list[OutboxItem]:
    """Receive and handle one event; the outbox items it wrote."""
    before = {i.outbox_id for i in chat.outbox()}
    assert chat.receive([event]) == 1
    assert chat.process_pending() == 1
    return [i for i in chat.outbox() if i.outbox_id not in before]


def test_a_search_without_the_shops_public_address_lists_names_and_prices(
    shop_db: str, open_services: Open, clock: Clock
) -> None:
    """No `web_public_url` yet: no links to give, but the products are still there."""
    svc = open_services(shop_db, chat_settings(web_public_url=""))
    [item] = _ask(svc.chat, _event(clock, "ค้นหา ผ้าไหม 🧣"))
    [text] = messages_from_json(item.messages)
    assert isinstance(text, TextOut)
    assert text.text.startswith("สินค้าที่พบ:")
    listed = text.text.splitlines()[1:]
    assert 1 <= len(listed) <= 10
    assert all("ผ้าไหม" in line and "฿" in line for line in listed)
    assert "ไม่พบสินค้า" not in text.text


def test_a_search_redelivered_three_times_is_answered_once_with_cards(
    shop_db: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_db)
    event = _event(clock, "หา ผ้าไหม")
    assert svc.chat.receive([event]) == 1
    assert svc.chat.receive([event, event]) == 0
    assert svc.chat.process_pending() == 1
    assert svc.chat.process_pending() == 0
    [item] = svc.chat.outbox()
    assert (item.purpose, item.reply_token, item.counts_quota) == (
        Purpose.SEARCH,
        event.reply_token,
        False,
    )
    [cards] = messages_from_json(item.messages)
    assert isinstance(cards, CardsOut)
    assert 1 <= len(cards.cards) <= 10
    assert all("ผ้าไหม" in c.name for c in cards.cards)
    assert all(c.url == f"{SHOP_URL}/p/{c.sku}" for c in cards.cards)
    available = {p.sku: p.available for p in svc.orders.search("ผ้าไหม", 40)}
    assert all(available[c.sku] > 0 for c in cards.cards)

    sender = FakeSender()
    assert svc.chat_outbox({Channel.LINE: sender}).send_due() == 1
    assert svc.chat_outbox({Channel.LINE: sender}).send_due() == 0
    assert sender.replies == [(event.reply_token, (cards,))]
    [contact] = svc.chat.conversations()
    log = svc.chat.conversation(contact.contact_id)
    assert (log[0].direction, log[0].text) == ("in", "หา ผ้าไหม")
    assert log[1].direction == "out"
    assert log[1].status is OutboxStatus.SENT
    assert contact.unread == 0  # a command is answered by the bot: nothing for the staff


def test_nothing_found_says_so(shop_sqlite: str, open_services: Open, clock: Clock) -> None:
    svc = open_services(shop_sqlite)
    [item] = _ask(svc.chat, _event(clock, "search spaceship 🚀"))
    [text] = messages_from_json(item.messages)
    assert isinstance(text, TextOut)
    assert "spaceship" in text.text


def test_a_sku_or_a_story_link_gets_the_story_and_a_signed_link(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    for asked in ("kk-tx-0003", "https://otop.example/p/KK-TX-0003"):
        [item] = _ask(svc.chat, _event(clock, asked, channel=Channel.FACEBOOK))
        assert item.purpose is Purpose.STORY
        assert item.counts_quota is False  # Messenger has no monthly quota
        story, link = messages_from_json(item.messages)
        assert isinstance(story, TextOut)
        assert isinstance(link, LinkOut)
        assert "ผ้าพันคอ" in story.text or "Mudmee" in story.text
        assert "650.00" in story.text
        url = urlsplit(link.url)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{SHOP_URL}/p/KK-TX-0003"
        [token] = parse_qs(url.query)["via"]
        assert svc.chat.contact_from_token(token) == ContactRef(Channel.FACEBOOK, USER, "")
    # a SKU-looking word that is no product is a message for the staff
    [notice] = _ask(svc.chat, _event(clock, "AB-12", channel=Channel.FACEBOOK))
    assert notice.purpose is Purpose.STAFF
    assert svc.chat.conversations(only_unread=True)[0].unread == 1


def test_staff_messages_wait_unread_with_one_notice_per_six_hours(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    [notice] = _ask(svc.chat, _event(clock, "สวัสดีค่ะ มีผ้าสีแดงไหมคะ 😊"))
    assert notice.purpose is Purpose.STAFF
    clock.advance(hours=1)
    assert _ask(svc.chat, _event(clock, "ขอบคุณค่ะ 🙏")) == []  # no second notice
    [contact] = svc.chat.conversations(only_unread=True)
    assert contact.unread == 2
    clock.advance(hours=6)
    assert len(_ask(svc.chat, _event(clock, "ยังอยู่ไหมคะ"))) == 1

    clock.advance(minutes=2)  # staff answer after the bot's notice (the log orders by time)
    answer = svc.chat.staff_reply(contact.contact_id, "มีค่ะ ผ้าไหมย้อมครั่งสีแดง 3,200 บาท", "สมชาย")
    assert (answer.direction, answer.by, answer.status) == ("out", "สมชาย", OutboxStatus.PENDING)
    assert svc.chat.conversations(only_unread=True) == []
    sender = FakeSender()
    assert svc.chat_outbox({Channel.LINE: sender}).send_due() == 3  # 2 notices + the answer
    [push] = sender.delivered  # the staff's answer is a push (the notices were replies)
    assert push.messages == (TextOut("มีค่ะ ผ้าไหมย้อมครั่งสีแดง 3,200 บาท"),)
    texts = [m.text for m in svc.chat.conversation(contact.contact_id)]
    assert texts[0] == "สวัสดีค่ะ มีผ้าสีแดงไหมคะ 😊"
    assert texts[-1] == "มีค่ะ ผ้าไหมย้อมครั่งสีแดง 3,200 บาท"
    assert svc.chat.usage(Channel.LINE) == (1, 300)


def test_orders_shop_help_follow_and_unfollow(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite, secrets={"line_liff_id": "2001234567-AbCdEfGh"})
    [orders] = _ask(svc.chat, _event(clock, "สถานะ"))
    assert "ยังไม่มีคำสั่งซื้อ" in messages_from_json(orders.messages)[0].text  # type: ignore[union-attr]
    [shop] = _ask(svc.chat, _event(clock, "action=shop", kind=InboundKind.POSTBACK))
    [link] = messages_from_json(shop.messages)
    assert isinstance(link, LinkOut)
    assert link.url == "https://liff.line.me/2001234567-AbCdEfGh"
    [welcome] = _ask(svc.chat, _event(clock, kind=InboundKind.FOLLOW))
    assert "หา" in messages_from_json(welcome.messages)[0].text  # type: ignore[union-attr]
    assert _ask(svc.chat, _event(clock, kind=InboundKind.UNFOLLOW)) == []
    [contact] = svc.chat.conversations()
    assert contact.blocked
    assert _ask(svc.chat, _event(clock, kind=InboundKind.OTHER)) == []


class _Photo:
    """The channel's content API and a QR reader, as test doubles of external services."""

    def __init__(self, found: list[str]) -> None:
        self.found = found
        self.asked: list[str] = []

    def content(self, message_id: str) -> bytes:
        self.asked.append(message_id)
        return b"\xff\xd8\xff photo of a shelf label"

    def read(self, image: bytes) -> list[str]:
        return self.found


def test_a_photo_of_a_shelf_labels_qr_gets_the_story(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    photo = _Photo(["https://otop.example/p/KK-TX-0003"])
    svc.__dict__["chat_contents"] = {Channel.LINE: photo}
    svc.__dict__["chat_qr_reader"] = photo
    [story] = _ask(svc.chat, _event(clock, kind=InboundKind.IMAGE, message_id="468789577898"))
    assert story.purpose is Purpose.STORY
    assert photo.asked == ["468789577898"]
    photo.found = ["not a story link"]
    [staff] = _ask(svc.chat, _event(clock, kind=InboundKind.IMAGE, message_id="468789577899"))
    assert staff.purpose is Purpose.STAFF


class _Broken:
    def search(self, text: str, limit: int = 40) -> list[object]:
        raise RuntimeError("a bug")

    def product(self, sku: str) -> None:
        raise RuntimeError("a bug")


def test_an_event_that_cannot_be_handled_is_marked_and_not_retried(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    chat = svc.chat
    chat.products = _Broken()  # type: ignore[assignment]
    assert chat.receive([_event(clock, "หา ผ้า")]) == 1
    assert chat.process_pending() == 0
    assert chat.process_pending() == 0
    with svc.store.uow() as uow:
        assert uow.chat.pending_events(10) == []
    assert chat.outbox() == []


def test_contact_tokens_are_signed_and_expire(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    ref = ContactRef(Channel.FACEBOOK, "2457893021234567", "สมหญิง 🌸")
    token = svc.chat.contact_token(ref)
    assert svc.chat.contact_from_token(token) == ref
    body, mac = token.split(".")
    assert svc.chat.contact_from_token(body + "." + mac[::-1]) is None
    assert svc.chat.contact_from_token("garbage") is None
    assert svc.chat.contact_from_token("ก.ข") is None
    other = open_services(shop_sqlite, secrets={"chat_link_secret": "another-secret-0123456789"})
    assert other.chat.contact_from_token(token) is None
    clock.advance(days=7, seconds=1)
    assert svc.chat.contact_from_token(token) is None
