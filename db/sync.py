"""Sync between a counter's SQLite file and the central PostgreSQL (implements SyncTransport).

Push: the oldest unsent outbox rows (in outbox id order: the counter's own sequence) and the
rows they stand for are COPYed into temporary staging tables and inserted with
ON CONFLICT DO NOTHING in one central transaction, with a receive log row per event (server
receive time beside the counter's clock). Only after that transaction has committed does the
counter mark the batch sent, in one local transaction. A crash in between only means the batch
goes again, and a batch sent twice changes nothing.

Pull: catalogue rows whose change number is above the counter's bookmark, up to the newest
number in the central snapshot, are upserted locally (tombstones delete or deactivate) and the
bookmark moves, in one local transaction; then the central stock replaces the local copy.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    MetaData,
    Numeric,
    String,
    Table,
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy import BigInteger as _BigInt
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.schema import CreateTable

from db import models as m
from db.central import CATALOG_TABLES, FACT_TABLES
from pos.domain.errors import CentralUnavailable
from pos.ports.sync import PullResult, PushResult

_TABLES = m.Base.metadata.tables
_EVENT_COLS = (
    "event_id",
    "terminal_id",
    "outbox_id",
    "kind",
    "aggregate_id",
    "created_at",
    "batch_id",
    "payload",
)
_STAGE_EVENTS = Table(
    "stage_sync_events",
    MetaData(),
    Column("event_id", String),
    Column("terminal_id", String),
    Column("outbox_id", _BigInt),
    Column("kind", String),
    Column("aggregate_id", String),
    Column("created_at", postgresql.TIMESTAMP(timezone=True)),
    Column("batch_id", _BigInt),
    Column("payload", postgresql.JSONB),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DELETE ROWS",
)
SEQ_KEY = "catalog_seq"
# Products and users are deactivated, not deleted: local sales may still point at them.
_SOFT_DELETE = {"products", "users"}
_PARENTS = {"producers": ("products", "producer_id"), "categories": ("products", "category_code")}
_PULL_ORDER = (
    "categories",
    "producers",
    "products",
    "certifications",
    "product_barcodes",
    "basket_templates",
    "users",
    "shop_settings",
)
_FIRST_LOAD_ORDER = (*_PULL_ORDER, "basket_components")


# outbox kinds whose rows travel as table rows (their JSON payload stays on the counter)
_TABLED_KINDS = ("sale.completed", "refund.completed")


def _fact_keys(
    table: str, sale_ids: list[str], refund_ids: list[str]
) -> list[tuple[str, list[str]]]:
    """How a fact table's rows of the batch are found: (key column, the batch's ids)."""
    if table == "sales":
        return [("id", sale_ids)]
    if table == "refunds":
        return [("id", refund_ids)]
    if table == "refund_lines":
        return [("refund_id", refund_ids)]
    if table == "stock_movements":  # a sale's moves, and the returns of a refund
        return [("sale_id", sale_ids), ("refund_id", refund_ids)]
    return [("sale_id", sale_ids)]


def _cols(table: str) -> list[str]:
    return [c.name for c in _TABLES[table].columns]


_PG = postgresql.dialect()  # type: ignore[no-untyped-call]


def _stage_ddl(table: str) -> str:
    stage = Table(
        f"stage_{table}",
        MetaData(),
        *(Column(c.name, c.type) for c in _TABLES[table].columns),
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DELETE ROWS",
    )
    return str(CreateTable(stage, if_not_exists=True).compile(dialect=_PG))


# The journal and the rows its central verifier needs besides the sales (parents first).
_JOURNAL_TABLES = ("shifts", "z_reports", "approvals", "journal_entries")
JOURNAL_KEY = "journal_pushed_seq"
_JOURNAL_STAGE_DDL = ";\n".join(_stage_ddl(t) for t in _JOURNAL_TABLES)
_STAGE_DDL = ";\n".join(
    [_stage_ddl(t) for t in FACT_TABLES]
    + [str(CreateTable(_STAGE_EVENTS, if_not_exists=True).compile(dialect=_PG))]
)


def _unavailable(exc: Exception) -> CentralUnavailable:
    why = getattr(exc, "orig", exc)
    return CentralUnavailable(
        f"The central database cannot be reached: {why}",
        f"ติดต่อฐานข้อมูลกลางไม่ได้: {why}",
    )


def _is_connection_error(exc: DBAPIError) -> bool:
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


class CentralSync:
    """The counter's side of the sync (one SQLite file, one central server, one terminal)."""

    def __init__(
        self,
        local: Engine,
        central: Engine,
        terminal_id: str,
        *,
        clock: Callable[[], datetime] = m.utcnow,
        after_central_commit: Callable[[Sequence[int]], None] | None = None,
    ) -> None:
        self.local = local
        self.central = central
        self.terminal_id = terminal_id
        self.clock = clock
        # test hook: runs after the central commit, before the local acknowledgement
        self.after_central_commit = after_central_commit
        self.timings: dict[str, float] = {}  # seconds of the last pull: central, local

    def close(self) -> None:
        self.central.dispose()

    # --- local state ---------------------------------------------------------------------
    def pending(self) -> int:
        with self.local.connect() as conn:
            q = (
                select(func.count())
                .select_from(m.OutboxEvent)
                .where(m.OutboxEvent.sent_at.is_(None))
            )
            return int(conn.execute(q).scalar_one())

    def bookmark(self) -> int:
        with self.local.connect() as conn:
            return _get_seq(conn)

    def _write(self) -> Connection:
        conn = self.local.connect()
        if self.local.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        return conn

    # --- push ----------------------------------------------------------------------------
    def push(self, batch_size: int = 1000, max_batches: int | None = None) -> PushResult:
        events = batches = 0
        while max_batches is None or batches < max_batches:
            batch = self._read_batch(batch_size)
            if batch is None:
                break
            ids, event_rows, facts = batch
            try:
                self._send(ids, event_rows, facts)
            except DBAPIError as exc:
                if _is_connection_error(exc):
                    raise _unavailable(exc) from exc
                raise
            if self.after_central_commit is not None:
                self.after_central_commit(ids)
            self._ack(ids)
            events += len(ids)
            batches += 1
        else:
            return PushResult(events, batches)  # stopped at max_batches: the journal waits
        self.push_journal(batch_size)
        return PushResult(events, batches)

    # --- the journal ---------------------------------------------------------------------
    def journal_pending(self) -> int:
        """Journal entries of this counter the central database does not have yet."""
        with self.local.connect() as conn:
            since = _get_state_int(conn, JOURNAL_KEY)
            return int(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM journal_entries WHERE terminal_id = ? AND seq > ?",
                    (self.terminal_id, since),
                ).scalar_one()
            )

    def push_journal(self, batch_size: int = 1000) -> int:
        """Send the counter's journal chain after its bookmark, with what verifies it there.

        Entries go in chain order, each batch in one central transaction with the rows the
        central verifier rebuilds their records from (a void's approval, a Z report and its
        shift; sales and refunds went with the outbox before), INSERT ... ON CONFLICT DO
        NOTHING on their ids; the bookmark moves after the central commit. An entry whose
        sale or refund is still in the outbox waits for it, so central never holds a link
        without its document.
        """
        sent = 0
        while True:
            batch = self._read_journal(batch_size)
            if batch is None:
                return sent
            last_seq, rows = batch
            try:
                self._send_journal(rows)
            except DBAPIError as exc:
                if _is_connection_error(exc):
                    raise _unavailable(exc) from exc
                raise
            with self._write() as conn, conn.begin():
                _set_state(conn, JOURNAL_KEY, str(last_seq))
            sent += len(rows["journal_entries"])

    def _read_journal(self, size: int) -> tuple[int, dict[str, list[tuple[Any, ...]]]] | None:
        with self.local.connect() as conn, conn.begin():
            since = _get_state_int(conn, JOURNAL_KEY)
            cols = _cols("journal_entries")
            seq_i, kind_i, ref_i = cols.index("seq"), cols.index("kind"), cols.index("ref_id")
            entries = conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM journal_entries WHERE terminal_id = ? "
                "AND seq > ? ORDER BY seq LIMIT ?",
                (self.terminal_id, since, size),
            ).all()
            waiting = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT aggregate_id FROM outbox WHERE sent_at IS NULL"
                )
            }
            for n, e in enumerate(entries):
                if e[ref_i] in waiting:
                    entries = entries[:n]
                    break
            if not entries:
                return None
            refs: dict[str, list[str]] = {}
            for e in entries:
                refs.setdefault(e[kind_i], []).append(e[ref_i])
            rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _JOURNAL_TABLES}
            rows["journal_entries"] = [tuple(e) for e in entries]
            rows["approvals"] = _rows_by(conn, "approvals", "id", refs.get("void", []))
            rows["z_reports"] = _rows_by(conn, "z_reports", "id", refs.get("z_report", []))
            shift_i = _cols("z_reports").index("shift_id")
            rows["shifts"] = _rows_by(conn, "shifts", "id", [z[shift_i] for z in rows["z_reports"]])
        return int(entries[-1][seq_i]), rows

    def _send_journal(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        with self.central.connect() as conn, conn.begin():
            conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
            info = conn.connection.info
            if not info.get("otop_stage_journal"):
                conn.exec_driver_sql(_JOURNAL_STAGE_DDL)
                info["otop_stage_journal"] = True
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                for table in _JOURNAL_TABLES:  # parents first
                    if not rows[table]:
                        continue
                    cols = ", ".join(_cols(table))
                    with cur.copy(f"COPY stage_{table} ({cols}) FROM STDIN") as cp:
                        for row in rows[table]:
                            cp.write_row(row)
                    cur.execute(
                        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM stage_{table} "
                        "ON CONFLICT DO NOTHING"
                    )

    def _read_batch(
        self, size: int
    ) -> tuple[list[int], list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]] | None:
        with self.local.connect() as conn, conn.begin():
            rows = conn.exec_driver_sql(
                "SELECT id, event_id, kind, aggregate_id, created_at, payload FROM outbox "
                "WHERE sent_at IS NULL ORDER BY id LIMIT ?",
                (size,),
            ).all()
            if not rows:
                return None
            ids = [r[0] for r in rows]
            sale_ids = [r[3] for r in rows if r[2] == "sale.completed"]
            refund_ids = [r[3] for r in rows if r[2] == "refund.completed"]
            # the payload travels only for kinds the central schema has no tables for
            events = [
                (
                    r[1],
                    self.terminal_id,
                    r[0],
                    r[2],
                    r[3],
                    r[4] + "+00",
                    None,
                    None if r[2] in _TABLED_KINDS else r[5],
                )
                for r in rows
            ]
            facts: dict[str, list[tuple[Any, ...]]] = {}
            for table in FACT_TABLES:
                cols = ", ".join(_cols(table))
                found: list[tuple[Any, ...]] = []
                for key, keys in _fact_keys(table, sale_ids, refund_ids):
                    for start in range(0, len(keys), 900):
                        chunk = keys[start : start + 900]
                        marks = ", ".join("?" * len(chunk))
                        found += conn.exec_driver_sql(
                            f"SELECT {cols} FROM {table} WHERE {key} IN ({marks})", tuple(chunk)
                        ).all()
                facts[table] = found
        return ids, events, facts

    def _send(
        self,
        ids: list[int],
        events: list[tuple[Any, ...]],
        facts: dict[str, list[tuple[Any, ...]]],
    ) -> None:
        with self.central.connect() as conn, conn.begin():
            conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
            info = conn.connection.info
            if not info.get("otop_stage"):
                conn.exec_driver_sql(_STAGE_DDL)
                info["otop_stage"] = True
            # no RETURNING: that would need SELECT on the table, which counters do not have
            batch_id = conn.exec_driver_sql("SELECT nextval('sync_batches_id_seq')").scalar_one()
            conn.execute(
                text(
                    "INSERT INTO sync_batches (id, terminal_id, events, first_outbox_id, "
                    "last_outbox_id, counter_clock) VALUES (:i, :t, :n, :a, :b, :c)"
                ),
                {
                    "i": batch_id,
                    "t": self.terminal_id,
                    "n": len(ids),
                    "a": ids[0],
                    "b": ids[-1],
                    "c": self.clock(),
                },
            )
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                for table in FACT_TABLES:
                    rows = facts[table]
                    if not rows:
                        continue
                    cols = ", ".join(_cols(table))
                    with cur.copy(f"COPY stage_{table} ({cols}) FROM STDIN") as cp:
                        for row in rows:
                            cp.write_row(row)
                    cur.execute(
                        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM stage_{table} "
                        "ON CONFLICT DO NOTHING"
                    )
                cols = ", ".join(_EVENT_COLS)
                with cur.copy(f"COPY stage_sync_events ({cols}) FROM STDIN") as cp:
                    for ev in events:
                        cp.write_row((*ev[:6], batch_id, ev[7]))
                cur.execute(
                    f"INSERT INTO sync_events ({cols}) SELECT {cols} FROM stage_sync_events "
                    "ON CONFLICT DO NOTHING"
                )

    def _ack(self, ids: list[int]) -> None:
        now = self.clock()
        with self._write() as conn, conn.begin():
            conn.execute(
                update(m.OutboxEvent)
                .where(m.OutboxEvent.id.in_(bindparam("ids", expanding=True)))
                .values(sent_at=now),
                {"ids": ids},
            )
            _set_state(conn, "last_push_at", now.isoformat())

    # --- pull ----------------------------------------------------------------------------
    def pull(self) -> PullResult:
        """Apply the catalogue changes after the bookmark and refresh the central stock.

        The central snapshot is read completely first and applied after, so the counter's
        write lock (which its sales wait for) is never held across the network. A counter
        with no catalogue yet takes the first-load path instead (`_first_load`).
        """
        since = self.bookmark()
        now = self.clock()
        if since == 0 and self._catalog_empty():
            return self._first_load(now)
        as_of = _sqlite_time(now)
        started = time.perf_counter()
        parts = list(self._central_parts(since, as_of))
        fetched = time.perf_counter()
        rows: dict[str, list[tuple[Any, ...]]] = {}
        tombstones: list[tuple[str, str]] = []
        stock: list[tuple[Any, ...]] = []
        horizon = since
        with self._write() as conn, conn.begin():
            raw = conn.connection.driver_connection
            assert raw is not None
            cur = raw.cursor()
            if self.local.dialect.name == "sqlite":
                # parents and children arrive in change order: check the keys at COMMIT
                cur.execute("PRAGMA defer_foreign_keys = ON")
                cur.execute("PRAGMA cache_size = -131072")
            for what, data in parts:
                if what == "horizon":
                    horizon = int(data)
                elif what == "tombstones":
                    tombstones = data
                    _apply_tombstones(conn, tombstones)
                elif what == "stock":
                    stock = data
                    _apply_stock(cur, stock)
                elif what == "basket_components":
                    baskets = rows.get("basket_templates", [])
                    if baskets:
                        i = _cols("basket_templates").index("id")
                        cur.executemany(
                            "DELETE FROM basket_components WHERE template_id = ?",
                            [(r[i],) for r in baskets],
                        )
                        _insert_rows(cur, "basket_components", data)
                else:
                    rows[what] = data
                    _apply_rows(cur, what, data)
            cur.close()
            if horizon > since:
                _set_state(conn, SEQ_KEY, str(horizon))
            _set_state(conn, "last_pull_at", now.isoformat())
        done = time.perf_counter()
        # "central": reading the central snapshot; "local": the SQLite write transaction
        self.timings = {"central": fetched - started, "local": done - fetched}
        changes = sum(len(v) for v in rows.values())
        return PullResult(changes, len(tombstones), len(stock), max(horizon, since))

    def _catalog_empty(self) -> bool:
        with self.local.connect() as conn:
            return conn.exec_driver_sql("SELECT 1 FROM products LIMIT 1").first() is None

    def _first_load(self, now: datetime) -> PullResult:
        """The whole catalogue into a counter that has none: read and write overlap.

        A reader thread streams the central snapshot in chunks through a bounded queue while
        this thread writes them into one local transaction; the secondary indexes of the
        bulk tables are dropped inside that transaction and built once at its end. A cut
        connection or any error rolls the whole transaction back (indexes included), so the
        counter is left exactly as it was and its bookmark does not move. Holding the write
        lock across the network is harmless here: a counter without a catalogue sells nothing.
        """
        chunks: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=_QUEUE_CHUNKS)
        stop = threading.Event()
        reader_done: list[float] = []
        started = time.perf_counter()
        cpu = time.thread_time()
        reader = threading.Thread(
            target=self._read_snapshot,
            args=(_sqlite_time(now), chunks, stop, reader_done),
            name="otop-pull-reader",
            daemon=True,
        )
        reader.start()
        changes = stock_rows = 0
        horizon = 0
        waited = 0.0
        try:
            with self._write() as conn, conn.begin():
                raw = conn.connection.driver_connection
                assert raw is not None
                cur = raw.cursor()
                cur.execute("PRAGMA defer_foreign_keys = ON")
                cur.execute("PRAGMA cache_size = -131072")
                rebuild = _drop_indexes(cur, _BULK_TABLES)
                cur.execute("DELETE FROM central_stock")
                while True:
                    t0 = time.perf_counter()
                    try:
                        what, data = chunks.get(timeout=_STALL_S)
                    except queue.Empty:
                        # a connection that hangs must not hold the write lock for ever
                        raise CentralUnavailable(
                            f"The central database sent nothing for {_STALL_S} s",
                            f"ฐานข้อมูลกลางไม่ส่งข้อมูลมา {_STALL_S} วินาที",
                        ) from None
                    waited += time.perf_counter() - t0
                    if what == "done":
                        break
                    if what == "error":
                        if isinstance(data, DBAPIError) and _is_connection_error(data):
                            raise _unavailable(data) from data
                        raise data
                    if what == "horizon":
                        horizon = int(data)
                    elif what == "stock":
                        cur.executemany(
                            "INSERT INTO central_stock (product_id, quantity, as_of) "
                            "VALUES (?, ?, ?)",
                            data,
                        )
                        stock_rows += len(data)
                    elif what in _BULK_TABLES:
                        _insert_rows(cur, what, data)  # the table was empty
                        changes += len(data)
                    else:  # small tables a new counter may already hold rows of
                        _apply_rows(cur, what, data)
                        changes += len(data)
                for sql in rebuild:
                    cur.execute(sql)
                cur.close()
                if horizon > 0:
                    _set_state(conn, SEQ_KEY, str(horizon))
                _set_state(conn, "last_pull_at", now.isoformat())
        finally:
            stop.set()
            reader.join(_STALL_S)  # a reader stuck on a dead socket is a daemon: left behind
        done = time.perf_counter()
        # overlapped: "central" until the reader had sent its last chunk, "local" the write
        # transaction from start to COMMIT, "waiting" the part of it spent waiting on the reader
        self.timings = {
            "central": (reader_done[0] if reader_done else done) - started,
            "local": done - started,
            "waiting": waited,
            "local_cpu": time.thread_time() - cpu,  # this thread's CPU seconds
        }
        return PullResult(changes, 0, stock_rows, horizon)

    def _read_snapshot(
        self,
        as_of: str,
        out: queue.Queue[tuple[str, Any]],
        stop: threading.Event,
        done: list[float],
    ) -> None:
        """The reader thread of `_first_load`: the snapshot in chunks, then ("done", None)."""

        def put(item: tuple[str, Any]) -> None:
            while not stop.is_set():
                try:
                    out.put(item, timeout=0.1)
                    return
                except queue.Full:
                    continue
            raise _Stopped

        try:
            with self.central.connect() as central:
                central = central.execution_options(isolation_level="REPEATABLE READ")
                with central.begin():
                    central.exec_driver_sql("SET LOCAL work_mem = '128MB'")  # sorts in memory
                    horizon = central.exec_driver_sql(
                        "SELECT coalesce(max(seq), 0) FROM catalog_changes"
                    ).scalar_one()
                    put(("horizon", int(horizon)))
                    raw = central.connection.driver_connection
                    assert raw is not None
                    with raw.cursor() as cur:
                        # streamed in chunks: the first rows arrive before the last are read
                        queries: list[tuple[str, str, tuple[str, ...]]] = [
                            (t, _snapshot_sql(t), ()) for t in _FIRST_LOAD_ORDER
                        ]
                        stock = _STOCK_SQL + ' ORDER BY product_id COLLATE "C"'
                        queries.append(("stock", stock, (as_of,)))
                        for what, sql, params in queries:
                            rows = cur.stream(sql, params, binary=True, size=_CHUNK_ROWS)
                            while chunk := list(islice(rows, _CHUNK_ROWS)):
                                put((what, chunk))
            done.append(time.perf_counter())
            put(("done", None))
        except _Stopped:
            return
        except BaseException as exc:  # handed to the writer, which raises it
            with contextlib.suppress(_Stopped):
                put(("error", exc))

    def _central_parts(self, since: int, as_of: str) -> Iterator[tuple[str, Any]]:
        """The central snapshot, part by part in the order the counter applies them."""
        try:
            with self.central.connect() as central:
                central = central.execution_options(isolation_level="REPEATABLE READ")
                with central.begin():
                    horizon = int(
                        central.exec_driver_sql(
                            "SELECT coalesce(max(seq), 0) FROM catalog_changes"
                        ).scalar_one()
                    )
                    yield "horizon", horizon
                    if horizon > since:
                        window = (since, horizon)
                        for table in (*_PULL_ORDER, "basket_components"):
                            yield table, _changed_rows(central, table, window)
                        yield (
                            "tombstones",
                            [
                                (str(t), str(k))
                                for t, k in central.exec_driver_sql(
                                    "SELECT tbl, key FROM catalog_changes "
                                    "WHERE deleted AND seq > %s AND seq <= %s",
                                    window,
                                )
                            ],
                        )
                    yield "stock", _fetch(central, _STOCK_SQL, (as_of,))
        except DBAPIError as exc:
            if _is_connection_error(exc):
                raise _unavailable(exc) from exc
            raise


