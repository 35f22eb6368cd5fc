"""Producer statements for every producer over a year of 1,000,000 sale lines, beside plain SQL.

Run: .venv/bin/python -m bench.bench_statements [--lines 1000000] [--runs 5]

The sales of bench_reports (3 counters, 3,000 products of 300 producers, 1-6 lines a sale) are
bulk-inserted into a freshly migrated SQLite file and PostgreSQL database, each sale line with
its stock movement, every product with an opening balance on 31 December 2025 and a delivery
from its producer on the first of each month of 2026 (one numbered document a producer and
month, 36,000 delivery lines).

Timed, interleaved run by run on each backend: pos.services.stock.producer_statements for the
whole of 2026, all 300 producers in one batch, against the floor: the same three aggregates
(movements by product and reason before and inside the period, sales and refunds by product
and commission rate) as hand-written SQL through the bare driver (sqlite3 / psycopg) in the
same process, rows added up into Python numbers.
Target: statements p50 <= 2 s and <= 2x the floor's p50.

The statements read closed months' movements from `stock_month_summaries` (migration 0015):
the first, uncounted run summarises Dec 2025 - Nov 2026 (its time is a note); the timed runs
read twelve months' summaries and the open month's movements. The floor stays the plain
aggregate over every movement and sale line, the cost without summaries.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: python bench/bench_statements.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_reports import Catalogue, _bounds, _load_note, load_pg, load_sqlite
from bench.common import ROOT, Report, bench_args, finish, machine, percentile, write_doc_section

DOC = ROOT / "docs" / "BENCHMARKS.md"
TARGET_S = 2.0
TARGET_RATIO = 2.0
FIRST, LAST = date(2026, 1, 1), date(2026, 12, 31)


def _moves_sql(pg: bool) -> list[str]:
    """Each sale line's movement, opening balances, a delivery a producer and month."""
    new_id = (
        "md5(random()::text || clock_timestamp()::text)" if pg else "lower(hex(randomblob(16)))"
    )
    opening = "'2025-12-31 00:00:00+00'" if pg else "'2025-12-31 00:00:00.000000'"
    month_day = (
        "make_timestamptz(2026, m, 1, 2, 0, 0, 'UTC')" if pg
        else "printf('2026-%02d-01 02:00:00.000000', m)"
    )  # fmt: skip
    months = (
        "generate_series(1, 12) AS m" if pg
        else "(WITH RECURSIVE g(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM g WHERE m < 12) "
        "SELECT m FROM g)"
    )  # fmt: skip
    terminal = "(SELECT id FROM terminals LIMIT 1)"
    doc_id = "md5(pr.id || '-' || m::text)" if pg else "lower(hex(randomblob(16)))"
    doc_date = "make_date(2026, m, 1)" if pg else "printf('2026-%02d-01', m)"
    number = (
        "'KK01-GR-' || lpad((row_number() OVER ())::text, 6, '0')" if pg
        else "'KK01-GR-' || printf('%06d', row_number() OVER ())"
    )  # fmt: skip
    return [
        "INSERT INTO stock_movements (id, product_id, terminal_id, quantity, reason, sale_id, "
        "note, created_at) SELECT " + new_id + ", l.product_id, s.terminal_id, -l.quantity, "
        "'sale', s.id, '', s.sold_at FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
        "WHERE s.status = 'completed'",
        "INSERT INTO stock_movements (id, product_id, terminal_id, quantity, reason, note, "
        f"created_at) SELECT {new_id}, id, NULL, 1000, 'opening', '', {opening} FROM products",
        "INSERT INTO stock_documents (id, terminal_id, kind, seq, number, producer_id, "
        "reference, doc_date, reason, note, scope, status, created_by, created_name, "
        "approved_name, created_at, posted_at) "
        f"SELECT {doc_id}, {terminal}, 'delivery', row_number() OVER (), {number}, "
        f"pr.id, '', {doc_date}, '', '', "
        f"'', 'posted', 'bench', 'bench', '', {month_day}, {month_day} "
        f"FROM producers pr, {months}",
        "INSERT INTO stock_document_lines (document_id, product_id, line_no, quantity) "
        "SELECT d.id, p.id, row_number() OVER (PARTITION BY d.id), 100 FROM stock_documents d "
        "JOIN products p ON p.producer_id = d.producer_id",
        "INSERT INTO stock_movements (id, product_id, terminal_id, quantity, reason, note, "
        f"created_at, document_id) SELECT {new_id}, l.product_id, d.terminal_id, l.quantity, "
        "'receive', d.number, d.posted_at, d.id FROM stock_document_lines l "
        "JOIN stock_documents d ON d.id = l.document_id",
    ]


