"""Sale lines of every kind in the cart: goods, services and made-to-order menu items."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pos.domain.barcodes import VariableMeasureLayout
from pos.domain.basket import cart_needs, stock_moves
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartLine, Discount, DiscountKind, ProductInfo, ProductKind
from pos.domain.errors import CartError
from pos.domain.payment import Tender, TenderKind, settle
from pos.domain.sale import SaleDraft, build_receipt
from pos.domain.sale_rules import price_overrides

SILK = ProductInfo("p-silk", "SILK-001", "ผ้าไหม", "Silk", Decimal("1290.00"))
MILK = ProductInfo("p-milk", "TC-MILK", "นมสด", "Fresh milk", Decimal("0"), unit_th="มล.")
PEARL = ProductInfo("p-pearl", "TC-PEARL", "ไข่มุก", "Tapioca pearls", Decimal("0"))
FEE = ProductInfo(
    "p-fee", "SVC-DELIVERY", "ค่าจัดส่ง", "Delivery", Decimal("50"), kind=ProductKind.SERVICE
)
TEA = ProductInfo("p-tea", "TEA-THAI", "ชาไทย", "Thai tea", Decimal("45.00"), kind=ProductKind.MENU)
OPTIONS = Bilingual("L · หวาน 50% · เย็น · ไข่มุก", "L · 50% sweet · iced · pearls")


def tea(detail: Bilingual = OPTIONS, quantity: str = "1") -> CartLine:
    uses = ((MILK.product_id, Decimal("120")), (PEARL.product_id, Decimal("1")))
    return CartLine(TEA, Decimal(quantity), TEA.unit_price, detail=detail, ref="tea:m1", uses=uses)


def test_goods_move_themselves_services_nothing_menu_items_their_recipe() -> None:
    cart = Cart()
    cart.add(SILK, Decimal(2))
    cart.add_line(CartLine(FEE, Decimal(1), Decimal("50"), ref="delivery:W-000001"))
    cart.add_line(tea(quantity="3"))

    assert stock_moves(cart) == [
        ("p-silk", Decimal(2)),
        ("p-milk", Decimal(360)),
        ("p-pearl", Decimal(3)),
    ]
    assert cart.totals().total == Decimal("2580.00") + Decimal("50.00") + Decimal("135.00")


def test_cart_needs_adds_up_one_stock_item_used_by_two_drinks() -> None:
    cart = Cart()
    cart.add_line(tea())
    cart.add_line(tea(Bilingual("M · หวานน้อย", "M · less sweet"), "2"))
    assert cart_needs(cart) == {"p-milk": Decimal(360), "p-pearl": Decimal(3)}


def test_a_line_with_detail_or_ref_never_merges_plain_goods_still_do() -> None:
    cart = Cart()
    first = cart.add_line(tea())
    second = cart.add_line(tea())
    assert (first, second) == (0, 1)
    # a scan of the same product starts a line of its own rather than joining a drink
    cart.add(TEA)
    fee_row = cart.add_line(CartLine(FEE, Decimal(1), Decimal("50"), ref="delivery:W-1"))
    cart.add(FEE)
    cart.add(SILK)
    cart.add(SILK)
    quantities = [(ln.product.sku, ln.quantity, ln.ref) for ln in cart]
    assert quantities == [
        ("TEA-THAI", Decimal(1), "tea:m1"),
        ("TEA-THAI", Decimal(1), "tea:m1"),
        ("TEA-THAI", Decimal(1), None),
        ("SVC-DELIVERY", Decimal(1), "delivery:W-1"),
        ("SVC-DELIVERY", Decimal(1), None),
        ("SILK-001", Decimal(2), None),
    ]
    assert fee_row == 3
    cart.add(TEA)  # the plain one merges with the plain one
    assert cart.lines[2].quantity == Decimal(2)


def test_add_line_checks_what_the_sale_stores() -> None:
    cart = Cart()
    with pytest.raises(CartError):
        cart.add_line(CartLine(FEE, Decimal(1), Decimal("50"), ref="x" * 81))
    with pytest.raises(CartError):
        cart.add_line(CartLine(FEE, Decimal(1), Decimal("50"), ref=""))
    with pytest.raises(CartError):
        cart.add_line(CartLine(TEA, Decimal(1), TEA.unit_price, detail=Bilingual("x" * 301, "")))
    with pytest.raises(CartError):
        cart.add_line(CartLine(FEE, Decimal(0), Decimal("50")))
    with pytest.raises(CartError):
        cart.add_line(CartLine(FEE, Decimal(1), Decimal("-1")))
    with pytest.raises(CartError):
        cart.add_line(CartLine(TEA, Decimal(1), Decimal(45), uses=(("p-milk", Decimal(0)),)))
    line = CartLine(FEE, Decimal(1), Decimal("50.004"), ref="x" * 80)
    cart.add_line(line)
    assert line.unit_price == Decimal("50.00")
    with pytest.raises(CartError):
        cart.add_line(line)  # the same line twice
    assert len(cart) == 1


def test_a_ready_made_line_takes_discounts_like_any_line() -> None:
    cart = Cart()
    row = cart.add_line(tea(quantity="2"))
    line = cart.lines[row]
    cart.set_line_discount(line.line_id, Discount(DiscountKind.PERCENT, Decimal(10), "staff"))
    assert cart.totals().total == Decimal("81.00")
    cart.set_quantity(line.line_id, Decimal(1))
    assert cart_needs(cart) == {"p-milk": Decimal(120), "p-pearl": Decimal(1)}


def test_the_receipt_carries_each_line_detail_and_ref() -> None:
    cart = Cart()
    cart.add(SILK)
    cart.add_line(tea())
    totals = cart.totals()
    tenders = (Tender(TenderKind.CASH, totals.total, Decimal(2000)),)
    draft = SaleDraft(
        "s1", cart, totals, tenders, settle(totals.total, tenders),
        datetime(2026, 12, 3, 3, tzinfo=UTC), None, "Som",
    )  # fmt: skip
    receipt = build_receipt(draft, "KK-1-000001", "POS1", "Counter 1")
    assert [(ln.detail, ln.ref) for ln in receipt.lines] == [(None, None), (OPTIONS, "tea:m1")]
    assert receipt.notes == ()


def test_a_ready_made_line_is_priced_where_it_was_made_not_at_the_counter() -> None:
    cart = Cart()
    row = cart.add_line(tea())
    fee = CartLine(FEE, Decimal(1), Decimal("80.00"), ref="delivery:W-2")  # not the list price
    cart.add_line(fee)
    plain = cart.add(SILK)
    assert price_overrides(cart, VariableMeasureLayout()) == []
    with pytest.raises(CartError):
        cart.set_unit_price(cart.lines[row].line_id, Decimal("10"))
    cart.set_unit_price(plain.line_id, Decimal("1000"))
    assert price_overrides(cart, VariableMeasureLayout()) == ["SILK-001"]
