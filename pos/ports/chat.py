"""Chat's ports: the channels' senders, profiles and image content, and chat's storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from pos.domain.errors import ShopError
from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.channels import Channel
    from pos.domain.chat import InboundEvent, OutboxStatus, OutMessage, Purpose
    from pos.ports.orders import OrderRepository


class ChatSendFailed(ShopError):
    """A channel refused a message: `retryable` when trying again later may work."""

    def __init__(
        self,
        message_en: str,
        message_th: str | None = None,
        *,
        retryable: bool = False,
        status: int = 0,
    ) -> None:
        super().__init__(message_en, message_th)
        self.retryable = retryable
        self.status = status


class ChatUnavailable(ShopError):
    """The channel's server cannot be reached or did not answer in time (retryable)."""

    retryable = True


class ChatSender(Protocol):
    """Sends messages through one channel's API (LINE Messaging API, Messenger Send API)."""

    @property
    def channel(self) -> Channel: ...

    @property
    def idempotent(self) -> bool:
        """Whether a push repeated with the same retry key is delivered once (LINE: yes)."""
        ...

    def push(
        self,
        user_id: str,
        messages: Sequence[OutMessage],
        retry_key: str,
        purpose: Purpose | None = None,
    ) -> str:
        """Send; returns the channel's request or message id. Raises ChatSendFailed or
        ChatUnavailable. A repeated retry key the channel accepted before returns normally.
        `purpose` says what the message is for (Messenger tags an order's update outside the
        24 hours after the customer's last message)."""
        ...

    def reply(self, reply_token: str, messages: Sequence[OutMessage]) -> None: ...

    def check(self) -> str:
        """A line naming the bot or page ("test connection"); raises ChatUnavailable."""
        ...


@dataclass(frozen=True, slots=True)
class ContactProfile:
    display_name: str
    picture_url: str | None = None
    language: str | None = None  # the profile's locale ("th", "en-US") when it has one


class ChatProfiles(Protocol):
    def profile(self, user_id: str) -> ContactProfile | None: ...


class QrReader(Protocol):
    """Reads the QR codes in a photo (a shelf label's story link)."""

    def read(self, image: bytes) -> list[str]: ...


class ChatContent(Protocol):
    """The content of a message a customer sent (LINE: an image by its message id)."""

    def content(self, message_id: str) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Contact:
    contact_id: str
    channel: Channel
    user_id: str
    display_name: str
    lang: str
    phone: str
    created_at: datetime
    last_message_at: datetime | None
    unread: int
    blocked: bool
    picture_url: str | None = None
    staff_notice_at: datetime | None = None  # the last automatic "staff will answer"


@dataclass(frozen=True, slots=True)
class ChatMessageView:
    message_id: str
    contact_id: str
    direction: Literal["in", "out"]
    text: str
    at: datetime
    by: str  # a staff member's name, "bot", or "" (the customer)
    status: OutboxStatus | None  # an outgoing message's outbox status
    outbox_id: str | None = None  # an outgoing message's outbox item (None: incoming)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    outbox_id: str
    channel: Channel
    contact_id: str
    user_id: str
    purpose: Purpose
    messages: list[dict[str, Any]]  # pos.domain.chat.messages_json
    retry_key: str
    reply_token: str
    status: OutboxStatus
    attempts: int
    next_at: datetime
    last_error: str
    order_no: str | None
    sent_at: datetime | None
    counts_quota: bool = False
    in_flight_at: datetime | None = None  # claimed for a send that has no outcome yet
    created_at: datetime | None = None
    order_id: str | None = None


@dataclass(frozen=True, slots=True)
class NewOutboxItem:
    outbox_id: str
    channel: Channel
    contact_id: str
    user_id: str
    purpose: Purpose
    messages: list[dict[str, Any]]
    retry_key: str
    reply_token: str
    counts_quota: bool
    created_at: datetime
    next_at: datetime
    order_id: str | None = None