FLOOR = (
    "SELECT product_id, reason, sum(CASE WHEN created_at < {s} THEN quantity ELSE 0 END), "
    "sum(CASE WHEN created_at >= {s} AND created_at < {e} THEN quantity ELSE 0 END) "
    "FROM stock_movements WHERE created_at < {e} GROUP BY product_id, reason",
    "SELECT l.product_id, l.commission_pct, sum(l.total) FROM sale_lines l "
    "JOIN sales s ON s.id = l.sale_id WHERE s.sold_at >= {s} AND s.sold_at < {e} "
    "AND s.status = 'completed' GROUP BY l.product_id, l.commission_pct",
    "SELECT l.product_id, l.commission_pct, sum(r.amount) FROM refund_lines r "
    "JOIN refunds f ON f.id = r.refund_id JOIN sale_lines l ON l.id = r.sale_line_id "
    "WHERE f.refunded_at >= {s} AND f.refunded_at < {e} GROUP BY l.product_id, l.commission_pct",
)


def floor(cur: Any, pg: bool) -> float:
    """The statements' figures by hand: the grand closing quantity and sales, added up."""
    start, end = _bounds(pg, FIRST, LAST)
    mark = "%s" if pg else "?"
    total = 0.0
    for n, sql in enumerate(FLOOR):
        params = (start, start, end, end) if n == 0 else (start, end)
        cur.execute(sql.format(s=mark, e=mark), params)
        for row in cur.fetchall():
            total += float(row[2] or 0) + (float(row[3] or 0) if n == 0 else 0.0)
    return total


def add_stock(run: Callable[[str], None], pg: bool) -> None:
    for sql in _moves_sql(pg):
        run(sql)


def measure(
    label: str, url: str, pg: bool, runs: int, connect: Callable[[], Any], notes: list[str]
) -> tuple[list[str], tuple[str, float, float]]:
    from pos.app.bootstrap import open_report_store
    from pos.domain.settings import Settings
    from pos.services.stock import producer_statements

    store = open_report_store(url, Settings())
    raw = connect()
    cur = raw.cursor()
    app_s: list[float] = []
    raw_s: list[float] = []
    statements: list[Any] = []
    try:
        for i in range(runs + 1):  # the first run of each warms the caches, not counted
            for side in ("app", "raw") if i % 2 == 0 else ("raw", "app"):
                t0 = time.perf_counter()
                if side == "app":
                    statements = producer_statements(store.stock, FIRST, LAST)
                else:
                    floor(cur, pg)
                took = time.perf_counter() - t0
                if i:
                    (app_s if side == "app" else raw_s).append(took)
                elif side == "app":
                    cur.execute("SELECT count(*) FROM stock_months")
                    months = cur.fetchone()[0]
                    notes.append(f"{label}: the first statement batch, which summarised "
                                 f"{months} closed months, took {took:.3f} s")  # fmt: skip
                    print(notes[-1], flush=True)
    finally:
        cur.close()
        raw.close()
        store.close()
    assert len(statements) == 300, len(statements)
    assert all(s.reconciles for s in statements), "every statement adds up"
    lines = sum(len(s.lines) for s in statements)
    sales = sum((s.sales for s in statements), start=0)
    app50, raw50 = percentile(app_s, 50), percentile(raw_s, 50)
    row = [label, f"{len(statements)}", f"{lines:,}", f"{sales:,.2f}", f"{app50:.3f}",
           f"{raw50:.3f}", f"{app50 / raw50:.2f}x", f"{max(app_s):.3f}"]  # fmt: skip
    return row, (label, app50, raw50)


