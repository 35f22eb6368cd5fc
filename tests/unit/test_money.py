"""Money is Decimal baht rounded half-up to the satang; VAT is 7/107 of a VAT-able total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.money import (
    MoneyError,
    format_baht,
    from_satang,
    round_satang,
    to_money,
    to_satang,
    vat_included,
)

amounts = st.integers(0, 10**10).map(lambda satang: Decimal(satang).scaleb(-2))


@pytest.mark.parametrize(
    ("gross", "vat"),
    [
        ("107.00", "7.00"),
        ("100.00", "6.54"),  # 6.5420...
        ("1.00", "0.07"),  # 0.0654...
        ("0.07", "0.00"),  # 0.00457...
        ("0.08", "0.01"),  # 0.00523...
        ("1234.50", "80.76"),  # 80.7617...
        ("0.00", "0.00"),
    ],
)
def test_vat_of_a_receipt(gross: str, vat: str) -> None:
    assert vat_included(Decimal(gross)) == Decimal(vat)


def test_vat_rounds_half_up_not_to_even() -> None:
    # at 100% half of 0.01 is exactly 0.005: half-up gives 0.01 (banker's would give 0.00)
    assert vat_included(Decimal("0.01"), Decimal(100)) == Decimal("0.01")
    assert vat_included(Decimal("0.05"), Decimal(100)) == Decimal("0.03")  # 0.025 -> 0.03
    assert round_satang(Decimal("2.675")) == Decimal("2.68")
    assert round_satang(Decimal("2.665")) == Decimal("2.67")
    assert round_satang(Decimal("-2.675")) == Decimal("-2.68")


def test_no_vat_when_the_rate_is_zero() -> None:
    assert vat_included(Decimal("500.00"), Decimal(0)) == Decimal("0.00")


def test_vat_follows_the_rate_setting() -> None:
    assert vat_included(Decimal("110.00"), Decimal(10)) == Decimal("10.00")


@settings(max_examples=300)
@given(gross=amounts)
def test_vat_is_within_half_a_satang_of_seven_107ths(gross: Decimal) -> None:
    vat = vat_included(gross)
    assert vat == vat.quantize(Decimal("0.01"))
    assert abs(vat - gross * 7 / 107) <= Decimal("0.005")


def test_to_money_reads_text_and_rounds() -> None:
    assert to_money("12.345") == Decimal("12.35")
    assert to_money(5) == Decimal("5.00")
    assert to_money(Decimal("0.125")) == Decimal("0.13")


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity", 1.5])
def test_to_money_refuses_what_is_not_money(bad: object) -> None:
    with pytest.raises(MoneyError):
        to_money(bad)  # type: ignore[arg-type]


@settings(max_examples=200)
@given(amount=amounts)
def test_satang_round_trip(amount: Decimal) -> None:
    assert from_satang(to_satang(amount)) == amount


def test_format_baht() -> None:
    assert format_baht(Decimal("1234.5")) == "1,234.50"
    assert format_baht(Decimal("1234.5"), symbol=True) == "฿1,234.50"
    assert format_baht(Decimal("0.005")) == "0.01"
