"""Paying: cash with change, PromptPay plus cash, card with an approval code, quick amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.errors import PaymentError
from pos.domain.payment import (
    Tender,
    TenderKind,
    cash_tender,
    quick_cash_amounts,
    settle,
)


def test_cash_with_change() -> None:
    due = Decimal("258.00")
    tender = cash_tender(due, Decimal(500))
    result = settle(due, [tender])
    assert result.settled
    assert result.paid == Decimal("258.00")
    assert result.change == Decimal("242.00")
    assert tender.amount == due
    assert tender.tendered == Decimal(500)


def test_exact_cash_gives_no_change() -> None:
    result = settle(Decimal("89.00"), [cash_tender(Decimal("89.00"), Decimal("89.00"))])
    assert result.settled
    assert result.change == 0


def test_promptpay_then_cash_for_the_rest() -> None:
    due = Decimal("1290.00")
    promptpay = Tender(TenderKind.PROMPTPAY, Decimal("1000.00"), reference="bank slip 1234")
    cash = cash_tender(Decimal("290.00"), Decimal("300"))
    result = settle(due, [promptpay, cash])
    assert result.settled
    assert result.paid == due
    assert result.change == Decimal("10.00")


def test_part_payment_leaves_the_rest_due() -> None:
    result = settle(Decimal("500"), [Tender(TenderKind.PROMPTPAY, Decimal("200"))])
    assert not result.settled
    assert result.remaining == Decimal("300.00")
    assert result.change == 0


def test_card_cannot_pay_more_than_is_due() -> None:
    with pytest.raises(PaymentError) as info:
        settle(Decimal("350"), [Tender(TenderKind.CARD, Decimal("400"), reference="A1B2C3")])
    assert "400" in info.value.message("en")
    assert "350" in info.value.message("en")


def test_promptpay_cannot_pay_more_than_is_left() -> None:
    cash = cash_tender(Decimal("100"), Decimal("100"))
    with pytest.raises(PaymentError):
        settle(Decimal("300"), [cash, Tender(TenderKind.PROMPTPAY, Decimal("250"))])


@pytest.mark.parametrize("reference", ["", "   "])
def test_card_needs_the_approval_code(reference: str) -> None:
    with pytest.raises(PaymentError) as info:
        settle(Decimal("350"), [Tender(TenderKind.CARD, Decimal("350"), reference=reference)])
    assert "approval code" in info.value.message("en")
    assert "รหัสอนุมัติ" in info.value.message("th")


def test_card_with_approval_code_settles() -> None:
    result = settle(Decimal("350"), [Tender(TenderKind.CARD, Decimal("350"), reference="004512")])
    assert result.settled
    assert result.change == 0


def test_only_cash_gives_change() -> None:
    over = Tender(TenderKind.PROMPTPAY, Decimal("100"), tendered=Decimal("120"))
    with pytest.raises(PaymentError):
        settle(Decimal("100"), [over])


@pytest.mark.parametrize("handed", ["0", "-20"])
def test_cash_must_be_more_than_zero(handed: str) -> None:
    with pytest.raises(PaymentError):
        cash_tender(Decimal("100"), Decimal(handed))


def test_zero_payment_is_refused() -> None:
    with pytest.raises(PaymentError):
        settle(Decimal("100"), [Tender(TenderKind.PROMPTPAY, Decimal("0"))])


def test_quick_cash_amounts_for_a_typical_sale() -> None:
    assert quick_cash_amounts(Decimal("87")) == [Decimal(v) for v in ("87", "100", "500", "1000")]
    assert quick_cash_amounts(Decimal("258")) == [
        Decimal(v) for v in ("258", "260", "300", "500", "1000")
    ]
    assert quick_cash_amounts(Decimal("1000")) == [Decimal(1000)]
    # a big sale: eleven ฿1,000 notes is kept, the ฿20 rounding (10,160) is the one left out
    assert quick_cash_amounts(Decimal("10141")) == [
        Decimal(v) for v in ("10141", "10150", "10200", "10500", "11000")
    ]


@settings(max_examples=300)
@given(satang=st.integers(1, 5_000_000))
def test_quick_cash_amounts_are_sensible(satang: int) -> None:
    due = Decimal(satang).scaleb(-2)
    options = quick_cash_amounts(due)
    assert options[0] == due  # exact first
    assert options == sorted(set(options))  # ascending, no duplicates
    assert 1 <= len(options) <= 5
    for amount in options[1:]:
        assert amount > due
        assert amount % 20 == 0 or amount % 50 == 0  # what a customer hands over in notes
    # each suggestion settles the sale with the change the cashier expects
    for amount in options:
        result = settle(due, [cash_tender(due, amount)])
        assert result.settled
        assert result.change == amount - due
