"""The tea menu's rules: options, prices, details, recipes and the cart line of a drink."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos.domain.tea import (
    MenuItem,
    OptionGroup,
    TeaError,
    TeaOption,
    check_item,
    detail,
    item_problems,
    line_ref,
    option_codes,
    parse_codes,
    parse_ref,
    price,
    resolve,
    uses,
    validate,
)

STOCK = {
    s: f"id-{s}"
    for s in (
        "TEA-LEAF",
        "TEA-MILK",
        "TEA-CUP-S",
        "TEA-CUP-M",
        "TEA-CUP-L",
        "TEA-PEARL",
        "TEA-JELLY",
    )
}


def _use(sku: str, qty: int) -> tuple[str, Decimal]:
    return (STOCK[sku], Decimal(qty))


SIZE = OptionGroup("size", "ขนาด", "Size", (
    TeaOption("S", "S", "S", Decimal(-10), (_use("TEA-CUP-S", 1), _use("TEA-MILK", 100))),
    TeaOption("M", "M", "M", Decimal(0), (_use("TEA-CUP-M", 1), _use("TEA-MILK", 150))),
    TeaOption("L", "L", "L", Decimal(10),
              (_use("TEA-CUP-L", 1), _use("TEA-LEAF", 1), _use("TEA-MILK", 200))),
), required=True, default="M")  # fmt: skip
SWEET = OptionGroup("sweet", "ความหวาน", "Sweetness", tuple(
    TeaOption(str(p), f"หวาน {p}%", f"{p}% sweet") for p in (0, 25, 50, 75, 100)
), required=True, default="50")  # fmt: skip
TEMP = OptionGroup("temp", "ร้อน/เย็น", "Hot or iced", (
    TeaOption("hot", "ร้อน", "hot"), TeaOption("iced", "เย็น", "iced", Decimal(5)),
), required=True, default="iced")  # fmt: skip
TOP = OptionGroup("top", "ท็อปปิ้ง", "Toppings", (
    TeaOption("pearl", "ไข่มุก", "pearls", Decimal(10), (_use("TEA-PEARL", 30),)),
    TeaOption("jelly", "เยลลี่หม่อน", "mulberry jelly", Decimal(10), (_use("TEA-JELLY", 30),)),
), multi=True)  # fmt: skip
MILK = MenuItem("p-milk", "MENU-MILKTEA", "ชานมใบหม่อน", "Mulberry milk tea", Decimal(45),
                (SIZE, SWEET, TEMP, TOP), (_use("TEA-LEAF", 3),))  # fmt: skip
CHOICE = {"size": ("L",), "sweet": ("50",), "temp": ("iced",), "top": ("pearl",)}


def test_a_menu_item_with_options_is_valid() -> None:
    assert item_problems(MILK) == []


def test_price_adds_each_chosen_option() -> None:
    # 45 + L 10 + iced 5 + pearls 10
    assert price(MILK, CHOICE) == Decimal("70.00")
    assert price(MILK, {**CHOICE, "top": ("pearl", "jelly")}) == Decimal("80.00")
    assert price(MILK, {"size": ("S",), "temp": ("hot",)}) == Decimal("35.00")


def test_defaults_fill_required_groups_left_out() -> None:
    picked = [(g.code, o.code) for g, o in resolve(MILK, {})]
    assert picked == [("size", "M"), ("sweet", "50"), ("temp", "iced")]
    assert price(MILK, {}) == Decimal("50.00")


def test_detail_in_both_languages() -> None:
    text = detail(MILK, CHOICE)
    assert text.th == "L · หวาน 50% · เย็น · ไข่มุก"
    assert text.en == "L · 50% sweet · iced · pearls"


def test_recipe_sums_the_item_and_its_options() -> None:
    need = dict(uses(MILK, CHOICE))
    assert need == {
        STOCK["TEA-LEAF"]: Decimal(4),  # 3 g, and 1 g more for L
        STOCK["TEA-CUP-L"]: Decimal(1),
        STOCK["TEA-MILK"]: Decimal(200),
        STOCK["TEA-PEARL"]: Decimal(30),
    }


@pytest.mark.parametrize(
    ("choice", "words"),
    [
        ({"size": ("S", "L")}, "choose only one"),
        ({"size": ("XL",)}, "has no option XL"),
        ({"ice": ("lots",)}, "no option group ice"),
        ({"top": ("pearl", "pearl")}, "chosen twice"),
        ({"size": ()}, "choose the Size"),
    ],
)
def test_choices_the_item_does_not_allow_are_refused(
    choice: dict[str, tuple[str, ...]], words: str
) -> None:
    with pytest.raises(TeaError) as err:
        validate(MILK, choice)
    assert words in err.value.message_en
    assert err.value.message_th != err.value.message_en


def test_an_inactive_item_does_not_sell() -> None:
    with pytest.raises(TeaError, match="not on the menu"):
        validate(replace(MILK, active=False), {})


def test_option_codes_and_ref_read_back() -> None:
    codes = option_codes(MILK, CHOICE)
    assert codes == "size=L,sweet=50,temp=iced,top=pearl"
    assert parse_codes(codes) == {k: v for k, v in CHOICE.items()}
    assert parse_ref(line_ref(MILK, CHOICE)) == (MILK.product_id, codes)
    assert parse_ref("delivery:KK-1") is None
    assert parse_ref(None) is None


def test_a_broken_item_is_refused_with_every_problem() -> None:
    bad = replace(
        MILK,
        name_en="",
        price=Decimal("-1"),
        groups=(
            OptionGroup(
                "size", "ขนาด", "Size", (TeaOption("S", "S", "S"), TeaOption("S", "S", "S"))
            ),
            OptionGroup("size", "x", "x", (), default="Z"),
        ),
        recipe=((STOCK["TEA-LEAF"], Decimal(0)),),
    )
    with pytest.raises(TeaError) as err:
        check_item(bad)
    text = err.value.message_en
    expected = (
        "English name", "below zero", "two options have the code S", "two option groups",
        "has no options", "default Z", "more than zero",
    )  # fmt: skip
    for words in expected:
        assert words in text
