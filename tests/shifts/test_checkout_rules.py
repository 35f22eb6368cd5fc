"""The checkout enforces who may sell: the role, an open shift, approvals for big discounts,
typed prices; voids and cancelled sales go to the approvals audit and the journal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.auth import Action, Actor, PermissionDenied
from pos.domain.cart import Cart, Discount, DiscountKind
from pos.domain.cashup import ShiftError
from pos.domain.payment import Tender, TenderKind
from pos.domain.sale import Receipt
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.journal import verify_journal
from pos.services.shifts import Shifts
from tests.helpers.selling import PlainTestHasher
from tests.integration.conftest import FixedClock

SILK, TEA = "8851234000012", "8851234000029"
D = Decimal


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def auth(store: Store, clock: FixedClock) -> Auth:
    a = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    a.ensure_demo_users()
    return a


@pytest.fixture
def checkout(store: Store, clock: FixedClock, auth: Auth) -> Checkout:
    return Checkout(store.uow, store.settings, store.terminal, clock, auth=auth)


@pytest.fixture
def cashier(auth: Auth) -> Actor:
    return auth.login("cashier", "1111")


def cart_of(checkout: Checkout, *codes: str) -> Cart:
    cart = checkout.new_cart()
    for code in codes:
        checkout.add_to_cart(cart, checkout.lookup(code))
    return cart


def pay(
    checkout: Checkout, cart: Cart, actor: Actor, approvals: tuple[object, ...] = ()
) -> Receipt:
    due = cart.totals().total
    tender = Tender(TenderKind.PROMPTPAY, due, reference="PP")
    return checkout.complete(cart, [tender], actor=actor, approvals=approvals)  # type: ignore[arg-type]


def sales(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(m.Sale)).scalar_one())


def test_a_cashier_cannot_sell_without_an_open_shift(
    store: Store, checkout: Checkout, auth: Auth, cashier: Actor, clock: FixedClock
) -> None:
    with pytest.raises(ShiftError, match="No shift is open") as refused:
        pay(checkout, cart_of(checkout, SILK), cashier)
    assert "เปิดกะ" in refused.value.message("th")
    assert sales(store) == 0
    Shifts(store.uow, auth, store.terminal, clock).open(cashier, D("1000"))
    receipt = pay(checkout, cart_of(checkout, SILK), cashier)
    assert receipt.cashier_name == cashier.display_name
    assert sales(store) == 1


def test_label_staff_cannot_sell_even_through_the_service(
    store: Store, checkout: Checkout, auth: Auth, cashier: Actor, clock: FixedClock
) -> None:
    Shifts(store.uow, auth, store.terminal, clock).open(cashier, D(0))
    labels = auth.login("labels", "2222")
    with pytest.raises(PermissionDenied, match="may not sell"):
        pay(checkout, cart_of(checkout, TEA), labels)
    assert sales(store) == 0


def test_a_discount_over_the_limit_needs_a_managers_approval_of_exactly_that(
    store: Store, checkout: Checkout, auth: Auth, cashier: Actor, clock: FixedClock
) -> None:
    assert store.settings.discount_limit_pct == 20
    Shifts(store.uow, auth, store.terminal, clock).open(cashier, D(0))
    at_limit = cart_of(checkout, SILK)
    at_limit.set_sale_discount(Discount(DiscountKind.PERCENT, D(20), "regular customer"))
    pay(checkout, at_limit, cashier)  # 20% is within the limit

    over = cart_of(checkout, SILK)
    over.set_sale_discount(Discount(DiscountKind.PERCENT, D(25), "damaged box"))
    with pytest.raises(PermissionDenied, match="discount above the limit: ask a manager"):
        pay(checkout, over, cashier)
    wrong = auth.approve(cashier, Action.PRICE_OVERRIDE, "not this", "manager", "9999")
    with pytest.raises(PermissionDenied):
        pay(checkout, over, cashier, (wrong,))
    assert sales(store) == 1

    ok = auth.approve(cashier, Action.DISCOUNT_OVER_LIMIT, "damaged box", "manager", "9999")
    pay(checkout, over, cashier, (ok,))
    assert sales(store) == 2
    again = cart_of(checkout, SILK)
    again.set_sale_discount(Discount(DiscountKind.PERCENT, D(25), "damaged box"))
    with pytest.raises(PermissionDenied):  # an approval is spent once used
        pay(checkout, again, cashier, (ok,))
    # a manager may give it alone
    manager = auth.login("manager", "9999")
    pay(checkout, again, manager)
    assert sales(store) == 3


def test_a_typed_price_needs_a_price_override_approval(
    store: Store, checkout: Checkout, auth: Auth, cashier: Actor, clock: FixedClock
) -> None:
    Shifts(store.uow, auth, store.terminal, clock).open(cashier, D(0))
    cart = cart_of(checkout, TEA)
    cart.lines[0].unit_price = D("10.00")  # typed over the catalogue's price
    with pytest.raises(PermissionDenied, match="override a price"):
        pay(checkout, cart, cashier)
    ok = auth.approve(cashier, Action.PRICE_OVERRIDE, "price tag was wrong", "manager", "9999",
                      ref="TEA")  # fmt: skip
    assert pay(checkout, cart, cashier, (ok,)).total == D("10.00")


def test_a_void_after_payment_is_audited_and_journalled(
    store: Store, auth: Auth, cashier: Actor, clock: FixedClock
) -> None:
    with pytest.raises(PermissionDenied, match="second person"):
        auth.approve(auth.login("manager", "9999"), Action.CANCEL_SALE, "x", "manager", "9999")
    with pytest.raises(PermissionDenied):  # the cashier's own PIN approves nothing
        auth.approve(cashier, Action.VOID_AFTER_PAYMENT, "wrong item", "cashier", "1111")
    approval = auth.approve(cashier, Action.VOID_AFTER_PAYMENT, "wrong item", "manager", "9999",
                            ref="KK-SILK x 1")  # fmt: skip
    (row,) = auth.approvals(auth.login("manager", "9999"))
    assert (row.action, row.ref, row.requested_name) == (
        "void_after_payment",
        "KK-SILK x 1",
        cashier.display_name,
    )
    with store.engine.connect() as conn:
        kinds = conn.execute(select(m.JournalEntry.kind, m.JournalEntry.ref_id)).all()
    assert kinds == [("void", approval.approval_id)]
    assert verify_journal(store.uow).ok
    # the void's audit row edited afterwards: the journal names it
    with store.engine.begin() as conn:
        conn.execute(m.Approval.__table__.update().values(reason="nothing happened"))
    result = verify_journal(store.uow)
    assert not result.ok
    assert result.first is not None
    assert (result.first.seq, result.first.ref_no) == (1, "KK-SILK x 1")
