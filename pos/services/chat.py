"""Chat with customers on LINE and Facebook: webhook events recorded once by their id,
handled later each in its own transaction, replies and order messages into the outbox.

`receive` records a webhook's events in one short transaction (the route answers at once);
`process_pending` handles each recorded event in its own transaction: the contact made or
updated, the message logged, the command run, the reply written to the outbox, the event
marked handled, all or nothing, so an event is handled exactly once whatever redeliveries,
crashes or a second server do. What takes the network (a profile, a photo's content) is
fetched before that transaction opens. The outbox is sent by pos.services.chat_outbox.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Protocol
from urllib.parse import quote

from pos.domain.bilingual import pick
from pos.domain.channels import Channel
from pos.domain.chat import (
    MAX_CARDS,
    STAFF_NOTICE_EVERY,
    TOKEN_DAYS,
    Command,
    CommandKind,
    ContactRef,
    InboundEvent,
    InboundKind,
    LinkOut,
    OrderLinks,
    OutboxStatus,
    OutMessage,
    ProductCard,
    Purpose,
    TextOut,
    cards,
    counts_quota,
    help_text,
    ids_fit,
    language,
    message_text,
    messages_json,
    month_bounds,
    order_message,
    order_qr_ok,
    parse_command,
    quota_of,
    sign_contact,
    sign_order_qr,
    staff_notice,
    story_sku,
    trim,
    verify_contact,
)
from pos.domain.errors import ShopError
from pos.domain.money import format_baht
from pos.domain.orders import OrderStatus
from pos.domain.settings import Settings
from pos.domain.shop_time import day_start_utc
from pos.ports.chat import (
    ChatContent,
    ChatMessageView,
    ChatProfiles,
    ChatRepository,
    ChatUnitOfWork,
    Contact,
    ContactProfile,
    HasChat,
    NewOutboxItem,
    OutboxItem,
    QrReader,
)
from pos.ports.clock import Clock
from pos.ports.orders import OrderView, WebProduct
from pos.ports.uow import Transaction, UnitOfWorkFactory

log = logging.getLogger(__name__)

BOT = "bot"  # the conversation log's author of automatic messages
LINK_SECRET = "chat_link_secret"  # the secret store's name of the contact tokens' key
LIFF_ID = "line_liff_id"
ORDERS_SHOWN = 5  # the ORDERS command lists this many of the contact's latest orders
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_STAFF_TEXT = 2000
Secrets = Callable[[str], "str | None"]


class UnknownContact(ShopError):
    """A message to a contact this shop has never heard from."""


class ChatNotConfigured(ShopError):
    """Something chat needs is not set up (a secret, the shop's public address)."""


class ProductFinder(Protocol):
    """The web shop's catalogue as chat searches it (pos.services.orders.Orders)."""

    def search(self, text: str, limit: int = 40) -> list[WebProduct]: ...
    def product(self, sku: str) -> WebProduct | None: ...


@dataclass(frozen=True, slots=True)
class _Fetched:
    """What an event needs from the network, fetched before its transaction."""

    profile: ContactProfile | None
    command: Command | None  # an image's command (a shelf label's QR), else parse the text


class Chat:
    def __init__(
        self,
        uow: UnitOfWorkFactory[ChatUnitOfWork],
        clock: Clock,
        *,
        settings: Callable[[], Settings] = Settings,
        products: ProductFinder | None = None,
        secrets: Secrets = lambda name: None,
        profiles: Mapping[Channel, ChatProfiles] | None = None,
        contents: Mapping[Channel, ChatContent] | None = None,
        qr_reader: QrReader | None = None,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.settings_now = settings  # a callable: the live settings at each use
        self.products = products
        self.secrets = secrets
        self.profiles = dict(profiles or {})
        self.contents = dict(contents or {})
        self.qr_reader = qr_reader

    # --- events in ---------------------------------------------------------------------
    def receive(self, events: Sequence[InboundEvent]) -> int:
        """Record the new events in one short transaction (those seen before are ignored,
        redelivered or not, and one whose id is too long to keep whole is logged and
        refused); returns how many were new. Handling comes later."""
        kept = []
        for event in events:
            problem = ids_fit(event)
            if problem:  # never cut (it could match another event's id): logged, not kept
                log.warning("a %s webhook event was refused: %s", event.channel, problem)
            else:
                kept.append(event)
        if not kept:
            return 0
        now = self.clock.now()
        with self.uow(write=True) as uow:
            new = sum(uow.chat.record_event(event, now) for event in kept)
            uow.commit()
        return new

    def process_pending(self, limit: int = 50) -> int:
        """Handle recorded events, each in its own transaction; returns how many."""
        with self.uow() as uow:
            pending = uow.chat.pending_events(limit)
        done = 0
        for row_id, event in pending:
            try:
                done += self._handle(row_id, event)
            except Exception:  # a bug: logged, the event kept and marked, never retried in a loop
                log.exception("chat event %s of %s could not be handled", row_id, event.channel)
                self._give_up(row_id)
        return done

    def _give_up(self, row_id: str) -> None:
        try:
            with self.uow(write=True) as uow:
                uow.chat.mark_handled(row_id, self.clock.now(), "error")
                uow.commit()
        except Exception:
            log.exception("chat event %s could not be marked", row_id)

    def _handle(self, row_id: str, event: InboundEvent) -> int:
        fetched = self._fetch(event)
        now = self.clock.now()
        with self.uow(write=True) as uow:
            chat = uow.chat
            profile = fetched.profile
            contact = chat.upsert_contact(
                event.channel,
                event.user_id,
                now,
                display_name=profile.display_name if profile else None,
                lang=language(profile.language) if profile and profile.language else None,
                picture_url=profile.picture_url if profile else None,
                blocked=event.kind is InboundKind.UNFOLLOW,
            )
            outcome = self._respond(uow, chat, contact, event, fetched, now)
            if not chat.mark_handled(row_id, now, outcome):
                return 0  # handled meanwhile by another process: this one's work is dropped
            uow.commit()
        return 1

    def _fetch(self, event: InboundEvent) -> _Fetched:
        profile = None
        source = self.profiles.get(event.channel)
        if source is not None and event.kind is not InboundKind.UNFOLLOW:
            with self.uow() as uow:
                known = uow.chat.contact(event.channel, event.user_id)
            if known is None or not known.display_name:
                try:
                    profile = source.profile(event.user_id)
                except Exception as exc:  # a profile is nice to have: the event goes on
                    log.warning("no chat profile for a %s user: %s", event.channel, exc)
        command = None
        if event.kind is InboundKind.IMAGE:
            command = self._image_command(event)
        return _Fetched(profile, command)

    def _image_command(self, event: InboundEvent) -> Command:
        content = self.contents.get(event.channel)
        if content is None or self.qr_reader is None or not event.message_id:
            return Command(CommandKind.STAFF, "[image]")
        try:
            image = content.content(event.message_id)
            texts = self.qr_reader.read(image[:MAX_IMAGE_BYTES]) if image else []
        except Exception as exc:
            log.warning("a chat photo could not be read: %s", exc)
            return Command(CommandKind.STAFF, "[image]")
        for text in texts:
            sku = story_sku(text)
            if sku is not None:
                return Command(CommandKind.STORY, sku)
        return Command(CommandKind.STAFF, "[image]")

    def _respond(
        self,
        uow: ChatUnitOfWork,
        chat: ChatRepository,
        contact: Contact,
        event: InboundEvent,
        fetched: _Fetched,
        now: datetime,
    ) -> str:
        if event.kind is InboundKind.UNFOLLOW:
            return "unfollow"
        if event.kind is InboundKind.FOLLOW:
            self._reply(uow, contact, event, [TextOut(help_text(contact.lang))], Purpose.REPLY)
            return "follow"
        if event.kind not in (InboundKind.TEXT, InboundKind.POSTBACK, InboundKind.IMAGE):
            return "ignored"
        command = fetched.command or parse_command(event.text)
        shown = "[image]" if event.kind is InboundKind.IMAGE else event.text
        replies, purpose = self._run(uow, contact, command)
        if replies is None:  # for the staff: unread, and "staff will answer" now and then
            chat.add_message(contact.contact_id, "in", trim(shown), now, "", unread=True)
            last = contact.staff_notice_at
            if last is None or now - last >= STAFF_NOTICE_EVERY:
                self._reply(uow, contact, event, [TextOut(staff_notice(contact.lang))], purpose)
                chat.set_staff_notice(contact.contact_id, now)
            return CommandKind.STAFF.value
        chat.add_message(contact.contact_id, "in", trim(shown), now, "")
        self._reply(uow, contact, event, replies, purpose)
        return command.kind.value

    def _reply(
        self,
        uow: ChatUnitOfWork,
        contact: Contact,
        event: InboundEvent,
        messages: Sequence[OutMessage],
        purpose: Purpose,
    ) -> None:
        self.enqueue(uow, contact.contact_id, messages, purpose, reply_token=event.reply_token)

    def _run(
        self, uow: ChatUnitOfWork, contact: Contact, command: Command
    ) -> tuple[list[OutMessage] | None, Purpose]:
        """The reply to a command (None: it is for the staff) and its purpose."""
        lang = contact.lang
        if command.kind is CommandKind.SEARCH:
            return self._search(contact, command.query), Purpose.SEARCH
        if command.kind is CommandKind.STORY:
            story = self._story(contact, command.query)
            return story, Purpose.STORY if story is not None else Purpose.STAFF
        if command.kind is CommandKind.ORDERS:
            return [TextOut(self._orders_text(uow, contact))], Purpose.REPLY
        if command.kind is CommandKind.SHOP:
            link = self._shop_link(contact, "/")
            if link is None:
                return [TextOut(help_text(lang))], Purpose.REPLY
            return [
                LinkOut(
                    pick(lang, "เปิดร้านค้าออนไลน์", "Open our shop"), pick(lang, "ร้าน", "Shop"), link
                )
            ], Purpose.REPLY
        if command.kind is CommandKind.HELP:
            return [TextOut(help_text(lang))], Purpose.REPLY
        return None, Purpose.STAFF

    def _search(self, contact: Contact, query: str) -> list[OutMessage]:
        lang = contact.lang
        found = self.products.search(query, limit=40) if self.products else []
        available = [p for p in found if p.available > 0][:MAX_CARDS]
        base = self.settings_now().public_url
        if not available:
            return [
                TextOut(
                    pick(
                        lang,
                        f'ไม่พบสินค้า "{trim(query, 100)}" ลองคำอื่นหรือพิมพ์ถึงพนักงานได้เลย',
                        f'No products found for "{trim(query, 100)}": try other words, or '
                        "write to our staff.",
                    )
                )
            ]
        if not base:  # no public address (setting web_public_url): names and prices, no links
            listed = "\n".join(
                f"{trim(pick(lang, p.name_th, p.name_en), 80)}  {format_baht(p.price, symbol=True)}"
                f"  ({p.sku})"
                for p in available
            )
            return [TextOut(trim(pick(lang, "สินค้าที่พบ:\n", "Found:\n") + listed))]
        product_cards = [
            ProductCard(
                sku=p.sku,
                name=trim(pick(lang, p.name_th, p.name_en), 80),
                price=p.price,
                image_url=f"{base}/photos/{quote(p.photo)}" if p.photo else None,
                url=f"{base}/p/{quote(p.sku)}",
                order_url=self._shop_link(contact, f"/p/{quote(p.sku)}")
                or f"{base}/p/{quote(p.sku)}",
            )
            for p in available
        ]
        alt = pick(lang, f'ผลการค้นหา "{query}"', f'Products for "{query}"')
        return [cards(product_cards, alt)]

    def _story(self, contact: Contact, sku: str) -> list[OutMessage] | None:
        product = self.products.product(sku) if self.products else None
        if product is None:
            return None
        lang = contact.lang
        name = pick(lang, product.name_th, product.name_en)
        story = pick(lang, product.story_th, product.story_en) or pick(
            lang, product.story_en, product.story_th
        )
        producer = pick(lang, product.producer_th, product.producer_en)
        district = pick(lang, product.district_th, product.district_en)
        head = f"{name} ({format_baht(product.price)} " + pick(lang, "บาท)", "baht)")
        where = pick(lang, f"ผลิตโดย {producer} อ.{district}", f"Made by {producer}, {district}")
        messages: list[OutMessage] = [TextOut(trim(f"{head}\n{where}\n\n{story}".strip()))]
        base = self.settings_now().public_url
        if base:
            url = self._shop_link(contact, f"/p/{quote(product.sku)}") or f"{base}/p/{product.sku}"
            messages.append(
                LinkOut(
                    pick(lang, "ดูสินค้าและสั่งซื้อ", "See it and order"), pick(lang, "ดูสินค้า", "Open"), url
                )
            )
        return messages

    def _orders_text(self, uow: ChatUnitOfWork, contact: Contact) -> str:
        lang = contact.lang
        numbers = uow.chat.orders_of(contact.contact_id, ORDERS_SHOWN)
        lines = []
        for no in numbers:
            order = uow.orders.get(no)
            if order is not None:
                status = order.status.label.pick(lang)
                lines.append(f"{order.order_no}: {status} ({format_baht(order.total)})")
        if not lines:
            return pick(
                lang,
                'ยังไม่มีคำสั่งซื้อจากบัญชีนี้ พิมพ์ "ร้าน" เพื่อเปิดร้านค้า',
                'No orders from this account yet: type "shop" to open the shop.',
            )
        head = pick(lang, "คำสั่งซื้อล่าสุดของคุณ:", "Your latest orders:")
        return trim(head + "\n" + "\n".join(lines))

    def _shop_link(self, contact: Contact, path: str) -> str | None:
        """Where a contact opens the shop: LINE's LIFF app, or the web shop with a signed
        `via` token naming the contact (None: the shop's public address is not set)."""
        if contact.channel is Channel.LINE:
            liff = self.secrets(LIFF_ID)
            if liff:
                return f"https://liff.line.me/{quote(liff)}{path if path != '/' else ''}"
        base = self.settings_now().public_url
        if not base:
            return None
        ref = ContactRef(contact.channel, contact.user_id, contact.display_name)
        try:
            token = self.contact_token(ref)
        except ChatNotConfigured:
            return f"{base}{path}"
        return f"{base}{path}?via={token}"

    # --- contact tokens ----------------------------------------------------------------
    def contact_token(self, ref: ContactRef) -> str:
        """A signed token naming `ref` for TOKEN_DAYS (a chat link's `via`)."""
        secret = self.secrets(LINK_SECRET)
        if not secret:
            raise ChatNotConfigured(
                "The chat link secret (chat_link_secret) is not set",
                "ยังไม่ได้ตั้งรหัสลับลิงก์แชท (chat_link_secret)",
            )
        return sign_contact(ref, secret, self.clock.now() + timedelta(days=TOKEN_DAYS))

    def contact_from_token(self, token: str) -> ContactRef | None:
        secret = self.secrets(LINK_SECRET)
        return verify_contact(token, secret, self.clock.now()) if secret else None

    # --- the outbox --------------------------------------------------------------------
    def enqueue(
        self,
        uow: object,
        contact_id: str,
        messages: Sequence[OutMessage],
        purpose: Purpose,
        *,
        order_id: str | None = None,
        reply_token: str = "",
        by: str = BOT,
    ) -> str:
        """Write `messages` to the outbox (and the conversation log) inside the CALLER's
        transaction; they are sent after it commits. Returns the outbox item's id."""
        return self._enqueue(
            uow, contact_id, messages, purpose, order_id=order_id, reply_token=reply_token, by=by
        )[0]

    def _enqueue(
        self,
        uow: object,
        contact_id: str,
        messages: Sequence[OutMessage],
        purpose: Purpose,
        *,
        order_id: str | None,
        reply_token: str,
        by: str,
    ) -> tuple[str, ChatMessageView]:
        if not isinstance(uow, HasChat):
            raise TypeError("chat messages are written in a unit of work that has `chat`")
        chat = uow.chat
        contact = chat.contact_by_id(contact_id)
        if contact is None:
            raise UnknownContact(f"No chat contact {contact_id}", f"ไม่พบผู้ติดต่อในแชท {contact_id}")
        now = self.clock.now()
        outbox_id = str(uuid.uuid4())
        chat.enqueue(
            NewOutboxItem(
                outbox_id=outbox_id,
                channel=contact.channel,
                contact_id=contact_id,
                user_id=contact.user_id,
                purpose=purpose,
                messages=messages_json([_trimmed(m) for m in messages]),
                retry_key=str(uuid.uuid4()),
                reply_token=reply_token,
                counts_quota=counts_quota(contact.channel, reply_token),
                created_at=now,
                next_at=now,
                order_id=order_id,
            )
        )
        text = "\n".join(message_text(m) for m in messages)
        message_id = chat.add_message(contact_id, "out", text, now, by, outbox_id=outbox_id)
        view = ChatMessageView(
            message_id, contact_id, "out", text, now, by, OutboxStatus.PENDING, outbox_id
        )
        return outbox_id, view

    # --- orders: linked to who placed them in chat, their messages once each -----------
    def order_placed(self, uow: object, order: OrderView, contact: ContactRef | None) -> None:
        """Orders' placed hook (inside the order's transaction): link the order to the chat
        contact who placed it and write its confirmation (with the PromptPay QR)."""
        if contact is None or not isinstance(uow, HasChat):
            return
        now = self.clock.now()
        chat = uow.chat
        known = chat.upsert_contact(
            contact.channel, contact.user_id, now, display_name=contact.display_name or None
        )
        chat.link_order(order.order_id, known.contact_id, now)
        self._order_message(uow, known, order, Purpose.ORDER_PLACED)

    def order_status(
        self, uow: object, order: OrderView, target: OrderStatus, at: datetime
    ) -> None:
        """OrderDesk's status hook (inside the move's transaction): the step's message to the
        order's chat contact, once per order and step whatever is set again."""
        purpose = _STATUS_PURPOSES.get(target)
        if purpose is None or not isinstance(uow, HasChat):
            return
        contact = uow.chat.contact_of_order(order.order_id)
        if contact is not None:
            self._order_message(uow, contact, order, purpose)

    def _order_message(
        self, uow: HasChat, contact: Contact, order: OrderView, purpose: Purpose
    ) -> None:
        if contact.blocked or uow.chat.has_order_message(order.order_id, purpose):
            return
        messages = order_message(purpose, order, contact.lang, self._order_links(order))
        self.enqueue(uow, contact.contact_id, messages, purpose, order_id=order.order_id)

    def _order_links(self, order: OrderView) -> OrderLinks:
        base = self.settings_now().public_url
        if not base:
            return OrderLinks()
        no = quote(order.order_no)
        status = f"{base}/order?no={no}"
        secret = self.secrets(LINK_SECRET)
        if not (secret and order.promptpay_payload and order.status.is_open):
            return OrderLinks(status)
        qr = f"{base}/orders/{no}/qr.png?t={sign_order_qr(order.order_no, secret)}"
        return OrderLinks(status, qr, qr + "&s=240")

    def order_qr(self, order_no: str, token: str) -> str | None:
        """The PromptPay payload of an unpaid order whose QR image URL carries `token`."""
        secret = self.secrets(LINK_SECRET)
        if not secret or not order_qr_ok(order_no, token, secret):
            return None
        with self.uow() as uow:
            order = uow.orders.get(order_no)
        if order is None or order.status not in (OrderStatus.NEW, OrderStatus.AWAITING_PAYMENT):
            return None
        return order.promptpay_payload

    # --- the staff's side --------------------------------------------------------------
    def staff_reply(self, contact_id: str, text: str, actor: str) -> ChatMessageView:
        """A staff member's answer, sent through the contact's channel (a push)."""
        body = text.strip()
        if not body:
            raise ShopError("The reply is empty", "ยังไม่ได้พิมพ์ข้อความตอบกลับ")
        if len(body) > MAX_STAFF_TEXT:
            raise ShopError(
                f"A reply is at most {MAX_STAFF_TEXT} characters",
                f"ข้อความตอบกลับยาวได้ไม่เกิน {MAX_STAFF_TEXT} ตัวอักษร",
            )
        with self.uow(write=True) as uow:
            contact = uow.chat.contact_by_id(contact_id)
            if contact is None:
                raise UnknownContact(
                    f"No chat contact {contact_id}", f"ไม่พบผู้ติดต่อในแชท {contact_id}"
                )
            if contact.blocked:
                raise ShopError(
                    "This customer has blocked the shop's account: messages cannot reach them",
                    "ลูกค้ารายนี้บล็อกบัญชีร้านแล้ว ส่งข้อความไม่ได้",
                )
            _, view = self._enqueue(
                uow, contact_id, [TextOut(body)], Purpose.STAFF, order_id=None, reply_token="",
                by=actor,
            )  # fmt: skip
            uow.chat.mark_read(contact_id)
            uow.commit()
        return view

    def conversations(self, only_unread: bool = False, limit: int = 200) -> list[Contact]:
        with self.uow() as uow:
            return uow.chat.contacts(limit, only_unread)

    def conversation(self, contact_id: str, limit: int = 200) -> list[ChatMessageView]:
        with self.uow() as uow:
            return uow.chat.conversation(contact_id, limit)

    def mark_read(self, contact_id: str) -> None:
        with self.uow(write=True) as uow:
            uow.chat.mark_read(contact_id)
            uow.commit()

    def outbox(self, status: OutboxStatus | None = None, limit: int = 200) -> list[OutboxItem]:
        with self.uow() as uow:
            return uow.chat.outbox(status, limit)

    def usage(self, channel: Channel) -> tuple[int, int | None]:
        """Quota-counting messages sent this (Bangkok) month, and the month's quota."""
        with self.uow() as uow:
            used = uow.chat.sent_in_month(channel, *month_bounds(self.clock.now()))
        return used, quota_of(self.settings_now(), channel)

    def resend(self, outbox_id: str, actor: str) -> bool:
        """Send a FAILED or UNKNOWN message again (a new retry key); False if it is neither."""
        with self.uow(write=True) as uow:
            done = uow.chat.requeue(outbox_id, self.clock.now())
            uow.commit()
        if done:
            log.info("chat message %s queued again by %s", outbox_id, actor)
        return done


_STATUS_PURPOSES = {
    OrderStatus.PAID: Purpose.PAYMENT_RECEIVED,
    OrderStatus.SHIPPED: Purpose.SHIPPED,
    OrderStatus.DELIVERED: Purpose.DELIVERED,
}


def _trimmed(message: OutMessage) -> OutMessage:
    if isinstance(message, TextOut | LinkOut):
        return replace(message, text=trim(message.text))
    return message


@dataclass(frozen=True, slots=True)
class MessagesRow:
    month: str  # YYYY-MM (Bangkok)
    channel: Channel
    sent: int


CHAT_CHANNELS = (Channel.LINE, Channel.FACEBOOK)


def messages_report(
    uow: UnitOfWorkFactory[Transaction], first: date, last: date
) -> list[MessagesRow]:
    """Messages sent per month and chat channel for the months of first..last (a row for
    LINE and Facebook every month, 0 when none went)."""
    start, _ = month_bounds(day_start_utc(first))
    _, end = month_bounds(day_start_utc(last))
    with uow() as read:
        if not isinstance(read, HasChat):
            raise TypeError("the messages report reads a unit of work that has `chat`")
        counted = {(month, channel): n for month, channel, n in read.chat.sent_by_month(start, end)}
    rows = []
    month = date(first.year, first.month, 1)
    while month <= last:
        key = f"{month:%Y-%m}"
        channels = {*CHAT_CHANNELS, *(c for m, c in counted if m == key)}
        rows += [
            MessagesRow(key, c, counted.get((key, c), 0)) for c in sorted(channels, key=_order)
        ]
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return rows


def _order(channel: Channel) -> int:
    return list(Channel).index(channel)