class _Stopped(Exception):
    """The first load's writer has given up: its reader stops quietly."""


_CHUNK_ROWS = 5000
_STOCK_SQL = "SELECT product_id, quantity::float8, %s FROM stock_levels"
_QUEUE_CHUNKS = 16
_STALL_S = 60  # seconds without a chunk before a first load gives up (and rolls back)
# Tables a counter without products has no rows in: the first load inserts them plainly and
# builds their secondary indexes once at the end.
_BULK_TABLES = ("products", "certifications", "product_barcodes", "basket_components")


def _drop_indexes(cur: Any, tables: Sequence[str]) -> list[str]:
    """Drop the tables' explicit indexes (inside the caller's transaction); their DDL back."""
    marks = ", ".join("?" * len(tables))
    found = cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        tuple(tables),
    ).fetchall()
    for name, _ in found:
        cur.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def _apply_stock(cur: Any, stock: list[tuple[Any, ...]]) -> None:
    """Write only the stock figures that changed: a steady-state round touches a few rows,
    not the whole catalogue (the till's sales wait for this write lock)."""
    have = dict(cur.execute("SELECT product_id, quantity FROM central_stock").fetchall())
    new = [row for row in stock if row[0] not in have]
    changed = [(q, at, pid) for pid, q, at in stock if pid in have and have[pid] != q]
    gone = have.keys() - {row[0] for row in stock}
    if new:
        cur.executemany(
            "INSERT INTO central_stock (product_id, quantity, as_of) VALUES (?, ?, ?)", new
        )
    if changed:
        cur.executemany(
            "UPDATE central_stock SET quantity = ?, as_of = ? WHERE product_id = ?", changed
        )
    if gone:
        cur.executemany("DELETE FROM central_stock WHERE product_id = ?", [(pid,) for pid in gone])


