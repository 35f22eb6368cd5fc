"""Shop time: Asia/Bangkok (UTC+7 all year, no daylight saving) and the Buddhist-era year.

Moments are stored in UTC; this module is the one place that turns them into the shop's
wall clock, its calendar day, and the year a Thai document prints (พ.ศ. = ค.ศ. + 543).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
BUDDHIST_ERA_OFFSET = 543


def local(moment: datetime) -> datetime:
    """A moment as Bangkok wall-clock time (a naive moment is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BANGKOK)


def shop_day(moment: datetime) -> date:
    """The shop's calendar day at that moment."""
    return local(moment).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of a Bangkok calendar day, as aware moments."""
    start = datetime(day.year, day.month, day.day, tzinfo=BANGKOK)
    return start, start + timedelta(days=1)


def day_start_utc(day: date) -> datetime:
    """The UTC moment a Bangkok calendar day begins (what a query on stored UTC times takes)."""
    return day_bounds(day)[0].astimezone(UTC)


def buddhist_year(year: int) -> int:
    """The Buddhist-era year of a Gregorian one (2026 -> 2569)."""
    return year + BUDDHIST_ERA_OFFSET


def year_for(year: int, lang: str) -> int:
    """The year as a reader of that language writes it: Buddhist era in Thai."""
    return buddhist_year(year) if lang == "th" else year


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) of the Bangkok days first..last, both included."""
    return day_bounds(first)[0], day_bounds(last)[1]
