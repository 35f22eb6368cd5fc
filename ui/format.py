"""How the till writes money and quantities."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from pos.domain.cart import CartLine, SoldBy
from pos.domain.money import format_baht
from pos.domain.shop_time import BANGKOK


def money(value: Decimal) -> str:
    """1234.5 -> '1,234.50'."""
    return format_baht(value)


def baht(value: Decimal) -> str:
    """1234.5 -> '฿1,234.50'."""
    return format_baht(value, symbol=True)


def quantity(value: Decimal, by_weight: bool) -> str:
    """Weights with 3 decimals (0.750), pieces as whole numbers (3)."""
    if by_weight:
        return f"{value:,.3f}"
    return f"{value:,.0f}"


def stock(value: Decimal) -> str:
    """A stock figure: whole pieces as '12', a weighed product's as '2.35' (-3 below zero)."""
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"


def line_quantity(line: CartLine) -> str:
    return quantity(line.quantity, line.product.sold_by is SoldBy.WEIGHT)


def item_count(lines: tuple[CartLine, ...] | list[CartLine]) -> Decimal:
    """Pieces count one each; a weighed line counts as one item (as on the receipt)."""
    return sum(
        (
            Decimal(1) if line.product.sold_by is SoldBy.WEIGHT else line.quantity
            for line in lines
        ),
        Decimal(0),
    )




def local_time(moment: datetime) -> str:
    """A UTC instant as Bangkok wall-clock time, e.g. '27/11 14:05'."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(BANGKOK):%d/%m %H:%M}"