def _sqlite_time(v: datetime) -> str:
    """A timestamp as SQLAlchemy stores it in SQLite (UTC, no offset)."""
    return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _select_for_sqlite(column: Column[Any]) -> str:
    """The column read so that the value is already what SQLite stores (no Python work)."""
    t = column.type
    name = f"t.{column.name}"
    if isinstance(t, m.UTCDateTime | DateTime):
        return f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(t, Numeric):
        return f"{name}::float8"  # what SQLAlchemy binds on SQLite
    if isinstance(t, Date | JSON):
        return f"{name}::text"
    return name


def _changed_rows(
    central: Connection, table: str, window: tuple[int, int]
) -> list[tuple[Any, ...]]:
    """The table's rows changed in (since, horizon], as tuples ready for SQLite.

    In primary-key byte order (COLLATE "C" = SQLite's BINARY): B-tree appends are ~20% cheaper
    than random inserts for a first load. From change 0, every row in the snapshot is wanted:
    no join with the change log.
    """
    key, logged = next((k, lg) for t, k, lg in CATALOG_TABLES if t == table)
    if window[0] == 0:
        return _fetch(central, _snapshot_sql(table), ())
    columns = _TABLES[table].columns
    cols = ", ".join(_select_for_sqlite(c) for c in columns)
    order = ", ".join(f't.{c.name} COLLATE "C"' for c in _TABLES[table].primary_key.columns)
    return _fetch(
        central,
        f"SELECT {cols} FROM {table} t JOIN catalog_changes c "
        f"ON c.tbl = %s AND c.key = t.{key} WHERE c.seq > %s AND c.seq <= %s ORDER BY {order}",
        (logged, *window),
    )


