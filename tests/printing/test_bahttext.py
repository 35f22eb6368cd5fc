"""Amounts in Thai words, as on a tax invoice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.domain.bahttext import bahttext, thai_number


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1234.50", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),  # DOMAIN.md's example
        ("0", "ศูนย์บาทถ้วน"),
        ("1", "หนึ่งบาทถ้วน"),
        ("10", "สิบบาทถ้วน"),
        ("11", "สิบเอ็ดบาทถ้วน"),
        ("20", "ยี่สิบบาทถ้วน"),
        ("21", "ยี่สิบเอ็ดบาทถ้วน"),
        ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
        ("110", "หนึ่งร้อยสิบบาทถ้วน"),
        ("1290", "หนึ่งพันสองร้อยเก้าสิบบาทถ้วน"),
        ("1771.00", "หนึ่งพันเจ็ดร้อยเจ็ดสิบเอ็ดบาทถ้วน"),
        ("100000", "หนึ่งแสนบาทถ้วน"),
        ("1000000", "หนึ่งล้านบาทถ้วน"),
        ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
        ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
        ("21500000", "ยี่สิบเอ็ดล้านห้าแสนบาทถ้วน"),
        ("2200000000", "สองพันสองร้อยล้านบาทถ้วน"),  # the centre's 2021 target
        ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
        ("0.25", "ยี่สิบห้าสตางค์"),
        ("0.50", "ห้าสิบสตางค์"),
        ("0.01", "หนึ่งสตางค์"),
        ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
        ("0.11", "สิบเอ็ดสตางค์"),
        ("0.21", "ยี่สิบเอ็ดสตางค์"),
        ("35.50", "สามสิบห้าบาทห้าสิบสตางค์"),
        ("-5", "ลบห้าบาทถ้วน"),
    ],
)
def test_bahttext(amount: str, words: str) -> None:
    assert bahttext(Decimal(amount)) == words


def test_amounts_are_rounded_half_up_to_the_satang_first() -> None:
    assert bahttext(Decimal("1.005")) == "หนึ่งบาทหนึ่งสตางค์"
    assert bahttext(Decimal("0.994")) == "เก้าสิบเก้าสตางค์"
    assert bahttext(Decimal("0.995")) == "หนึ่งบาทถ้วน"


def test_every_number_below_a_thousand_reads_back_the_same_way_as_its_parts() -> None:
    """Spot the classic mistakes: หนึ่งสิบ, สองสิบ, สิบหนึ่ง, ร้อยหนึ่ง never appear."""
    for n in range(1, 1000):
        words = thai_number(n)
        for wrong in ("หนึ่งสิบ", "สองสิบ", "สิบหนึ่ง", "ร้อยหนึ่ง"):
            assert wrong not in words, (n, words)
    assert thai_number(1) == "หนึ่ง"


def test_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="not an amount"):
        bahttext(Decimal("NaN"))
    with pytest.raises(ValueError, match="from zero up"):
        thai_number(-1)
