"""Basket rules without a database: prices, availability, sharing the price over the items."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.domain.basket import (
    BasketItem,
    BasketTemplate,
    CustomBasket,
    PriceRule,
    add_custom,
    add_template,
    basket_price,
    can_make,
    cart_needs,
)
from pos.domain.cart import Cart, ProductInfo
from pos.domain.errors import CartError

D = Decimal
TEA = ProductInfo("tea", "KK-TEA-001", "ชา", "Tea", D("120.00"))
SAUSAGE = ProductInfo("saus", "KK-SAUS-001", "ไส้กรอก", "Sausage", D("85.00"))
RICE = ProductInfo("rice", "KK-RICE-001", "ข้าว", "Rice", D("60.00"), vat_exempt=True)
BASKET = ProductInfo("pk1", "KK-PK-0001", "กระเช้า", "Bamboo basket", D("60.00"))
WRAP = ProductInfo("pk4", "KK-PK-0004", "ห่อ", "Wrap", D("25.00"))


def tmpl(rule: PriceRule, **kw: object) -> BasketTemplate:
    return BasketTemplate(
        "t1", "GIFT", "กระเช้า", "Basket", rule,
        (BasketItem(TEA, D(1)), BasketItem(SAUSAGE, D(2)), BasketItem(RICE, D(1))),
        container=BasketItem(BASKET, D(1)), wrapping=BasketItem(WRAP, D(1)), **kw,  # type: ignore[arg-type]
    )


def test_the_three_price_rules() -> None:
    items_total = D("120") + 2 * D("85") + D("60") + D("60") + D("25")  # 435.00
    assert tmpl(PriceRule.FIXED, price=D("399")).unit_price() == D("399.00")
    assert tmpl(PriceRule.SUM_PLUS_FEE, fee=D("50")).unit_price() == items_total + 50
    assert tmpl(PriceRule.SUM_LESS_PCT, discount_pct=D("10")).unit_price() == D("391.50")
    with pytest.raises(CartError):
        basket_price(PriceRule.FIXED, [BasketItem(TEA, D(1))])


def test_availability_counts_shared_components_against_one_stock() -> None:
    a = tmpl(PriceRule.FIXED, price=D("399"))
    b = BasketTemplate("t2", "TEA2", "ชาคู่", "Tea pair", PriceRule.FIXED,
                       (BasketItem(TEA, D(2)),), container=BasketItem(BASKET, D(1)), price=D(250))
    stock = {"tea": D(7), "saus": D(9), "rice": D(20), "pk1": D(5), "pk4": D(8)}
    assert can_make(a.needs(), stock) == 4  # sausage: 9 // 2
    assert can_make(b.needs(), stock) == 3  # tea: 7 // 2
    # selling 3 of `a` uses tea and baskets that `b` needs as well
    after = {k: v - a.needs(3).get(k, D(0)) for k, v in stock.items()}
    assert can_make(a.needs(), after) == 1
    assert can_make(b.needs(), after) == 2  # tea 4 // 2, baskets 2
    assert can_make(a.needs(), {"tea": D(-1)}) == 0  # negative stock makes none


def test_a_template_basket_is_one_group_whose_lines_sum_to_its_price() -> None:
    cart = Cart()
    group = add_template(cart, tmpl(PriceRule.FIXED, price=D("399")), count=2)
    lines = cart.group_lines(group.group_id)
    assert [line.quantity for line in lines] == [D(2), D(4), D(2), D(2), D(2)]
    assert sum(line.gross for line in lines) == D("798.00")
    totals = cart.totals()
    assert totals.total == D("798.00")
    # the rice's share stays VAT exempt, the rest carries VAT
    rice = next(line for line in lines if line.product is RICE)
    assert totals.exempt == rice.gross > 0
    assert cart_needs(cart) == {"tea": D(2), "saus": D(4), "rice": D(2), "pk1": D(2), "pk4": D(2)}
    # a scan of tea is its own line, never merged into the basket
    cart.add(TEA)
    assert len(cart) == 6
    assert cart.lines[-1].group_id is None
    with pytest.raises(CartError):
        cart.set_quantity(lines[0].line_id, D(5))
    cart.remove(lines[1].line_id)  # taking one item off takes the basket off
    assert len(cart) == 1
    assert not cart.groups


def test_a_custom_basket_costs_its_items_plus_container_and_fee() -> None:
    basket = CustomBasket(message="สุขสันต์วันเกิด")
    basket.add(TEA)
    basket.add(TEA)
    basket.add(SAUSAGE)
    basket.container = BasketItem(BASKET, D(1))
    basket.wrapping = BasketItem(WRAP, D(1))
    basket.fee = D("20")
    assert basket.price() == D("240") + D("85") + D("60") + D("25") + D("20")
    cart = Cart()
    group = add_custom(cart, basket)
    assert group.message == "สุขสันต์วันเกิด"
    assert not group.set_price
    assert cart.totals().total == D("430.00")
    basket.set_price = D("399")  # a set price: flagged for a manager's approval
    cart2 = Cart()
    assert add_custom(cart2, basket).set_price
    assert cart2.totals().total == D("399.00")


def test_a_ready_basket_takes_its_own_stock_not_its_components() -> None:
    ready = ProductInfo("ready", "GIFT-R", "กระเช้าจัดแล้ว", "Ready basket", D("399"))
    t = tmpl(PriceRule.FIXED, price=D("399"))
    t = BasketTemplate(**{**{f: getattr(t, f) for f in t.__slots__}, "ready_product": ready})
    cart = Cart()
    add_template(cart, t, 2, ready=True)
    assert cart_needs(cart) == {"ready": D(2)}
