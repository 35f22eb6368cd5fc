"""Central sync: push 100,000 sales beside a raw COPY of the same rows; pull a 100,000 catalogue.

Run: .venv/bin/python -m bench.bench_sync [--sales 100000] [--products 100000] [--no-doc]

PostgreSQL: $POS_TEST_PG_URL (a server where this user may CREATE DATABASE), else a private
pgserver instance started (and removed) by the run.

1. A central database (`central init`) gets N products, each with a barcode, an opening stock
   movement and a producer, written with COPY (the change-log triggers fire per row).
2. Pull: an empty counter (a new SQLite file, registered centrally) pulls the whole catalogue
   and the central stock in one sync round. Target <= 5 s for 100,000 products.
3. The counter gets S synthetic sales (3 lines, 1 payment, 3 stock movements, 1 outbox row
   each) written straight into its SQLite file.
4. Floor: a second central database, copied from the first before any sale, receives the same
   rows by raw COPY streamed from the counter's file (one COPY per table, one transaction).
5. Push: CentralSync.push sends the outbox in batches of 2,000 (COPY to staging + INSERT ...
   ON CONFLICT DO NOTHING + receive log, then the local ack). Target >= 50% of the COPY rate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: python bench/bench_sync.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, machine

DOC = ROOT / "docs" / "BENCHMARKS.md"
START = "<!-- bench_sync: start (written by bench/bench_sync.py) -->"
END = "<!-- bench_sync: end -->"
FACTS = ("sales", "sale_lines", "payments", "stock_movements")
PULL_TARGET_S = 5.0
PUSH_TARGET = 0.5


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sales", type=int, default=100_000)
    p.add_argument("--products", type=int, default=100_000)
    p.add_argument("--batch", type=int, default=2000)
    p.add_argument("--seed", type=int, default=20261127)
    p.add_argument("--no-doc", action="store_true", help="do not write docs/BENCHMARKS.md")
    p.add_argument("--pull-only", action="store_true", help="only the pull part (implies --no-doc)")
    return p.parse_args()


# --- the server ---------------------------------------------------------------------------
class Server:
    def __init__(self) -> None:
        self._dir: Path | None = None
        self._server: Any = None
        url = os.environ.get("POS_TEST_PG_URL")
        if url:
            self.url = url
            self.kind = "POS_TEST_PG_URL"
            return
        import pgserver

        if hasattr(os, "geteuid") and os.geteuid() == 0:
            self._dir = Path(tempfile.mkdtemp(prefix="otop-bench-pg-"))
        else:
            self._dir = Path(tempfile.mkdtemp(prefix="otop-bench-pg-"))
        self._server = pgserver.get_server(self._dir / "pgdata", cleanup_mode="stop")
        self.url = self._server.get_uri()
        self.kind = "pgserver (unix socket)"

    def database(self, name: str, template: str | None = None) -> str:
        import psycopg
        from psycopg import sql

        from tests.helpers.pg import admin_conninfo, database_url

        with psycopg.connect(admin_conninfo(self.url), autocommit=True) as conn:
            q = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                q += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            conn.execute(q)
            self.version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
        return database_url(self.url, name)

    def drop(self, name: str) -> None:
        from tests.helpers.pg import drop_database

        drop_database(self.url, name)

    def close(self) -> None:
        if self._server is not None:
            self._server.cleanup()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)


# --- the central catalogue ----------------------------------------------------------------
def _copy(conn: Any, table: str, cols: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def build_central(url: str, products: int, rng: random.Random) -> list[str]:
    """Init the central database and COPY a catalogue into it; returns the product ids."""
    from sqlalchemy import text

    from db import models as m
    from db.central import CentralShop, init_central
    from db.engine import make_engine

    engine = make_engine(url)
    init_central(engine, CentralShop("KKOTOP", "ศูนย์ OTOP", "OTOP centre", None, "00000", ""))
    now = datetime.now(UTC)
    producer_ids = [str(uuid.uuid4()) for _ in range(500)]
    product_ids = [str(uuid.uuid4()) for _ in range(products)]
    cats = ("food", "beverage", "textile", "souvenir", "herbal")
    with engine.begin() as conn:
        valid = set(conn.execute(text("SELECT code FROM categories")).scalars())
        cats = tuple(c for c in cats if c in valid) or tuple(valid)
        pcols = [c.name for c in m.Producer.__table__.columns]
        _copy(
            conn,
            "producers",
            pcols,
            (
                tuple(
                    {
                        "id": pid,
                        "code": f"P{i:05d}",
                        "name_th": f"กลุ่มผู้ผลิต {i}",
                        "name_en": f"Producer group {i}",
                        "kind": "group",
                        "contact": "",
                        "district_th": "ชนบท",
                        "district_en": "Chonnabot",
                        "province_th": "ขอนแก่น",
                        "province_en": "Khon Kaen",
                        "tax_id": None,
                        "updated_at": now,
                    }[c]
                    for c in pcols
                )
                for i, pid in enumerate(producer_ids)
            ),
        )
        cols = [c.name for c in m.Product.__table__.columns]

        def product(i: int, pid: str) -> tuple[Any, ...]:
            values = {
                "id": pid,
                "sku": f"SKU{i:07d}",
                "name_th": f"ผ้าไหมมัดหมี่ ลายที่ {i}",
                "name_en": f"Mudmee silk, pattern {i}",
                "category_code": cats[i % len(cats)],
                "producer_id": producer_ids[i % len(producer_ids)],
                "unit_price": f"{rng.randrange(20, 5000)}.{rng.choice(('00', '50', '25'))}",
                "sold_by": "unit",
                "unit_th": "ชิ้น",
                "unit_en": "piece",
                "vat_exempt": i % 10 == 0,
                "stars": 1 + i % 5,
                "star_year": 2024,
                "story_th": "ทอมือโดยกลุ่มแม่บ้าน",
                "story_en": "Hand-woven by a village women's group",
                "story_url": f"https://otop.example/p/SKU{i:07d}",
                "image": None,
                "active": True,
                "commission_pct": "15.00",
                "plu": None,
                "created_at": now,
                "updated_at": now,
            }
            return tuple(values.get(c) for c in cols)

        _copy(conn, "products", cols, (product(i, p) for i, p in enumerate(product_ids)))
        _copy(
            conn,
            "product_barcodes",
            ["code", "product_id", "kind"],
            ((f"20{i:010d}0", p, "instore") for i, p in enumerate(product_ids)),
        )
        term = conn.execute(text("SELECT id FROM shops LIMIT 1")).scalar_one()
        office = str(uuid.uuid4())
        conn.execute(
            text(
                "INSERT INTO terminals (id, shop_id, name, pos_id, receipt_prefix, is_local, "
                "created_at) VALUES (:i, :s, 'Back office', '', 'HQ', true, now())"
            ),
            {"i": office, "s": term},
        )
        _copy(
            conn,
            "stock_movements",
            ["id", "product_id", "terminal_id", "quantity", "reason", "note", "created_at"],
            ((str(uuid.uuid4()), p, office, 500, "opening", "", now) for p in product_ids),
        )
    # a central server's catalogue has been vacuumed and checkpointed long before a counter
    # is set up: not seconds after a bulk load (hint bits, dirty buffers)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
        conn.exec_driver_sql("CHECKPOINT")
    engine.dispose()
    return product_ids


# --- the counter --------------------------------------------------------------------------
def new_counter(path: Path, central_url: str) -> tuple[Any, Any]:
    """A new counter database, registered centrally; returns (store, transport)."""
    from db.central import register_terminal
    from db.engine import make_engine, sqlite_url
    from db.sync import CentralSync, adopt_registration, as_counter_login
    from pos.app.bootstrap import open_store
    from pos.domain.settings import Settings

    settings = Settings()
    db = sqlite_url(path)
    store = open_store(db, settings)
    enrol = make_engine(central_url)
    reg = register_terminal(enrol, store.terminal.terminal_id, "Counter 2", "", "KKOTOP")
    enrol.dispose()
    adopt_registration(
        store.engine, reg.terminal_id, reg.name, reg.pos_id, reg.receipt_prefix,
        role=reg.role, password=reg.password, pin_key=reg.pin_key,
    )  # fmt: skip
    store.close()
    store = open_store(db, settings)
    # the push runs as the counter's own login, through its row-level security
    central = make_engine(as_counter_login(store.engine, central_url))
    return store, CentralSync(store.engine, central, store.terminal.terminal_id)


def fill_sales(
    path: Path, terminal_id: str, prefix: str, products: list[str], sales: int, seed: int
) -> dict[str, int]:
    """Write synthetic sales straight into the counter's file (what Checkout would write)."""
    rng = random.Random(seed)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    start = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    counts = dict.fromkeys(FACTS, 0)
    con.execute("BEGIN")
    chunk = 5000
    for base in range(0, sales, chunk):
        s_rows, l_rows, p_rows, m_rows, o_rows = [], [], [], [], []
        for n in range(base, min(base + chunk, sales)):
            sid = str(uuid.uuid4())
            at = (start + timedelta(seconds=n * 7)).strftime("%Y-%m-%d %H:%M:%S.%f")
            total = 0.0
            lines = []
            for ln in range(1, 4):
                pid = products[rng.randrange(len(products))]
                qty = rng.choice((1, 1, 2))
                price = float(rng.randrange(20, 2000))
                line_total = qty * price
                total += line_total
                vat = round(line_total * 7 / 107, 2)
                lines.append(
                    (
                        str(uuid.uuid4()),
                        sid,
                        ln,
                        pid,
                        f"SKU{ln}",
                        None,
                        "ผ้าไหม",
                        "Silk",
                        "textile",
                        None,
                        qty,
                        price,
                        line_total,
                        0,
                        "",
                        0,
                        line_total,
                        0,
                        vat,
                        15,
                        None,
                    )
                )
                m_rows.append((str(uuid.uuid4()), pid, terminal_id, -qty, "sale", sid, "", at))
            vat = round(total * 7 / 107, 2)
            s_rows.append(
                (
                    sid,
                    terminal_id,
                    n + 1,
                    f"{prefix}-{n + 1:08d}",
                    "completed",
                    at,
                    None,
                    "แม่ค้า",
                    total,
                    0,
                    0,
                    "",
                    total,
                    total,
                    0,
                    vat,
                    7,
                    total,
                    0,
                )
            )
            l_rows += lines
            p_rows.append((str(uuid.uuid4()), sid, 1, "cash", total, total, ""))
            payload = json.dumps({"id": sid, "total": str(total), "lines": len(lines)})
            o_rows.append((str(uuid.uuid4()), "sale.completed", sid, payload, at))
        con.executemany(
            "INSERT INTO sales (id, terminal_id, seq, receipt_no, status, sold_at, cashier_id, "
            "cashier_name, subtotal, discount_total, sale_discount, sale_discount_reason, total, "
            "vatable, exempt, vat, vat_rate, paid, change) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            s_rows,
        )
        con.executemany(
            "INSERT INTO sale_lines (id, sale_id, line_no, product_id, sku, barcode, name_th, "
            "name_en, category_code, producer_id, quantity, unit_price, gross, line_discount, "
            "line_discount_reason, sale_discount, total, vat_exempt, vat, commission_pct, "
            "basket_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            l_rows,
        )
        con.executemany(
            "INSERT INTO payments (id, sale_id, seq, kind, amount, tendered, reference) "
            "VALUES (?,?,?,?,?,?,?)",
            p_rows,
        )
        con.executemany(
            "INSERT INTO stock_movements (id, product_id, terminal_id, quantity, reason, "
            "sale_id, note, created_at) VALUES (?,?,?,?,?,?,?,?)",
            m_rows,
        )
        con.executemany(
            "INSERT INTO outbox (event_id, kind, aggregate_id, payload, created_at) "
            "VALUES (?,?,?,?,?)",
            o_rows,
        )
        counts["sales"] += len(s_rows)
        counts["sale_lines"] += len(l_rows)
        counts["payments"] += len(p_rows)
        counts["stock_movements"] += len(m_rows)
    con.execute("COMMIT")
    con.close()
    return counts


