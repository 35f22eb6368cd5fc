"""Closed months' stock summaries: a statement read from them has the figures of one read from
the movements, and a movement written late for a summarised month counts in it exactly once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from db import models as m
from pos.domain.payment import cash_tender
from pos.domain.shop_time import day_bounds, shop_day
from pos.domain.stock import StockLine
from pos.ports.stock import MovementTotal
from pos.services.checkout import Checkout
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import build_small_store
from tests.stock.conftest import Shop, StepClock, open_shop
from tests.stock.test_statements import PIECES, PRODUCER

D = Decimal


def late_checkout(shop: Shop, at: datetime) -> Checkout:
    """A checkout on the same store whose clock is behind (a sale keyed in late, a counter
    whose sales arrive after the month was closed)."""
    clock = StepClock()
    clock.current = at
    return Checkout(shop.store.uow, shop.store.settings, shop.store.terminal, clock, auth=shop.auth)


def sell_late(shop: Shop, at: datetime, sku: str) -> None:
    checkout = late_checkout(shop, at)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(sku))
    due = cart.totals().total
    checkout.complete(cart, [cash_tender(due, due)], actor=shop.cashier)


def totals(
    shop: Shop, start: datetime, end: datetime, *, cached: bool
) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    with shop.store.uow() as read:
        rows: list[MovementTotal] = read.stock.movement_totals(start, end, cached=cached)
    return {(t.product_id, t.reason): (t.before, t.within) for t in rows if t.before or t.within}


def summaries(shop: Shop) -> dict[str, tuple[int, int]]:
    """month -> (sum of thousandths, movements) of the kept summaries."""
    with shop.store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT month, sum(quantity_milli), sum(moves) FROM stock_month_summaries "
                 "GROUP BY month")
        ).all()  # fmt: skip
    return {str(r[0]): (int(r[1]), int(r[2])) for r in rows}


def moved(shop: Shop, month: str) -> tuple[int, int]:
    """(sum of thousandths, movements) of a Bangkok month, from the movements themselves."""
    year, mon = int(month[:4]), int(month[5:7])
    first = day_bounds(date(year, mon, 1))[0]
    after = day_bounds(date(year + mon // 12, mon % 12 + 1, 1))[0]
    mv = m.StockMovement
    with shop.store.uow() as read:
        total, n = read.session.execute(
            select(func.sum(mv.quantity), func.count())
            .where(mv.created_at >= first, mv.created_at < after)
        ).one()  # fmt: skip
    return round(float(total or 0) * 1000), int(n)


def test_a_late_sale_for_a_closed_month_counts_once(shop: Shop) -> None:
    december = shop_day(shop.clock.now()).replace(day=1)
    silk = shop.product("SILK-001")
    shop.desk.receive(shop.labels, "P-CNB", [StockLine(silk, D(10))])
    shop.sell("SILK-001", "SILK-001")
    month = f"{december:%Y-%m}"
    # into the next month: December is over and summarised by the first statement after it
    shop.clock.current = day_bounds(december + timedelta(days=40))[0].astimezone(UTC)
    shop.sell("SILK-001")
    today = shop_day(shop.clock.now())
    first = shop.desk.statements(december, today)
    assert month in summaries(shop)
    assert summaries(shop)[month] == moved(shop, month)
    line = next(ln for s in first for ln in s.lines if ln.sku == "SILK-001")
    assert (line.delivered, line.sold) == (10, 3)

    # a sale dated in December arrives now: December's summary takes it in, once
    sell_late(shop, day_bounds(december + timedelta(days=19))[0].astimezone(UTC), "SILK-001")
    assert summaries(shop)[month] == moved(shop, month)
    for _ in range(2):  # reading again summarises nothing twice
        again = shop.desk.statements(december, today)
        line = next(ln for s in again for ln in s.lines if ln.sku == "SILK-001")
        assert (line.delivered, line.sold) == (10, 4)
        assert line.closing == shop.on_hand("SILK-001")
        assert all(s.reconciles for s in again)
    assert summaries(shop)[month] == moved(shop, month)
    # December alone read from its summary, January's opening from it: they join up
    dec = shop.desk.statements(december, december.replace(day=31))
    jan = shop.desk.statements(december.replace(year=december.year + 1, month=1), today)
    dec_silk = next(ln for s in dec for ln in s.lines if ln.sku == "SILK-001")
    jan_silk = next(ln for s in jan for ln in s.lines if ln.sku == "SILK-001")
    assert dec_silk.sold == 3
    assert jan_silk.opening == dec_silk.closing
    assert jan_silk.closing == shop.on_hand("SILK-001")
    # the same figures as the movements give, for every period touching the month
    since = day_bounds(december)[0]
    until = day_bounds(today)[1]
    for start, end in ((since, until), (since + timedelta(days=10), until),
                       (day_bounds(december + timedelta(days=31))[0], until)):  # fmt: skip
        assert totals(shop, start, end, cached=True) == totals(shop, start, end, cached=False)


def test_a_deleted_movement_leaves_its_months_summary(shop: Shop) -> None:
    """Movements are append-only; if one is ever taken out by hand, its summary follows."""
    december = shop_day(shop.clock.now()).replace(day=1)
    shop.sell("TEA-001")
    month = f"{december:%Y-%m}"
    shop.clock.current = day_bounds(december + timedelta(days=40))[0].astimezone(UTC)
    shop.desk.statements(december, shop_day(shop.clock.now()))
    before = summaries(shop)[month]
    tea = shop.product("TEA-001")
    with shop.store.engine.begin() as conn:
        conn.execute(
            text("UPDATE stock_movements SET quantity = quantity - 2 "
                 "WHERE reason = 'sale' AND product_id = :p"), {"p": tea},
        )  # fmt: skip
    changed = summaries(shop)[month]
    assert changed == moved(shop, month)
    assert changed[0] < before[0]
    with shop.store.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM stock_movements WHERE reason = 'sale' AND product_id = :p"),
            {"p": tea},
        )
    assert summaries(shop)[month] == moved(shop, month)
    assert summaries(shop)[month][1] < changed[1]


late_op = st.tuples(
    st.sampled_from(("receive", "sell", "late sell", "late sell", "statement")),
    st.sampled_from(PIECES),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=24 * 20),  # hours on; a late sale: hours back
)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(late_op, min_size=4, max_size=16))
def test_summaries_give_the_movements_figures_over_months_with_late_sales(
    fresh_database: FreshDatabase, backend: str, ops: list[tuple[str, str, int, int]]
) -> None:
    shop = open_shop(fresh_database(backend, "small", build_small_store))
    try:
        first = shop_day(shop.clock.now())
        for kind, sku, qty, hours in ops:
            if kind == "late sell":
                if shop.on_hand(sku) >= 1:
                    sell_late(shop, shop.clock.current - timedelta(hours=hours), sku)
                continue
            shop.clock.current += timedelta(hours=hours)
            if kind == "receive":
                shop.desk.receive(
                    shop.labels, PRODUCER[sku], [StockLine(shop.product(sku), D(qty))]
                )
            elif kind == "sell" and shop.on_hand(sku) >= 1:
                shop.sell(sku)
            elif kind == "statement":
                shop.desk.statements(first, shop_day(shop.clock.now()))
        last = shop_day(shop.clock.now() + timedelta(days=45))
        shop.clock.current += timedelta(days=45)  # every month with a fact is over
        whole = shop.desk.statements(first - timedelta(days=20), last)
        for statement in whole:
            assert statement.reconciles, statement
            for ln in statement.lines:
                assert ln.closing == shop.on_hand(ln.sku), ln
        for month in summaries(shop):
            assert summaries(shop)[month] == moved(shop, month), month
        for start_day in (first - timedelta(days=20), first, first + timedelta(days=17)):
            start, end = day_bounds(start_day)[0], day_bounds(last)[1]
            assert totals(shop, start, end, cached=True) == totals(shop, start, end, cached=False)
    finally:
        shop.store.close()
