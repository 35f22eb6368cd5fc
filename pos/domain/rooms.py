"""The co-working room: rooms, booking rules, slots, prices, deposits, refunds and statuses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from pos.domain.bilingual import Bilingual
from pos.domain.errors import ShopError
from pos.domain.money import ZERO, round_satang
from pos.domain.shop_time import BANGKOK, local, shop_day

__all__ = [
    "ACTIVE_STATUSES",
    "BOOKING_NO",
    "HUNDRED",
    "BookingStatus",
    "BookingTerms",
    "DepositKind",
    "DepositRule",
    "Period",
    "Room",
    "RoomClash",
    "RoomError",
    "RoomRules",
    "can_move",
    "check_move",
    "check_request",
    "clashes",
    "deposit",
    "free_slots",
    "nearest_free",
    "price",
    "refund_on_cancel",
]

Period = tuple[datetime, datetime]  # [start, end), aware
HUNDRED = Decimal(100)
BOOKING_NO = re.compile(r"^BK-\d{6,}$")
QR_PREFIX = "OTOPROOM"
NEAREST_DAYS = 7  # how many days either side `nearest_free` looks for another slot


class RoomError(ShopError):
    """A booking the rules refuse; `rule` names the rule (closed, holiday, grid, ...)."""

    def __init__(self, rule: str, message_en: str, message_th: str) -> None:
        super().__init__(message_en, message_th)
        self.rule = rule


def _slot_text(slots: Sequence[Period], lang: str) -> str:
    def one(p: Period) -> str:
        s, e = local(p[0]), local(p[1])
        return f"{s:%d/%m} {s:%H:%M}-{e:%H:%M}"

    if not slots:
        return "none" if lang == "en" else "ไม่มี"
    return ", ".join(one(p) for p in slots)


class RoomClash(RoomError):
    """The room is taken at that time (another booking or its buffer): `nearest` are the
    closest free slots of the same length."""

    def __init__(self, nearest: Sequence[Period]) -> None:
        self.nearest: tuple[Period, ...] = tuple(nearest)
        super().__init__(
            "clash",
            "The room is already booked at that time. Nearest free: "
            + _slot_text(self.nearest, "en"),
            "ห้องถูกจองแล้วในเวลานั้น ช่วงเวลาว่างที่ใกล้ที่สุด: " + _slot_text(self.nearest, "th"),
        )


class DepositKind(StrEnum):
    NONE = "none"
    PERCENT = "percent"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class DepositRule:
    kind: DepositKind = DepositKind.NONE
    value: Decimal = ZERO

    def __post_init__(self) -> None:
        if self.value < 0 or (self.kind is DepositKind.PERCENT and self.value > HUNDRED):
            raise RoomError("deposit", "A deposit out of range", "มัดจำไม่อยู่ในช่วงที่ใช้ได้")


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    code: str
    name_th: str
    name_en: str
    capacity: int
    equipment: tuple[str, ...] = ()
    active: bool = True
    number: int = 0  # the database's small key for the room (the exclusion constraint's)

    @property
    def name(self) -> Bilingual:
        return Bilingual(self.name_th, self.name_en)


def _weekdays(hours: tuple[time, time] | None) -> dict[int, tuple[time, time] | None]:
    return dict.fromkeys(range(7), hours)


@dataclass(frozen=True, slots=True)
class RoomRules:
    """How a room may be booked. Hours are Bangkok wall time; weekday 0 is Monday."""

    open_hours: Mapping[int, tuple[time, time] | None] = field(
        default_factory=lambda: {**_weekdays((time(8, 30), time(17, 30))), 6: None}
    )
    holidays: frozenset[date] = frozenset()
    slot_minutes: int = 30
    min_minutes: int = 60
    max_minutes: int = 540
    max_days_ahead: int = 60
    buffer_minutes: int = 15
    price_hour: Decimal = Decimal("200.00")
    price_half_day: Decimal | None = Decimal("700.00")
    price_day: Decimal | None = Decimal("1200.00")
    half_day_minutes: int = 240
    deposit: DepositRule = DepositRule(DepositKind.PERCENT, Decimal(50))
    cancel_cutoff_hours: int = 24
    refund_before_pct: Decimal = HUNDRED
    refund_after_pct: Decimal = ZERO
    no_show_minutes: int = 30
    hold_minutes: int = 30

    def __post_init__(self) -> None:
        problems = []
        if not 5 <= self.slot_minutes <= 240 or 1440 % self.slot_minutes:
            problems.append("slot_minutes")
        if self.min_minutes < self.slot_minutes or self.min_minutes % self.slot_minutes:
            problems.append("min_minutes")
        if self.max_minutes < self.min_minutes or self.max_minutes % self.slot_minutes:
            problems.append("max_minutes")
        if not 0 <= self.max_days_ahead <= 730:
            problems.append("max_days_ahead")
        if not 0 <= self.buffer_minutes <= 240:
            problems.append("buffer_minutes")
        if self.price_hour < 0 or any(p is not None and p < 0 for p in self._block_prices()):
            problems.append("price")
        if self.half_day_minutes <= 0:
            problems.append("half_day_minutes")
        if not (ZERO <= self.refund_before_pct <= HUNDRED and self.refund_after_pct >= ZERO):
            problems.append("refund_pct")
        if self.refund_after_pct > self.refund_before_pct:
            problems.append("refund_pct")
        if self.cancel_cutoff_hours < 0 or self.no_show_minutes < 0 or self.hold_minutes < 1:
            problems.append("minutes")
        for day, hours in self.open_hours.items():
            if day not in range(7) or (hours is not None and hours[0] >= hours[1]):
                problems.append(f"open_hours[{day}]")
        if problems:
            raise RoomError(
                "rules",
                "Room rules out of range: " + ", ".join(problems),
                "กฎการจองห้องไม่ถูกต้อง: " + ", ".join(problems),
            )

    def _block_prices(self) -> tuple[Decimal | None, ...]:
        return (self.price_half_day, self.price_day)

    def hours_on(self, day: date) -> Period | None:
        """[open, close) of `day` as aware moments, or None when the room is closed then."""
        if day in self.holidays:
            return None
        hours = self.open_hours.get(day.weekday())
        if hours is None:
            return None
        return _at(day, hours[0]), _at(day, hours[1])


def _at(day: date, wall: time) -> datetime:
    return datetime.combine(day, wall, tzinfo=BANGKOK)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def check_request(rules: RoomRules, start: datetime, end: datetime, now: datetime) -> None:
    """Refuses a booking of [start, end) the rules do not allow, naming the rule."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("room bookings take aware datetimes")
    if end <= start:
        raise RoomError("order", "The booking ends before it starts", "เวลาสิ้นสุดต้องหลังเวลาเริ่ม")
    if start < now:
        raise RoomError("past", "That time has already passed", "เวลานั้นผ่านไปแล้ว")
    day = shop_day(start)
    if (day - shop_day(now)).days > rules.max_days_ahead:
        raise RoomError(
            "ahead",
            f"Bookings are taken at most {rules.max_days_ahead} days ahead",
            f"จองล่วงหน้าได้ไม่เกิน {rules.max_days_ahead} วัน",
        )
    if day in rules.holidays:
        raise RoomError("holiday", "The centre is closed on that holiday", "ศูนย์ปิดในวันหยุดนั้น")
    hours = rules.hours_on(day)
    if hours is None:
        raise RoomError("closed", "The room is closed on that day", "ห้องปิดในวันนั้น")
    if start < hours[0] or end > hours[1]:
        o, c = local(hours[0]), local(hours[1])
        raise RoomError(
            "hours",
            f"Outside opening hours ({o:%H:%M}-{c:%H:%M})",
            f"นอกเวลาทำการ ({o:%H:%M}-{c:%H:%M} น.)",
        )
    length = _minutes(end - start)
    if _minutes(start - hours[0]) % rules.slot_minutes or length % rules.slot_minutes:
        raise RoomError(
            "grid",
            f"Bookings start and end on the {rules.slot_minutes}-minute grid",
            f"เวลาเริ่มและสิ้นสุดต้องตรงช่วงละ {rules.slot_minutes} นาที",
        )
    if length < rules.min_minutes:
        raise RoomError(
            "short",
            f"A booking is at least {rules.min_minutes} minutes",
            f"จองได้อย่างน้อย {rules.min_minutes} นาที",
        )
    if length > rules.max_minutes:
        raise RoomError(
            "long",
            f"A booking is at most {rules.max_minutes} minutes",
            f"จองได้ไม่เกิน {rules.max_minutes} นาที",
        )


