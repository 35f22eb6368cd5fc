"""The co-working room in the database: rooms, rules, holidays, bookings and their money."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from db.errors import sqlstate
from pos.domain.rooms import (
    ACTIVE_STATUSES,
    BookingStatus,
    DepositKind,
    DepositRule,
    Room,
    RoomRules,
    booking_number,
)
from pos.ports.rooms import (
    BookingFact,
    BookingView,
    Customer,
    Holiday,
    NewBooking,
    RoomPayment,
    RoomTaken,
)

_ACTIVE = [s.value for s in ACTIVE_STATUSES]
_EXCLUSION_VIOLATION = "23P01"
# a central whose counter role may not run otop_close_booking_order, or has none yet
_NO_FUNCTION = ("42501", "42883")  # insufficient_privilege, undefined_function
log = logging.getLogger(__name__)


def _hours_out(rules: RoomRules) -> dict[str, list[str] | None]:
    return {
        str(day): None if hours is None else [f"{hours[0]:%H:%M}", f"{hours[1]:%H:%M}"]
        for day, hours in sorted(rules.open_hours.items())
    }


def _hours_in(stored: dict[str, list[str] | None]) -> dict[int, tuple[time, time] | None]:
    return {
        int(day): None if hours is None else (time.fromisoformat(hours[0]),
                                              time.fromisoformat(hours[1]))
        for day, hours in stored.items()
    }  # fmt: skip


class SqlRoomRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- rooms, rules, holidays -----------------------------------------------------------
    def rooms(self, *, active_only: bool = False) -> list[Room]:
        q = select(m.RoomRow).order_by(m.RoomRow.number)
        if active_only:
            q = q.where(m.RoomRow.active.is_(True))
        return [_room(r) for r in self.session.scalars(q)]

    def room(self, room_id: str) -> Room | None:
        row = self.session.get(m.RoomRow, room_id)
        return None if row is None else _room(row)

    def save_room(self, room: Room) -> Room:
        row = self.session.get(m.RoomRow, room.id)
        if row is None:
            number = int(self.session.scalar(select(func.max(m.RoomRow.number))) or 0) + 1
            row = m.RoomRow(id=room.id, number=number)
            self.session.add(row)
        row.code = room.code
        row.name_th = room.name_th
        row.name_en = room.name_en
        row.capacity = room.capacity
        row.equipment = list(room.equipment)
        row.active = room.active
        row.updated_at = m.utcnow()
        self.session.flush()
        return _room(row)

    def rules(self, room_id: str) -> RoomRules | None:
        row = self.session.get(m.RoomRulesRow, room_id)
        if row is None:
            return None
        holidays = frozenset(self.session.scalars(select(m.RoomHoliday.day)))
        return RoomRules(
            open_hours=_hours_in(row.open_hours),
            holidays=holidays,
            slot_minutes=row.slot_minutes,
            min_minutes=row.min_minutes,
            max_minutes=row.max_minutes,
            max_days_ahead=row.max_days_ahead,
            buffer_minutes=row.buffer_minutes,
            price_hour=row.price_hour,
            price_half_day=row.price_half_day,
            price_day=row.price_day,
            half_day_minutes=row.half_day_minutes,
            deposit=DepositRule(DepositKind(row.deposit_kind), row.deposit_value),
            cancel_cutoff_hours=row.cancel_cutoff_hours,
            refund_before_pct=row.refund_before_pct,
            refund_after_pct=row.refund_after_pct,
            no_show_minutes=row.no_show_minutes,
            hold_minutes=row.hold_minutes,
        )

    def save_rules(self, room_id: str, rules: RoomRules) -> None:
        row = self.session.get(m.RoomRulesRow, room_id)
        if row is None:
            row = m.RoomRulesRow(room_id=room_id)
            self.session.add(row)
        row.open_hours = _hours_out(rules)
        row.slot_minutes = rules.slot_minutes
        row.min_minutes = rules.min_minutes
        row.max_minutes = rules.max_minutes
        row.max_days_ahead = rules.max_days_ahead
        row.buffer_minutes = rules.buffer_minutes
        row.price_hour = rules.price_hour
        row.price_half_day = rules.price_half_day
        row.price_day = rules.price_day
        row.half_day_minutes = rules.half_day_minutes
        row.deposit_kind = rules.deposit.kind.value
        row.deposit_value = rules.deposit.value
        row.cancel_cutoff_hours = rules.cancel_cutoff_hours
        row.refund_before_pct = rules.refund_before_pct
        row.refund_after_pct = rules.refund_after_pct
        row.no_show_minutes = rules.no_show_minutes
        row.hold_minutes = rules.hold_minutes
        self.session.flush()

    def holidays(self) -> list[Holiday]:
        rows = self.session.scalars(select(m.RoomHoliday).order_by(m.RoomHoliday.day))
        return [Holiday(r.day, r.name_th, r.name_en) for r in rows]

    def set_holidays(self, days: Sequence[Holiday]) -> None:
        self.session.execute(delete(m.RoomHoliday))
        for h in {h.day: h for h in days}.values():
            self.session.add(m.RoomHoliday(day=h.day, name_th=h.name_th, name_en=h.name_en))
        self.session.flush()

    # --- bookings --------------------------------------------------------------------------
    def next_booking_no(self) -> str:
        """The next number of the series (the row stays locked until the booking commits, so
        numbers have no gaps and no two bookings share one)."""
        value = self.session.execute(
            update(m.RoomCounter)
            .where(m.RoomCounter.name == "booking")
            .values(value=m.RoomCounter.value + 1)
            .returning(m.RoomCounter.value)
        ).scalar_one()
        return booking_number(int(value))

    def blocking(self, room_id: str, start: datetime, end: datetime) -> list[BookingView]:
        q = self._views().where(
            m.RoomBooking.room_id == room_id,
            m.RoomBooking.status.in_(_ACTIVE),
            m.RoomBooking.start_at < end,
            m.RoomBooking.blocked_until > start,
        )
        return [_view(b, r) for b, r in self.session.execute(q.order_by(m.RoomBooking.start_at))]

    def between(self, room_id: str | None, start: datetime, end: datetime) -> list[BookingView]:
        q = self._views().where(m.RoomBooking.start_at < end, m.RoomBooking.end_at > start)
        if room_id is not None:
            q = q.where(m.RoomBooking.room_id == room_id)
        return [_view(b, r) for b, r in self.session.execute(q.order_by(m.RoomBooking.start_at))]

    def booking(self, booking_no: str) -> BookingView | None:
        return self._one(m.RoomBooking.booking_no == booking_no)

    def booking_by_id(self, booking_id: str) -> BookingView | None:
        return self._one(m.RoomBooking.id == booking_id)

    def by_idempotency_key(self, key: str) -> BookingView | None:
        return self._one(m.RoomBooking.idempotency_key == key)

    def add(self, new: NewBooking) -> BookingView:
        row = m.RoomBooking(
            booking_no=new.booking_no,
            idempotency_key=new.idempotency_key,
            room_id=new.room.id,
            room_number=new.room.number,
            start_at=new.start,
            end_at=new.end,
            blocked_until=new.blocked_until,
            status=new.status.value,
            name=new.customer.name,
            phone=new.customer.phone,
            organisation=new.customer.organisation,
            purpose=new.customer.purpose,
            attendees=new.customer.attendees,
            channel=new.channel,
            price=new.price,
            deposit=new.deposit,
            paid=Decimal(0),
            refunded=Decimal(0),
            hold_until=new.hold_until,
            check_in_code=new.check_in_code,
            created_at=new.created_at,
            created_by=new.created_by,
            updated_at=new.created_at,
        )
        try:
            with self.session.begin_nested():
                self.session.add(row)
                self.session.flush()
        except IntegrityError as exc:
            if sqlstate(exc) == _EXCLUSION_VIOLATION:
                raise RoomTaken(new.booking_no) from exc
            raise
        self._event(row.id, new.status, new.created_at, new.created_by, new.channel)
        view = self.booking_by_id(row.id)
        assert view is not None
        return view

    def set_status(
        self,
        booking_id: str,
        status: BookingStatus,
        at: datetime,
        by: str,
        note: str = "",
        *,
        hold_until: datetime | None = None,
    ) -> None:
        row = self.session.get(m.RoomBooking, booking_id)
        assert row is not None
        row.status = status.value
        row.updated_at = at
        row.hold_until = hold_until
        if status is BookingStatus.CHECKED_IN:
            row.checked_in_at = at
        if status is BookingStatus.CANCELLED:
            row.cancelled_at = at
            row.cancel_reason = note[:200]
        self.session.flush()
        self._event(booking_id, status, at, by, note)

    def set_period(
        self,
        booking_id: str,
        start: datetime,
        end: datetime,
        blocked_until: datetime,
        price: Decimal,
        deposit: Decimal,
        at: datetime,
        by: str,
    ) -> None:
        row = self.session.get(m.RoomBooking, booking_id)
        assert row is not None
        row.start_at, row.end_at, row.blocked_until = start, end, blocked_until
        row.price, row.deposit, row.updated_at = price, deposit, at
        try:
            with self.session.begin_nested():
                self.session.flush()
        except IntegrityError as exc:
            if sqlstate(exc) == _EXCLUSION_VIOLATION:
                raise RoomTaken(row.booking_no) from exc
            raise
        self._event(booking_id, BookingStatus(row.status), at, by, "period")

    def set_order_no(self, booking_id: str, order_no: str) -> None:
        row = self.session.get(m.RoomBooking, booking_id)
        assert row is not None
        row.order_no = order_no
        self.session.flush()

    def close_booking_order(self, booking_no: str, at: datetime, by: str, note: str) -> str | None:
        if self.session.get_bind().dialect.name != "postgresql":
            return None  # a store's own orders: closed by its orders repository instead
        try:
            with self.session.begin_nested():
                found = self.session.execute(
                    text("SELECT otop_close_booking_order(:b, :note, :by, :at)"),
                    {"b": booking_no, "note": note, "by": by, "at": at},
                ).scalar()
        except DBAPIError as exc:
            if sqlstate(exc) not in _NO_FUNCTION:
                raise
            # a central not brought up to date (`central init` grants it): the order waits
            # for the shop to cancel, and its payment is refused, as before
            log.warning("booking %s: its waiting web order not closed: %s", booking_no, exc.orig)
            return None
        return None if found is None else str(found)

    def add_payment(self, payment: RoomPayment) -> None:
        self.session.add(
            m.RoomPaymentRow(
                booking_id=payment.booking_id,
                what=payment.what,
                amount=payment.amount,
                at=payment.at,
                sale_id=payment.sale_id,
                receipt_no=payment.receipt_no,
            )
        )
        row = self.session.get(m.RoomBooking, payment.booking_id)
        assert row is not None
        if payment.amount >= 0:
            row.paid = row.paid + payment.amount
        else:
            row.refunded = row.refunded - payment.amount
        row.updated_at = payment.at
        self.session.flush()

    def replace_payment(self, sale_id: str, payment: RoomPayment) -> None:
        row = self.session.scalar(
            select(m.RoomPaymentRow).where(
                m.RoomPaymentRow.booking_id == payment.booking_id,
                m.RoomPaymentRow.what == payment.what,
                m.RoomPaymentRow.sale_id == sale_id,
            )
        )
        assert row is not None
        booking = self.session.get(m.RoomBooking, payment.booking_id)
        assert booking is not None
        booking.paid = booking.paid - row.amount + payment.amount
        booking.updated_at = payment.at
        row.amount, row.at = payment.amount, payment.at
        row.sale_id, row.receipt_no = payment.sale_id, payment.receipt_no
        self.session.flush()

    def payments(self, booking_id: str) -> list[RoomPayment]:
        rows = self.session.scalars(
            select(m.RoomPaymentRow)
            .where(m.RoomPaymentRow.booking_id == booking_id)
            .order_by(m.RoomPaymentRow.at)
        )
        return [_payment(r) for r in rows]

    def stale_holds(self, now: datetime) -> list[BookingView]:
        q = self._views().where(
            m.RoomBooking.status == BookingStatus.HELD.value, m.RoomBooking.hold_until <= now
        )
        return [_view(b, r) for b, r in self.session.execute(q)]

    def due_no_shows(self, started_before: datetime) -> list[BookingView]:
        q = self._views().where(
            m.RoomBooking.status == BookingStatus.CONFIRMED.value,
            m.RoomBooking.start_at <= started_before,
        )
        return [_view(b, r) for b, r in self.session.execute(q)]

    def facts(self, room_id: str | None, start: datetime, end: datetime) -> list[BookingFact]:
        q = select(
            m.RoomBooking.room_id,
            m.RoomBooking.start_at,
            m.RoomBooking.end_at,
            m.RoomBooking.status,
            m.RoomBooking.cancelled_at,
        ).where(
            or_(
                and_(m.RoomBooking.start_at >= start, m.RoomBooking.start_at < end),
                and_(m.RoomBooking.cancelled_at >= start, m.RoomBooking.cancelled_at < end),
            )
        )
        if room_id is not None:
            q = q.where(m.RoomBooking.room_id == room_id)
        return [
            BookingFact(r.room_id, r.start_at, r.end_at, BookingStatus(r.status), r.cancelled_at)
            for r in self.session.execute(q)
        ]

    def revenue(self, room_id: str | None, start: datetime, end: datetime) -> list[RoomPayment]:
        q = select(m.RoomPaymentRow).where(m.RoomPaymentRow.at >= start, m.RoomPaymentRow.at < end)
        if room_id is not None:
            q = q.join(m.RoomBooking, m.RoomBooking.id == m.RoomPaymentRow.booking_id).where(
                m.RoomBooking.room_id == room_id
            )
        return [_payment(r) for r in self.session.scalars(q)]

    # --- helpers -----------------------------------------------------------------------------
    def _views(self) -> Select[m.RoomBooking, m.RoomRow]:
        return select(m.RoomBooking, m.RoomRow).join(
            m.RoomRow, m.RoomRow.id == m.RoomBooking.room_id
        )

    def _one(self, where: ColumnElement[bool]) -> BookingView | None:
        found = self.session.execute(self._views().where(where)).first()
        return None if found is None else _view(found[0], found[1])

    def _event(self, booking_id: str, status: BookingStatus, at: datetime, by: str,
               note: str) -> None:  # fmt: skip
        last = self.session.scalar(
            select(func.max(m.RoomBookingEvent.seq)).where(
                m.RoomBookingEvent.booking_id == booking_id
            )
        )
        self.session.add(
            m.RoomBookingEvent(
                booking_id=booking_id,
                seq=int(last or 0) + 1,
                status=status.value,
                at=at,
                by=by[:100],
                note=note[:300],
            )
        )
        self.session.flush()


def _room(row: m.RoomRow) -> Room:
    return Room(
        id=row.id,
        code=row.code,
        name_th=row.name_th,
        name_en=row.name_en,
        capacity=row.capacity,
        equipment=tuple(row.equipment),
        active=row.active,
        number=row.number,
    )


def _view(b: m.RoomBooking, r: m.RoomRow) -> BookingView:
    return BookingView(
        id=b.id,
        booking_no=b.booking_no,
        room_id=b.room_id,
        room_code=r.code,
        room_name_th=r.name_th,
        room_name_en=r.name_en,
        start=b.start_at,
        end=b.end_at,
        status=BookingStatus(b.status),
        customer=Customer(b.name, b.phone, b.organisation, b.purpose, b.attendees),
        channel=b.channel,
        price=b.price,
        deposit=b.deposit,
        paid=b.paid,
        refunded=b.refunded,
        hold_until=b.hold_until,
        check_in_code=b.check_in_code,
        created_at=b.created_at,
        created_by=b.created_by,
        checked_in_at=b.checked_in_at,
        cancelled_at=b.cancelled_at,
        cancel_reason=b.cancel_reason,
        order_no=b.order_no,
        blocked_until=b.blocked_until,
    )


def _payment(r: m.RoomPaymentRow) -> RoomPayment:
    return RoomPayment(r.booking_id, r.what, r.amount, r.at, r.sale_id, r.receipt_no)
