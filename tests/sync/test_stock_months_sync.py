"""A delivery a counter keyed in for a month central has already summarised reaches central's
month summary exactly once, through a cut connection and a second sending."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.app.bootstrap import open_report_store
from pos.domain.errors import CentralUnavailable
from pos.domain.settings import Settings
from pos.domain.shop_time import day_bounds
from pos.domain.stock import StockLine
from pos.services.stock import StockDesk, producer_statements
from tests.sync.conftest import Central
from tests.sync.test_stock_sync import MANAGER, Clock

pytestmark = pytest.mark.pg
D = Decimal


def summary(central: Central, month: str) -> tuple[int, int]:
    row = central.scalar(
        "SELECT coalesce(sum(quantity_milli), 0) || '/' || coalesce(sum(moves), 0) "
        "FROM stock_month_summaries WHERE month = :m",
        m=month,
    )
    milli, moves = str(row).split("/")
    return int(milli), int(moves)


def movements(central: Central, first: datetime, after: datetime) -> tuple[int, int]:
    row = central.scalar(
        "SELECT coalesce(round(sum(quantity) * 1000), 0) || '/' || count(*) "
        "FROM stock_movements WHERE created_at >= :a AND created_at < :b",
        a=first,
        b=after,
    )
    milli, moves = str(row).split("/")
    return int(milli), int(moves)


def test_a_late_delivery_reaches_centrals_closed_month_once(
    central: Central, make_counter, proxy
) -> None:
    p, url = proxy
    a = make_counter("Counter 2", url=url)
    october = date(datetime.now(UTC).year - 1, 10, 1)  # long over by the wall clock
    first, after = day_bounds(october)[0], day_bounds(date(october.year, 11, 1))[0]
    clock = Clock()
    clock.current = day_bounds(october.replace(day=10))[0]
    on_a = StockDesk(a.store.uow, a.store.settings, a.store.terminal, clock)
    silk = on_a.find_product("SILK-001")
    on_a.receive(MANAGER, "P-CNB", [StockLine(silk.product_id, D(4))], reference="DN-8")
    a.service.sync_once()
    store = open_report_store(central.admin_url, Settings())
    try:
        # central's first statement after October summarises it (with the first delivery)
        before = producer_statements(store.stock, october, date(october.year, 10, 31), "P-CNB")
        assert central.scalar("SELECT count(*) FROM stock_months WHERE month = :m",
                              m=f"{october:%Y-%m}") == 1  # fmt: skip
        assert summary(central, f"{october:%Y-%m}") == movements(central, first, after)
        assert summary(central, f"{october:%Y-%m}")[1] >= 1

        # a second delivery keyed in for October later, sent through a cut connection
        clock.current = day_bounds(october.replace(day=20))[0]
        on_a.receive(MANAGER, "P-CNB", [StockLine(silk.product_id, D(10))], reference="DN-9")
        p.cut_after = 1_000
        with pytest.raises(CentralUnavailable):
            a.service.sync_once()
        p.cut_after = None
        a.service.sync_once()
        with a.store.engine.begin() as conn:  # sent again, as after a lost acknowledgement
            conn.execute(text("UPDATE outbox SET sent_at = NULL"))
        a.service.sync_once()
        assert a.service.status().pending == 0

        assert summary(central, f"{october:%Y-%m}") == movements(central, first, after)
        after_sync = producer_statements(store.stock, october, date(october.year, 10, 31), "P-CNB")
        old = {ln.sku: ln.delivered for ln in before[0].lines}
        new = {ln.sku: ln.delivered for ln in after_sync[0].lines}
        assert new["SILK-001"] == old.get("SILK-001", 0) + 10
        assert after_sync[0].reconciles
    finally:
        store.close()
    # the counter role wrote into the summary through the trigger, and may not touch it
    privileges = [
        central.scalar(
            f"SELECT has_table_privilege('otop_counter', 'stock_month_summaries', '{x}')"
        )
        for x in ("INSERT", "SELECT", "UPDATE", "DELETE")
    ]
    assert privileges == [False, False, False, False]
