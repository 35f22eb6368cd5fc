"""Closed days' summaries (report_days): a report read from them equals the report grouped from
the sales, and a late sale or a void in a summarised day is counted (SQLite and PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, inspect, select, update
from sqlalchemy.engine import make_url

from bench.bench_reports import Catalogue, load_pg, load_sqlite
from db import models as m
from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.domain.eod import EodReport
from pos.domain.shop_time import BANGKOK, day_bounds, period_bounds
from pos.services.eod import eod_report
from tests.helpers.templates import FreshDatabase

FIRST, LAST = date(2026, 9, 1), date(2026, 9, 30)  # the generated, closed month
LINES = 3_000


@dataclass
class Month:
    uow: SqlUnitOfWorkFactory
    engine: Engine


def build_month(url: str) -> None:
    cat = Catalogue(random.Random(7))
    if url.startswith("sqlite"):
        path = make_url(url).database
        assert path
        load_sqlite(Path(path), cat, LINES, 7)
    else:
        load_pg(url, cat, LINES, 7)


def _month(url: str) -> Iterator[Month]:
    engine = make_engine(url)
    yield Month(SqlUnitOfWorkFactory(engine), engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def month(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> Iterator[Month]:
    """A generated month of sales (3 counters, baskets, discounts, voids) bulk-loaded (a copy
    of the session's loaded month)."""
    yield from _month(fresh_database(str(request.param), "month", build_month))


@pytest.fixture
def sqlite_month_url(fresh_database: FreshDatabase) -> str:
    return fresh_database("sqlite", "month", build_month)


@pytest.fixture
def sqlite_month(sqlite_month_url: str) -> Iterator[Month]:
    yield from _month(sqlite_month_url)


def report(
    month: Month, first: date, last: date, ids: list[str] | None = None, *, cached: bool = True
) -> EodReport:
    """The repository's report of the days, committed as the service commits it."""
    start, end = period_bounds(first, last)
    with month.uow() as read:
        out = read.reports.eod(start, end, 10, ids, cached=cached)
        read.commit()
    return out


def kept_days(month: Month) -> list[tuple[str, str]]:
    with month.uow() as read:
        rows = read.session.execute(select(m.ReportDay.day, m.ReportDay.scope)).all()
    return sorted((str(d), str(t)) for d, t in rows)


def day_keys(month: Month, first: date, last: date) -> list[tuple[str, str]]:
    """(Bangkok day, counter) of every sale in the days, from the sales themselves."""
    start, end = period_bounds(first, last)
    with month.uow() as read:
        rows = read.session.execute(
            select(m.Sale.sold_at, m.Sale.terminal_id).where(
                m.Sale.sold_at >= start, m.Sale.sold_at < end
            )
        ).all()
    return sorted({(at.astimezone(BANGKOK).date().isoformat(), str(t)) for at, t in rows})


class Statements:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seen: list[str] = []

    def __enter__(self) -> list[str]:
        event.listen(self.engine, "before_cursor_execute", self._see)
        return self.seen

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._see)

    def _see(self, _conn: Any, _cur: Any, statement: str, *_: Any) -> None:
        self.seen.append(statement)


