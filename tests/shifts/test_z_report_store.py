"""A closed shift's Z report comes back from the database as it was closed (SQLite and
PostgreSQL): what `otop-pos report z` and the print queue print again."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.services.auth import Auth
from pos.services.shifts import Shifts
from tests.integration.conftest import FixedClock
from tests.shifts.test_auth import PlainTestHasher
from tests.shifts.test_shifts import BALM, SILK, TEA, sell

D = Decimal


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def shifts(store: Store, clock: FixedClock) -> Shifts:
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    auth.ensure_demo_users()
    return Shifts(store.uow, auth, store.terminal, clock)


@pytest.fixture
def cashier(shifts: Shifts) -> Actor:
    return shifts.auth.login("cashier", "1111")


def test_a_stored_z_report_reads_back_equal_to_the_closed_one(
    store: Store, shifts: Shifts, cashier: Actor, clock: FixedClock
) -> None:
    shifts.open(cashier, D("1500.00"))
    sell(store, clock, [SILK, TEA], cash=True)
    sell(store, clock, [BALM], cash=False)
    shifts.paid_out(cashier, D("35.75"), "ค่าน้ำแข็ง / ice")
    z = shifts.close(cashier, {D(1000): 3, D(500): 1, D(20): 2, D("0.25"): 3, D("0.50"): 1})
    number = f"Z-{store.terminal.receipt_prefix}-000001"
    assert z.document_no == number
    with store.uow() as read:
        again = read.shifts.z_report(number)
        missing = read.shifts.z_report(f"Z-{store.terminal.receipt_prefix}-000002")
    assert again == z
    assert again is not None
    assert again.record() == z.record(), "the journal's record, field by field"
    assert again.counts[D("0.25")] == 3
    assert missing is None
