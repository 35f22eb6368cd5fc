"""PromptPay QR payloads, checked against an independent CRC and TLV parser."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.promptpay import (
    PromptPayError,
    crc16_ccitt_false,
    normalize_promptpay_id,
    promptpay_payload,
)
from tests.helpers.crc import crc16_ccitt_false as reference_crc
from tests.helpers.crc import parse_tlv, tlv_dict

AID = "A000000677010111"
DOMAIN_EXAMPLE = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"


def _check_crc(payload: str) -> None:
    assert payload[-8:-4] == "6304"
    assert payload[-4:] == f"{reference_crc(payload[:-4].encode('ascii')):04X}"


def test_crc_check_value() -> None:
    assert reference_crc(b"123456789") == 0x29B1
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    assert crc16_ccitt_false(b"") == 0xFFFF


@settings(max_examples=200)
@given(data=st.binary(max_size=200))
def test_crc_agrees_with_the_table_driven_reference(data: bytes) -> None:
    assert crc16_ccitt_false(data) == reference_crc(data)


def test_domain_example_exactly() -> None:
    assert promptpay_payload("0801234567") == DOMAIN_EXAMPLE


def test_mobile_number_written_with_dashes_or_spaces() -> None:
    assert promptpay_payload("080-123-4567") == DOMAIN_EXAMPLE
    assert promptpay_payload("080 123 4567") == DOMAIN_EXAMPLE


def test_payload_with_an_amount() -> None:
    # the same vector as the widely used promptpay-qr library
    assert promptpay_payload("000-000-0000", Decimal("4.22")) == (
        "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469"
    )


def test_fields_of_a_payload_with_an_amount() -> None:
    payload = promptpay_payload("0812345678", Decimal("1290"))
    fields = tlv_dict(payload)
    assert fields["00"] == "01"
    assert fields["01"] == "12"
    assert tlv_dict(fields["29"]) == {"00": AID, "01": "0066812345678"}
    assert fields["53"] == "764"
    assert fields["54"] == "1290.00"
    assert fields["58"] == "TH"
    assert [f.tag for f in parse_tlv(payload)][-1] == "63"
    _check_crc(payload)


@settings(max_examples=200)
@given(satang=st.integers(1, 99_999_999_99))
def test_any_amount_makes_a_well_formed_payload(satang: int) -> None:
    amount = Decimal(satang).scaleb(-2)
    payload = promptpay_payload("0994000617721", amount)

    fields = parse_tlv(payload)  # strict: every byte belongs to a field
    by_tag = {f.tag: f.value for f in fields}
    assert len(by_tag) == len(fields)
    assert by_tag["01"] == "12"
    assert by_tag["54"] == f"{amount:.2f}"
    assert Decimal(by_tag["54"]) == amount
    assert fields[-1].tag == "63"
    _check_crc(payload)


def test_amount_is_rounded_half_up_to_the_satang() -> None:
    assert tlv_dict(promptpay_payload("0801234567", Decimal("10.005")))["54"] == "10.01"


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-5"), Decimal("0.004")])
def test_an_amount_must_be_more_than_zero(amount: Decimal) -> None:
    with pytest.raises(PromptPayError):
        promptpay_payload("0801234567", amount)


def test_static_qr_has_no_amount() -> None:
    fields = tlv_dict(promptpay_payload("0801234567"))
    assert fields["01"] == "11"
    assert "54" not in fields


def test_tax_id_goes_in_sub_field_02() -> None:
    payload = promptpay_payload("0-9940-00617-72-1", Decimal("35.50"))
    fields = tlv_dict(payload)
    assert tlv_dict(fields["29"]) == {"00": AID, "02": "0994000617721"}
    assert fields["54"] == "35.50"
    _check_crc(payload)


def test_e_wallet_id_goes_in_sub_field_03() -> None:
    payload = promptpay_payload("140000012345678")
    assert tlv_dict(tlv_dict(payload)["29"]) == {"00": AID, "03": "140000012345678"}
    _check_crc(payload)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0801234567", ("01", "0066801234567")),
        ("0994000617721", ("02", "0994000617721")),
        ("140000012345678", ("03", "140000012345678")),
    ],
)
def test_normalize_promptpay_id(raw: str, expected: tuple[str, str]) -> None:
    assert normalize_promptpay_id(raw) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "12345",
        "8012345678",  # 10 digits, but a Thai mobile starts with 0
        "0994000617722",  # tax ID with a wrong check digit
        "08012345ab",
        "081234567890",  # 12 digits
        "๐๘๐๑๒๓๔๕๖๗",  # Thai digits: the QR must carry ASCII digits
    ],
)
def test_bad_ids_are_refused(bad: str) -> None:
    with pytest.raises(PromptPayError):
        promptpay_payload(bad)


def test_reference_tlv_parser_refuses_broken_text() -> None:
    from tests.helpers.crc import TLVError

    with pytest.raises(TLVError):
        parse_tlv("000201010")  # truncated header
    with pytest.raises(TLVError):
        parse_tlv("0005AB")  # value shorter than its length


@pytest.mark.parametrize(
    "typed", ["089-123-4567", "+66-89-123-4567", "+66 89 123 4567", "+66891234567", "66891234567"]
)
def test_a_mobile_in_international_form_is_the_same_id(typed: str) -> None:
    assert normalize_promptpay_id(typed) == ("01", "0066891234567")
    assert promptpay_payload(typed) == promptpay_payload("0891234567")


@pytest.mark.parametrize(
    "bad",
    [
        "+0891234567",  # a plus before a number that is not international
        "+66-089-123-4567",  # the trunk 0 kept after the country code
        "+6689123456",  # 8 digits after the country code
        "+1-202-555-0100",  # not a Thai number
        "66+891234567",
    ],
)
def test_a_malformed_international_mobile_is_refused(bad: str) -> None:
    with pytest.raises(PromptPayError):
        normalize_promptpay_id(bad)


def test_a_tax_id_with_a_wrong_check_digit_keeps_its_message() -> None:
    with pytest.raises(PromptPayError) as err:
        normalize_promptpay_id("0994000617722")
    assert err.value.message("en") == "tax/citizen ID 0994000617722 has a wrong check digit"
