"""Shifts on real databases: float, paid-in/out, X report, counted close and the Z report."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.app.bootstrap import Store
from pos.domain.auth import Actor, PermissionDenied
from pos.domain.cashup import ShiftError
from pos.domain.payment import Tender, TenderKind, cash_tender
from pos.domain.sale import Receipt
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.journal import verify_journal
from pos.services.shifts import Shifts
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.shifts.test_auth import PlainTestHasher

SILK, TEA, BALM = "8851234000012", "8851234000029", "8851234000036"
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
def shifts(store: Store, auth: Auth, clock: FixedClock) -> Shifts:
    return Shifts(store.uow, auth, store.terminal, clock)


@pytest.fixture
def cashier(auth: Auth) -> Actor:
    return auth.login("cashier", "1111")


def sell(
    store: Store, clock: FixedClock, codes: list[str], cash: bool, shift: bool = True
) -> Receipt:
    """A sale by the cashier; `shift` False: on a till that sells without a shift open."""
    settings = store.settings.with_changes(require_shift=shift)
    checkout = Checkout(store.uow, settings, store.terminal, clock)
    cart = checkout.new_cart()
    for code in codes:
        checkout.add_to_cart(cart, checkout.lookup(code))
    due = cart.totals().total
    tender = (
        cash_tender(due, (due // 1000 + 1) * 1000)
        if cash
        else Tender(TenderKind.PROMPTPAY, due, reference="PP")
    )
    clock.current += timedelta(minutes=3)
    if shift:
        return checkout.complete(cart, [tender], actor=seller(checkout))
    return checkout.complete(
        cart,
        [tender],
        actor=Auth(store.uow, settings, clock, PlainTestHasher()).login("cashier", "1111"),
    )


def test_a_z_report_adds_up_to_its_sales_and_the_drawer(
    store: Store, shifts: Shifts, cashier: Actor, clock: FixedClock
) -> None:
    shifts.open(cashier, D("2000.00"))
    receipts = [
        sell(store, clock, [SILK], cash=True),
        sell(store, clock, [TEA, TEA, BALM], cash=False),
        sell(store, clock, [SILK, TEA], cash=True),
    ]
    shifts.paid_in(cashier, D("500"), "แลกเหรียญ / coins from the bank")
    shifts.paid_out(cashier, D("120.50"), "ค่าน้ำแข็ง / ice")
    x = shifts.x_report(cashier)
    assert (x.kind, x.number, x.sales.count, x.cash.counted) == ("x", 0, 3, None)

    cash_sales = sum((r.total for r in receipts if r.payments[0].kind == "cash"), D(0))
    expected = D("2000.00") + cash_sales + D("500") - D("120.50")
    assert x.cash.expected == expected
    # count the drawer: what is expected, less one 20-baht note
    counts = {D(1000): int(expected // 1000)}
    rest = expected - 1000 * counts[D(1000)]
    counts[D(20)] = int(rest // 20)
    rest -= 20 * counts[D(20)]
    counts[D("0.25")] = int(rest / D("0.25"))
    counts[D(20)] -= 1
    z = shifts.close(cashier, counts)

    assert (z.kind, z.number) == ("z", 1)
    assert (z.sales.first_receipt, z.sales.last_receipt) == (
        receipts[0].receipt_no, receipts[-1].receipt_no,
    )  # fmt: skip
    assert z.sales.count == 3
    assert z.sales.total == sum((r.total for r in receipts), D(0))
    assert z.sales.vat == sum((r.vat for r in receipts), D(0))
    assert z.sales.vatable == sum((r.vatable for r in receipts), D(0))
    assert z.sales.exempt == sum((r.exempt for r in receipts), D(0))
    assert z.sales.tenders == {
        "cash": cash_sales,
        "promptpay": receipts[1].total,
    }
    assert (z.cash.expected, z.cash.counted, z.cash.difference) == (
        expected, expected - 20, D("-20.00"),
    )  # fmt: skip
    assert shifts.current() is None
    with pytest.raises(ShiftError, match="No shift"):
        shifts.x_report(cashier)

    # the Z report is in the journal, after the three sales, and verifies
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT seq, kind, ref_no FROM journal_entries ORDER BY seq")
        ).all()
    assert [tuple(r) for r in rows][-1] == (
        4,
        "z_report",
        f"Z-{store.terminal.receipt_prefix}-000001",
    )
    assert verify_journal(store.uow).ok


def test_z_numbers_are_sequential_and_every_sale_lands_in_one_z(
    store: Store, shifts: Shifts, cashier: Actor, clock: FixedClock
) -> None:
    shifts.open(cashier, D(0))
    a = sell(store, clock, [TEA], cash=True)
    z1 = shifts.close(cashier, {})
    b = sell(store, clock, [SILK], cash=False, shift=False)  # rung up between shifts
    shifts.open(cashier, D(1000))
    c = sell(store, clock, [BALM], cash=True)
    z2 = shifts.close(cashier, {D(1000): 1})
    assert (z1.number, z2.number) == (1, 2)
    assert (z1.sales.first_receipt, z1.sales.last_receipt) == (a.receipt_no, a.receipt_no)
    assert (z2.sales.first_receipt, z2.sales.last_receipt) == (b.receipt_no, c.receipt_no)
    assert z1.sales.total + z2.sales.total == a.total + b.total + c.total
    assert z2.cash.difference == -c.total


def test_roles_and_rules_of_shifts(shifts: Shifts, auth: Auth, cashier: Actor) -> None:
    labels = auth.login("labels", "2222")
    with pytest.raises(PermissionDenied):
        shifts.open(labels, D(1000))
    with pytest.raises(ShiftError, match="No shift"):
        shifts.paid_in(cashier, D(10), "x")
    shifts.open(cashier, D(1000))
    with pytest.raises(ShiftError, match="already open"):
        shifts.open(auth.login("manager", "9999"), D(1000))
    with pytest.raises(ShiftError, match="reason"):
        shifts.paid_out(cashier, D(10), " ")
    with pytest.raises(ShiftError, match="more than zero"):
        shifts.paid_out(cashier, D(0), "ice")
    with pytest.raises(ShiftError, match="2 decimals"):
        shifts.paid_out(cashier, D("1.005"), "ice")
    with pytest.raises(PermissionDenied):
        shifts.close(labels, {})


def test_an_edited_z_report_is_caught_by_journal_verify(
    store: Store, shifts: Shifts, cashier: Actor, clock: FixedClock
) -> None:
    shifts.open(cashier, D(500))
    sell(store, clock, [SILK], cash=True)
    shifts.close(cashier, {D(1000): 1})
    with store.engine.begin() as conn:
        record = conn.execute(text("SELECT record FROM z_reports")).scalar_one()
    import json

    data = json.loads(record) if isinstance(record, str) else record
    data["cash"]["counted"] = "1790"
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE z_reports SET record = :r"), {"r": json.dumps(data)})
    first = verify_journal(store.uow).first
    assert first is not None
    assert (first.kind.value, first.seq, first.ref_no) == (
        "changed", 2, f"Z-{store.terminal.receipt_prefix}-000001",
    )  # fmt: skip
