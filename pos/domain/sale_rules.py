"""What in a cart needs a manager's approval: a discount above the limit, a price override."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.barcodes import VariableMeasureLayout, VariableMeasureScan, parse_scan
from pos.domain.cart import Cart
from pos.domain.errors import ShopError
from pos.domain.money import ZERO


def max_discount_pct(cart: Cart) -> Decimal:
    """The deepest discount in the cart, as a percentage of what it was taken off.

    Each line discount is measured against its line's gross, the sale discount against the
    subtotal it applies to; an amount discount counts by the share it takes off.
    """
    worst = ZERO
    for line in cart:
        if line.discount is not None and line.gross > 0:
            worst = max(worst, line.discount_amount * 100 / line.gross)
    if cart.sale_discount is not None:
        subtotal = sum((line.net for line in cart), ZERO)
        if subtotal > 0:
            worst = max(worst, cart.sale_discount.amount_off(subtotal) * 100 / subtotal)
    return worst


def discount_over_limit(cart: Cart, limit_pct: int) -> bool:
    return max_discount_pct(cart) > limit_pct


def _price_label(code: str | None, layout: VariableMeasureLayout) -> bool:
    if not code:
        return False
    try:
        return isinstance(parse_scan(code, layout), VariableMeasureScan)
    except ShopError:
        return False


def price_overrides(cart: Cart, layout: VariableMeasureLayout) -> list[str]:
    """What is sold at a price typed at the counter instead of the catalogue's: the SKUs of
    lines whose unit price differs from the product's (a scale's price label is not an
    override, nor is a ready-made line's price: a drink's, a fee's, a booking's, set by the
    capability whose `ref` it carries) and the names of baskets sold at a set price."""
    found: list[str] = []
    for line in cart:
        if line.group_id is not None or line.fixed_gross is not None or line.ref is not None:
            continue
        if line.unit_price != line.product.unit_price and not _price_label(
            line.scanned_code, layout
        ):
            found.append(line.product.sku)
    found.extend(g.name_en for g in cart.groups.values() if g.set_price)
    return found
