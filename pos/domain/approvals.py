"""What in a sale needs a manager's approval, and what the manager is shown: one rule for the
till (before it asks) and the checkout (before it commits)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pos.domain.auth import Action, Actor
from pos.domain.barcodes import VariableMeasureLayout
from pos.domain.cart import Cart, CartLine, SoldBy
from pos.domain.sale_rules import discount_over_limit, max_discount_pct, price_overrides


@dataclass(frozen=True, slots=True)
class ApprovalNeed:
    """One action a manager approves, and the reference the approval dialog and log show."""

    action: Action
    ref: str


def approvals_needed(
    cart: Cart, *, discount_limit_pct: int, layout: VariableMeasureLayout
) -> tuple[ApprovalNeed, ...]:
    """What paying for `cart` needs approved: a discount above the limit, a typed price."""
    needs: list[ApprovalNeed] = []
    if discount_over_limit(cart, discount_limit_pct):
        ref = f"{max_discount_pct(cart):.1f}% > {discount_limit_pct}%"
        needs.append(ApprovalNeed(Action.DISCOUNT_OVER_LIMIT, ref))
    typed = price_overrides(cart, layout)
    if typed:
        needs.append(ApprovalNeed(Action.PRICE_OVERRIDE, ", ".join(typed)[:60]))
    return tuple(needs)


def _quantity(line: CartLine) -> str:
    if line.product.sold_by is SoldBy.WEIGHT:
        return f"{line.quantity:,.3f}"
    return f"{line.quantity:,.0f}"


def removal_need(line: CartLine, *, payment_started: bool) -> ApprovalNeed | None:
    """Once payment has started, a line comes off only with a manager's approval. The
    references are codes and figures (SKU x quantity = amount, x as on the receipts), read
    the same in Thai and English."""
    if not payment_started:
        return None
    return ApprovalNeed(
        Action.VOID_AFTER_PAYMENT, f"{line.product.sku} x {_quantity(line)} = {line.net}"
    )


def cancel_need(cart: Cart) -> ApprovalNeed | None:
    """Cancelling a sale with lines in it needs a manager's approval; its reference is the
    total and the lines as SKU x quantity, like a removed line's."""
    if cart.is_empty:
        return None
    total: Decimal = cart.totals().total
    lines = ", ".join(f"{line.product.sku} x {_quantity(line)}" for line in cart.lines)
    return ApprovalNeed(Action.CANCEL_SALE, f"{total} = {lines}"[:60])


def still_needed(
    needs: Iterable[ApprovalNeed], actor: Actor, granted: Iterable[Action] = ()
) -> list[ApprovalNeed]:
    """The needs `actor`'s role does not cover and no approval in hand (`granted`) answers."""
    have = set(granted)
    return [n for n in needs if not actor.may(n.action) and n.action not in have]
