"""Refunds travel to the central database with the outbox, exactly once, like sales."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.domain.auth import Actor, Role
from pos.services.auth import Auth
from pos.services.returns import Returns
from tests.integration.conftest import FixedClock
from tests.returns.conftest import JAEW, SILK, sell
from tests.shifts.test_auth import PlainTestHasher
from tests.sync.checks import assert_exactly_once
from tests.sync.conftest import Central

pytestmark = pytest.mark.pg
D = Decimal
MANAGER = Actor("00000000-0000-4000-8000-000000000009", "manager", "Manager", Role.MANAGER)


def test_a_refund_reaches_central_exactly_once(central: Central, make_counter) -> None:
    counter = make_counter("Counter 2")
    store = counter.store
    clock = FixedClock()
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    returns = Returns(store.uow, auth, store.settings, store.terminal, clock)
    first = sell(store, clock, MANAGER, [SILK, "3*" + JAEW], promptpay=True, named=False)
    counter.service.sync_once()  # the sale goes first, in a batch of its own

    one = returns.refund(MANAGER, first.receipt_no, {2: D(1)}, "promptpay", "broken jar")
    # a sale and its refund in one batch: the sale's rows go in before the refund's
    second = sell(store, clock, MANAGER, [JAEW], promptpay=True, named=False)
    two = returns.refund(MANAGER, second.receipt_no, {}, "promptpay", "wrong item")
    counter.service.sync_once()
    # the counter crashed before its acknowledgement: everything is sent again
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET sent_at = NULL"))
    counter.service.sync_once()

    assert_exactly_once(central, counter)
    tid = store.terminal.terminal_id
    rows = central.scalar(
        "SELECT string_agg(refund_no || '=' || total::text, ',' ORDER BY refund_no) "
        "FROM refunds WHERE terminal_id = :t",
        t=tid,
    )
    assert rows == f"{one.refund_no}={one.total},{two.refund_no}={two.total}"
    assert central.scalar("SELECT count(*) FROM refund_lines") == 2
    assert central.scalar(
        "SELECT sum(quantity) FROM stock_movements WHERE refund_id IS NOT NULL "
        "AND terminal_id = :t",
        t=tid,
    ) == D(2)
    kinds = central.scalar(
        "SELECT count(*) FROM sync_events WHERE kind = 'refund.completed' AND terminal_id = :t",
        t=tid,
    )
    assert kinds == 2
    # the counter role may add refunds, never read, change or delete them
    for table in ("refunds", "refund_lines"):
        privileges = [
            central.scalar(f"SELECT has_table_privilege('otop_counter', '{table}', '{p}')")
            for p in ("INSERT", "SELECT", "UPDATE", "DELETE")
        ]
        assert privileges == [True, False, False, False], table
