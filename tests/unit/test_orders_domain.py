"""The orders' rules: status moves, the customer's phone, postcode and address, quantities."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.bilingual import Bilingual
from pos.domain.districts import PROVINCES, find_province
from pos.domain.orders import (
    POSTCODE_PREFIXES,
    TRANSITIONS,
    Fulfilment,
    OrderFormError,
    OrderLineRequest,
    OrderStatus,
    OutOfStockOnline,
    PaymentMethod,
    can_move,
    check_payment,
    checked_address,
    checked_name,
    customer_details,
    initial_status,
    merged_lines,
    order_number,
    order_quantity,
    thai_mobile,
    thai_postcode,
)

S = OrderStatus


def test_promptpay_waits_for_payment_cod_and_pickup_start_new() -> None:
    assert initial_status(PaymentMethod.PROMPTPAY) is S.AWAITING_PAYMENT
    assert initial_status(PaymentMethod.COD) is S.NEW
    assert initial_status(PaymentMethod.AT_PICKUP) is S.NEW


@pytest.mark.parametrize(
    ("src", "dst", "ok"),
    [
        (S.AWAITING_PAYMENT, S.PAID, True),
        (S.AWAITING_PAYMENT, S.PICKING, False),  # a PromptPay order is paid before picking
        (S.NEW, S.PICKING, True),  # COD / pick-up orders are picked before payment
        (S.NEW, S.PAID, False),
        (S.PICKING, S.PACKED, True),
        (S.PACKED, S.SHIPPED, True),
        (S.PACKED, S.DELIVERED, True),  # handed over at the centre
        (S.SHIPPED, S.DELIVERED, True),
        (S.SHIPPED, S.CANCELLED, False),
        (S.DELIVERED, S.CANCELLED, False),
        (S.CANCELLED, S.NEW, False),
    ],
)
def test_moves(src: OrderStatus, dst: OrderStatus, ok: bool) -> None:
    assert can_move(src, dst) is ok


def test_every_status_has_a_label_and_ends_are_final() -> None:
    for status in S:
        assert status.label.th
        assert status.label.en
        assert status in TRANSITIONS
    assert not TRANSITIONS[S.DELIVERED]
    assert not TRANSITIONS[S.CANCELLED]
    assert all(not can_move(s, s) for s in S)


@pytest.mark.parametrize(
    "typed", ["0812345678", "081-234-5678", "081 234 5678", "+66 81 234 5678", "+66812345678",
              "66812345678", " (081) 234-5678 "],
)  # fmt: skip
def test_mobile_forms_are_normalized(typed: str) -> None:
    assert thai_mobile(typed) == "0812345678"


@pytest.mark.parametrize(
    "typed", ["", "021234567", "0212345678", "081234567", "08123456789", "abc", "0712345678",
              "+1 812 345 6789", "08l2345678", "<script>"],
)  # fmt: skip
def test_bad_mobiles_are_refused(typed: str) -> None:
    with pytest.raises(OrderFormError) as refused:
        thai_mobile(typed)
    assert refused.value.field == "phone"
    assert "เบอร์มือถือ" in refused.value.message_th


@settings(max_examples=200)
@given(st.sampled_from("689"), st.text("0123456789", min_size=8, max_size=8))
def test_any_mobile_prefix_with_eight_digits_passes(second: str, rest: str) -> None:
    number = f"0{second}{rest}"
    assert thai_mobile(f"{number[:3]}-{number[3:6]}-{number[6:]}") == number
    assert thai_mobile("+66" + number[1:]) == number


def test_seventy_seven_provinces_each_with_postcode_prefixes() -> None:
    assert len(PROVINCES) == 77
    assert {p.en for p in PROVINCES} == set(POSTCODE_PREFIXES)
    codes = [p for prefixes in POSTCODE_PREFIXES.values() for p in prefixes]
    assert all(len(c) == 2 for c in codes)
    assert all("10" <= c <= "96" for c in codes)
    assert len(set(codes)) == 76  # Bangkok and Samut Prakan share 10


@pytest.mark.parametrize(
    ("code", "province"),
    [("40000", "ขอนแก่น"), ("10110", "Bangkok"), ("10270", "Samut Prakan"),
     ("50200", "เชียงใหม่"), ("96000", "Narathiwat"), ("38000", "Bueng Kan")],
)  # fmt: skip
def test_postcodes_of_their_province(code: str, province: str) -> None:
    assert thai_postcode(code, find_province(province)) == code


@pytest.mark.parametrize(
    ("code", "province"),
    [("4000", None), ("400000", None), ("09000", None), ("97000", None), ("19000", None),
     ("abcde", None), ("50200", "ขอนแก่น"), ("40000", "Bangkok")],
)  # fmt: skip
def test_bad_postcodes(code: str, province: str | None) -> None:
    with pytest.raises(OrderFormError) as refused:
        thai_postcode(code, find_province(province) if province else None)
    assert refused.value.field == "postcode"


@settings(max_examples=300)
@given(st.integers(0, 99999))
def test_a_postcode_passes_exactly_when_its_prefix_is_a_province(n: int) -> None:
    code = f"{n:05d}"
    known = any(code[:2] in p for p in POSTCODE_PREFIXES.values())
    if known:
        assert thai_postcode(code, None) == code
    else:
        with pytest.raises(OrderFormError):
            thai_postcode(code, None)


@pytest.mark.parametrize("typed", ["1", "2", "99", " 7 ", 5])
def test_quantities(typed: str | int) -> None:
    assert 1 <= order_quantity(typed) <= 99


@pytest.mark.parametrize("typed", ["0", "-1", "100", "1000000", "1.5", "abc", "", "1e2", "٣"])
def test_bad_quantities(typed: str) -> None:
    with pytest.raises(OrderFormError) as refused:
        order_quantity(typed)
    assert refused.value.field == "quantity"


def test_names_and_addresses() -> None:
    assert checked_name("  สมชาย   ใจดี ") == "สมชาย ใจดี"
    assert checked_address("99/1  ถนนมิตรภาพ") == "99/1 ถนนมิตรภาพ"
    for bad in ("", "x", "a" * 101, "<script>alert(1)</script>"):
        with pytest.raises(OrderFormError):
            checked_name(bad)
    with pytest.raises(OrderFormError):
        checked_address("a" * 201)


def test_customer_details_for_delivery_and_pickup() -> None:
    home = customer_details(
        name="สมชาย ใจดี", phone="081 234 5678", fulfilment="delivery",
        address_line="99/1 ถนนมิตรภาพ", subdistrict="ในเมือง", district="เมืองขอนแก่น",
        province="Khon Kaen", postcode="40000",
    )  # fmt: skip
    assert home.phone == "0812345678"
    assert home.province == "ขอนแก่น"
    assert home.address.endswith("ขอนแก่น 40000")
    shop = customer_details(name="Jane Doe", phone="0899990000", fulfilment="pickup")
    assert shop.fulfilment is Fulfilment.PICKUP
    assert shop.address == ""
    with pytest.raises(OrderFormError) as refused:
        customer_details(name="Jane Doe", phone="0899990000", fulfilment="delivery",
                         address_line="99/1 Road", subdistrict="a", district="b",
                         province="Atlantis", postcode="40000")  # fmt: skip
    assert refused.value.field == "province"
    with pytest.raises(OrderFormError) as refused:
        customer_details(name="Jane Doe", phone="0899990000", fulfilment="teleport")
    assert refused.value.field == "fulfilment"
    with pytest.raises(OrderFormError) as refused:
        customer_details(name="Jane Doe", phone="0899990000", fulfilment="pickup", email="x@")
    assert refused.value.field == "email"


def test_payment_fits_the_fulfilment() -> None:
    check_payment(PaymentMethod.COD, Fulfilment.DELIVERY)
    check_payment(PaymentMethod.AT_PICKUP, Fulfilment.PICKUP)
    check_payment(PaymentMethod.PROMPTPAY, Fulfilment.PICKUP)
    with pytest.raises(OrderFormError):
        check_payment(PaymentMethod.COD, Fulfilment.PICKUP)
    with pytest.raises(OrderFormError):
        check_payment(PaymentMethod.AT_PICKUP, Fulfilment.DELIVERY)


def test_line_requests() -> None:
    lines = [OrderLineRequest("product", "TEA-001", 2), OrderLineRequest("basket", "BK-NY", 1),
             OrderLineRequest("product", "TEA-001", 3)]  # fmt: skip
    assert merged_lines(lines) == [OrderLineRequest("product", "TEA-001", 5),
                                   OrderLineRequest("basket", "BK-NY", 1)]  # fmt: skip
    with pytest.raises(OrderFormError):
        merged_lines([OrderLineRequest("product", "TEA-001", 60)] * 2)
    for kind, ref, qty in (("product", "TEA 001", 1), ("product", "<b>", 1), ("box", "A", 1),
                           ("product", "A", 0), ("product", "A", 100)):  # fmt: skip
        with pytest.raises(OrderFormError):
            OrderLineRequest(kind, ref, qty)  # type: ignore[arg-type]


def test_order_numbers_and_the_shortage_message() -> None:
    assert order_number(date(2026, 12, 3), 7) == "W2612030007"
    short = OutOfStockOnline(
        {"SILK-001": 2, "TEA-001": 0}, {"SILK-001": Bilingual("ผ้าไหม", "Silk")}
    )
    assert "Silk: only 2 left" in short.message_en
    assert "TEA-001: sold out" in short.message_en
    assert "ผ้าไหม: เหลือเพียง 2 ชิ้น" in short.message_th
