"""The room's default closed days: the Thai public holidays of 2026-2027."""

from __future__ import annotations

from datetime import date

from pos.domain.thai_holidays import THAI_PUBLIC_HOLIDAYS, default_holidays, holiday_name

FIXED = (
    (1, 1),
    (4, 6),
    (4, 13),
    (4, 14),
    (4, 15),
    (5, 1),
    (5, 4),
    (6, 3),
    (7, 28),
    (8, 12),
    (10, 13),
    (10, 23),
    (12, 5),
    (12, 10),
    (12, 31),
)


def test_each_year_has_every_fixed_holiday_and_its_three_buddhist_days() -> None:
    days = default_holidays()
    for year in (2026, 2027):
        assert all(date(year, m, d) in days for m, d in FIXED)
        names = [h.name_en for h in THAI_PUBLIC_HOLIDAYS if h.day.year == year]
        for buddhist in (
            "Makha Bucha Day",
            "Visakha Bucha Day",
            "Asarnha Bucha Day",
            "Buddhist Lent Day",
        ):
            assert names.count(buddhist) == 1


def test_a_holiday_on_a_weekend_has_its_substitute_on_the_next_free_working_day() -> None:
    days = default_holidays()
    substitutes = [h for h in THAI_PUBLIC_HOLIDAYS if h.name_en.startswith("Substitution")]
    for h in substitutes:
        assert h.day.weekday() < 5  # a working day
    for h in THAI_PUBLIC_HOLIDAYS:
        if (
            h.day.weekday() >= 5
            and not h.name_en.startswith("Substitution")
            and h.day.month != 4
            and h.day != date(2026, 12, 31)
        ):
            # Songkran's weekend days and New Year's Eve are covered by their neighbours
            assert any(s.day > h.day and (s.day - h.day).days <= 4 for s in substitutes), h
    assert len(days) == len(THAI_PUBLIC_HOLIDAYS)  # no day listed twice
    assert [h.day for h in THAI_PUBLIC_HOLIDAYS] == sorted(days)


def test_names_in_both_languages_and_none_for_the_shop_s_own_days() -> None:
    assert holiday_name(date(2026, 12, 10), "th") == "วันรัฐธรรมนูญ"
    assert holiday_name(date(2026, 12, 10), "en") == "Constitution Day"
    assert holiday_name(date(2026, 12, 11), "th") == ""
