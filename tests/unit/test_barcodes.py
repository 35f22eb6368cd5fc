"""Scanning: GS1 check digits, UPC-A/EAN-8, scale labels, in-store codes, '3*code'."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.barcodes import (
    GtinScan,
    MeasureKind,
    TextScan,
    VariableMeasureLayout,
    VariableMeasureScan,
    gs1_check_digit,
    in_store_code,
    is_valid_gtin,
    make_variable_measure,
    normalize_gtin,
    parse_scan,
    split_quantity,
    with_check_digit,
)
from pos.domain.errors import InvalidBarcode
from tests.helpers.gs1 import reference_check_digit, reference_is_valid

digits = st.text(alphabet="0123456789", min_size=12, max_size=12)
LAYOUT = VariableMeasureLayout()


# --- check digits ---------------------------------------------------------------------------


@settings(max_examples=300)
@given(data=digits)
def test_twelve_digits_plus_their_check_digit_make_a_valid_ean13(data: str) -> None:
    code = with_check_digit(data)
    assert len(code) == 13
    assert is_valid_gtin(code)
    assert gs1_check_digit(data) == reference_check_digit(data)


@settings(max_examples=300)
@given(data=digits, position=st.integers(0, 12), delta=st.integers(1, 9))
def test_any_single_wrong_digit_is_caught(data: str, position: int, delta: int) -> None:
    code = with_check_digit(data)
    wrong = code[:position] + str((int(code[position]) + delta) % 10) + code[position + 1 :]
    assert not is_valid_gtin(wrong)
    with pytest.raises(InvalidBarcode):
        parse_scan(wrong)


@settings(max_examples=300)
@given(code=st.text(alphabet="0123456789", min_size=8, max_size=13))
def test_validity_agrees_with_an_independent_reference(code: str) -> None:
    assert is_valid_gtin(code) == reference_is_valid(code)


@pytest.mark.parametrize(
    "code",
    [
        "4006381333931",  # EAN-13 printed in GS1's and Wikipedia's examples
        "8852052100014",  # 885 = GS1 Thailand
        "8851234567898",
        "96385074",  # EAN-8
        "036000291452",  # UPC-A
    ],
)
def test_real_codes_are_accepted(code: str) -> None:
    assert reference_is_valid(code)
    assert is_valid_gtin(code)
    assert isinstance(parse_scan(code), GtinScan)


@pytest.mark.parametrize("code", ["4006381333932", "8851234567893", "96385075", "036000291453"])
def test_codes_with_a_wrong_check_digit_are_refused(code: str) -> None:
    assert not is_valid_gtin(code)


def test_upc_a_is_read_as_the_same_product_as_its_ean13() -> None:
    assert normalize_gtin("036000291452") == "0036000291452"
    assert parse_scan("036000291452") == GtinScan("0036000291452")
    assert parse_scan("0036000291452") == GtinScan("0036000291452")


def test_ean8_stays_eight_digits() -> None:
    assert normalize_gtin("96385074") == "96385074"
    assert parse_scan("96385074") == GtinScan("96385074")


def test_wrong_check_digit_message_in_thai_and_english() -> None:
    with pytest.raises(InvalidBarcode) as info:
        parse_scan("8851234567893")
    err = info.value
    assert "8851234567893" in err.message("en")
    assert "check digit" in err.message("en")
    assert "8851234567893" in err.message("th")
    assert "ไม่ถูกต้อง" in err.message("th")
    assert "สแกนใหม่" in err.message("th")


def test_empty_and_overlong_codes_are_refused() -> None:
    with pytest.raises(InvalidBarcode):
        parse_scan("   ")
    with pytest.raises(InvalidBarcode):
        parse_scan("88512345678901")


def test_other_text_is_looked_up_as_an_sku() -> None:
    assert parse_scan(" SILK-001 ") == TextScan("SILK-001")
    assert parse_scan("12345") == TextScan("12345")  # a typed PLU, not a GTIN


def test_thai_digits_are_not_taken_for_a_barcode() -> None:
    assert not is_valid_gtin("๔๐๐๖๓๘๑๓๓๓๙๓๑")


# --- variable-measure (scale) labels ----------------------------------------------------------


@st.composite
def scale_labels(draw: st.DrawFn) -> tuple[VariableMeasureLayout, str, MeasureKind, Decimal]:
    item_digits = draw(st.integers(3, 6))
    decimals = draw(st.integers(0, 2))
    layout = VariableMeasureLayout(
        prefixes=(("26", MeasureKind.PRICE), ("27", MeasureKind.WEIGHT)),
        item_digits=item_digits,
        price_decimals=decimals,
    )
    item = str(draw(st.integers(0, 10**item_digits - 1)))
    kind = draw(st.sampled_from(MeasureKind))
    number = draw(st.integers(0, 10**layout.value_digits - 1))
    value = Decimal(number).scaleb(-decimals if kind is MeasureKind.PRICE else -3)
    return layout, item, kind, value


@settings(max_examples=300)
@given(label=scale_labels())
def test_scale_label_round_trip(
    label: tuple[VariableMeasureLayout, str, MeasureKind, Decimal],
) -> None:
    layout, item, kind, value = label
    code = make_variable_measure(item, kind, value, layout)
    assert len(code) == 13
    assert is_valid_gtin(code)

    scan = parse_scan(code, layout)

    assert isinstance(scan, VariableMeasureScan)
    assert scan.code == code
    assert scan.kind is kind
    assert scan.item_code == item.zfill(layout.item_digits)
    if kind is MeasureKind.PRICE:
        assert scan.price == value
        assert scan.weight_kg is None
    else:
        assert scan.weight_kg == value
        assert scan.price is None


def test_default_layout_price_label() -> None:
    # 23 IIIII PPPPP C : item 00042 at 125.50 baht
    code = make_variable_measure("42", MeasureKind.PRICE, Decimal("125.50"), LAYOUT)
    assert code[:12] == "230004212550"
    scan = parse_scan(code, LAYOUT)
    assert scan == VariableMeasureScan(code, "00042", MeasureKind.PRICE, price=Decimal("125.50"))


def test_default_layout_weight_label() -> None:
    # 21 IIIII WWWWW C : item 00007, 1.234 kg
    code = make_variable_measure("7", MeasureKind.WEIGHT, Decimal("1.234"), LAYOUT)
    assert code[:12] == "210000701234"
    scan = parse_scan(code, LAYOUT)
    assert isinstance(scan, VariableMeasureScan)
    assert scan.weight_kg == Decimal("1.234")


def test_scale_label_with_a_bad_check_digit_is_refused() -> None:
    code = make_variable_measure("42", MeasureKind.PRICE, Decimal("125.50"), LAYOUT)
    bad = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(InvalidBarcode):
        parse_scan(bad, LAYOUT)


def test_value_too_big_for_the_label_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        make_variable_measure("42", MeasureKind.PRICE, Decimal("1000.00"), LAYOUT)


def test_prefix_outside_restricted_range_is_refused() -> None:
    with pytest.raises(ValueError, match="20-29"):
        VariableMeasureLayout(prefixes=(("30", MeasureKind.PRICE),))


def test_without_a_layout_a_scale_code_is_just_a_gtin() -> None:
    code = make_variable_measure("42", MeasureKind.PRICE, Decimal("125.50"), LAYOUT)
    assert parse_scan(code) == GtinScan(code)


# --- in-store codes -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["20", "2099", "29"])
def test_in_store_codes_are_valid_and_unique(prefix: str) -> None:
    codes = [in_store_code(prefix, n) for n in range(5000)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == 13
        assert code.startswith(prefix)
        assert reference_is_valid(code)
        # never mistaken for a scale label of the default layout (prefixes 21 and 23)
        assert parse_scan(code, LAYOUT) == GtinScan(code)


@settings(max_examples=200)
@given(a=st.integers(0, 10**10 - 1), b=st.integers(0, 10**10 - 1))
def test_different_numbers_never_share_an_in_store_code(a: int, b: int) -> None:
    assert (in_store_code("20", a) == in_store_code("20", b)) == (a == b)


def test_in_store_code_space_and_prefix_are_checked() -> None:
    with pytest.raises(ValueError, match="20-29"):
        in_store_code("88", 1)
    with pytest.raises(ValueError, match="full"):
        in_store_code("2099999999", 100)
    with pytest.raises(ValueError, match="full"):
        in_store_code("20", -1)


# --- quantity typed before the code ------------------------------------------------------------


def test_quantity_before_the_code() -> None:
    result = split_quantity("3*8851234567898")
    assert (result.quantity, result.code) == (3, "8851234567898")
    spaced = split_quantity(" 12 * 8851234567898 ")
    assert (spaced.quantity, spaced.code) == (12, "8851234567898")


def test_plain_code_has_quantity_one() -> None:
    result = split_quantity("8851234567898")
    assert (result.quantity, result.code) == (1, "8851234567898")


@pytest.mark.parametrize("text", ["0*8851234567898", "a*8851234567898", "-2*x", "1.5*x", "*x"])
def test_bad_quantities_are_refused(text: str) -> None:
    with pytest.raises(InvalidBarcode) as info:
        split_quantity(text)
    assert "whole number" in info.value.message("en")
    assert "จำนวนเต็ม" in info.value.message("th")


def test_quantity_above_the_maximum_is_refused() -> None:
    assert split_quantity("9999*x").quantity == 9999
    with pytest.raises(InvalidBarcode):
        split_quantity("10000*x")
    with pytest.raises(InvalidBarcode):
        split_quantity("6*x", max_quantity=5)
