"""The one approval rule: what a sale needs a manager for, and what the manager is shown."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.approvals import (
    ApprovalNeed,
    approvals_needed,
    cancel_need,
    removal_need,
    still_needed,
)
from pos.domain.auth import Action, Actor, Role
from pos.domain.barcodes import MeasureKind, make_variable_measure
from pos.domain.cart import Cart, Discount, DiscountKind, ProductInfo, SoldBy
from pos.domain.settings import Settings

TEA = ProductInfo("p-tea", "TEA-001", "ชา", "Tea", Decimal("89.00"))
RICE = ProductInfo("p-rice", "RICE-001", "ข้าว", "Rice", Decimal("60.00"), sold_by=SoldBy.WEIGHT)
LAYOUT = Settings().vm_layout
CASHIER = Actor("u-1", "anna", "Anna", Role.CASHIER)
MANAGER = Actor("u-2", "boss", "Boss", Role.MANAGER)


def needs(cart: Cart, limit: int = 20) -> tuple[ApprovalNeed, ...]:
    return approvals_needed(cart, discount_limit_pct=limit, layout=LAYOUT)


def test_a_plain_sale_needs_nobody() -> None:
    cart = Cart()
    cart.add(TEA, Decimal(3))
    assert needs(cart) == ()


def test_a_discount_above_the_limit_and_a_typed_price_both_need_a_manager() -> None:
    cart = Cart()
    line = cart.add(TEA, Decimal(2))
    cart.set_line_discount(line.line_id, Discount(DiscountKind.PERCENT, Decimal(30), "dented"))
    cart.set_unit_price(line.line_id, Decimal("80.00"))
    assert needs(cart) == (
        ApprovalNeed(Action.DISCOUNT_OVER_LIMIT, "30.0% > 20%"),
        ApprovalNeed(Action.PRICE_OVERRIDE, "TEA-001"),
    )
    assert [n.action for n in needs(cart, limit=30)] == [Action.PRICE_OVERRIDE]


def test_a_scale_price_label_is_not_a_price_override() -> None:
    cart = Cart()
    code = make_variable_measure("00001", MeasureKind.PRICE, Decimal("45.00"), LAYOUT)
    cart.add(TEA, unit_price=Decimal("45.00"), scanned_code=code)
    assert needs(cart) == ()


def test_removing_a_line_needs_a_manager_only_once_payment_started() -> None:
    cart = Cart()
    line = cart.add(RICE, Decimal("0.750"))
    assert removal_need(line, payment_started=False) is None
    assert removal_need(line, payment_started=True) == ApprovalNeed(
        Action.VOID_AFTER_PAYMENT, "RICE-001 x 0.750 = 45.00"
    )


def test_cancelling_needs_a_manager_only_with_lines_in_the_sale() -> None:
    cart = Cart()
    assert cancel_need(cart) is None
    cart.add(TEA, Decimal(2))
    assert cancel_need(cart) == ApprovalNeed(Action.CANCEL_SALE, "178.00 = TEA-001 x 2")
    cart.add(RICE, Decimal("0.750"))
    assert cancel_need(cart) == ApprovalNeed(
        Action.CANCEL_SALE, "223.00 = TEA-001 x 2, RICE-001 x 0.750"
    )


def test_what_the_role_allows_or_an_approval_answers_is_not_needed() -> None:
    wanted = [
        ApprovalNeed(Action.DISCOUNT_OVER_LIMIT, "x"),
        ApprovalNeed(Action.PRICE_OVERRIDE, "y"),
    ]
    assert still_needed(wanted, CASHIER) == wanted
    assert still_needed(wanted, CASHIER, [Action.PRICE_OVERRIDE]) == wanted[:1]
    assert still_needed(wanted, MANAGER) == []
