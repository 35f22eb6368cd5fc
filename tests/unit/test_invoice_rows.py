"""The full tax invoice's table, built by the domain: every line adds up, a basket is a group."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.basket import add_template
from pos.domain.cart import Cart, Discount, DiscountKind
from pos.domain.money import round_satang
from pos.domain.sale import build_receipt
from pos.domain.taxinvoice import invoice_rows
from tests.unit.test_sale_receipt import SAUSAGE, SILK, draft, gift

D = Decimal


def test_each_row_adds_up_and_two_baskets_are_one_row_over_their_contents() -> None:
    cart = Cart()
    silk = cart.add(SILK)
    cart.set_line_discount(silk.line_id, Discount(DiscountKind.AMOUNT, D("90"), "ตำหนิ"))
    add_template(cart, gift(), 2)  # 2 x 399.00 spread over 4 teas and 2 rice bags
    cart.add(SAUSAGE, D("0.417"))
    cart.set_sale_discount(Discount(DiscountKind.PERCENT, D(5), "member"))
    receipt = build_receipt(draft(cart), "KK01-00000042", "POS1", "A")
    assert any(ln.gross != round_satang(ln.quantity * ln.unit_price) for ln in receipt.lines)

    rows = invoice_rows(receipt)
    priced = [r for r in rows if not r.in_basket]
    assert [r.number for r in priced] == ["1", "2", "3"]
    for r in priced:
        assert round_satang(r.quantity * r.unit_price) - r.discount == r.amount, r
    assert sum((r.amount for r in priced), D(0)) == receipt.subtotal
    basket = priced[1]
    assert (basket.name_en, basket.quantity, basket.unit_price, basket.amount) == (
        "New Year basket", D(2), D("399.00"), D("798.00"),
    )  # fmt: skip
    assert basket.vat_exempt is False  # the tea is not exempt, the rice is
    contents = [(r.sku, r.quantity, r.amount, r.number) for r in rows if r.in_basket]
    assert contents == [("TEA-001", D(4), D(0), ""), ("RICE-001", D(2), D(0), "")]
    assert [r.sku for r in rows] == ["SILK-001", "", "TEA-001", "RICE-001", "SAUS-W"]