def price(rules: RoomRules, start: datetime, end: datetime) -> Decimal:
    """The cheapest of: by the hour, half days (topped up by the hour), or one day."""
    minutes = _minutes(end - start)
    per_minute = rules.price_hour / 60
    best = round_satang(per_minute * minutes)
    if rules.price_half_day is not None:
        blocks = -(-minutes // rules.half_day_minutes)
        for n in range(1, blocks + 1):
            rest = max(0, minutes - n * rules.half_day_minutes)
            best = min(best, rules.price_half_day * n + round_satang(per_minute * rest))
    if rules.price_day is not None:
        best = min(best, rules.price_day)
    return round_satang(best)


def deposit(rules: RoomRules, amount: Decimal) -> Decimal:
    """What is paid to confirm a booking of `amount` (never more than the amount)."""
    rule = rules.deposit
    if rule.kind is DepositKind.NONE:
        return ZERO
    if rule.kind is DepositKind.PERCENT:
        return round_satang(amount * rule.value / HUNDRED)
    return min(round_satang(rule.value), amount)


def clashes(period: Period, others: Iterable[Period], buffer: timedelta) -> list[Period]:
    """The periods of `others` that `period` overlaps, each widened by `buffer` after it ends
    (and `period` likewise: the buffer is kept on both sides)."""
    start, end = period
    return [p for p in others if start < p[1] + buffer and p[0] < end + buffer]


def free_slots(
    rules: RoomRules,
    day: date,
    booked: Iterable[Period],
    length: int,
    *,
    after: datetime | None = None,
) -> list[Period]:
    """Every [start, start + length) on the slot grid of `day` inside opening hours that clashes
    with no booked period (buffers kept), starting no earlier than `after`."""
    hours = rules.hours_on(day)
    if (
        hours is None
        or length < rules.min_minutes
        or length > rules.max_minutes
        or length % rules.slot_minutes
    ):
        return []
    taken = list(booked)
    buffer = timedelta(minutes=rules.buffer_minutes)
    step = timedelta(minutes=rules.slot_minutes)
    span = timedelta(minutes=length)
    out: list[Period] = []
    start = hours[0]
    while start + span <= hours[1]:
        slot = (start, start + span)
        if (after is None or start >= after) and not clashes(slot, taken, buffer):
            out.append(slot)
        start += step
    return out


def nearest_free(
    rules: RoomRules,
    wanted: Period,
    booked: Iterable[Period],
    n: int = 3,
    *,
    now: datetime | None = None,
) -> list[Period]:
    """Up to `n` free slots of `wanted`'s length closest in time to it (within a week either
    side, never in the past nor beyond the booking horizon when `now` is given)."""
    length = _minutes(wanted[1] - wanted[0])
    taken = list(booked)
    centre = shop_day(wanted[0])
    candidates: list[Period] = []
    for offset in range(-NEAREST_DAYS, NEAREST_DAYS + 1):
        day = centre + timedelta(days=offset)
        if now is not None and (
            day < shop_day(now) or (day - shop_day(now)).days > rules.max_days_ahead
        ):
            continue
        candidates.extend(free_slots(rules, day, taken, length, after=now))
    candidates.sort(key=lambda p: (abs(p[0] - wanted[0]), p[0]))
    return sorted(candidates[:n])


class BookingStatus(StrEnum):
    HELD = "held"  # waiting for its deposit or payment until hold_until
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    EXPIRED = "expired"  # a hold nobody paid

    @property
    def label(self) -> Bilingual:
        return _LABELS[self]

    @property
    def holds_room(self) -> bool:
        return self in ACTIVE_STATUSES


_LABELS = {
    BookingStatus.HELD: Bilingual("รอชำระ", "Held"),
    BookingStatus.CONFIRMED: Bilingual("ยืนยันแล้ว", "Confirmed"),
    BookingStatus.CHECKED_IN: Bilingual("เข้าใช้แล้ว", "Checked in"),
    BookingStatus.COMPLETED: Bilingual("เสร็จสิ้น", "Completed"),
    BookingStatus.CANCELLED: Bilingual("ยกเลิก", "Cancelled"),
    BookingStatus.NO_SHOW: Bilingual("ไม่มาตามนัด", "No-show"),
    BookingStatus.EXPIRED: Bilingual("หมดเวลาชำระ", "Expired"),
}

B = BookingStatus
# the statuses that keep the room (the database's exclusion constraint lists the same ones)
ACTIVE_STATUSES = frozenset({B.HELD, B.CONFIRMED, B.CHECKED_IN, B.COMPLETED})
# The one table of allowed moves.
TRANSITIONS: dict[BookingStatus, frozenset[BookingStatus]] = {
    B.HELD: frozenset({B.CONFIRMED, B.CANCELLED, B.EXPIRED}),
    B.CONFIRMED: frozenset({B.CHECKED_IN, B.CANCELLED, B.NO_SHOW}),
    B.CHECKED_IN: frozenset({B.COMPLETED}),
    B.COMPLETED: frozenset(),
    B.CANCELLED: frozenset(),
    B.NO_SHOW: frozenset(),
    B.EXPIRED: frozenset(),
}
CHANGEABLE = frozenset({B.HELD, B.CONFIRMED})  # may be moved; extended also once checked in


def can_move(old: BookingStatus, new: BookingStatus) -> bool:
    return new in TRANSITIONS[old]


def check_move(old: BookingStatus, new: BookingStatus) -> None:
    if not can_move(old, new):
        raise RoomError(
            "status",
            f"A {old.label.en.lower()} booking cannot become {new.label.en.lower()}",
            f"การจองที่{old.label.th}แล้วเปลี่ยนเป็น{new.label.th}ไม่ได้",
        )


@dataclass(frozen=True, slots=True)
class BookingTerms:
    """What the money rules of a booking read: its time, price and what was paid."""

    start: datetime
    end: datetime
    price: Decimal
    paid: Decimal


def refund_on_cancel(rules: RoomRules, booking: BookingTerms, now: datetime) -> Decimal:
    """What is given back of what was paid when the booking is cancelled at `now`: the
    before-cutoff share up to cancel_cutoff_hours before the start, the after share later."""
    if booking.paid <= 0:
        return ZERO
    cutoff = booking.start - timedelta(hours=rules.cancel_cutoff_hours)
    pct = rules.refund_before_pct if now <= cutoff else rules.refund_after_pct
    return min(booking.paid, round_satang(booking.paid * pct / HUNDRED))


def booking_number(seq: int) -> str:
    return f"BK-{seq:06d}"


def qr_payload(booking_no: str, code: str) -> str:
    """What the confirmation slip's QR code holds (check-in reads it back)."""
    return f"{QR_PREFIX}:{booking_no}:{code}"


def parse_check_in(text: str) -> tuple[str, str | None]:
    """(booking number, code or None) from a scanned slip or a typed booking number."""
    raw = text.strip()
    parts = raw.split(":")
    if len(parts) == 3 and parts[0].upper() == QR_PREFIX and BOOKING_NO.match(parts[1].upper()):
        return parts[1].upper(), parts[2]
    if BOOKING_NO.match(raw.upper()):
        return raw.upper(), None
    raise RoomError("code", "Not a booking number or slip code", "ไม่ใช่หมายเลขการจองหรือรหัสบนใบยืนยัน")
