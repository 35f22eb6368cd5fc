"""The cart: totals that always add up, VAT per receipt, discounts, merging, quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.cart import Cart, Discount, DiscountKind, ProductInfo, SoldBy, spread
from pos.domain.errors import CartError
from pos.domain.money import vat_included

SILK = ProductInfo("p-silk", "SILK-001", "ผ้าไหมมัดหมี่", "Mudmee silk", Decimal("1290.00"))
TEA = ProductInfo("p-tea", "TEA-001", "ชาใบหม่อน", "Mulberry-leaf tea", Decimal("89.00"))
RICE = ProductInfo(
    "p-rice",
    "RICE-001",
    "ข้าวหอมมะลิ",
    "Jasmine rice",
    Decimal("45.00"),
    vat_exempt=True,
    sold_by=SoldBy.WEIGHT,
    unit_th="กก.",
    unit_en="kg",
)
SAUSAGE = ProductInfo(
    "p-sai-krok",
    "SAUS-001",
    "ไส้กรอกอีสาน",
    "Isan sausage",
    Decimal("199.00"),
    sold_by=SoldBy.WEIGHT,
    unit_th="กก.",
    unit_en="kg",
)


def _discount(kind: DiscountKind, value: str, reason: str = "ลูกค้าประจำ") -> Discount:
    return Discount(kind, Decimal(value), reason)


# --- property: the receipt always adds up ------------------------------------------------------

money = st.integers(0, 5_000_00).map(lambda s: Decimal(s).scaleb(-2))


@st.composite
def line_specs(draw: st.DrawFn) -> dict[str, object]:
    by_weight = draw(st.booleans())
    qty = (
        Decimal(draw(st.integers(1, 20_000))).scaleb(-3)
        if by_weight
        else Decimal(draw(st.integers(1, 50)))
    )
    discount = draw(
        st.one_of(
            st.none(),
            money.map(lambda v: Discount(DiscountKind.AMOUNT, v, "ชำรุด")),
            st.integers(0, 100_00).map(
                lambda p: Discount(DiscountKind.PERCENT, Decimal(p).scaleb(-2), "โปรโมชัน")
            ),
        )
    )
    return {
        "price": draw(money),
        "qty": qty,
        "exempt": draw(st.booleans()),
        "by_weight": by_weight,
        "discount": discount,
    }


sale_discounts = st.one_of(
    st.none(),
    st.integers(0, 20_000_00).map(
        lambda s: Discount(DiscountKind.AMOUNT, Decimal(s).scaleb(-2), "ส่วนลดท้ายบิล")
    ),
    st.integers(0, 100_00).map(
        lambda p: Discount(DiscountKind.PERCENT, Decimal(p).scaleb(-2), "สมาชิก")
    ),
)


def _build(specs: list[dict[str, object]], sale_discount: Discount | None) -> Cart:
    cart = Cart()
    for i, spec in enumerate(specs):
        product = ProductInfo(
            f"p{i}",
            f"SKU{i}",
            f"สินค้า {i}",
            f"Item {i}",
            spec["price"],  # type: ignore[arg-type]
            vat_exempt=bool(spec["exempt"]),
            sold_by=SoldBy.WEIGHT if spec["by_weight"] else SoldBy.UNIT,
        )
        line = cart.add(product, spec["qty"])  # type: ignore[arg-type]
        cart.set_line_discount(line.line_id, spec["discount"])  # type: ignore[arg-type]
    cart.set_sale_discount(sale_discount)
    return cart


@settings(max_examples=250)
@given(specs=st.lists(line_specs(), min_size=1, max_size=12), sale_discount=sale_discounts)
def test_totals_always_add_up(
    specs: list[dict[str, object]], sale_discount: Discount | None
) -> None:
    cart = _build(specs, sale_discount)
    totals = cart.totals()
    lines = totals.lines
    cent = Decimal("0.01")

    assert len(lines) == len(specs)
    assert totals.total == sum((a.total for a in lines), Decimal(0))
    assert totals.vatable + totals.exempt == totals.total
    assert totals.vat == vat_included(totals.vatable)
    assert sum((a.vat for a in lines), Decimal(0)) == totals.vat
    assert sum((a.sale_discount for a in lines), Decimal(0)) == totals.sale_discount
    assert totals.subtotal == sum((a.gross - a.line_discount for a in lines), Decimal(0))
    assert totals.total == totals.subtotal - totals.sale_discount
    assert totals.total >= 0
    for a in lines:
        assert a.total >= 0
        assert a.vat >= 0
        assert a.total == a.gross - a.line_discount - a.sale_discount
        for value in (a.total, a.vat, a.sale_discount, a.line_discount):
            assert value == value.quantize(cent)  # whole satang on every printed figure
        if a.line.product.vat_exempt:
            assert a.vat == 0
    exempt_total = sum((a.total for a in lines if a.line.product.vat_exempt), Decimal(0))
    assert totals.exempt == exempt_total


@settings(max_examples=200)
@given(
    amount=st.integers(0, 1_000_000).map(lambda s: Decimal(s).scaleb(-2)),
    weights=st.lists(st.integers(0, 100_000).map(lambda s: Decimal(s).scaleb(-2)), min_size=1),
)
def test_spread_sums_exactly_and_stays_close_to_proportional(
    amount: Decimal, weights: list[Decimal]
) -> None:
    shares = spread(amount, weights)
    assert sum(shares, Decimal(0)) == amount
    total_weight = sum(weights, Decimal(0))
    if total_weight > 0:
        for share, weight in zip(shares, weights, strict=True):
            assert abs(share - amount * weight / total_weight) < Decimal("0.01")


# --- worked examples a cashier would check by hand ---------------------------------------------


def test_receipt_with_vat_exempt_goods_and_a_sale_discount() -> None:
    cart = Cart()
    cart.add(TEA, Decimal(2))  # 178.00, VAT-able
    cart.add(RICE, Decimal("2.000"))  # 90.00, exempt farm goods
    cart.set_sale_discount(_discount(DiscountKind.AMOUNT, "10.00"))

    totals = cart.totals()

    assert totals.subtotal == Decimal("268.00")
    assert totals.total == Decimal("258.00")
    tea, rice = totals.lines
    assert (tea.sale_discount, rice.sale_discount) == (Decimal("6.64"), Decimal("3.36"))
    assert totals.vatable == Decimal("171.36")
    assert totals.exempt == Decimal("86.64")
    assert totals.vat == Decimal("11.21")  # 171.36 x 7/107 = 11.2104...
    assert (tea.vat, rice.vat) == (Decimal("11.21"), Decimal("0.00"))
    assert totals.net_of_vat == Decimal("160.15")


def test_vat_is_taken_once_per_receipt_not_per_line() -> None:
    cart = Cart()
    one_baht = ProductInfo("p-candy", "C1", "ลูกอม", "Candy", Decimal("1.00"))
    for i in range(10):
        cart.add(ProductInfo(f"p-candy{i}", f"C{i}", "ลูกอม", "Candy", Decimal("1.00")))
    cart.add(one_baht)
    totals = cart.totals()
    # per line 0.0654 -> 0.07 each would make 0.77; per receipt 11 x 7/107 = 0.7196 -> 0.72
    assert totals.vat == Decimal("0.72")
    assert sum((a.vat for a in totals.lines), Decimal(0)) == Decimal("0.72")


def test_percent_sale_discount_rounds_half_up() -> None:
    cart = Cart()
    cart.add(ProductInfo("p1", "X", "ของ", "Thing", Decimal("0.25")))
    cart.set_sale_discount(_discount(DiscountKind.PERCENT, "10"))  # 0.025 -> 0.03
    assert cart.totals().sale_discount == Decimal("0.03")


def test_amount_discount_larger_than_the_line_makes_it_free_not_negative() -> None:
    cart = Cart()
    line = cart.add(TEA)
    cart.set_line_discount(line.line_id, _discount(DiscountKind.AMOUNT, "500"))
    cart.set_sale_discount(_discount(DiscountKind.AMOUNT, "50"))
    totals = cart.totals()
    assert totals.lines[0].line_discount == Decimal("89.00")
    assert totals.total == Decimal("0.00")
    assert totals.vat == Decimal("0.00")


def test_empty_cart_totals_are_zero() -> None:
    totals = Cart().totals()
    assert (totals.total, totals.vat, totals.item_count) == (0, 0, 0)
    assert totals.lines == ()


# --- scanning, merging, quantities --------------------------------------------------------------


def test_same_product_scanned_twice_is_one_line() -> None:
    cart = Cart()
    first = cart.add(SILK)
    second = cart.add(SILK, Decimal(2))
    assert first is second
    assert len(cart) == 1
    assert cart.lines[0].quantity == Decimal(3)
    assert cart.totals().total == Decimal("3870.00")


def test_same_product_at_an_overridden_price_is_a_separate_line() -> None:
    cart = Cart()
    cart.add(SILK)
    cart.add(SILK, unit_price=Decimal("990"))
    assert [line.unit_price for line in cart] == [Decimal("1290.00"), Decimal("990.00")]


def test_a_discounted_line_is_not_merged_into() -> None:
    cart = Cart()
    line = cart.add(TEA)
    cart.set_line_discount(line.line_id, _discount(DiscountKind.PERCENT, "50"))
    cart.add(TEA)
    assert len(cart) == 2
    assert cart.totals().total == Decimal("133.50")


def test_each_weighed_item_is_its_own_line() -> None:
    cart = Cart()
    cart.add(SAUSAGE, Decimal("0.350"))
    cart.add(SAUSAGE, Decimal("0.412"))
    assert [line.quantity for line in cart] == [Decimal("0.350"), Decimal("0.412")]


def test_weight_keeps_three_decimals_and_price_rounds_half_up() -> None:
    cart = Cart()
    line = cart.add(SAUSAGE, Decimal("0.375"))
    assert line.quantity == Decimal("0.375")
    assert str(line.quantity) == "0.375"
    assert line.gross == Decimal("74.63")  # 199 x 0.375 = 74.625
    assert str(cart.add(SAUSAGE, Decimal("1.5")).quantity) == "1.500"


def test_a_weight_that_rounds_to_nothing_is_refused() -> None:
    cart = Cart()
    with pytest.raises(CartError):
        cart.add(SAUSAGE, Decimal("0.0004"))
    assert cart.is_empty


@pytest.mark.parametrize("qty", ["1.5", "0.5", "2.001"])
def test_unit_products_refuse_fractions(qty: str) -> None:
    cart = Cart()
    with pytest.raises(CartError) as info:
        cart.add(SILK, Decimal(qty))
    assert "ขายเป็นชิ้น" in info.value.message("th")
    assert cart.is_empty


def test_unit_product_quantity_change_refuses_fractions() -> None:
    cart = Cart()
    line = cart.add(SILK)
    with pytest.raises(CartError):
        cart.set_quantity(line.line_id, Decimal("2.5"))
    assert line.quantity == Decimal(1)
    cart.set_quantity(line.line_id, Decimal(4))
    assert cart.totals().total == Decimal("5160.00")


@pytest.mark.parametrize("qty", ["0", "-1"])
def test_quantity_must_be_positive(qty: str) -> None:
    with pytest.raises(CartError):
        Cart().add(TEA, Decimal(qty))


def test_quantity_limit_applies_to_the_merged_line() -> None:
    cart = Cart(max_quantity=10)
    cart.add(TEA, Decimal(8))
    with pytest.raises(CartError):
        cart.add(TEA, Decimal(3))
    assert cart.lines[0].quantity == Decimal(8)


def test_negative_price_override_is_refused() -> None:
    with pytest.raises(CartError):
        Cart().add(TEA, unit_price=Decimal("-1"))


def test_remove_and_clear() -> None:
    cart = Cart()
    tea = cart.add(TEA)
    cart.add(SILK)
    cart.set_sale_discount(_discount(DiscountKind.PERCENT, "5"))
    cart.remove(tea.line_id)
    assert [line.product.sku for line in cart] == ["SILK-001"]
    with pytest.raises(CartError):
        cart.remove(tea.line_id)
    cart.clear()
    assert cart.is_empty
    assert cart.sale_discount is None


# --- discounts ----------------------------------------------------------------------------------


def test_negative_discount_is_refused() -> None:
    with pytest.raises(CartError) as info:
        _discount(DiscountKind.AMOUNT, "-5")
    assert "ติดลบ" in info.value.message("th")


def test_discount_over_100_percent_is_refused() -> None:
    with pytest.raises(CartError) as info:
        _discount(DiscountKind.PERCENT, "100.01")
    assert "100%" in info.value.message("en")
    assert _discount(DiscountKind.PERCENT, "100").amount_off(Decimal("89.00")) == Decimal("89.00")


@pytest.mark.parametrize("reason", ["", "   "])
def test_discount_needs_a_reason(reason: str) -> None:
    with pytest.raises(CartError) as info:
        _discount(DiscountKind.AMOUNT, "10", reason)
    assert "reason" in info.value.message("en")
    assert "เหตุผล" in info.value.message("th")


def test_a_typed_unit_price_replaces_the_lines_price_and_is_checked() -> None:
    from pos.domain.cart import CartGroup
    from pos.domain.sale_rules import price_overrides
    from pos.domain.settings import Settings

    cart = Cart()
    tea = cart.add(TEA, Decimal(2))
    assert cart.set_unit_price(tea.line_id, Decimal("75.004")).unit_price == Decimal("75.00")
    assert cart.totals().total == Decimal("150.00")
    assert price_overrides(cart, Settings().vm_layout) == ["TEA-001"]
    for bad in (Decimal(0), Decimal("-1")):
        with pytest.raises(CartError, match="more than zero"):
            cart.set_unit_price(tea.line_id, bad)
    label = cart.add(SAUSAGE, Decimal("0.5"), fixed_gross=Decimal("99.50"), merge=False)
    with pytest.raises(CartError, match="scale label"):
        cart.set_unit_price(label.line_id, Decimal(100))
    [item] = cart.add_group(
        CartGroup("g1", "กระเช้า", "Basket", price=Decimal(500)), [(SILK, Decimal(1), Decimal(500))]
    )
    with pytest.raises(CartError, match="gift basket"):
        cart.set_unit_price(item.line_id, Decimal(100))
    assert cart.totals().total == Decimal("749.50"), "a refused price changes nothing"