def sqlite_floor(src: Path, dst: Path) -> float:
    """Raw sqlite3 executemany of the catalogue rows the pull wrote, into an empty file."""
    from db import models as m
    from db.engine import make_engine, sqlite_url
    from db.migrate import upgrade

    engine = make_engine(sqlite_url(dst))
    upgrade(engine)
    engine.dispose()
    source = sqlite3.connect(src)
    tables = ("categories", "producers", "products", "product_barcodes", "central_stock")
    data = {}
    for table in tables:
        cols = [c.name for c in m.Base.metadata.tables[table].columns]
        pk = ", ".join(c.name for c in m.Base.metadata.tables[table].primary_key.columns)
        data[table] = (
            cols,
            source.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {pk}").fetchall(),
        )
    source.close()
    con = sqlite3.connect(dst, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "cache_size=-131072"):
        con.execute(f"PRAGMA {pragma}")
    t0 = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.execute("PRAGMA defer_foreign_keys = ON")
    for table, (cols, rows) in data.items():
        marks = ", ".join("?" * len(cols))
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def copy_floor(path: Path, url: str) -> float:
    """Raw COPY of the counter's fact rows into a central database: seconds."""
    from db import models as m
    from db.engine import make_engine

    engine = make_engine(url)
    con = sqlite3.connect(path)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
        for table in FACTS:
            cols = [c.name for c in m.Base.metadata.tables[table].columns]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}")
            _copy(conn, table, cols, iter(rows))
    elapsed = time.perf_counter() - t0
    con.close()
    engine.dispose()
    return elapsed


