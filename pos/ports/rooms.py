"""The co-working room: what its calendar and reports read, and the bookings' storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pos.domain.bilingual import Bilingual
from pos.domain.money import ZERO
from pos.domain.rooms import BookingStatus, BookingTerms, Period, Room, RoomRules, qr_payload
from pos.domain.shop_time import local
from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.ports.audit import AuditRepository


@dataclass(frozen=True, slots=True)
class Customer:
    """Who books: a name and phone always; the rest when given."""

    name: str
    phone: str
    organisation: str = ""
    purpose: str = ""
    attendees: int = 1


@dataclass(frozen=True, slots=True)
class BookingView:
    """A booking as the calendar, the till, the web page and the slip show it."""

    id: str
    booking_no: str
    room_id: str
    room_code: str
    room_name_th: str
    room_name_en: str
    start: datetime
    end: datetime
    status: BookingStatus
    customer: Customer
    channel: str
    price: Decimal
    deposit: Decimal
    paid: Decimal
    refunded: Decimal
    hold_until: datetime | None
    check_in_code: str
    created_at: datetime
    created_by: str = ""
    checked_in_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str = ""
    order_no: str = ""
    blocked_until: datetime | None = None  # the end plus the buffer kept when it was booked

    @property
    def qr(self) -> str:
        """The payload of the confirmation slip's QR code (check-in scans it)."""
        return qr_payload(self.booking_no, self.check_in_code)

    @property
    def balance(self) -> Decimal:
        """What is still to pay of the price (never below zero)."""
        return max(ZERO, self.price - (self.paid - self.refunded))

    @property
    def terms(self) -> BookingTerms:
        return BookingTerms(self.start, self.end, self.price, self.paid - self.refunded)

    @property
    def room_name(self) -> Bilingual:
        return Bilingual(self.room_name_th, self.room_name_en)

    def occupied(self, buffer: timedelta) -> Period:
        """The period the rules' clash check compares (with `buffer` it ends where the
        database's exclusion constraint ends it: at blocked_until)."""
        end = self.blocked_until - buffer if self.blocked_until is not None else self.end
        return self.start, end

    def when(self, lang: str = "th") -> str:
        """The day and time in shop time, e.g. "12/12/2569 13:00-15:00"."""
        s, e = local(self.start), local(self.end)
        year = s.year + 543 if lang == "th" else s.year
        return f"{s.day:02d}/{s.month:02d}/{year} {s:%H:%M}-{e:%H:%M}"


@dataclass(frozen=True, slots=True)
class NewBooking:
    """A booking to store, its money worked out by the rules."""

    booking_no: str
    room: Room
    start: datetime
    end: datetime
    blocked_until: datetime  # end + the buffer: what the exclusion constraint keeps apart
    customer: Customer
    channel: str
    price: Decimal
    deposit: Decimal
    hold_until: datetime | None
    status: BookingStatus
    idempotency_key: str
    check_in_code: str
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name_th: str = ""
    name_en: str = ""


@dataclass(frozen=True, slots=True)
class RoomPeriodRow:
    """One week or month of the room report."""

    label: str  # "2026-W49" or "2026-12"
    first: date
    last: date
    open_hours: Decimal
    booked_hours: Decimal
    bookings: int
    revenue: Decimal
    no_shows: int
    cancellations: int

    @property
    def utilisation(self) -> Decimal:
        """Booked hours / open hours, in percent (0 when the room was never open)."""
        if self.open_hours <= 0:
            return ZERO
        return (self.booked_hours * 100 / self.open_hours).quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class RoomReport:
    first: date
    last: date
    weeks: tuple[RoomPeriodRow, ...]
    months: tuple[RoomPeriodRow, ...]
    room_code: str = ""  # "" for every room


@dataclass(frozen=True, slots=True)
class BookingFact:
    """What the report counts of one booking."""

    room_id: str
    start: datetime
    end: datetime
    status: BookingStatus
    cancelled_at: datetime | None


@dataclass(frozen=True, slots=True)
class RoomPayment:
    """Money taken or given back for a booking through a sale or a refund."""

    booking_id: str
    what: str  # deposit | balance | extension | fee | refund
    amount: Decimal  # negative for money given back
    at: datetime
    sale_id: str | None = None
    receipt_no: str = ""


class RoomRepository(Protocol):
    def rooms(self, *, active_only: bool = False) -> list[Room]: ...
    def room(self, room_id: str) -> Room | None: ...
    def save_room(self, room: Room) -> Room: ...
    def rules(self, room_id: str) -> RoomRules | None: ...
    def save_rules(self, room_id: str, rules: RoomRules) -> None: ...
    def holidays(self) -> list[Holiday]: ...
    def set_holidays(self, days: Sequence[Holiday]) -> None: ...
    def next_booking_no(self) -> str: ...
    def blocking(self, room_id: str, start: datetime, end: datetime) -> list[BookingView]:
        """The bookings that keep the room and touch [start, end)."""
        ...

    def between(self, room_id: str | None, start: datetime, end: datetime) -> list[BookingView]: ...
    def booking(self, booking_no: str) -> BookingView | None: ...
    def booking_by_id(self, booking_id: str) -> BookingView | None: ...
    def by_idempotency_key(self, key: str) -> BookingView | None: ...
    def add(self, new: NewBooking) -> BookingView:
        """Stores it; raises RoomTaken when the database refuses an overlap."""
        ...

    def set_status(
        self,
        booking_id: str,
        status: BookingStatus,
        at: datetime,
        by: str,
        note: str = "",
        *,
        hold_until: datetime | None = None,
    ) -> None: ...
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
    ) -> None: ...
    def set_order_no(self, booking_id: str, order_no: str) -> None:
        """The web shop's order that pays the booking's deposit."""
        ...

    def close_booking_order(self, booking_no: str, at: datetime, by: str, note: str) -> str | None:
        """On the central database, from a counter (whose login may not write orders): the
        booking's web order, while it waits for payment, cancelled with `note` and its
        reservation released; its number, or None when none waits."""
        ...

    def add_payment(self, payment: RoomPayment) -> None: ...
    def replace_payment(self, sale_id: str, payment: RoomPayment) -> None:
        """`payment` in place of the booking's payment of the same kind noted for `sale_id`
        (a sale that never committed at its counter)."""
        ...

    def payments(self, booking_id: str) -> list[RoomPayment]: ...
    def stale_holds(self, now: datetime) -> list[BookingView]: ...
    def due_no_shows(self, started_before: datetime) -> list[BookingView]: ...
    def facts(self, room_id: str | None, start: datetime, end: datetime) -> list[BookingFact]:
        """Bookings starting in [start, end) or cancelled then."""
        ...

    def revenue(self, room_id: str | None, start: datetime, end: datetime) -> list[RoomPayment]:
        """Payments and refunds made in [start, end)."""
        ...


class RoomTaken(Exception):
    """The database refused a booking that overlaps another (the exclusion constraint)."""


class RoomsUnitOfWork(Transaction, Protocol):
    @property
    def rooms(self) -> RoomRepository: ...
    @property
    def audit(self) -> AuditRepository: ...
