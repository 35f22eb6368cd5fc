"""The one amount parser and the PromptPay amount field, fed hostile text and numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.bilingual import Bilingual
from pos.domain.errors import ShopError
from pos.domain.money import MAX_AMOUNT, AmountError, parse_amount
from pos.domain.promptpay import AMOUNT_FIELD_CHARS, PromptPayError, promptpay_payload
from tests.helpers.crc import tlv_dict

SHOP_ID = "0801234567"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("79", "79.00"),
        ("1,250.5", "1250.50"),
        ("  ฿1,000  ", "1000.00"),
        ("1000 ฿", "1000.00"),
        ("๑๒๐", "120.00"),  # Thai digits, as a Thai keyboard types them
        (".5", "0.50"),
        ("10.", "10.00"),
        ("10.500", "10.50"),  # trailing zeros are not decimals
        ("0", "0.00"),
        ("-0", "0.00"),
        ("+12", "12.00"),
        ("9999999999.99", "9999999999.99"),
    ],
)
def test_plain_amounts_are_read(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("NaN", "is not a number"),
        ("nan", "is not a number"),
        ("sNaN", "is not a number"),
        ("Infinity", "is not a number"),
        ("-Infinity", "is not a number"),
        ("inf", "is not a number"),
        ("1e30", "exponent"),
        ("1E+3", "exponent"),
        ("2.5e-1", "exponent"),
        ("12O.00", "is not a number"),  # letter O
        ("1.2.3", "is not a number"),
        ("0x10", "is not a number"),
        ("1_000", "is not a number"),
        ("١٢", "is not a number"),  # Arabic-Indic digits are not read as baht
        ("10000000000", "more than 9,999,999,999.99"),
        ("99999999999999", "more than 9,999,999,999.99"),
        ("9" * 500, "is not a number"),  # too long to be an amount at all
        ("10.005", "more than 2 decimals"),
        ("-5", "is negative"),
        ("=1+1", "is not a number"),
    ],
)
def test_hostile_amounts_are_refused_in_both_languages(text: str, words: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert words in caught.value.message_en
    assert caught.value.message_th != caught.value.message_en
    assert isinstance(caught.value, ShopError)
    assert len(caught.value.message_en) < 120  # a long value is cut short in the message


def test_the_rules_a_caller_chooses() -> None:
    assert parse_amount("-12.50", negative_ok=True) == Decimal("-12.50")
    assert parse_amount("0.125", places=3) == Decimal("0.125")
    with pytest.raises(AmountError, match="more than zero"):
        parse_amount("0.00", zero_ok=False)
    with pytest.raises(AmountError, match=r"more than 100\.00"):
        parse_amount("100.01", maximum=Decimal(100))
    with pytest.raises(AmountError) as caught:
        parse_amount("abc", what=Bilingual("ส่วนลด", "discount"))
    assert caught.value.message_en.startswith("discount 'abc'")
    assert caught.value.message_th.startswith("ส่วนลด 'abc'")


def test_the_largest_amount_fills_the_promptpay_field_exactly() -> None:
    assert len(f"{MAX_AMOUNT:.2f}") == AMOUNT_FIELD_CHARS == 13
    assert tlv_dict(promptpay_payload(SHOP_ID, MAX_AMOUNT))["54"] == "9999999999.99"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("NaN", "not a number"),
        ("sNaN", "not a number"),
        ("Infinity", "not a number"),
        ("-Infinity", "not a number"),
        ("1e30", "does not fit"),
        ("1e10", "does not fit"),
        ("99999999999999", "does not fit"),
        ("9999999999.995", "does not fit"),  # rounds up to 14 characters
        ("-1e30", "more than zero"),
        ("0.004", "more than zero"),
    ],
)
def test_the_promptpay_builder_refuses_what_no_bank_app_pays(amount: str, words: str) -> None:
    with pytest.raises(PromptPayError) as caught:
        promptpay_payload(SHOP_ID, Decimal(amount))
    assert words in str(caught.value)
    assert isinstance(caught.value, ShopError)
    assert caught.value.message_th != caught.value.message_en


AMOUNT_TEXT = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A[ ฿+-]?[0-9,๐-๙]{0,16}(\.[0-9]{0,4})?([eE][+-]?[0-9]{1,3})?[ ฿]?\Z"),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.sampled_from(["NaN", "sNaN", "-sNaN", "Infinity", "1e30", "1e10", "99999999999999"]),
)


@settings(max_examples=100)
@given(text=AMOUNT_TEXT)
def test_any_text_is_an_amount_the_till_and_promptpay_can_hold_or_a_message(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError:
        return  # refused with a message (the examples above check the words)
    assert value.is_finite()
    assert value == value.quantize(Decimal("0.01"))
    assert Decimal(0) <= value <= MAX_AMOUNT
    if value > 0:
        field = tlv_dict(promptpay_payload(SHOP_ID, value))["54"]
        assert len(field) <= AMOUNT_FIELD_CHARS
        assert Decimal(field) == value


@settings(max_examples=100)
@given(amount=st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_makes_a_payable_qr_or_a_message(amount: Decimal) -> None:
    try:
        payload = promptpay_payload(SHOP_ID, amount)
    except PromptPayError:
        return  # refused with a message
    field = tlv_dict(payload)["54"]
    assert len(field) <= AMOUNT_FIELD_CHARS
    assert Decimal(0) < Decimal(field) <= MAX_AMOUNT
