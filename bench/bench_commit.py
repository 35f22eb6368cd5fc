"""Durable commit of a paid sale: Checkout.complete beside raw sqlite3 writing the same rows.

Run: .venv/bin/python -m bench.bench_commit [--sales 500]

Both sides write to their own copy of the 100,000-product store (WAL, synchronous=FULL,
foreign keys on), interleaved sale by sale so that both see the same disk. Per sale of 3-5
lines the floor writes what Checkout.complete writes: the receipt-sequence update, one sale,
its lines, one payment, one stock movement per line, one outbox row with the sale as JSON and
the journal's hash-chain link, in one BEGIN IMMEDIATE ... COMMIT.
Target: complete() p99 <= 2x the floor's p99.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/bench_commit.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    LATENCY_COLUMNS,
    Report,
    bench_args,
    catalogue,
    finish,
    ms,
    percentile,
    summary_row,
    working_copy,
)
from pos.domain.cart import Cart, ProductInfo
from pos.domain.payment import cash_tender

TARGET_RATIO = 2.0
WARMUP = 20


def _raw_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None, timeout=30)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA busy_timeout=30000")
    return con


def _f(d: Decimal) -> float:
    return float(d)  # what the SQLAlchemy Numeric type binds on SQLite


def _raw_sale(con: sqlite3.Connection, terminal_id: str, cart: Cart) -> tuple[float, float]:
    """Write the rows complete() writes; returns (whole sale, COMMIT alone) in seconds."""
    started = time.perf_counter()
    totals = cart.totals()
    sale_id = str(uuid.uuid4())
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    con.execute("BEGIN IMMEDIATE")
    (next_no,) = con.execute(
        "UPDATE receipt_sequences SET next_no = next_no + 1 "
        "WHERE terminal_id = ? AND series = 'sale' RETURNING next_no",
        (terminal_id,),
    ).fetchone()
    seq = next_no - 1
    receipt_no = f"RAW-{seq:08d}"
    con.execute(
        "INSERT INTO sales (id, terminal_id, seq, receipt_no, status, sold_at, cashier_id, "
        "cashier_name, subtotal, discount_total, sale_discount, sale_discount_reason, total, "
        "vatable, exempt, vat, vat_rate, paid, change) "
        "VALUES (?, ?, ?, ?, 'completed', ?, NULL, '', ?, 0, 0, '', ?, ?, ?, ?, ?, ?, 0)",
        (
            sale_id,
            terminal_id,
            seq,
            receipt_no,
            now,
            _f(totals.subtotal),
            _f(totals.total),
            _f(totals.vatable),
            _f(totals.exempt),
            _f(totals.vat),
            _f(cart.vat_rate),
            _f(totals.total),
        ),
    )
    pay_id = str(uuid.uuid4())
    con.execute(
        "INSERT INTO payments (id, sale_id, seq, kind, amount, tendered, reference) "
        "VALUES (?, ?, 1, 'cash', ?, ?, '')",
        (pay_id, sale_id, _f(totals.total), _f(totals.total)),
    )
    line_rows = []
    for no, a in enumerate(totals.lines, start=1):
        p = a.line.product
        line_rows.append(
            (
                str(uuid.uuid4()),
                sale_id,
                no,
                p.product_id,
                p.sku,
                None,
                p.name_th,
                p.name_en,
                p.category,
                None,
                _f(a.line.quantity),
                _f(a.line.unit_price),
                _f(a.gross),
                0.0,
                "",
                0.0,
                _f(a.total),
                p.vat_exempt,
                _f(a.vat),
                20.0,
            )
        )
    con.executemany(
        "INSERT INTO sale_lines (id, sale_id, line_no, product_id, sku, barcode, name_th, "
        "name_en, category_code, producer_id, quantity, unit_price, gross, line_discount, "
        "line_discount_reason, sale_discount, total, vat_exempt, vat, commission_pct) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        line_rows,
    )
    con.executemany(
        "INSERT INTO stock_movements (id, product_id, terminal_id, quantity, reason, sale_id, "
        "note, created_at) VALUES (?, ?, ?, ?, 'sale', ?, '', ?)",
        [(str(uuid.uuid4()), r[3], terminal_id, -r[10], sale_id, now) for r in line_rows],
    )
    payload = {
        "id": sale_id,
        "terminal_id": terminal_id,
        "seq": seq,
        "receipt_no": receipt_no,
        "sold_at": now,
        "total": str(totals.total),
        "vat": str(totals.vat),
        "lines": [
            {
                "id": r[0],
                "line_no": r[2],
                "product_id": r[3],
                "sku": r[4],
                "quantity": str(r[10]),
                "unit_price": str(r[11]),
                "total": str(r[16]),
                "vat": str(r[18]),
            }
            for r in line_rows
        ],
        "payments": [{"id": pay_id, "seq": 1, "kind": "cash", "amount": str(totals.total)}],
    }
    con.execute(
        "INSERT INTO outbox (event_id, kind, aggregate_id, payload, created_at, sent_at) "
        "VALUES (?, 'sale.completed', ?, ?, ?, NULL)",
        (str(uuid.uuid4()), sale_id, json.dumps(payload), now),
    )
    # the journal's link: its own sequence number, the previous hash, SHA-256 over both
    (jn,) = con.execute(
        "INSERT INTO receipt_sequences (terminal_id, series, next_no) VALUES (?, 'journal', 2) "
        "ON CONFLICT (terminal_id, series) DO UPDATE SET next_no = next_no + 1 "
        "RETURNING next_no",
        (terminal_id,),
    ).fetchone()
    prev = con.execute(
        "SELECT hash FROM journal_entries WHERE terminal_id = ? AND seq = ?",
        (terminal_id, jn - 2),
    ).fetchone()
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(((prev[0] if prev else "0" * 64) + body).encode()).hexdigest()
    con.execute(
        "INSERT INTO journal_entries (id, terminal_id, seq, kind, ref_id, ref_no, recorded_at, "
        "prev_hash, hash) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?)",
        (str(uuid.uuid4()), terminal_id, jn - 1, sale_id, receipt_no, now,
         prev[0] if prev else "0" * 64, digest),
    )
    before_commit = time.perf_counter()
    con.execute("COMMIT")
    done = time.perf_counter()
    return done - started, done - before_commit


def main() -> int:
    args = bench_args(__doc__.splitlines()[0], sales=500)
    from pos.app.bootstrap import open_store
    from pos.domain.settings import Settings
    from pos.ports.clock import SystemClock
    from pos.services.demo import demo_cashier

    cat = catalogue(args.products)
    print(cat.describe())
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="otop-bench-commit-") as tmp:
        app_db = working_copy(cat, Path(tmp) / "app")
        raw_db = working_copy(cat, Path(tmp) / "raw")
        store = open_store(str(app_db), Settings())
        checkout = store.checkout()
        actor = demo_cashier(store.uow, store.settings, store.terminal, SystemClock())
        with store.uow() as read:
            ids = [row.product_id for row in read.catalog.iter_search_rows()]
        raw = _raw_connection(raw_db)
        try:
            total = WARMUP + args.sales
            with store.uow() as read:
                picks = [rng.sample(ids, rng.randint(3, 5)) for _ in range(total)]
                wanted = {pid for pick in picks for pid in pick}
                products: dict[str, ProductInfo] = {
                    p.product_id: p for p in read.catalog.products_by_ids(wanted)
                }
            app_s: list[float] = []
            raw_s: list[float] = []
            raw_commit_s: list[float] = []
            for i, pick in enumerate(picks):
                cart = checkout.new_cart()
                for pid in pick:
                    cart.add(products[pid], Decimal(rng.choice((1, 1, 2, 3))))
                due = cart.totals().total
                tenders = [cash_tender(due, due)]
                # alternate who goes first: neither side always follows the other's fsync
                order = ("app", "raw") if i % 2 == 0 else ("raw", "app")
                for side in order:
                    if side == "app":
                        t0 = time.perf_counter()
                        checkout.complete(cart, tenders, actor=actor)
                        took = time.perf_counter() - t0
                        if i >= WARMUP:
                            app_s.append(took)
                    else:
                        took, commit = _raw_sale(raw, store.terminal.terminal_id, cart)
                        if i >= WARMUP:
                            raw_s.append(took)
                            raw_commit_s.append(commit)
            with store.uow() as read:
                assert read.sales.count() == total, "every benchmarked sale is in the database"
        finally:
            raw.close()
            store.close()

    app99, raw99 = percentile(app_s, 99), percentile(raw_s, 99)
    ratio = app99 / raw99
    return finish(
        Report(
            name="commit",
            title=f"Durable sale commit, 3-5 lines, {args.sales} sales, {cat.products:,} products",
            columns=LATENCY_COLUMNS,
            rows=[
                summary_row("Checkout.complete (SQLAlchemy)", app_s),
                summary_row("floor: raw sqlite3, same rows", raw_s),
                summary_row("  of which COMMIT (fsync)", raw_commit_s),
            ],
            floor=(
                "raw sqlite3: the same rows into the same tables of a copy of the same store, "
                "same pragmas (WAL, synchronous=FULL, foreign_keys), BEGIN IMMEDIATE..COMMIT, "
                "interleaved with the app's sales"
            ),
            target=f"Checkout.complete p99 <= {TARGET_RATIO:g}x the floor's p99",
            passed=ratio <= TARGET_RATIO,
            verdict=f"p99 {ms(app99)} ms vs floor {ms(raw99)} ms = {ratio:.2f}x "
            f"(p50 {percentile(app_s, 50) / percentile(raw_s, 50):.2f}x)",
            notes=[cat.describe()],
        ),
        args,
    )


if __name__ == "__main__":
    sys.exit(main())
