"""Reports on the central PostgreSQL: every counter's sales, one counter's, and by counter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pos.app import main
from pos.app.bootstrap import open_report_store
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.services.eod import eod_report
from tests.sync.conftest import Central, Counter

pytestmark = pytest.mark.pg


def test_the_central_report_covers_every_counter_and_each_one(
    central: Central, make_counter: Callable[..., Counter], tmp_path: Path
) -> None:
    a, b = make_counter("เคาน์เตอร์ A"), make_counter("เคาน์เตอร์ B")
    a.sell(12, seed=1)
    b.sell(7, seed=2)
    for c in (a, b):
        c.service.sync_once()
    today = (datetime.now(UTC) + timedelta(hours=7)).date()
    first, last = today - timedelta(days=2), today + timedelta(days=1)
    local = {c.name: eod_report(c.store.uow, first, last=last) for c in (a, b)}
    assert [r.sales_count for r in local.values()] == [12, 7]

    store = open_report_store(central.admin_url, Settings())
    try:
        every = eod_report(store.uow, first, last=last)
        one = eod_report(store.uow, first, last=last, terminal=b.store.terminal.receipt_prefix)
    finally:
        store.close()
    assert every.sales_count == 19
    assert every.total == sum((r.total for r in local.values()), Decimal(0))
    assert {(r.name, r.quantity, r.sales) for r in every.by_counter} == {
        (name, r.sales_count, r.total) for name, r in local.items()
    }
    assert one.counter == f"เคาน์เตอร์ B ({b.store.terminal.receipt_prefix})"
    assert (one.sales_count, one.total, one.vat) == (7, local[b.name].total, local[b.name].vat)
    assert one.by_category == local[b.name].by_category

    out = tmp_path / "central.xlsx"
    args = ["report", "eod", "--db", central.admin_url, "--from", first.isoformat()]
    assert main([*args, "--to", last.isoformat(), "-o", str(out)]) == 0
    wb = load_workbook(out)
    counters = [row for row in wb["Counters"].iter_rows(min_row=2, values_only=True)]
    assert sorted(name for _, name, *_ in counters) == ["เคาน์เตอร์ A", "เคาน์เตอร์ B"]


def test_the_central_report_splits_the_counters_from_the_web_shop(
    central: Central, make_counter: Callable[..., Counter]
) -> None:
    """The web shop sells as a terminal of channel "web" on the central database: its sales
    are the web's row of the central report (made a web terminal here after its sales
    synced), and the rows add up to the report's totals."""
    a, web = make_counter("เคาน์เตอร์ A"), make_counter("ร้านออนไลน์")
    a.sell(9, seed=3)
    web.sell(4, seed=4)
    for c in (a, web):
        c.service.sync_once()
    today = (datetime.now(UTC) + timedelta(hours=7)).date()
    first, last = today - timedelta(days=2), today
    local = {c.name: eod_report(c.store.uow, first, last=last) for c in (a, web)}
    store = open_report_store(central.admin_url, Settings())
    try:
        before = eod_report(store.uow, first, last=last)
        assert [(c.key, c.receipts) for c in before.by_channel] == [("counter", 13)]
        central.execute(
            "UPDATE terminals SET channel = 'web' WHERE id = :id",
            id=web.store.terminal.terminal_id,
        )
        report = eod_report(store.uow, first, last=last)
    finally:
        store.close()
    rows = {c.key: c for c in report.by_channel}
    assert list(rows) == ["counter", "web"]
    for key, name in (("counter", a.name), ("web", web.name)):
        assert (rows[key].receipts, rows[key].sales, rows[key].vat) == (
            local[name].sales_count, local[name].total, local[name].vat
        )  # fmt: skip
    assert sum((c.sales for c in report.by_channel), Decimal(0)) == report.total == before.total


def test_the_counter_role_may_not_read_the_central_sales(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The counter role only inserts sales: a report through it says so in both languages."""
    store = open_report_store(central.counter_url, Settings())
    try:
        with pytest.raises(ShopError) as denied:
            eod_report(store.uow, datetime.now(UTC).date())
    finally:
        store.close()
    assert "back office" in denied.value.message_en
    assert "สิทธิ์" in denied.value.message_th
    out = tmp_path / "no.pdf"
    assert main(["report", "eod", "--db", central.counter_url, "-o", str(out)]) == 2
    assert "ไม่มีสิทธิ์อ่านยอดขาย" in capsys.readouterr().err
    assert not out.exists()