def copy_sale(month: Month, day: date, at: datetime | None = None) -> m.Sale:
    """A completed sale of `day` without a basket sent again as a new sale (a late sale from
    an offline counter), sold at `at` (None: the same moment)."""
    start, end = day_bounds(day)
    with month.uow(write=True) as w:
        s = w.session
        has_basket = select(m.SaleBasket.sale_id).where(m.SaleBasket.sale_id == m.Sale.id)
        old = s.scalars(
            select(m.Sale)
            .where(m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed")
            .where(~has_basket.exists())
            .order_by(m.Sale.receipt_no)
            .limit(1)
        ).one()
        seq = s.scalar(select(func.max(m.Sale.seq)).where(m.Sale.terminal_id == old.terminal_id))
        new = m.Sale(
            **{a.key: getattr(old, a.key) for a in inspect(m.Sale).column_attrs},
        )
        new.id = m.new_id()
        new.seq = int(seq or 0) + 1
        new.receipt_no = f"LATE-{new.seq}"
        new.sold_at = at or old.sold_at
        s.add(new)
        s.flush()
        for kind in (m.SaleLine, m.Payment):
            for row in s.scalars(select(kind).where(kind.sale_id == old.id)):
                fields = {a.key: getattr(row, a.key) for a in inspect(kind).column_attrs}
                fields.update(id=m.new_id(), sale_id=new.id)
                s.add(kind(**fields))
        w.commit()
        s.expunge(new)
        return new


def test_a_month_from_closed_days_equals_the_month_from_the_sales(month: Month) -> None:
    plain = report(month, FIRST, LAST, cached=False)
    assert plain.sales_count > 500
    assert plain.voided > 0
    assert plain.baskets
    assert kept_days(month) == []  # grouped from the sales only
    with month.uow() as read:
        one = read.reports.terminals()[0][0]
    plain_terminal = report(month, FIRST, LAST, [one], cached=False)
    assert 0 < plain_terminal.sales_count < plain.sales_count

    # one counter: its days are kept (scope: the counter)
    assert report(month, FIRST, LAST, [one]) == plain_terminal
    keys = day_keys(month, FIRST, LAST)
    per_counter = [k for k in keys if k[1] == one]
    assert kept_days(month) == per_counter
    # all counters: one summary a day (scope "*")
    assert report(month, FIRST, LAST) == plain
    every_day = sorted({(d, "*") for d, _t in keys})
    assert kept_days(month) == sorted(per_counter + every_day)
    # two counters: the kept one's days from report_days, the other's from the sales
    two = [one, keys[0][1] if keys[0][1] != one else keys[1][1]]
    assert report(month, FIRST, LAST, two) == report(month, FIRST, LAST, two, cached=False)
    assert kept_days(month) == sorted([k for k in keys if k[1] in two] + every_day)

    with Statements(month.engine) as seen:
        warm = report(month, FIRST, LAST)
    assert warm == plain
    assert not any("sale_lines" in s for s in seen), "a warm month reads no sale line"
    assert report(month, FIRST, LAST, [one]) == plain_terminal
    week = (date(2026, 9, 7), date(2026, 9, 13))
    assert report(month, *week) == report(month, *week, cached=False)
    assert report(month, FIRST, FIRST) == report(month, FIRST, FIRST, cached=False)
    # the service's report (refunds and approvals added) reads the same figures
    service = eod_report(month.uow, FIRST, last=LAST)
    assert service == replace(plain, refunds=service.refunds, approvals=service.approvals)


def test_a_late_sale_in_a_summarised_day_is_counted(month: Month) -> None:
    before = report(month, FIRST, LAST)  # every day summarised
    assert kept_days(month)
    day = date(2026, 9, 12)
    late = copy_sale(month, day)
    after = report(month, FIRST, LAST)
    assert after.sales_count == before.sales_count + 1
    assert after.total == before.total + late.total
    assert after == report(month, FIRST, LAST, cached=False)
    assert report(month, day, day) == report(month, day, day, cached=False)
    assert report(month, day, day, [late.terminal_id]) == report(
        month, day, day, [late.terminal_id], cached=False
    )


def test_a_void_in_a_summarised_day_is_counted(month: Month) -> None:
    before = report(month, FIRST, LAST)
    day = date(2026, 9, 20)
    start, end = day_bounds(day)
    with month.uow(write=True) as w:
        sale = w.session.scalars(
            select(m.Sale)
            .where(m.Sale.sold_at >= start, m.Sale.sold_at < end, m.Sale.status == "completed")
            .order_by(m.Sale.receipt_no)
            .limit(1)
        ).one()
        total = sale.total
        w.session.execute(update(m.Sale).where(m.Sale.id == sale.id).values(status="voided"))
        w.commit()
    after = report(month, FIRST, LAST)
    assert (after.sales_count, after.voided) == (before.sales_count - 1, before.voided + 1)
    assert after.total == before.total - total
    assert after == report(month, FIRST, LAST, cached=False)


def test_today_is_grouped_from_the_sales_and_never_kept(month: Month) -> None:
    at = datetime.now(UTC) - timedelta(seconds=1)
    today = at.astimezone(BANGKOK).date()
    first = copy_sale(month, date(2026, 9, 3), at)
    one = report(month, today, today)
    assert (one.sales_count, one.total) == (1, first.total)
    assert today.isoformat() not in {d for d, _t in kept_days(month)}
    copy_sale(month, date(2026, 9, 4), at)
    assert report(month, today, today).sales_count == 2


def test_a_store_that_may_not_be_written_still_reports(
    sqlite_month: Month, sqlite_month_url: str
) -> None:
    """A SQLite file opened read-only: the report is computed, nothing is kept."""
    month = sqlite_month
    path = make_url(sqlite_month_url).database
    plain = report(month, FIRST, LAST, cached=False)
    month.engine.dispose()
    readonly = make_engine(f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true")
    try:
        got = report(Month(SqlUnitOfWorkFactory(readonly), readonly), FIRST, LAST)
    finally:
        readonly.dispose()
    assert got == plain
    assert kept_days(month) == []


def test_a_statement_the_store_refuses_is_logged_and_the_report_goes_on(
    sqlite_month: Month, caplog: pytest.LogCaptureFixture
) -> None:
    """Keeping the closed days fails with a programming error (a bug, not the shop's fault):
    the report is still computed, nothing is kept, and the bug is logged with its traceback."""
    from sqlalchemy.exc import ProgrammingError

    month = sqlite_month
    plain = report(month, FIRST, LAST, cached=False)

    def refuse(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO REPORT_DAYS"):
            raise ProgrammingError(statement, None, Exception("syntax error at or near days"))

    event.listen(month.engine, "before_cursor_execute", refuse)
    try:
        with caplog.at_level("ERROR", logger="db.report_repository"):
            got = report(month, FIRST, LAST)
    finally:
        event.remove(month.engine, "before_cursor_execute", refuse)
    assert got == plain
    assert kept_days(month) == []
    (record,) = [r for r in caplog.records if r.name == "db.report_repository"]
    assert "report_days" in record.getMessage()
    assert record.exc_info is not None
    assert "syntax error" in str(record.exc_info[1])
