"""First load: the whole catalogue into a counter that has none, reading and writing at once."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy.exc import DBAPIError

from db.sync.common import (
    SEQ_KEY,
    SyncBase,
    is_connection_error,
    set_state,
    sqlite_time,
    unavailable,
)
from db.sync.rows import FIRST_LOAD_ORDER, STOCK_SQL, apply_rows, insert_rows, snapshot_sql
from pos.domain.errors import CentralUnavailable
from pos.ports.sync import PullResult


class _Stopped(Exception):
    """The first load's writer has given up: its reader stops quietly."""


_CHUNK_ROWS = 5000
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


class FirstLoad(SyncBase):
    """The whole central catalogue into a counter that has none."""

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
            args=(sqlite_time(now), chunks, stop, reader_done),
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
                        if isinstance(data, DBAPIError) and is_connection_error(data):
                            raise unavailable(data) from data
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
                        insert_rows(cur, what, data)  # the table was empty
                        changes += len(data)
                    else:  # small tables a new counter may already hold rows of
                        apply_rows(cur, what, data)
                        changes += len(data)
                for sql in rebuild:
                    cur.execute(sql)
                cur.close()
                if horizon > 0:
                    set_state(conn, SEQ_KEY, str(horizon))
                set_state(conn, "last_pull_at", now.isoformat())
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
                            (t, snapshot_sql(t), ()) for t in FIRST_LOAD_ORDER
                        ]
                        stock = STOCK_SQL + ' ORDER BY product_id COLLATE "C"'
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
