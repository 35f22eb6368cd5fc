"""Chat: contacts on LINE/Facebook, their webhook events, the conversation log, the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, UTCDateTime, new_id


class ChatContact(Base):
    """A customer on a channel (LINE userId, Messenger PSID)."""

    __tablename__ = "chat_contacts"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    channel: Mapped[str] = mapped_column(String(12))
    user_id: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    picture_url: Mapped[str | None] = mapped_column(String(500))
    lang: Mapped[str] = mapped_column(String(2), default="th")
    phone: Mapped[str] = mapped_column(String(10), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    unread: Mapped[int] = mapped_column(Integer, default=0)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)  # unfollowed the account
    staff_notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    __table_args__ = (UniqueConstraint("channel", "user_id"),)


class ChatEvent(Base):
    """A webhook event, stored once by its channel's event id; handled later, once."""

    __tablename__ = "chat_events"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    channel: Mapped[str] = mapped_column(String(12))
    event_id: Mapped[str] = mapped_column(String(255))  # pos.domain.chat.MAX_ID
    user_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    reply_token: Mapped[str] = mapped_column(String(200), default="")
    message_id: Mapped[str] = mapped_column(String(255), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    redelivery: Mapped[bool] = mapped_column(Boolean, default=False)
    raw: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(100), default="")
    __table_args__ = (
        UniqueConstraint("channel", "event_id"),
        Index(
            "ix_chat_events_unhandled",
            "received_at",
            sqlite_where=sql_text("handled_at IS NULL"),
            postgresql_where=sql_text("handled_at IS NULL"),
        ),
    )


class ChatOutbox(Base):
    """A message to send after the commit that wrote it: sent once, retried with backoff."""

    __tablename__ = "chat_outbox"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    channel: Mapped[str] = mapped_column(String(12))
    contact_id: Mapped[str] = mapped_column(ForeignKey("chat_contacts.id"), index=True)
    user_id: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(20))
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"))
    payload: Mapped[list[Any]] = mapped_column(JSON)
    retry_key: Mapped[str] = mapped_column(String(36), unique=True)
    reply_token: Mapped[str] = mapped_column(String(200), default="")
    counts_quota: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_at: Mapped[datetime] = mapped_column(UTCDateTime())
    in_flight_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(String(300), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    external_id: Mapped[str] = mapped_column(String(100), default="")
    __table_args__ = (
        Index("ix_chat_outbox_status_next", "status", "next_at"),
        # one message of each kind per order, whatever hooks fire twice
        Index(
            "uq_chat_outbox_order_purpose",
            "order_id",
            "purpose",
            unique=True,
            sqlite_where=sql_text("order_id IS NOT NULL"),
            postgresql_where=sql_text("order_id IS NOT NULL"),
        ),
        CheckConstraint(
            "status IN ('pending','sent','held_quota','failed','unknown')", name="status"
        ),
    )


class ChatMessage(Base):
    """The conversation log: what a contact wrote and what was sent them."""

    __tablename__ = "chat_messages"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    contact_id: Mapped[str] = mapped_column(ForeignKey("chat_contacts.id"))
    direction: Mapped[str] = mapped_column(String(3))
    text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    by: Mapped[str] = mapped_column(String(100), default="")
    outbox_id: Mapped[str | None] = mapped_column(ForeignKey("chat_outbox.id"))
    __table_args__ = (
        Index("ix_chat_messages_contact_at", "contact_id", "at"),
        CheckConstraint("direction IN ('in','out')", name="direction"),
    )


class ChatOrderLink(Base):
    """The contact an order came from (its messages go to them)."""

    __tablename__ = "chat_order_links"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("chat_contacts.id"), index=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime())
