"""The co-working room's calendar side: rooms and rules, holidays, the day and week views,
free slots, quotes, the usage report, and the helpers the booking desk (pos.services.rooms)
builds on: reaching central, reading a booking, the clash answer with the nearest free slots.

A counter whose store has a central database reads there (the `uow` the composition root hands
over); when central cannot be reached the calendar shows the last one it read and anything that
writes refuses, saying so (RoomsOffline).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pos.domain.auth import Action, Actor
from pos.domain.errors import CentralUnavailable, StoreUnavailable
from pos.domain.money import ZERO
from pos.domain.rooms import (
    BookingStatus,
    Period,
    Room,
    RoomClash,
    RoomError,
    RoomRules,
    check_request,
    deposit,
    free_slots,
    nearest_free,
    parse_check_in,
    price,
)
from pos.domain.shop_time import day_bounds, period_bounds
from pos.ports.clock import Clock
from pos.ports.rooms import (
    BookingView,
    Holiday,
    RoomPeriodRow,
    RoomReport,
    RoomsUnitOfWork,
)
from pos.ports.sales import SalesUnitOfWork
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require

if TYPE_CHECKING:
    from pos.services.orders import Orders

log = logging.getLogger(__name__)

DEMO_ROOM = Room("", "COWORK", "ห้องประชุม Co-working", "Co-working room", 12, ("Smart TV", "Wi-Fi"))
# the statuses a report counts as booked time (a no-show's time was kept for it)
BOOKED = frozenset({BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.COMPLETED,
                    BookingStatus.NO_SHOW})  # fmt: skip


class RoomsOffline(RoomError):
    """The central database that owns the bookings cannot be reached from this counter."""

    def __init__(self) -> None:
        super().__init__(
            "offline",
            "This counter cannot reach the central database: bookings cannot be made or "
            "confirmed until it is back (the calendar shown is the last one read)",
            "เครื่องนี้ติดต่อฐานข้อมูลกลางไม่ได้ ยังจองหรือยืนยันการจองไม่ได้จนกว่าจะเชื่อมต่อได้ "
            "(ปฏิทินที่แสดงเป็นข้อมูลล่าสุดที่อ่านได้)",
        )


@dataclass(frozen=True, slots=True)
class Quote:
    start: datetime
    end: datetime
    price: Decimal
    deposit: Decimal


def _unknown(booking_no: str) -> RoomError:
    return RoomError("unknown", f"No booking {booking_no}", f"ไม่พบการจองหมายเลข {booking_no}")


class RoomCalendar:
    """The room calendar's queries and set-up (one per process, thread-safe); the booking desk
    (pos.services.rooms.Rooms) adds booking, changing, checking in and paying."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[RoomsUnitOfWork],
        clock: Clock,
        *,
        central: bool = False,
        terminal_id: str | None = None,
        till: UnitOfWorkFactory[SalesUnitOfWork] | None = None,
        orders: Orders | None = None,
    ) -> None:
        self.uow = uow
        # the store the till sells from (its catalogue gets SVC-ROOM); the same database as
        # the bookings' unless those live in central
        self.till: UnitOfWorkFactory[SalesUnitOfWork] = till or uow  # type: ignore[assignment]
        self.clock = clock
        self.central = central  # the bookings live in another database (the central one)
        self.terminal_id = terminal_id
        self.orders = orders  # the web shop's orders: a held booking's deposit paid online
        self.offline = False  # the last call found central unreachable
        self._seen: dict[tuple[str, datetime], list[BookingView]] = {}
        self._lock = threading.Lock()

    # --- rooms, rules, holidays (back office) ----------------------------------------------
    def rooms(self, *, active_only: bool = False) -> list[Room]:
        with self._reach(), self.uow() as read:
            return read.rooms.rooms(active_only=active_only)

    def room(self, room_id: str) -> Room:
        with self._reach(), self.uow() as read:
            return self._room(read, room_id)

    def rules(self, room_id: str) -> RoomRules:
        """The room's rules (with the shop's holidays); the defaults until some are saved."""
        with self._reach(), self.uow() as read:
            return self._rules(read, room_id)

    def holidays(self) -> list[Holiday]:
        with self._reach(), self.uow() as read:
            return read.rooms.holidays()

    def save_room(self, actor: Actor, room: Room) -> Room:
        """Add (an empty id) or change a room."""
        require(actor, Action.MANAGE_ROOMS)
        if not room.code.strip() or not room.name_th.strip() or room.capacity < 1:
            raise RoomError(
                "room", "A room needs a code, a name and a capacity",
                "ห้องต้องมีรหัส ชื่อ และจำนวนที่นั่ง",
            )  # fmt: skip
        room = replace(room, id=room.id or str(uuid.uuid4()), code=room.code.strip().upper())
        with self._reach(), self.uow(write=True) as tx:
            before = tx.rooms.room(room.id)
            saved = tx.rooms.save_room(room)
            if tx.rooms.rules(saved.id) is None:
                tx.rooms.save_rules(saved.id, RoomRules())
            record(
                tx.audit, self.clock, actor, "room.save", saved.code,
                before=_room_fields(before) if before else None, after=_room_fields(saved),
                terminal_id=self.terminal_id,
            )  # fmt: skip
            tx.commit()
            return saved

    def save_rules(self, actor: Actor, room_id: str, rules: RoomRules) -> None:
        require(actor, Action.MANAGE_ROOMS)
        with self._reach(), self.uow(write=True) as tx:
            room = self._room(tx, room_id)
            before = tx.rooms.rules(room_id)
            tx.rooms.save_rules(room_id, rules)
            record(
                tx.audit, self.clock, actor, "room.rules", room.code,
                before=_rule_fields(before) if before else None, after=_rule_fields(rules),
                terminal_id=self.terminal_id,
            )  # fmt: skip
            tx.commit()

    def set_holidays(self, actor: Actor, days: Sequence[Holiday]) -> None:
        """Replace the list of days the centre is closed (no room can be booked then)."""
        require(actor, Action.MANAGE_ROOMS)
        with self._reach(), self.uow(write=True) as tx:
            before = {h.day.isoformat(): h.name_th for h in tx.rooms.holidays()}
            tx.rooms.set_holidays(days)
            after = {h.day.isoformat(): h.name_th for h in days}
            record(
                tx.audit, self.clock, actor, "room.holidays", "holidays",
                before=before or None, after=after, terminal_id=self.terminal_id,
            )  # fmt: skip
            tx.commit()

    # --- the calendar ------------------------------------------------------------------------
    def day(self, room_id: str, day: date) -> list[BookingView]:
        """The room's bookings that day (every status), by start."""
        start, end = day_bounds(day)
        return self._calendar(room_id, start, end)

    def week(self, room_id: str, monday: date) -> list[BookingView]:
        """The room's bookings of the seven days from `monday`, by start."""
        start, end = period_bounds(monday, monday + timedelta(days=6))
        return self._calendar(room_id, start, end)

    def _calendar(self, room_id: str, start: datetime, end: datetime) -> list[BookingView]:
        try:
            with self._reach(), self.uow() as read:
                found = read.rooms.between(room_id, start, end)
        except RoomsOffline:
            with self._lock:
                return list(self._seen.get((room_id, start), []))
        with self._lock:
            self._seen[(room_id, start)] = found
        return found

    def free_slots(self, room_id: str, day: date, minutes: int) -> list[Period]:
        """The slots of `minutes` still free that day (not in the past)."""
        start, end = day_bounds(day)
        with self._reach(), self.uow() as read:
            rules = self._rules(read, room_id)
            buffer = timedelta(minutes=rules.buffer_minutes)
            pad = buffer + timedelta(days=1)
            booked = [
                b.occupied(buffer) for b in self._holding(read, room_id, start - pad, end + pad)
            ]
        return free_slots(rules, day, booked, minutes, after=self.clock.now())

    def quote(self, room_id: str, start: datetime, end: datetime) -> Quote:
        """The price and deposit of [start, end) (the rules checked, not the calendar)."""
        with self._reach(), self.uow() as read:
            rules = self._rules(read, room_id)
        check_request(rules, start, end, self.clock.now())
        amount = price(rules, start, end)
        return Quote(start, end, amount, deposit(rules, amount))

    def booking(self, booking_no: str) -> BookingView:
        with self._reach(), self.uow() as read:
            found = read.rooms.booking(booking_no.strip().upper())
        if found is None:
            raise _unknown(booking_no)
        return found

    def find(self, text: str) -> BookingView:
        """A booking by its slip's QR payload or its number."""
        no, _code = parse_check_in(text)
        return self.booking(no)

    # --- reports and the demo ----------------------------------------------------------------
    def utilisation(self, first: date, last: date, room_id: str | None = None) -> RoomReport:
        """Booked hours / open hours, bookings, revenue (payments less refunds), no-shows and
        cancellations by week (Monday to Sunday) and by month, the days first..last."""
        if last < first:
            raise RoomError("dates", "--to is before --from", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่ม")
        start, end = period_bounds(first, last)
        with self._reach(), self.uow() as read:
            rooms = [r for r in read.rooms.rooms() if room_id in (None, r.id)]
            rules = {r.id: self._rules(read, r.id) for r in rooms}
            facts = read.rooms.facts(room_id, start, end)
            money = read.rooms.revenue(room_id, start, end)

        def row(label: str, a: date, b: date) -> RoomPeriodRow:
            lo, hi = period_bounds(a, b)
            open_minutes = 0
            day = a
            while day <= b:
                for r in rules.values():
                    hours = r.hours_on(day)
                    if hours is not None:
                        open_minutes += int((hours[1] - hours[0]).total_seconds() // 60)
                day += timedelta(days=1)
            held = [f for f in facts if lo <= f.start < hi and f.status in BOOKED]
            booked = sum(int((f.end - f.start).total_seconds() // 60) for f in held)
            return RoomPeriodRow(
                label=label, first=a, last=b, open_hours=Decimal(open_minutes) / 60,
                booked_hours=Decimal(booked) / 60, bookings=len(held),
                revenue=sum((p.amount for p in money if lo <= p.at < hi), ZERO),
                no_shows=sum(1 for f in held if f.status is BookingStatus.NO_SHOW),
                cancellations=sum(
                    1 for f in facts
                    if f.cancelled_at is not None and lo <= f.cancelled_at < hi
                    and f.status is BookingStatus.CANCELLED
                ),
            )  # fmt: skip

        weeks, months = [], []
        day = first
        while day <= last:
            monday = day - timedelta(days=day.weekday())
            b = min(last, monday + timedelta(days=6))
            iso = day.isocalendar()
            weeks.append(row(f"{iso.year}-W{iso.week:02d}", day, b))
            day = b + timedelta(days=1)
        day = first
        while day <= last:
            nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            b = min(last, nxt - timedelta(days=1))
            months.append(row(f"{day.year}-{day.month:02d}", day, b))
            day = nxt
        code = rooms[0].code if room_id is not None and rooms else ""
        return RoomReport(first, last, tuple(weeks), tuple(months), code)

    def ensure_demo_room(self, actor: Actor) -> Room:
        """The demo centre's room: ห้องประชุม Co-working, 12 seats, Smart TV and Wi-Fi, with
        the default rules (Mon-Sat 08:30-17:30, 30-minute grid, 1-9 hours, 15 minutes' buffer,
        200 baht an hour, 700 a half day, 1,200 a day, 50% deposit held 30 minutes, all of it
        back up to 24 hours before, none after; a no-show after 30 minutes)."""
        for room in self.rooms():
            if room.code == DEMO_ROOM.code:
                return room
        room = self.save_room(actor, DEMO_ROOM)
        self.save_rules(actor, room.id, RoomRules())
        return room

    # --- helpers -------------------------------------------------------------------------------
    def _reach(self) -> _Reach:
        return _Reach(self)

    def _room(self, uow: RoomsUnitOfWork, room_id: str, *, active: bool = False) -> Room:
        room = uow.rooms.room(room_id)
        if room is None or (active and not room.active):
            raise RoomError("room", "No such room to book", "ไม่พบห้องที่จะจอง")
        return room

    def _rules(self, uow: RoomsUnitOfWork, room_id: str) -> RoomRules:
        rules = uow.rooms.rules(room_id)
        if rules is None:
            holidays = frozenset(h.day for h in uow.rooms.holidays())
            return RoomRules(holidays=holidays)
        return rules

    def _booking(self, uow: RoomsUnitOfWork, booking_no: str) -> BookingView:
        found = uow.rooms.booking(booking_no.strip().upper())
        if found is None:
            raise _unknown(booking_no)
        return found

    def _holding(
        self, uow: RoomsUnitOfWork, room_id: str, start: datetime, end: datetime
    ) -> list[BookingView]:
        """Bookings that keep the room in [start, end), holds that ran out left aside."""
        now = self.clock.now()
        return [
            b for b in uow.rooms.blocking(room_id, start, end)
            if not (b.status is BookingStatus.HELD and b.hold_until is not None
                    and b.hold_until <= now)
        ]  # fmt: skip

    def _expire(self, uow: RoomsUnitOfWork, now: datetime, by: str) -> list[str]:
        done = []
        for b in uow.rooms.stale_holds(now):
            uow.rooms.set_status(b.id, BookingStatus.EXPIRED, now, by, "hold ran out")
            done.append(b.booking_no)
        return done

    def _clash(
        self,
        uow: RoomsUnitOfWork,
        rules: RoomRules,
        room_id: str,
        wanted: Period,
        now: datetime,
        *,
        exclude: str = "",
    ) -> RoomClash:
        buffer = timedelta(minutes=rules.buffer_minutes)
        span = timedelta(days=8)
        booked = [
            b.occupied(buffer)
            for b in self._holding(uow, room_id, wanted[0] - span, wanted[1] + span)
            if b.id != exclude
        ]
        return RoomClash(nearest_free(rules, wanted, booked, now=now))

    @staticmethod
    def _same_request(b: BookingView, room_id: str, start: datetime, end: datetime) -> BookingView:
        if (b.room_id, b.start, b.end) != (room_id, start, end):
            raise RoomError(
                "key", "This request was already used for another booking",
                "คำขอนี้ใช้จองเวลาอื่นไปแล้ว",
            )  # fmt: skip
        return b


class _Reach:
    """Turns "central cannot be reached" into RoomsOffline for a service over central."""

    def __init__(self, rooms: RoomCalendar) -> None:
        self.rooms = rooms

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self.rooms.offline = False
            return
        if self.rooms.central and isinstance(exc, StoreUnavailable | CentralUnavailable):
            self.rooms.offline = True
            raise RoomsOffline() from exc


def _room_fields(room: Room) -> dict[str, object]:
    return {
        "code": room.code, "name_th": room.name_th, "name_en": room.name_en,
        "capacity": room.capacity, "equipment": list(room.equipment), "active": room.active,
    }  # fmt: skip


def _rule_fields(rules: RoomRules) -> dict[str, object]:
    hours = {
        str(d): None if h is None else f"{h[0]:%H:%M}-{h[1]:%H:%M}"
        for d, h in sorted(rules.open_hours.items())
    }
    return {
        "open_hours": hours, "slot_minutes": rules.slot_minutes,
        "min_minutes": rules.min_minutes, "max_minutes": rules.max_minutes,
        "max_days_ahead": rules.max_days_ahead, "buffer_minutes": rules.buffer_minutes,
        "price_hour": str(rules.price_hour), "price_half_day": str(rules.price_half_day),
        "price_day": str(rules.price_day), "deposit": f"{rules.deposit.kind}:{rules.deposit.value}",
        "cancel_cutoff_hours": rules.cancel_cutoff_hours,
        "refund_before_pct": str(rules.refund_before_pct),
        "refund_after_pct": str(rules.refund_after_pct),
        "no_show_minutes": rules.no_show_minutes, "hold_minutes": rules.hold_minutes,
    }  # fmt: skip
