"""Fixtures of the refund tests: the small catalogue on SQLite and PostgreSQL, users, a clock."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

import pytest

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.basket import add_template
from pos.domain.cart import Discount, DiscountKind
from pos.domain.payment import Tender, TenderKind, cash_tender, settle
from pos.domain.sale import Receipt, SaleDraft
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.returns import Returns
from pos.services.shifts import Shifts
from tests.integration import conftest as integration
from tests.integration.conftest import FixedClock
from tests.shifts.test_auth import PlainTestHasher

# the small catalogue on a fresh SQLite file or PostgreSQL database (fixtures used by name)
small_store_url = integration.small_store_url
store = integration.store

SILK, JAEW, RICE, BALM = "8851234000012", "8851234000029", "8851234000036", "96385074"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def auth(store: Store, clock: FixedClock) -> Auth:
    a = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    a.ensure_demo_users()
    return a


@pytest.fixture
def cashier(auth: Auth) -> Actor:
    return auth.login("cashier", "1111")


@pytest.fixture
def manager(auth: Auth) -> Actor:
    return auth.login("manager", "9999")


@pytest.fixture
def shifts(store: Store, auth: Auth, clock: FixedClock) -> Shifts:
    return Shifts(store.uow, auth, store.terminal, clock)


@pytest.fixture
def returns(store: Store, auth: Auth, clock: FixedClock) -> Returns:
    return Returns(store.uow, auth, store.settings, store.terminal, clock)


def sell(
    store: Store,
    clock: FixedClock,
    seller: Actor,
    scans: Sequence[str],
    *,
    baskets: Sequence[tuple[str, int]] = (),
    sale_discount_pct: Decimal | None = None,
    promptpay: bool = False,
    named: bool = True,
) -> Receipt:
    """A paid sale written by the sales repository (the checkout's own transaction)."""
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    cart = checkout.new_cart()
    for scan in scans:
        checkout.add_to_cart(cart, checkout.lookup(scan))
    if baskets:
        with store.uow() as read:
            templates = {t.code: t for t in read.baskets.templates()}
        for code, count in baskets:
            add_template(cart, templates[code], count)
    if sale_discount_pct is not None:
        cart.set_sale_discount(Discount(DiscountKind.PERCENT, sale_discount_pct, "member"))
    totals = cart.totals()
    tender = (
        Tender(TenderKind.PROMPTPAY, totals.total)
        if promptpay
        else cash_tender(totals.total, totals.total)
    )
    draft = SaleDraft(
        sale_id=str(uuid.uuid4()),
        cart=cart,
        totals=totals,
        tenders=(tender,),
        settlement=settle(totals.total, (tender,)),
        sold_at=clock.now(),
        cashier_id=seller.user_id if named else None,  # None: a user the database lacks
        cashier_name=seller.display_name,
    )
    with store.uow(write=True) as work:
        receipt = work.sales.record(draft, store.terminal)
        work.commit()
    return receipt


def stock(store: Store, sku: str) -> Decimal:
    with store.uow() as read:
        product = read.catalog.product_by_sku(sku)
        assert product is not None
        return read.catalog.stock_on_hand([product.product_id]).get(product.product_id, Decimal(0))
