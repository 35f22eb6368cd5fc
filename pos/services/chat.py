"""Chat with customers on LINE and Facebook: webhook events recorded once by their id,
handled later each in its own transaction, and replies and order messages into the outbox."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import replace

from pos.domain.chat import (
    InboundEvent,
    LinkOut,
    OutMessage,
    Purpose,
    TextOut,
    counts_quota,
    message_text,
    messages_json,
    trim,
)
from pos.domain.errors import ShopError
from pos.ports.chat import ChatUnitOfWork, HasChat, NewOutboxItem
from pos.ports.clock import Clock
from pos.ports.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

BOT = "bot"  # the conversation log's author of automatic messages


class UnknownContact(ShopError):
    """A message to a contact this shop has never heard from."""


class Chat:
    def __init__(self, uow: UnitOfWorkFactory[ChatUnitOfWork], clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def receive(self, events: Sequence[InboundEvent]) -> int:
        """Record the new events in one short transaction (those seen before are ignored,
        redelivered or not); returns how many were new. Handling comes later."""
        if not events:
            return 0
        now = self.clock.now()
        with self.uow(write=True) as uow:
            new = sum(uow.chat.record_event(event, now) for event in events)
            uow.commit()
        return new

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
        chat.add_message(contact_id, "out", text, now, by, outbox_id=outbox_id)
        return outbox_id


def _trimmed(message: OutMessage) -> OutMessage:
    if isinstance(message, TextOut | LinkOut):
        return replace(message, text=trim(message.text))
    return message
