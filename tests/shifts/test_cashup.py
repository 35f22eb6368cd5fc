"""Cash-up arithmetic, property-tested: counted drawer, expected cash and the difference."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.cashup import CashUp, ShiftError, counted_total
from pos.domain.payment import THAI_DENOMINATIONS

counts = st.dictionaries(st.sampled_from(THAI_DENOMINATIONS), st.integers(0, 5000))
satang = st.integers(0, 10**9).map(lambda s: Decimal(s) / 100)


@settings(max_examples=300)
@given(counts)
def test_the_counted_total_is_the_sum_in_satang_of_each_note_and_coin(
    c: dict[Decimal, int],
) -> None:
    in_satang = sum(int(d * 100) * n for d, n in c.items())
    assert counted_total(c) == Decimal(in_satang) / 100
    assert counted_total(c).as_tuple().exponent == -2


@settings(max_examples=300)
@given(counts)
def test_the_count_does_not_care_how_a_denomination_is_written(c: dict[Decimal, int]) -> None:
    respelled = {str(d.normalize()): n for d, n in c.items()}
    assert counted_total(respelled) == counted_total(c)  # type: ignore[arg-type]


@settings(max_examples=500)
@given(satang, satang, satang, satang, satang)
def test_expected_and_difference_balance(
    float_: Decimal, cash_sales: Decimal, paid_in: Decimal, paid_out: Decimal, counted: Decimal
) -> None:
    cu = CashUp(float_, cash_sales, paid_in, paid_out, counted)
    assert cu.expected == float_ + cash_sales + paid_in - paid_out
    assert cu.difference is not None
    assert cu.expected + cu.difference == counted
    assert CashUp(float_, cash_sales, paid_in, paid_out, cu.expected).difference == 0


@settings(max_examples=200)
@given(counts, satang)
def test_a_drawer_short_by_one_note_shows_that_note_short(
    c: dict[Decimal, int], fl: Decimal
) -> None:
    c = {**c, Decimal(100): c.get(Decimal(100), 0) + 1}
    full = CashUp(fl, counted_total(c) - fl, Decimal(0), Decimal(0), counted_total(c))
    assert full.difference == 0
    c[Decimal(100)] -= 1
    short = CashUp(fl, full.cash_sales, Decimal(0), Decimal(0), counted_total(c))
    assert short.difference == Decimal("-100.00")


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ({Decimal("3"): 1}, "not a Thai note or coin"),
        ({Decimal("0.10"): 1}, "not a Thai note or coin"),
        ({Decimal("20"): -1}, "whole number"),
        ({"0.5": 1, "0.50": 2}, "counted twice"),
    ],
)
def test_impossible_counts_are_refused(bad: dict[Decimal, int], why: str) -> None:
    with pytest.raises(ShiftError, match=why):
        counted_total(bad)
