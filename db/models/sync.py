"""The sync's own tables on a counter: the outbox, its state, the central stock."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Qty, UTCDateTime, new_id, utcnow


class OutboxEvent(Base):
    """Facts waiting to travel to the central database (sent at most once, acknowledged once)."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(Id, unique=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(30))
    aggregate_id: Mapped[str] = mapped_column(Id)
    # {} for sales and refunds: their own rows travel (db/sync/push.py); the column stays for
    # kinds the central schema has no tables for
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class SyncState(Base):
    """This counter's sync bookmarks (local only): the last catalogue change applied, etc."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(400), default="")


class CentralStock(Base):
    """Stock on hand as the central database last reported it (sum of every counter's moves)."""

    __tablename__ = "central_stock"
    product_id: Mapped[str] = mapped_column(Id, primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(Qty)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime())
