"""Chat's storage: events once by id, contacts, the conversation log, the outbox, order links."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Literal

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db import models as m
from db.models.base import new_id
from pos.domain.channels import Channel
from pos.domain.chat import MAX_RAW, InboundEvent, InboundKind, OutboxStatus, Purpose
from pos.domain.shop_time import local
from pos.ports.chat import ChatMessageView, Contact, NewOutboxItem, OutboxItem

_ERROR_CHARS = 300


def _contact(row: m.ChatContact) -> Contact:
    return Contact(
        contact_id=row.id,
        channel=Channel(row.channel),
        user_id=row.user_id,
        display_name=row.display_name,
        lang=row.lang,
        phone=row.phone,
        created_at=row.created_at,
        last_message_at=row.last_message_at,
        unread=row.unread,
        blocked=row.blocked,
        picture_url=row.picture_url,
        staff_notice_at=row.staff_notice_at,
    )


def _item(row: m.ChatOutbox, order_no: str | None) -> OutboxItem:
    return OutboxItem(
        outbox_id=row.id,
        channel=Channel(row.channel),
        contact_id=row.contact_id,
        user_id=row.user_id,
        purpose=Purpose(row.purpose),
        messages=list(row.payload),
        retry_key=row.retry_key,
        reply_token=row.reply_token,
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        next_at=row.next_at,
        last_error=row.last_error,
        order_no=order_no,
        sent_at=row.sent_at,
        counts_quota=row.counts_quota,
        in_flight_at=row.in_flight_at,
        created_at=row.created_at,
        order_id=row.order_id,
    )


def _event(row: m.ChatEvent) -> InboundEvent:
    return InboundEvent(
        channel=Channel(row.channel),
        event_id=row.event_id,
        user_id=row.user_id,
        kind=InboundKind(row.kind),
        at=row.at,
        text=row.text,
        reply_token=row.reply_token,
        message_id=row.message_id,
        redelivery=row.redelivery,
        raw=row.raw,
    )


class SqlChatRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _pg(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"

    # --- events ------------------------------------------------------------------------
    def record_event(self, event: InboundEvent, received_at: datetime) -> bool:
        insert = pg_insert if self._pg else sqlite_insert
        done = self.session.execute(
            insert(m.ChatEvent)
            .values(
                id=new_id(),
                channel=event.channel.value,
                event_id=event.event_id,  # whole (Chat.receive refuses longer than MAX_ID)
                user_id=event.user_id,
                kind=event.kind.value,
                text=event.text,
                reply_token=event.reply_token,
                message_id=event.message_id,
                at=event.at,
                redelivery=event.redelivery,
                raw=event.raw[:MAX_RAW],
                received_at=received_at,
                outcome="",
            )
            .on_conflict_do_nothing(index_elements=["channel", "event_id"])
            .returning(m.ChatEvent.id)
        )
        return done.scalar() is not None

    def pending_events(self, limit: int) -> list[tuple[str, InboundEvent]]:
        q = (
            select(m.ChatEvent)
            .where(m.ChatEvent.handled_at.is_(None))
            .order_by(m.ChatEvent.received_at, m.ChatEvent.at)
            .limit(limit)
        )
        if self._pg:
            q = q.with_for_update(skip_locked=True)
        return [(row.id, _event(row)) for row in self.session.scalars(q)]

    def mark_handled(self, event_row_id: str, at: datetime, outcome: str) -> bool:
        done = self.session.execute(
            update(m.ChatEvent)
            .where(m.ChatEvent.id == event_row_id, m.ChatEvent.handled_at.is_(None))
            .values(handled_at=at, outcome=outcome[:100])
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(done, "rowcount", 0) == 1)

    # --- contacts and the conversation log ---------------------------------------------
    def _contact_row(self, channel: Channel, user_id: str) -> m.ChatContact | None:
        return self.session.scalars(
            select(m.ChatContact).where(
                m.ChatContact.channel == channel.value, m.ChatContact.user_id == user_id
            )
        ).first()

    def contact(self, channel: Channel, user_id: str) -> Contact | None:
        row = self._contact_row(channel, user_id)
        return None if row is None else _contact(row)

    def contact_by_id(self, contact_id: str) -> Contact | None:
        row = self.session.get(m.ChatContact, contact_id)
        return None if row is None else _contact(row)

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
        insert = pg_insert if self._pg else sqlite_insert
        self.session.execute(
            insert(m.ChatContact)
            .values(
                id=new_id(),
                channel=channel.value,
                user_id=user_id[:100],
                display_name=(display_name or "")[:100],
                lang=lang or "th",
                phone="",
                created_at=at,
                unread=0,
                blocked=bool(blocked),
                picture_url=picture_url,
            )
            .on_conflict_do_nothing(index_elements=["channel", "user_id"])
        )
        row = self._contact_row(channel, user_id[:100])
        assert row is not None
        if display_name is not None:
            row.display_name = display_name[:100]
        if lang is not None:
            row.lang = lang
        if picture_url is not None:
            row.picture_url = picture_url[:500]
        if blocked is not None:
            row.blocked = blocked
        self.session.flush()
        return _contact(row)

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
        message_id = new_id()
        self.session.add(
            m.ChatMessage(
                id=message_id,
                contact_id=contact_id,
                direction=direction,
                text=text,
                at=at,
                by=by[:100],
                outbox_id=outbox_id,
            )
        )
        values: dict[str, object] = {"last_message_at": at}
        if unread:
            values["unread"] = m.ChatContact.unread + 1
        self.session.execute(
            update(m.ChatContact)
            .where(m.ChatContact.id == contact_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        self.session.flush()
        return message_id

    def conversation(self, contact_id: str, limit: int) -> list[ChatMessageView]:
        rows = self.session.execute(
            select(m.ChatMessage, m.ChatOutbox.status)
            .outerjoin(m.ChatOutbox, m.ChatOutbox.id == m.ChatMessage.outbox_id)
            .where(m.ChatMessage.contact_id == contact_id)
            # at one instant the customer's message comes before the answer to it
            .order_by(
                m.ChatMessage.at.desc(),
                case((m.ChatMessage.direction == "in", 0), else_=1).desc(),
                m.ChatMessage.id.desc(),
            )
            .limit(limit)
        ).all()
        return [
            ChatMessageView(
                message_id=row.id,
                contact_id=row.contact_id,
                direction="in" if row.direction == "in" else "out",
                text=row.text,
                at=row.at,
                by=row.by,
                status=None if status is None else OutboxStatus(status),
                outbox_id=row.outbox_id,
            )
            for row, status in reversed(rows)
        ]

    def contacts(self, limit: int, only_unread: bool) -> list[Contact]:
        q = select(m.ChatContact)
        if only_unread:
            q = q.where(m.ChatContact.unread > 0)
        q = q.order_by(
            m.ChatContact.last_message_at.desc().nulls_last(), m.ChatContact.created_at.desc()
        ).limit(limit)
        return [_contact(row) for row in self.session.scalars(q)]

    def mark_read(self, contact_id: str) -> None:
        self.session.execute(
            update(m.ChatContact)
            .where(m.ChatContact.id == contact_id)
            .values(unread=0)
            .execution_options(synchronize_session=False)
        )

    def set_staff_notice(self, contact_id: str, at: datetime) -> None:
        self.session.execute(
            update(m.ChatContact)
            .where(m.ChatContact.id == contact_id)
            .values(staff_notice_at=at)
            .execution_options(synchronize_session=False)
        )

    # --- the outbox --------------------------------------------------------------------
    def enqueue(self, item: NewOutboxItem) -> str:
        self.session.add(
            m.ChatOutbox(
                id=item.outbox_id,
                channel=item.channel.value,
                contact_id=item.contact_id,
                user_id=item.user_id,
                purpose=item.purpose.value,
                order_id=item.order_id,
                payload=item.messages,
                retry_key=item.retry_key,
                reply_token=item.reply_token,
                counts_quota=item.counts_quota,
                status=OutboxStatus.PENDING.value,
                attempts=0,
                created_at=item.created_at,
                next_at=item.next_at,
                last_error="",
                external_id="",
            )
        )
        self.session.flush()
        return item.outbox_id

    def _items(self, where: list[object], limit: int, *, lock: bool = False) -> list[OutboxItem]:
        q = (
            select(m.ChatOutbox, m.Order.order_no)
            .outerjoin(m.Order, m.Order.id == m.ChatOutbox.order_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(m.ChatOutbox.next_at, m.ChatOutbox.created_at)
            .limit(limit)
        )
        if lock and self._pg:
            q = q.with_for_update(skip_locked=True, of=m.ChatOutbox)
        return [_item(row, order_no) for row, order_no in self.session.execute(q).all()]

    def outbox_item(self, outbox_id: str) -> OutboxItem | None:
        found = self._items([m.ChatOutbox.id == outbox_id], 1)
        return found[0] if found else None

    def has_order_message(self, order_id: str, purpose: Purpose) -> bool:
        return (
            self.session.scalar(
                select(m.ChatOutbox.id).where(
                    m.ChatOutbox.order_id == order_id, m.ChatOutbox.purpose == purpose.value
                )
            )
            is not None
        )

    def due(self, now: datetime, stale_before: datetime, limit: int) -> list[OutboxItem]:
        return self._items(
            [
                m.ChatOutbox.status == OutboxStatus.PENDING.value,
                m.ChatOutbox.next_at <= now,
                or_(
                    m.ChatOutbox.in_flight_at.is_(None),
                    m.ChatOutbox.in_flight_at <= stale_before,
                ),
            ],
            limit,
            lock=True,
        )

    def _set(self, outbox_id: str, **values: object) -> None:
        self.session.execute(
            update(m.ChatOutbox)
            .where(m.ChatOutbox.id == outbox_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    def claim(self, outbox_id: str, at: datetime) -> None:
        self._set(outbox_id, in_flight_at=at, attempts=m.ChatOutbox.attempts + 1)

    def mark_sent(self, outbox_id: str, at: datetime, external_id: str) -> None:
        self._set(
            outbox_id,
            status=OutboxStatus.SENT.value,
            sent_at=at,
            in_flight_at=None,
            external_id=external_id[:100],
            last_error="",
        )

    def mark_retry(self, outbox_id: str, next_at: datetime, error: str) -> None:
        self._set(outbox_id, next_at=next_at, in_flight_at=None, last_error=error[:_ERROR_CHARS])

    def mark_failed(self, outbox_id: str, at: datetime, error: str) -> None:
        self._set(
            outbox_id,
            status=OutboxStatus.FAILED.value,
            in_flight_at=None,
            next_at=at,
            last_error=error[:_ERROR_CHARS],
        )

    def mark_unknown(self, outbox_id: str, error: str) -> None:
        self._set(outbox_id, status=OutboxStatus.UNKNOWN.value, last_error=error[:_ERROR_CHARS])

    def mark_held(self, outbox_id: str) -> None:
        self._set(outbox_id, status=OutboxStatus.HELD_QUOTA.value, in_flight_at=None)

    def to_push(self, outbox_id: str, now: datetime, error: str) -> None:
        self._set(
            outbox_id,
            reply_token="",
            counts_quota=m.ChatOutbox.channel == Channel.LINE.value,
            next_at=now,
            in_flight_at=None,
            last_error=error[:_ERROR_CHARS],
        )

    def release_held(self, channel: Channel, now: datetime, limit: int) -> int:
        ids = list(
            self.session.scalars(
                select(m.ChatOutbox.id)
                .where(
                    m.ChatOutbox.channel == channel.value,
                    m.ChatOutbox.status == OutboxStatus.HELD_QUOTA.value,
                )
                .order_by(m.ChatOutbox.created_at)
                .limit(limit)
            )
        )
        if ids:
            self.session.execute(
                update(m.ChatOutbox)
                .where(m.ChatOutbox.id.in_(ids))
                .values(status=OutboxStatus.PENDING.value, next_at=now)
                .execution_options(synchronize_session=False)
            )
        return len(ids)

    def requeue(self, outbox_id: str, now: datetime) -> bool:
        done = self.session.execute(
            update(m.ChatOutbox)
            .where(
                m.ChatOutbox.id == outbox_id,
                m.ChatOutbox.status.in_([OutboxStatus.FAILED.value, OutboxStatus.UNKNOWN.value]),
            )
            .values(
                status=OutboxStatus.PENDING.value,
                next_at=now,
                in_flight_at=None,
                attempts=0,
                # a new key: the staff asked for the message to go again
                retry_key=new_id(),
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(done, "rowcount", 0) == 1)

    def outbox(self, status: OutboxStatus | None, limit: int) -> list[OutboxItem]:
        where: list[object] = [] if status is None else [m.ChatOutbox.status == status.value]
        q = (
            select(m.ChatOutbox, m.Order.order_no)
            .outerjoin(m.Order, m.Order.id == m.ChatOutbox.order_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(m.ChatOutbox.created_at.desc())
            .limit(limit)
        )
        return [_item(row, order_no) for row, order_no in self.session.execute(q).all()]

    def sent_in_month(self, channel: Channel, start: datetime, end: datetime) -> int:
        return int(
            self.session.scalar(
                select(func.count())
                .select_from(m.ChatOutbox)
                .where(
                    m.ChatOutbox.channel == channel.value,
                    m.ChatOutbox.counts_quota.is_(True),
                    m.ChatOutbox.status == OutboxStatus.SENT.value,
                    m.ChatOutbox.sent_at >= start,
                    m.ChatOutbox.sent_at < end,
                )
            )
            or 0
        )

    def sent_by_month(self, start: datetime, end: datetime) -> list[tuple[str, Channel, int]]:
        rows = self.session.execute(
            select(m.ChatOutbox.sent_at, m.ChatOutbox.channel).where(
                m.ChatOutbox.status == OutboxStatus.SENT.value,
                m.ChatOutbox.sent_at >= start,
                m.ChatOutbox.sent_at < end,
            )
        ).all()
        counts = Counter(
            (f"{local(sent_at):%Y-%m}", Channel(channel))
            for sent_at, channel in rows
            if sent_at is not None
        )
        return [(month, channel, n) for (month, channel), n in sorted(counts.items())]

    # --- orders linked to contacts -----------------------------------------------------
    def link_order(self, order_id: str, contact_id: str, at: datetime) -> None:
        insert = pg_insert if self._pg else sqlite_insert
        self.session.execute(
            insert(m.ChatOrderLink)
            .values(order_id=order_id, contact_id=contact_id, linked_at=at)
            .on_conflict_do_nothing(index_elements=["order_id"])
        )

    def contact_of_order(self, order_id: str) -> Contact | None:
        row = self.session.scalars(
            select(m.ChatContact)
            .join(m.ChatOrderLink, m.ChatOrderLink.contact_id == m.ChatContact.id)
            .where(m.ChatOrderLink.order_id == order_id)
        ).first()
        return None if row is None else _contact(row)

    def orders_of(self, contact_id: str, limit: int) -> list[str]:
        return list(
            self.session.scalars(
                select(m.Order.order_no)
                .select_from(m.ChatOrderLink)
                .join(m.Order, m.Order.id == m.ChatOrderLink.order_id)
                .where(m.ChatOrderLink.contact_id == contact_id)
                .order_by(m.Order.created_at.desc())
                .limit(limit)
            )
        )
