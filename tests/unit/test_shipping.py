"""Carriers and tracking numbers: the UPU S10 check digit of Thailand Post, the others' format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.shipping import (
    Carrier,
    TrackingNumberError,
    carriers_for,
    check_tracking,
    s10_check_digit,
    status_page_url,
    tracking_url,
)

LETTERS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)
SERIALS = st.text(alphabet="0123456789", min_size=8, max_size=8)


def _s10(prefix: str, serial: str) -> str:
    return f"{prefix}{serial}{s10_check_digit(serial)}TH"


def test_the_domain_examples() -> None:
    assert s10_check_digit("12345678") == 5
    assert check_tracking(Carrier.THAILAND_POST_EMS, "EX123456785TH") == "EX123456785TH"
    with pytest.raises(TrackingNumberError) as refused:
        check_tracking(Carrier.THAILAND_POST_EMS, "EX123456789TH")
    assert "check digit" in refused.value.message_en
    assert "ควรเป็น 5" in refused.value.message_th


@pytest.mark.parametrize(
    ("serial", "digit"),
    [
        ("47312482", 9),  # the UPU S10 standard's example item RR 47312482 9 GB (remainder 2)
        ("00000000", 5),  # remainder 0 -> 5
        ("10100000", 0),  # 8 + 4 = 12: remainder 1 -> 0
        ("00000001", 4),  # 7 -> 11 - 7
    ],
)
def test_check_digits(serial: str, digit: int) -> None:
    assert s10_check_digit(serial) == digit


@pytest.mark.parametrize("typed", ["ex 1234 5678 5 th", "EX-123456785-TH", " ex123456785th "])
def test_numbers_as_typed_are_normalized(typed: str) -> None:
    assert check_tracking(Carrier.THAILAND_POST_REGISTERED, typed) == "EX123456785TH"


@pytest.mark.parametrize(
    "text", ["", "EX12345678TH", "EX1234567855TH", "E1123456785TH", "EX123456785US", "123456785"]
)
def test_thailand_post_format_refused(text: str) -> None:
    with pytest.raises(TrackingNumberError):
        check_tracking(Carrier.THAILAND_POST_EMS, text)


def _remainder(serial: str) -> int:
    return sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11


@settings(max_examples=500, deadline=None)
@given(prefix=LETTERS, serial=SERIALS, position=st.integers(0, 8), delta=st.integers(1, 9))
def test_every_valid_number_with_one_digit_changed_is_refused(
    prefix: str, serial: str, position: int, delta: int
) -> None:
    """Every one-digit change is caught, but for the S10 rule's one blind spot: remainders
    0 and 6 both give check digit 5, so a change moving the sum between them passes."""
    number = _s10(prefix, serial)
    assert check_tracking(Carrier.THAILAND_POST_EMS, number) == number
    digits = number[2:11]
    changed = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    blind = position < 8 and {_remainder(serial), _remainder(changed[:8])} == {0, 6}
    if blind:
        assert check_tracking(Carrier.THAILAND_POST_EMS, f"{prefix}{changed}TH")
        return
    with pytest.raises(TrackingNumberError):
        check_tracking(Carrier.THAILAND_POST_EMS, f"{prefix}{changed}TH")


def test_the_s10_blind_spot_is_real() -> None:
    # 00000000 (remainder 0) and 01000000 (remainder 6) both take check digit 5
    assert check_tracking(Carrier.THAILAND_POST_EMS, "EX000000005TH")
    assert check_tracking(Carrier.THAILAND_POST_EMS, "EX010000005TH")


@settings(max_examples=300, deadline=None)
@given(prefix=LETTERS, serial=SERIALS, digit=st.integers(0, 9))
def test_a_wrong_check_digit_is_always_refused(prefix: str, serial: str, digit: int) -> None:
    number = f"{prefix}{serial}{digit}TH"
    if digit == s10_check_digit(serial):
        assert check_tracking(Carrier.THAILAND_POST_EMS, number) == number
    else:
        with pytest.raises(TrackingNumberError):
            check_tracking(Carrier.THAILAND_POST_EMS, number)


@settings(max_examples=200, deadline=None)
@given(serial=SERIALS)
def test_the_check_digit_is_one_digit(serial: str) -> None:
    assert 0 <= s10_check_digit(serial) <= 9


@pytest.mark.parametrize("bad", ["1234567", "123456789", "1234567a", "๑๒๓๔๕๖๗๘"])
def test_a_serial_is_eight_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="8 digits"):
        s10_check_digit(bad)


@pytest.mark.parametrize(
    ("carrier", "good", "bad"),
    [
        (Carrier.KERRY, "kerd 123456789", "123456789"),
        (Carrier.FLASH, "TH0123456789A", "TH01"),
        (Carrier.JT, "820012345678", "82001234"),
    ],
)
def test_other_carriers_format_only(carrier: Carrier, good: str, bad: str) -> None:
    assert check_tracking(carrier, good) == good.replace(" ", "").upper()
    with pytest.raises(TrackingNumberError) as refused:
        check_tracking(carrier, bad)
    assert carrier.label.en in refused.value.message_en
    assert carrier.label.th in refused.value.message_th


def test_pickup_has_no_number() -> None:
    assert check_tracking(Carrier.PICKUP, "  ") == ""
    with pytest.raises(TrackingNumberError):
        check_tracking(Carrier.PICKUP, "EX123456785TH")
    assert tracking_url(Carrier.PICKUP, "") == ""
    assert not Carrier.PICKUP.offers_cod


def test_tracking_links() -> None:
    url = tracking_url(Carrier.THAILAND_POST_EMS, "ex123456785th")
    assert url == "https://track.thailandpost.co.th/?trackNumber=EX123456785TH"
    for carrier in Carrier:
        if carrier.needs_tracking:
            assert tracking_url(carrier, "X1").startswith("https://")
            assert carrier.label.th
            assert carrier.label.en


def test_carriers_for_an_order() -> None:
    assert carriers_for(cod=False, delivery=False) == (Carrier.PICKUP,)
    assert Carrier.PICKUP not in carriers_for(cod=True)
    assert all(c.offers_cod for c in carriers_for(cod=True))
    assert Carrier.THAILAND_POST_EMS in carriers_for(cod=False)


def test_status_page_url() -> None:
    assert status_page_url("https://otop.example/", "W2612030007") == (
        "https://otop.example/order?no=W2612030007"
    )


def test_an_address_writes_its_area_the_thai_way() -> None:
    from pos.domain.orders import CustomerDetails, Fulfilment
    from pos.services.shipping import thai_area

    upcountry = CustomerDetails("ก", "0812345678", Fulfilment.DELIVERY, "1 ถ.มิตรภาพ", "ในเมือง",
                                "อ.เมืองขอนแก่น", "ขอนแก่น", "40000")  # fmt: skip
    assert thai_area(upcountry) == ("ต.ในเมือง", "อ.เมืองขอนแก่น", "จ.ขอนแก่น")
    bangkok = CustomerDetails("ก", "0812345678", Fulfilment.DELIVERY, "9 ถ.สีลม", "สุริยวงศ์",
                              "บางรัก", "กรุงเทพมหานคร", "10500")  # fmt: skip
    assert thai_area(bangkok) == ("แขวงสุริยวงศ์", "เขตบางรัก", "กรุงเทพมหานคร")
