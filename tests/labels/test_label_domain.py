"""Label templates, placement on sheets, the code a label carries, prices, story paths."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.domain.barcodes import is_valid_gtin, with_check_digit
from pos.domain.labels import (
    BUILTIN_TEMPLATES,
    LabelError,
    LabelProduct,
    LabelTemplate,
    Symbology,
    barcode_for,
    custom_template,
    format_label_price,
    make_label,
    parse_sku_copies,
    place_labels,
    template_by_name,
)
from pos.domain.stories import story_file


@pytest.mark.parametrize(
    ("name", "per_page", "size"),
    [
        ("a4-3x7", 21, (70, 42.3)),
        ("a4-3x8", 24, (70, 37)),
        ("a4-4x10", 40, (52.5, 29.7)),
        ("roll-50x30", 1, (50, 30)),
    ],
)
def test_builtin_templates_fit_their_page(name: str, per_page: int, size: tuple[float, float]):
    t = template_by_name(name)
    assert t.per_page == per_page
    assert (t.label_width, t.label_height) == size
    last_x, last_y = t.origin(t.per_page - 1)
    assert last_x + t.label_width <= t.page_width + 0.05
    assert last_y + t.label_height <= t.page_height + 0.05


def test_any_roll_size_by_name_and_unknown_names_are_refused():
    roll = template_by_name("roll-40x25")
    assert (roll.page_width, roll.page_height, roll.per_page) == (40, 25, 1)
    with pytest.raises(LabelError, match="a4-3x7"):
        template_by_name("a4-2x2")


def test_custom_template_shares_the_page_between_margins_and_gaps():
    # the common 21-up sheet of 63.5 x 38.1 mm labels, described by its margins and gaps
    t = custom_template(7, 3, margins=(15.15, 7.25, 15.15, 7.25), gaps=(2.5, 0))
    assert t.label_width == pytest.approx(63.5)
    assert t.label_height == pytest.approx(38.1)
    assert t.origin(0) == (7.25, 15.15)
    assert t.origin(4) == pytest.approx((7.25 + 63.5 + 2.5, 15.15 + 38.1))


def test_a_template_that_does_not_fit_its_page_is_refused_in_both_languages():
    with pytest.raises(LabelError) as caught:
        custom_template(8, 3, label_size=(70, 42.3))
    assert "8 rows need 338.4 mm" in caught.value.message_en
    assert "แถว" in caught.value.message_th
    with pytest.raises(LabelError):
        LabelTemplate("tiny", 210, 297, 1, 1, 10, 10)


def test_labels_fill_sheets_row_by_row_from_the_start_position():
    t = BUILTIN_TEMPLATES["a4-3x7"]
    placed = place_labels([2, 0, 20], t, start=5)
    assert len(placed) == 22
    assert [(p.page, p.slot, p.label) for p in placed[:3]] == [(0, 4, 0), (0, 5, 0), (0, 6, 2)]
    assert placed[-1].page == 1  # 4 + 22 = 26 positions: the last goes on the second sheet
    assert placed[-1].slot == 4
    assert place_labels([3], template_by_name("roll-50x30")) [-1].page == 2


@pytest.mark.parametrize("start", [0, 22])
def test_a_start_position_off_the_sheet_is_refused(start: int):
    with pytest.raises(LabelError):
        place_labels([1], BUILTIN_TEMPLATES["a4-3x7"], start=start)


def test_a_label_carries_the_gs1_code_before_an_in_store_one():
    gs1 = with_check_digit("885123456789")
    store = with_check_digit("200000000042")
    spec = barcode_for([store, gs1], "KK-1")
    assert (spec.symbology, spec.value) == (Symbology.EAN13, gs1)
    assert barcode_for([store], "KK-1").value == store


def test_upc_a_prints_as_ean13_and_ean8_stays_ean8():
    upc = with_check_digit("03600029145")  # 12 digits
    assert barcode_for([upc], "X").value == "0" + upc
    ean8 = with_check_digit("9638507")
    assert barcode_for([ean8], "X") .symbology is Symbology.EAN8


def test_without_a_valid_gtin_the_label_carries_the_sku_in_code128():
    bad = "8851234567890"  # wrong check digit: never printed as an EAN the till would refuse
    assert not is_valid_gtin(bad)
    spec = barcode_for([bad], "KK-SILK-001")
    assert (spec.symbology, spec.value) == (Symbology.CODE128, "KK-SILK-001")
    with pytest.raises(LabelError):
        barcode_for([], "ผ้าไหม")


def test_shelf_price_text_and_price_per_100_g():
    assert format_label_price(Decimal("1850.00")) == "฿1,850"
    assert format_label_price(Decimal("85.5")) == "฿85.50"
    product = LabelProduct(
        "id", "KK-RICE", "ข้าวหอมมะลิ", "Jasmine rice", Decimal("45.55"), sold_by="weight",
        unit_th="กก.", unit_en="kg",
    )  # fmt: skip
    label = make_label(product, "https://x/p/KK-RICE")
    assert label.per_100g == Decimal("4.56")  # 4.555 rounded half-up
    assert label.unit_line == ("ต่อ กก.", "per kg")
    assert make_label(LabelProduct("i", "S", "ก", "A", Decimal(1)), "u").per_100g is None


def test_sku_copies():
    assert parse_sku_copies("KK-SILK-001:3") == ("KK-SILK-001", 3)
    assert parse_sku_copies("KK-SILK-001", 2) == ("KK-SILK-001", 2)
    with pytest.raises(LabelError):
        parse_sku_copies("KK-SILK-001:x")


def test_story_pages_live_where_the_qr_code_points():
    assert story_file("https://shop.example/p/{sku}", "KK-1") == "p/KK-1/index.html"
    assert story_file("https://shop.example/stories/{sku}.html", "KK-1") == "stories/KK-1.html"
    assert story_file("https://shop.example/{sku}/", "KK-1") == "KK-1/index.html"
    with pytest.raises(LabelError):
        story_file("https://shop.example/p?sku={sku}", "KK-1")
    with pytest.raises(LabelError):
        story_file("https://shop.example/p/{sku}", "../etc")
