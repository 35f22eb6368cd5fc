"""The co-working room: rooms, their booking rules, holidays, bookings, history and payments.

On PostgreSQL an exclusion constraint (migration 0019) keeps the active bookings of one room
from overlapping: `tstzrange(start_at, blocked_until)` where blocked_until is the end plus the
buffer the rules asked for when it was booked."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Money, Pct, UTCDateTime, new_id, utcnow


class RoomRow(Base):
    __tablename__ = "rooms"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    number: Mapped[int] = mapped_column(Integer, unique=True)  # the exclusion constraint's key
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    capacity: Mapped[int] = mapped_column(Integer)
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoomRulesRow(Base):
    __tablename__ = "room_rules"
    room_id: Mapped[str] = mapped_column(ForeignKey("rooms.id"), primary_key=True)
    # weekday ("0" Monday .. "6") -> ["08:30", "17:30"] or null (closed)
    open_hours: Mapped[dict[str, list[str] | None]] = mapped_column(JSON)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    min_minutes: Mapped[int] = mapped_column(Integer)
    max_minutes: Mapped[int] = mapped_column(Integer)
    max_days_ahead: Mapped[int] = mapped_column(Integer)
    buffer_minutes: Mapped[int] = mapped_column(Integer)
    price_hour: Mapped[Decimal] = mapped_column(Money)
    price_half_day: Mapped[Decimal | None] = mapped_column(Money)
    price_day: Mapped[Decimal | None] = mapped_column(Money)
    half_day_minutes: Mapped[int] = mapped_column(Integer)
    deposit_kind: Mapped[str] = mapped_column(String(10))
    deposit_value: Mapped[Decimal] = mapped_column(Money)
    cancel_cutoff_hours: Mapped[int] = mapped_column(Integer)
    refund_before_pct: Mapped[Decimal] = mapped_column(Pct)
    refund_after_pct: Mapped[Decimal] = mapped_column(Pct)
    no_show_minutes: Mapped[int] = mapped_column(Integer)
    hold_minutes: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoomHoliday(Base):
    """A day the centre is closed (Thai public holidays, the shop's own): no bookings."""

    __tablename__ = "room_holidays"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name_th: Mapped[str] = mapped_column(String(120), default="")
    name_en: Mapped[str] = mapped_column(String(120), default="")


class RoomBooking(Base):
    __tablename__ = "room_bookings"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    booking_no: Mapped[str] = mapped_column(String(16), unique=True)  # BK-000123
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    room_id: Mapped[str] = mapped_column(ForeignKey("rooms.id"))
    room_number: Mapped[int] = mapped_column(Integer)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime())
    end_at: Mapped[datetime] = mapped_column(UTCDateTime())
    blocked_until: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    organisation: Mapped[str] = mapped_column(String(120), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    attendees: Mapped[int] = mapped_column(Integer, default=1)
    channel: Mapped[str] = mapped_column(String(12))
    price: Mapped[Decimal] = mapped_column(Money)
    deposit: Mapped[Decimal] = mapped_column(Money)
    paid: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    refunded: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    hold_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    check_in_code: Mapped[str] = mapped_column(String(16))
    order_no: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    __table_args__ = (
        Index("ix_room_bookings_room_start", "room_id", "start_at"),
        Index("ix_room_bookings_status", "status", "start_at"),
    )


class RoomBookingEvent(Base):
    """A booking's history: each status and change, when and by whom (append-only)."""

    __tablename__ = "room_booking_events"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    booking_id: Mapped[str] = mapped_column(ForeignKey("room_bookings.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(String(300), default="")
    __table_args__ = (UniqueConstraint("booking_id", "seq"),)


class RoomPaymentRow(Base):
    """Money for a booking: a sale's line (deposit, balance, extension, fee) or a refund."""

    __tablename__ = "room_payments"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    booking_id: Mapped[str] = mapped_column(ForeignKey("room_bookings.id"), index=True)
    what: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    sale_id: Mapped[str | None] = mapped_column(String(36))  # the sale or refund it came with
    receipt_no: Mapped[str] = mapped_column(String(40), default="")
    __table_args__ = (UniqueConstraint("booking_id", "what", "sale_id"),)


class RoomCounter(Base):
    """The booking-number series (one row): numbers are handed out inside the booking's
    transaction."""

    __tablename__ = "room_counters"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