def central_count(url: str, table: str) -> int:
    from sqlalchemy import text

    from db.engine import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        n = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    engine.dispose()
    return n


# --- the run ------------------------------------------------------------------------------
def main() -> int:
    args = _args()
    rng = random.Random(args.seed)
    server = Server()
    work = Path(tempfile.mkdtemp(prefix="otop-bench-sync-"))
    tag = uuid.uuid4().hex[:8]
    names = (f"bench_push_{tag}", f"bench_copy_{tag}")
    made: list[str] = []
    try:
        t0 = time.perf_counter()
        push_url = server.database(names[0])
        made.append(names[0])
        products = build_central(push_url, args.products, rng)
        build_s = time.perf_counter() - t0
        copy_url = server.database(names[1], template=names[0])
        made.append(names[1])

        # pull: an empty counter takes the whole catalogue in one round
        store, transport = new_counter(work / "counter.sqlite3", push_url)
        t1 = time.perf_counter()
        pulled = transport.pull()
        pull_s = time.perf_counter() - t1
        split = dict(transport.timings)
        with store.uow() as read:
            assert read.catalog.count_products() == args.products
        floor_local_s = sqlite_floor(work / "counter.sqlite3", work / "floor.sqlite3")
        if args.pull_only:
            store.close()
            transport.close()
            print(
                f"pull {pull_s:.2f} s ({pulled.changes + pulled.stock_rows:,} rows; "
                + ", ".join(f"{k} {v:.2f} s" for k, v in split.items())
                + f"); floor (raw sqlite3 executemany) {floor_local_s:.2f} s"
            )
            return 0 if pull_s <= PULL_TARGET_S else 1
        terminal = store.terminal

        t2 = time.perf_counter()
        counts = fill_sales(
            work / "counter.sqlite3",
            terminal.terminal_id,
            terminal.receipt_prefix,
            products,
            args.sales,
            args.seed,
        )
        fill_s = time.perf_counter() - t2
        rows = sum(counts.values())

        # the COPY floor needs the terminal on its database too
        from sqlalchemy import text

        from db.engine import make_engine

        eng = make_engine(copy_url)
        with eng.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO terminals (id, shop_id, name, pos_id, receipt_prefix, "
                    "is_local, created_at) SELECT :i, id, 'Counter 2', '', :p, false, now() "
                    "FROM shops LIMIT 1"
                ),
                {"i": terminal.terminal_id, "p": terminal.receipt_prefix},
            )
        eng.dispose()
        copy_s = copy_floor(work / "counter.sqlite3", copy_url)

        t3 = time.perf_counter()
        pushed = transport.push(batch_size=args.batch)
        push_s = time.perf_counter() - t3
        assert pushed.events == args.sales
        assert transport.pending() == 0
        # a second push of everything changes nothing: re-send the last batch by hand
        for table in FACTS:
            assert central_count(push_url, table) >= counts[table]
        assert central_count(push_url, "sales") == counts["sales"]
        assert central_count(copy_url, "sales") == counts["sales"]
        store.close()
        transport.close()
    finally:
        for name in made:
            server.drop(name)
        server.close()
        shutil.rmtree(work, ignore_errors=True)

    copy_rate = rows / copy_s
    push_rate = rows / push_s
    ratio = push_rate / copy_rate
    push_ok = ratio >= PUSH_TARGET
    pull_ok = pull_s <= PULL_TARGET_S
    mach = machine()
    body = [
        "## Central sync: push sales, pull the catalogue",
        "",
        f"- **date**: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "- **command**: `.venv/bin/python -m bench.bench_sync"
        + (f" --sales {args.sales}" if args.sales != 100_000 else "")
        + (f" --products {args.products}" if args.products != 100_000 else "")
        + "`",
        f"- **machine**: {', '.join(f'{k} {v}' for k, v in mach.items())}",
        f"- **PostgreSQL**: {getattr(server, 'version', '?')}, {server.kind}, same machine",
        f"- central catalogue built in {build_s:.1f} s ({args.products:,} products with "
        f"barcodes and opening stock, COPY with the change-log triggers firing per row); "
        f"{args.sales:,} counter sales written to SQLite in {fill_s:.1f} s",
        "",
        "| | rows | seconds | rows/s | sales/s |",
        "|---|---:|---:|---:|---:|",
        f"| floor: raw COPY of the same rows (SQLite → PostgreSQL, one COPY per table, "
        f"one transaction) | {rows:,} | {copy_s:.2f} | {copy_rate:,.0f} | "
        f"{args.sales / copy_s:,.0f} |",
        f"| push: CentralSync.push, batches of {args.batch} (COPY to staging, INSERT ... ON "
        f"CONFLICT DO NOTHING, receive log, local ack) | {rows:,} | {push_s:.2f} | "
        f"{push_rate:,.0f} | {args.sales / push_s:,.0f} |",
        f"| pull: empty counter takes {args.products:,} products + barcodes + producers + "
        f"central stock in one round | {pulled.changes + pulled.stock_rows:,} | {pull_s:.2f} "
        f"| {(pulled.changes + pulled.stock_rows) / pull_s:,.0f} | |",
        f"| pull: reading the central snapshot (PostgreSQL → Python tuples, streamed in "
        f"chunks by a reader thread) | | {split.get('central', 0):.2f} | | |",
        f"| pull: the SQLite write transaction, overlapping the read, to its COMMIT (of which "
        f"{split.get('waiting', 0):.2f} s waiting for the reader) | | "
        f"{split.get('local', 0):.2f} | | |",
        f"| floor for the local part: raw sqlite3 executemany of the same rows into an empty "
        f"file, one transaction | {pulled.changes + pulled.stock_rows:,} | {floor_local_s:.2f} "
        f"| | |",
        "",
        f"- rows per sale: 1 sale, 3 lines, 1 payment, 3 stock movements "
        f"({', '.join(f'{k} {v:,}' for k, v in counts.items())})",
        f"- **{'PASS' if push_ok else 'FAIL'}** push: {ratio:.0%} of the COPY rate "
        f"(target >= {PUSH_TARGET:.0%})",
        f"- **{'PASS' if pull_ok else 'FAIL'}** pull: {pull_s:.2f} s for "
        f"{args.products:,} products (target <= {PULL_TARGET_S:.0f} s for 100,000)",
    ]
    text_out = "\n".join(body)
    print(text_out)
    if not args.no_doc:
        _write_doc(text_out)
    return 0 if push_ok and pull_ok else 1


def _write_doc(body: str) -> None:
    text = DOC.read_text("utf-8") if DOC.exists() else "# Benchmarks\n"
    section = f"{START}\n{body.rstrip()}\n{END}\n"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + section + tail.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text, "utf-8")


if __name__ == "__main__":
    sys.exit(main())
