"""Producer statements add up: opening + delivered - sold + refunded - returned +/- adjusted
(+ basket assembly and opening balances) = closing, closing is the on-hand figure, one period's
closing is the next one's opening, and the money is the consignment settlement's."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos.domain.shop_time import shop_day
from pos.domain.stock import AdjustReason, ReturnReason, StockLine
from pos.services.eod import producer_settlements
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import build_small_store
from tests.stock.conftest import Shop, open_shop

D = Decimal
PIECES = ("SILK-001", "TEA-001", "BALM-001", "DINO-001", "JAEW-001", "RICE-001", "PHA-001")
PRODUCER = {"SILK-001": "P-CNB", "PHA-001": "P-CNB", "TEA-001": "P-UDN", "BALM-001": "P-UDN",
            "DINO-001": "P-PWG", "JAEW-001": "P-BPI", "RICE-001": "P-BPI"}  # fmt: skip

operation = st.tuples(
    st.sampled_from(("receive", "sell", "return", "adjust", "count")),
    st.sampled_from(PIECES),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=30),  # hours until the next operation
)


def run(shop: Shop, ops: list[tuple[str, str, int, int]]) -> None:
    for kind, sku, qty, hours in ops:
        shop.clock.current += timedelta(hours=hours)
        have = shop.on_hand(sku)
        if kind == "receive":
            shop.desk.receive(shop.labels, PRODUCER[sku], [StockLine(shop.product(sku), D(qty))])
        elif kind == "sell" and have >= 1:
            shop.sell(sku)
        elif kind == "return" and have >= qty:
            shop.desk.return_to_producer(
                shop.labels, PRODUCER[sku], ReturnReason.UNSOLD,
                [StockLine(shop.product(sku), D(qty))],
            )  # fmt: skip
        elif kind == "adjust" and have >= qty:
            shop.desk.adjust(
                shop.manager, AdjustReason.SAMPLE, [StockLine(shop.product(sku), D(qty))]
            )
        elif kind == "count":
            count = shop.desk.start_count(shop.labels, sku)
            shop.desk.count(shop.labels, count.document_id, sku, max(have - qty + 3, D(0)),
                            add=False)  # fmt: skip
            shop.desk.post_count(shop.manager, count.document_id)


def check(shop: Shop, ops: list[tuple[str, str, int, int]], split: int) -> None:
    first = shop_day(shop.clock.now())
    run(shop, ops[:split])
    middle = shop_day(shop.clock.now())
    run(shop, ops[split:])
    last = shop_day(shop.clock.now())
    whole = shop.desk.statements(first, last)
    assert {s.producer_code for s in whole} == {"P-BPI", "P-CNB", "P-PWG", "P-UDN"}
    for statement in whole:
        assert statement.reconciles, statement
        for ln in statement.lines:
            assert ln.closing == shop.on_hand(ln.sku), ln
    # consecutive periods join up
    before = {ln.product_id: ln for s in shop.desk.statements(first, middle) for ln in s.lines}
    if middle < last:
        after = shop.desk.statements(middle + timedelta(days=1), last)
        for s in after:
            for ln in s.lines:
                if ln.product_id in before:
                    assert ln.opening == before[ln.product_id].closing
    # the money is the consignment settlement's
    settled = {x.producer_code: x for x in producer_settlements(shop.store.uow, first, last)}
    for s in whole:
        if s.producer_code in settled:
            assert (s.sales, s.commission, s.owed) == (
                settled[s.producer_code].sales,
                settled[s.producer_code].commission,
                settled[s.producer_code].owed,
            )
        else:
            assert s.sales == 0


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=4, max_size=30), split=st.integers(0, 30))
def test_every_producer_statement_reconciles_over_random_movements(
    fresh_database: FreshDatabase, backend: str, ops: list[tuple[str, str, int, int]], split: int
) -> None:
    shop = open_shop(fresh_database(backend, "small", build_small_store))
    try:
        check(shop, ops, min(split, len(ops)))
    finally:
        shop.store.close()


def test_a_quarter_of_trading_reconciles(shop: Shop) -> None:
    ops = [("receive", s, 5, 20) for s in PIECES]
    ops += [(k, s, q, 26) for k in ("sell", "adjust", "return", "count") for s, q in
            zip(PIECES, (1, 2, 3, 1, 2, 3, 1), strict=True)]  # fmt: skip
    ops += [("sell", s, 1, 24 * 7) for s in PIECES for _ in range(3)]
    check(shop, ops, 14)
    silk = next(ln for s in shop.desk.statements(
        shop_day(shop.clock.now()) - timedelta(days=200), shop_day(shop.clock.now()))
        for ln in s.lines if ln.sku == "SILK-001")  # fmt: skip
    assert silk.delivered == 5
    assert silk.sold == 4
    # the catalogue's opening balance, written inside this long period, is its opening stock
    assert (silk.opening, silk.other) == (12, 0)
