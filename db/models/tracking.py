"""Carrier tracking: each shipped order's parcel state and the carrier's events, each once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, UTCDateTime, new_id, utcnow


class OrderTracking(Base):
    """A shipped order's parcel as the poll left it: its stage and when it was last asked."""

    __tablename__ = "order_tracking"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    stage: Mapped[str | None] = mapped_column(String(20))
    polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # the carrier's hook (its pushes): the barcode subscribed, when; failed tries, the next one
    hook_barcode: Mapped[str | None] = mapped_column(String(40))
    hook_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hook_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hook_next_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hook_error: Mapped[str] = mapped_column(String(300), default="", server_default=text("''"))


class OrderTrackingEvent(Base):
    """One carrier event of an order's parcel (append-only; a repeated update is one row)."""

    __tablename__ = "order_tracking_events"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    barcode: Mapped[str] = mapped_column(String(40))
    status_code: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    description: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    receiver: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    __table_args__ = (UniqueConstraint("order_id", "status_code", "at"),)