class ChatRepository(Protocol):
    # --- events ------------------------------------------------------------------------
    def record_event(self, event: InboundEvent, received_at: datetime) -> bool:
        """Store the event; False when the channel's event id was seen before."""
        ...

    def pending_events(self, limit: int) -> list[tuple[str, InboundEvent]]:
        """Recorded, unhandled events, oldest first (locked on PostgreSQL, others skipped)."""
        ...

    def mark_handled(self, event_row_id: str, at: datetime, outcome: str) -> bool:
        """False when it was handled already (by another process)."""
        ...

    # --- contacts and the conversation log ---------------------------------------------
    def contact(self, channel: Channel, user_id: str) -> Contact | None: ...
    def contact_by_id(self, contact_id: str) -> Contact | None: ...
    def upsert_contact(
        self,
        channel: Channel,
        user_id: str,
        at: datetime,
        *,
        display_name: str | None = None,
        lang: str | None = None,
        picture_url: str | None = None,
        blocked: bool | None = None,
    ) -> Contact:
        """The contact, made if new; the fields given (not None) are updated."""
        ...

    def add_message(
        self,
        contact_id: str,
        direction: Literal["in", "out"],
        text: str,
        at: datetime,
        by: str,
        *,
        outbox_id: str | None = None,
        unread: bool = False,
    ) -> str:
        """Log a message (an unread one raises the contact's unread count)."""
        ...

    def conversation(self, contact_id: str, limit: int) -> list[ChatMessageView]:
        """The newest `limit` messages, oldest first."""
        ...

    def contacts(self, limit: int, only_unread: bool) -> list[Contact]:
        """Contacts, the latest message first."""
        ...

    def mark_read(self, contact_id: str) -> None: ...
    def set_staff_notice(self, contact_id: str, at: datetime) -> None: ...

    # --- the outbox --------------------------------------------------------------------
    def enqueue(self, item: NewOutboxItem) -> str: ...
    def outbox_item(self, outbox_id: str) -> OutboxItem | None: ...
    def has_order_message(self, order_id: str, purpose: Purpose) -> bool: ...
    def due(self, now: datetime, stale_before: datetime, limit: int) -> list[OutboxItem]:
        """PENDING items with next_at <= now, not claimed or claimed before `stale_before`;
        oldest first, locked FOR UPDATE SKIP LOCKED on PostgreSQL."""
        ...

    def claim(self, outbox_id: str, at: datetime) -> None:
        """Mark a send begun (in_flight_at, attempts + 1)."""
        ...

    def mark_sent(self, outbox_id: str, at: datetime, external_id: str) -> None: ...
    def mark_retry(self, outbox_id: str, next_at: datetime, error: str) -> None: ...
    def mark_failed(self, outbox_id: str, at: datetime, error: str) -> None: ...
    def mark_unknown(self, outbox_id: str, error: str) -> None: ...
    def mark_held(self, outbox_id: str) -> None: ...
    def to_push(self, outbox_id: str, now: datetime, error: str) -> None:
        """A reply whose token was refused goes again as a push (counting the quota)."""
        ...

    def release_held(self, channel: Channel, now: datetime, limit: int) -> int:
        """HELD_QUOTA items of the channel back to PENDING (the quota allows again)."""
        ...

    def requeue(self, outbox_id: str, now: datetime) -> bool:
        """A FAILED or UNKNOWN item back to PENDING (staff resend); False otherwise."""
        ...

    def outbox(self, status: OutboxStatus | None, limit: int) -> list[OutboxItem]: ...
    def sent_in_month(self, channel: Channel, start: datetime, end: datetime) -> int:
        """Quota-counting items sent in [start, end)."""
        ...

    def sent_by_month(self, start: datetime, end: datetime) -> list[tuple[str, Channel, int]]:
        """("YYYY-MM" in Bangkok, channel, messages sent) of items sent in [start, end)."""
        ...

    # --- orders linked to contacts -----------------------------------------------------
    def link_order(self, order_id: str, contact_id: str, at: datetime) -> None: ...
    def contact_of_order(self, order_id: str) -> Contact | None: ...
    def orders_of(self, contact_id: str, limit: int) -> list[str]:
        """The numbers of the orders linked to the contact, newest first."""
        ...


class ChatUnitOfWork(Transaction, Protocol):
    @property
    def chat(self) -> ChatRepository: ...
    @property
    def orders(self) -> OrderRepository: ...


@runtime_checkable
class HasChat(Protocol):
    """A unit of work of another capability (an order's) reaching chat's storage."""

    @property
    def chat(self) -> ChatRepository: ...
