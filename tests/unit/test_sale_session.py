"""The sale in progress without Qt or a database: owners, approvals, F12's needs, park/recall."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.domain.auth import Action, Actor, PermissionDenied, Role
from pos.domain.cart import Discount, DiscountKind, ProductInfo
from pos.domain.payment import cash_tender
from pos.domain.settings import Settings
from pos.services.checkout import Checkout
from pos.services.sale_session import (
    CartBusy,
    Change,
    LogoutBlock,
    Readiness,
    SaleSession,
)
from tests.unit.fakes import TERMINAL, FakeAuth, FakeUnitOfWork, FixedClock, approval

SILK = ProductInfo("p-silk", "SILK-001", "ผ้าไหม", "Silk", Decimal("1290.00"), barcode="111")
TEA = ProductInfo("p-tea", "TEA-001", "ชาใบหม่อน", "Tea", Decimal("89.00"), barcode="222")

ANNA = Actor("u-anna", "anna", "Anna", Role.CASHIER)
BEE = Actor("u-bee", "bee", "Bee", Role.CASHIER)
BOSS = Actor("u-boss", "boss", "Boss", Role.MANAGER)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork([SILK, TEA])


@pytest.fixture
def session(uow: FakeUnitOfWork) -> SaleSession:
    settings = Settings()
    checkout = Checkout(uow, settings, TERMINAL, FixedClock(), auth=FakeAuth())  # type: ignore[arg-type]
    s = SaleSession(settings)
    s.attach(checkout, approvals=True)
    return s


def scan(session: SaleSession, *codes: str) -> None:
    assert session.checkout is not None
    for code in codes:
        session.scan_sent()
        session.add_scan(session.checkout.lookup(code))
        session.scan_answered()


def test_a_scan_lands_in_the_cart_and_listeners_hear_of_it(session: SaleSession) -> None:
    heard: list[Change] = []
    stop = session.listen(heard.append)
    scan(session, "111", "2*222", "111")
    assert [(ln.product.sku, ln.quantity) for ln in session.cart] == [
        ("SILK-001", Decimal(2)),
        ("TEA-001", Decimal(2)),
    ]
    assert heard == [Change.LINES] * 3
    stop()
    scan(session, "222")
    assert len(heard) == 3  # a stopped listener hears nothing more


def test_another_cashiers_log_in_parks_the_cart_under_its_owner(
    session: SaleSession, uow: FakeUnitOfWork
) -> None:
    assert session.log_in(ANNA, shift_open=True) is None
    scan(session, "111", "222")
    assert session.log_in(ANNA, shift_open=True) is None  # the same cashier keeps her sale
    previous = session.log_in(BEE, shift_open=True)
    assert previous == ANNA
    assert session.owner == BEE

    job = session.park_job(f"{previous.display_name} · 1,379.00")
    assert session.busy is CartBusy.PARK
    assert session.pay_check().readiness is Readiness.BUSY
    job()
    session.park_done()
    assert session.cart.is_empty
    assert session.busy is None
    [parked] = uow.parking.parked.values()
    assert parked.label.startswith("Anna")
    assert [ln["product_id"] for ln in parked.payload["lines"]] == ["p-silk", "p-tea"]


def test_an_empty_cart_is_not_parked_when_the_cashier_changes(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    assert session.log_in(BEE, shift_open=True) is None


def test_a_recalled_cart_comes_back_without_the_old_payments(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "111")
    session.park_job("x")()
    session.park_done()
    session.hold_tenders([cash_tender(Decimal(10), Decimal(10))])
    assert session.checkout is not None
    [parked] = session.checkout.parked()
    cart = session.recall_job(parked.parked_id)()
    session.recall_done(cart)
    assert [ln.product.sku for ln in session.cart] == ["SILK-001"]
    assert session.tenders == []
    assert not session.payment_started


def test_f12_needs_a_log_in_then_lines_then_a_shift(session: SaleSession) -> None:
    assert session.pay_check().readiness is Readiness.NEEDS_LOGIN
    session.log_in(ANNA, shift_open=False)
    assert session.pay_check().readiness is Readiness.EMPTY_CART
    scan(session, "222")
    assert session.pay_check().readiness is Readiness.NEEDS_SHIFT
    session.set_shift_open(True)
    assert session.pay_check().readiness is Readiness.READY


def test_a_discount_over_the_limit_needs_a_manager_until_approved(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "111")
    session.set_sale_discount(Discount(DiscountKind.PERCENT, Decimal(25), "damaged"))
    check = session.pay_check()
    assert check.readiness is Readiness.NEEDS_APPROVAL
    assert check.approval is not None
    assert check.approval.action is Action.DISCOUNT_OVER_LIMIT
    assert check.approval.ref == "25.0% > 20%"
    session.grant(approval(Action.DISCOUNT_OVER_LIMIT, ANNA))
    assert session.pay_check().readiness is Readiness.READY


def test_the_approval_of_a_discount_takes_the_reason_the_cashier_gave(
    session: SaleSession,
) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "111", "222")
    silk, tea = (ln.line_id for ln in session.cart)
    session.set_line_discount(silk, Discount(DiscountKind.PERCENT, Decimal(30), " regular "))
    session.set_line_discount(tea, Discount(DiscountKind.PERCENT, Decimal(10), "dented box"))
    check = session.pay_check()
    assert check.readiness is Readiness.NEEDS_APPROVAL
    assert check.reason == "regular"  # the tea's 10% is within the limit: not what is approved
    session.set_sale_discount(Discount(DiscountKind.AMOUNT, Decimal(500), "opening day"))
    assert session.pay_check().reason == "regular; opening day"
    session.set_line_discount(silk, Discount(DiscountKind.AMOUNT, Decimal(258), "regular"))
    assert session.pay_check().reason == "opening day"  # 20% of the silk: within the limit


def test_a_typed_price_is_approved_with_the_manager_s_reason(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "222")
    session.set_unit_price(session.cart.lines[0].line_id, Decimal("50.00"))
    check = session.pay_check()
    assert check.approval is not None
    assert check.approval.action is Action.PRICE_OVERRIDE
    assert check.reason == ""


def test_a_discount_within_the_limit_needs_nobody(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "111")
    session.set_sale_discount(Discount(DiscountKind.PERCENT, Decimal(20), "regular"))
    assert session.pay_check().readiness is Readiness.READY


def test_a_typed_price_needs_a_manager_and_a_new_price_a_new_approval(
    session: SaleSession,
) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "222")
    line = session.cart.lines[0]
    session.set_unit_price(line.line_id, Decimal("80.00"))
    check = session.pay_check()
    assert check.approval is not None
    assert check.approval.action is Action.PRICE_OVERRIDE
    assert check.approval.ref == "TEA-001"
    session.grant(approval(Action.PRICE_OVERRIDE, ANNA))
    assert session.pay_check().readiness is Readiness.READY
    session.set_unit_price(line.line_id, Decimal("70.00"))  # not the price approved
    assert session.pay_check().readiness is Readiness.NEEDS_APPROVAL


def test_a_manager_at_the_till_needs_no_approval(session: SaleSession) -> None:
    session.log_in(BOSS, shift_open=True)
    scan(session, "222")
    session.set_unit_price(session.cart.lines[0].line_id, Decimal("1.00"))
    session.set_sale_discount(Discount(DiscountKind.PERCENT, Decimal(90), "promo"))
    assert session.pay_check().readiness is Readiness.READY
    assert session.cancel_approval() is None
    session.start_payment()
    assert session.removal_approval(0) is None


def test_removing_a_line_needs_a_manager_once_payment_started(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "2*222")
    assert session.removal_approval(0) is None
    due, held, dropped = session.start_payment()
    assert (due, held, dropped) == (Decimal("178.00"), [], False)
    need = session.removal_approval(0)
    assert need is not None
    assert need.action is Action.VOID_AFTER_PAYMENT
    assert need.ref == "TEA-001 x 2 = 178.00"


def test_cancelling_a_sale_with_lines_needs_a_manager(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    assert session.cancel_approval() is None  # an empty sale
    scan(session, "111", "222")
    need = session.cancel_approval()
    assert need is not None
    assert need.action is Action.CANCEL_SALE
    assert need.ref == "1379.00 = SILK-001 x 1, TEA-001 x 1"


def test_without_users_nothing_asks_for_approval() -> None:
    s = SaleSession(Settings())
    s.log_in(ANNA, shift_open=None)
    assert s.cancel_approval() is None
    assert s.pay_check().readiness is Readiness.EMPTY_CART


def test_kept_payments_that_no_longer_fit_are_dropped(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "111")
    session.hold_tenders([cash_tender(Decimal("1290.00"), Decimal(1290))])
    assert session.logout_block() is LogoutBlock.PAYMENTS_TAKEN
    session.set_unit_price(session.cart.lines[0].line_id, Decimal("1000.00"))
    _due, held, dropped = session.start_payment()
    assert dropped
    assert held == []
    assert session.logout_block() is None


def test_a_commit_spends_the_approval_and_starts_a_new_sale(
    session: SaleSession, uow: FakeUnitOfWork
) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "222")
    session.set_unit_price(session.cart.lines[0].line_id, Decimal("80.00"))
    session.grant(approval(Action.PRICE_OVERRIDE, ANNA))
    due, _held, _dropped = session.start_payment()
    receipt = session.commit_job([cash_tender(due, Decimal(100))])()
    session.commit_done()
    assert receipt.total == Decimal("80.00")
    assert receipt.cashier_name == "Anna"
    assert receipt.change == Decimal("20.00")
    assert session.cart.is_empty
    assert session.approvals == []
    assert not session.payment_started
    assert uow.sales.drafts[0].cashier_id == "u-anna"


def test_the_checkout_refuses_a_typed_price_without_an_approval(session: SaleSession) -> None:
    session.log_in(ANNA, shift_open=True)
    scan(session, "222")
    session.set_unit_price(session.cart.lines[0].line_id, Decimal("80.00"))
    job = session.commit_job([cash_tender(Decimal(80), Decimal(80))])
    with pytest.raises(PermissionDenied):
        job()
    session.commit_failed()
    assert session.busy is None
    assert len(session.cart) == 1  # the sale is still on the till


def test_f12_right_after_a_scan_waits_for_the_scan(session: SaleSession) -> None:
    ran: list[int] = []
    session.scan_sent()
    assert session.when_scans_done(lambda: ran.append(len(session.cart)))
    assert ran == []
    assert session.checkout is not None
    session.add_scan(session.checkout.lookup("111"))
    session.scan_answered()
    assert ran == [1]
    assert not session.when_scans_done(lambda: ran.append(2))
    assert ran == [1, 2]
