"""Bangkok time, the Buddhist-era year and the Thai/English pick, each written down once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from pos.domain import shop_time
from pos.domain.bilingual import Bilingual, pick
from pos.domain.cart import ProductInfo
from pos.domain.errors import ShopError


def test_a_moment_after_17_utc_is_the_next_shop_day() -> None:
    assert shop_time.shop_day(datetime(2026, 12, 2, 16, 59, 59, tzinfo=UTC)) == date(2026, 12, 2)
    assert shop_time.shop_day(datetime(2026, 12, 2, 17, 0, tzinfo=UTC)) == date(2026, 12, 3)


def test_a_naive_moment_is_taken_as_utc() -> None:
    assert shop_time.local(datetime(2026, 12, 2, 17, 30)).hour == 0  # noqa: DTZ001


def test_a_shop_day_starts_at_17_utc_the_evening_before() -> None:
    start, end = shop_time.day_bounds(date(2026, 12, 3))
    assert start == datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 86400
    assert shop_time.day_start_utc(date(2026, 12, 3)) == start
    assert shop_time.day_start_utc(date(2026, 12, 3)).tzinfo is UTC
    first, last = shop_time.period_bounds(date(2026, 12, 1), date(2026, 12, 31))
    assert (first, last) == (shop_time.day_bounds(date(2026, 12, 1))[0],
                             shop_time.day_bounds(date(2026, 12, 31))[1])


def test_the_buddhist_era_year_is_for_thai_readers() -> None:
    assert shop_time.buddhist_year(2026) == 2569
    assert shop_time.year_for(2026, "th") == 2569
    assert shop_time.year_for(2026, "en") == 2026


def test_one_rule_picks_the_language() -> None:
    assert pick("en", "ผ้าไหม", "silk") == "silk"
    assert pick("th", "ผ้าไหม", "silk") == "ผ้าไหม"
    product = ProductInfo("p1", "SKU1", "ผ้าไหม", "Silk scarf", unit_price=Decimal(1))
    assert product.name == Bilingual("ผ้าไหม", "Silk scarf")
    assert product.unit.pick("en") == "piece"
    assert ShopError("Printer is off", "เครื่องพิมพ์ปิดอยู่").message("en") == "Printer is off"
    assert ShopError("Printer is off", "เครื่องพิมพ์ปิดอยู่").text.th == "เครื่องพิมพ์ปิดอยู่"