def _snapshot_sql(table: str) -> str:
    """Every row of the table, ready for SQLite, in primary-key byte order.

    The rows are sorted as stored and converted after the sort (OFFSET 0 keeps the subquery
    apart), so the first rows leave the server before the last are converted.
    """
    cols = ", ".join(_select_for_sqlite(c) for c in _TABLES[table].columns)
    order = ", ".join(f'{c.name} COLLATE "C"' for c in _TABLES[table].primary_key.columns)
    return f"SELECT {cols} FROM (SELECT * FROM {table} ORDER BY {order} OFFSET 0) t"


def _fetch(central: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Plain tuples straight from psycopg (SQLAlchemy rows cost ~1 s per 100,000)."""
    raw = central.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def _insert_rows(cur: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        cols = _cols(table)
        marks = ", ".join("?" * len(cols))
        cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


def _apply_rows(cur: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert the new rows, update the known ones (plain INSERT is 2x an upsert in SQLite)."""
    if not rows:
        return
    cols = _cols(table)
    (pk,) = [c.name for c in _TABLES[table].primary_key.columns]
    i = cols.index(pk)
    have = {r[0] for r in cur.execute(f"SELECT {pk} FROM {table}")}
    new = [r for r in rows if r[i] not in have]
    old = [(*r[:i], *r[i + 1 :], r[i]) for r in rows if r[i] in have]
    _insert_rows(cur, table, new)
    if old:
        sets = ", ".join(f"{c} = ?" for c in cols if c != pk)
        cur.executemany(f"UPDATE {table} SET {sets} WHERE {pk} = ?", old)


def _apply_tombstones(conn: Connection, tombstones: Sequence[Any]) -> None:
    by_table: dict[str, list[str]] = {}
    for tbl, key in tombstones:
        by_table.setdefault(tbl, []).append(key)
    for tbl, keys in by_table.items():
        if tbl not in _TABLES:
            continue
        t = _TABLES[tbl]
        key_col = next(k for tt, k, _ in CATALOG_TABLES if tt == tbl)
        if tbl in _SOFT_DELETE:
            conn.execute(update(t).where(t.c[key_col].in_(keys)).values(active=False))
            continue
        if tbl == "basket_templates":
            conn.execute(delete(m.BasketComponent).where(m.BasketComponent.template_id.in_(keys)))
        where = [t.c[key_col].in_(keys)]
        if tbl in _PARENTS:
            child, fk = _PARENTS[tbl]
            where.append(t.c[key_col].not_in(select(_TABLES[child].c[fk])))
        conn.execute(delete(t).where(*where))


def _rows_by(conn: Connection, table: str, key: str, keys: list[str]) -> list[tuple[Any, ...]]:
    cols = ", ".join(_cols(table))
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        marks = ", ".join("?" * len(chunk))
        found += [
            tuple(r)
            for r in conn.exec_driver_sql(
                f"SELECT {cols} FROM {table} WHERE {key} IN ({marks})", tuple(chunk)
            )
        ]
    return found


def _get_state_int(conn: Connection, key: str) -> int:
    value = conn.execute(select(m.SyncState.value).where(m.SyncState.key == key)).scalar()
    return int(value) if value else 0


def _get_seq(conn: Connection) -> int:
    value = conn.execute(select(m.SyncState.value).where(m.SyncState.key == SEQ_KEY)).scalar()
    return int(value) if value else 0


def _set_state(conn: Connection, key: str, value: str) -> None:
    stmt = sqlite_insert(m.SyncState).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def sync_state(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.SyncState.key, m.SyncState.value)).all())


def adopt_registration(
    local: Engine, terminal_id: str, name: str, pos_id: str, receipt_prefix: str
) -> None:
    """Give the local terminal row the identity the central database registered."""
    from pos.domain.errors import ShopError

    with local.connect() as conn, conn.begin():
        other = conn.execute(
            select(func.count())
            .select_from(m.Sale)
            .where(m.Sale.receipt_no.not_like(receipt_prefix + "-%"))
        ).scalar_one()
        if other:
            raise ShopError(
                "This counter already has sales under another receipt prefix: register a "
                "counter before its first sale",
                "เครื่องนี้มีการขายด้วยรหัสใบเสร็จอื่นแล้ว กรุณาลงทะเบียนก่อนการขายครั้งแรก",
            )
        conn.execute(
            update(m.Terminal)
            .where(m.Terminal.id == terminal_id)
            .values(name=name, pos_id=pos_id, receipt_prefix=receipt_prefix)
        )
