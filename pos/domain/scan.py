"""A looked-up scan, and the cart rule that puts it in a cart (a line, or a whole basket)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pos.domain.basket import BasketTemplate, add_template
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, ProductInfo


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A looked-up scan, ready to add to a cart."""

    product: ProductInfo
    quantity: Decimal
    unit_price: Decimal | None
    code: str
    fixed_gross: Decimal | None = None  # a scale price label's amount, charged as printed
    basket: BasketTemplate | None = None  # a gift basket's barcode: add the whole basket
    ready: bool = False  # a pre-assembled basket taken off the shelf
    warning: Bilingual | None = None  # sold, but the cashier is told (an expired certificate)


def add_to_cart(cart: Cart, scan: ScanResult) -> int:
    """Add a looked-up scan; returns the row of the line it landed in."""
    if scan.basket is not None:
        count = int(scan.quantity)
        group = add_template(cart, scan.basket, count, ready=scan.ready)
        return cart.index_of(cart.group_lines(group.group_id)[0].line_id)
    line = cart.add(
        scan.product,
        scan.quantity,
        unit_price=scan.unit_price,
        scanned_code=scan.code,
        fixed_gross=scan.fixed_gross,
    )
    return cart.index_of(line.line_id)
