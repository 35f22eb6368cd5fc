"""The 13-digit Thai tax / citizen ID check digit."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pos.domain.taxid import is_valid_tax_id, tax_id_check_digit

SHOP_TAX_ID = "0994000617721"  # DOMAIN.md: a valid company number


def _change(value: str, position: int, delta: int) -> str:
    return value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]


def test_the_shop_tax_id_is_valid() -> None:
    assert is_valid_tax_id(SHOP_TAX_ID)


@pytest.mark.parametrize("written", ["0-9940-00617-72-1", "0 9940 00617 72 1"])
def test_tax_id_as_printed_on_documents(written: str) -> None:
    assert is_valid_tax_id(written)


@pytest.mark.parametrize(
    "value",
    ["", "099400061772", "09940006177210", "0994000617720", "099400061772X", "๐๙๙๔๐๐๐๖๑๗๗๒๑"],
)
def test_malformed_or_wrong_ids_are_refused(value: str) -> None:
    assert not is_valid_tax_id(value)


@settings(max_examples=200)
@given(delta=st.integers(1, 9))
def test_a_wrong_check_digit_is_always_refused(delta: int) -> None:
    assert not is_valid_tax_id(_change(SHOP_TAX_ID, 12, delta))


@settings(max_examples=300)
@given(
    first12=st.text(alphabet="0123456789", min_size=12, max_size=12),
    position=st.integers(0, 12).filter(lambda p: p != 2),
    delta=st.integers(1, 9),
)
def test_single_wrong_digit_is_caught(first12: str, position: int, delta: int) -> None:
    """Mod 11 with weights 13..2 catches one wrong digit, with the scheme's two known gaps.

    The 3rd digit has weight 11 (= 0 mod 11), so it is never checked; and remainders 0 and
    10 both give check digit 1. So the property holds for IDs whose check digit is not 1,
    at every position but the 3rd.
    """
    value = first12 + str(tax_id_check_digit(first12))
    assume(value[12] != "1")
    assert is_valid_tax_id(value)
    assert not is_valid_tax_id(_change(value, position, delta))


def test_known_gaps_of_the_official_scheme() -> None:
    """Documented so that nobody 'fixes' the formula: these pass the official check too."""
    assert is_valid_tax_id(_change(SHOP_TAX_ID, 2, 1))  # 3rd digit is not protected
    assert is_valid_tax_id("0994000617771")  # remainder 10 -> check 1, like remainder 0


def test_check_digit_formula_from_the_revenue_department() -> None:
    # (11 - sum(d_i * (13 - i)) mod 11) mod 10 ; for 099400061772 the sum is 341 = 31*11
    assert tax_id_check_digit("099400061772") == 1
    # sum 1+...: 1*13+1*12+...+1*2 = 90, 90 mod 11 = 2, (11-2) mod 10 = 9
    assert tax_id_check_digit("111111111111") == 9