def main() -> int:
    no_doc = "--no-doc" in sys.argv
    if no_doc:
        sys.argv.remove("--no-doc")
    args = bench_args(__doc__.splitlines()[0], lines=1_000_000, runs=5)
    load_before = os.getloadavg()
    cat = Catalogue(random.Random(args.seed))
    rows: list[list[str]] = []
    results: list[tuple[str, float, float]] = []
    notes: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="otop-bench-statements-"))
    try:
        db = tmp / "year.sqlite3"
        t0 = time.perf_counter()
        load_sqlite(db, cat, args.lines, args.seed)
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("BEGIN")
        add_stock(con.execute, pg=False)
        con.execute("COMMIT")
        con.execute("ANALYZE")
        con.close()
        notes.append(f"SQLite: {args.lines:,} lines and their movements loaded in "
                     f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
        print(notes[-1], flush=True)
        row, res = measure("SQLite", str(db), False, args.runs,
                           lambda: sqlite3.connect(db, isolation_level=None), notes)  # fmt: skip
        rows.append(row)
        results.append(res)

        import psycopg

        from bench.bench_sync import Server
        from tests.helpers.pg import admin_conninfo

        server = Server()
        try:
            url = server.database("bench_statements")
            t0 = time.perf_counter()
            load_pg(url, cat, args.lines, args.seed)
            with psycopg.connect(admin_conninfo(url), autocommit=True) as pgc:
                with pgc.transaction():
                    add_stock(lambda sql: pgc.execute(sql), pg=True)  # type: ignore[arg-type]
                pgc.execute("ANALYZE")
            notes.append(f"PostgreSQL ({server.kind}): {args.lines:,} lines and their movements "
                         f"loaded in {time.perf_counter() - t0:.1f} s")  # fmt: skip
            print(notes[-1], flush=True)
            row, res = measure(
                "PostgreSQL", url, True, args.runs,
                lambda: psycopg.connect(admin_conninfo(url), autocommit=True), notes,
            )  # fmt: skip
            rows.append(row)
            results.append(res)
            server.drop("bench_statements")
        finally:
            server.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    failed = [n for n, app, raw in results if app > TARGET_S or app > TARGET_RATIO * raw]
    worst = max(results, key=lambda r: r[1] / r[2])
    report = Report(
        name="statements",
        title=f"Producer statements, 300 producers over a year, {args.lines:,} sale lines",
        columns=[
            "",
            "producers",
            "product lines",
            "sales baht",
            "statements p50 s",
            "floor p50 s",
            "ratio",
            "statements max s",
        ],
        rows=rows,
        floor=(
            "the statements' three aggregates (movements by product and reason before and in "
            "the period; sales and refunds by product and commission rate) as hand-written SQL "
            "through the bare driver in the same process, rows added up in Python; interleaved"
        ),
        target=f"statements p50 <= {TARGET_S:g} s and <= {TARGET_RATIO:g}x the floor's p50",
        passed=not failed,
        verdict=f"worst ratio {worst[0]} {worst[1] / worst[2]:.2f}x ({worst[1]:.3f} s)"
        + (f"; over target: {', '.join(failed)}" if failed else ""),
        notes=[*notes, _load_note(load_before)],
    )
    code = finish(report, args)
    if not no_doc:
        write_doc_section(DOC, "bench_statements", _doc(report))
    return code


def _doc(report: Report) -> str:
    mach = machine()
    return "\n".join([
        f"## {report.title}",
        "",
        f"- **date**: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- **command**: `{report.command}`",
        f"- **machine**: {', '.join(f'{k} {v}' for k, v in mach.items())}",
        *(f"- {note}" for note in report.notes),
        "",
        report.table(),
        "",
        f"- floor: {report.floor}",
        f"- target: {report.target}",
        f"- **{'PASS' if report.passed else 'FAIL'}**: {report.verdict}",
    ])  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
