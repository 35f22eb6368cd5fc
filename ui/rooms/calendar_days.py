"""The room calendar's days: their headings, the hours the grid spans, each day's column."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pos.domain.rooms import BookingStatus, RoomRules
from pos.domain.shop_time import local, shop_day
from pos.domain.thai_holidays import holiday_name
from pos.ports.rooms import BookingView
from ui.rooms.grid import Block, DayColumn

THAI_DAYS = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
SHOWN = frozenset(
    {
        BookingStatus.HELD,
        BookingStatus.CONFIRMED,
        BookingStatus.CHECKED_IN,
        BookingStatus.COMPLETED,
        BookingStatus.NO_SHOW,
    }
)


def day_heading(day: date, lang: str) -> str:
    if lang == "th":
        return f"{THAI_DAYS[day.weekday()]} {day.day} {THAI_MONTHS[day.month - 1]}"
    return f"{EN_DAYS[day.weekday()]} {day.day}/{day.month}"


def hm(when: datetime) -> str:
    return f"{local(when):%H:%M}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def shown_hours(rules: RoomRules) -> tuple[int, int]:
    """The hours the grid spans: from the earliest opening to the latest closing of the week."""
    hours = [h for h in rules.open_hours.values() if h is not None]
    if not hours:
        return 8, 18
    first = min(h[0] for h in hours).hour
    last_close = max(h[1] for h in hours)
    last = last_close.hour + (1 if last_close.minute else 0)
    return first, max(first + 1, min(24, last))


def columns_for(
    days: Sequence[date],
    rules: RoomRules,
    bookings: Sequence[BookingView],
    lang: str,
    closed_text: str,
) -> list[DayColumn]:
    """The grid's columns: each day's opening hours (or why it is closed) and bookings."""
    out = []
    for d in days:
        blocks = tuple(
            Block(
                b.booking_no,
                b.start,
                b.end,
                b.customer.name,
                f"{hm(b.start)}-{hm(b.end)} · {b.status.label.pick(lang)} · {b.booking_no}",
                b.status.value,
            )
            for b in bookings
            if shop_day(b.start) == d and b.status in SHOWN
        )
        hours = rules.open_hours.get(d.weekday())
        reason = ""
        if d in rules.holidays:
            hours = None
            reason = holiday_name(d, lang) or closed_text
        elif hours is None:
            reason = closed_text
        out.append(DayColumn(d, day_heading(d, lang), hours, reason, blocks))
    return out
