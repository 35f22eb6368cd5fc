"""Push: the outbox's sales and refunds (their rows) to the central database, once each.

Each batch goes in one central transaction. Inside it the batch is tried whole under a
SAVEPOINT; when central refuses it (a constraint, a value too long), the batch is split in
halves and each half tried under its own savepoint, down to single events, so what central
accepts is delivered and committed and only the refused events are left out. A refused event
stays in the outbox (never dropped) and is recorded as a named problem (which receipt, why,
what to do) in the counter's sync state; it is tried again every round, and leaves the problem
list once delivered. Every INSERT names its conflict target (the row's primary key): a row sent
twice is skipped, a clash on any other unique key (a receipt number taken by another counter's
row) is a refusal that is reported, not swallowed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import BigInteger as _BigInt
from sqlalchemy import (
    Column,
    MetaData,
    String,
    Table,
    bindparam,
    text,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateTable

from db import models as m
from db.central import FACT_TABLES
from db.errors import DatabaseRefused, is_refusal, refusal
from db.sync.common import (
    PG,
    column_names,
    delete_state,
    is_connection_error,
    set_state,
    stage_ddl,
    unavailable,
)
from db.sync.journal import JournalPush, key_of
from pos.ports.sync import PushResult, SyncProblem

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
PROBLEM_KEY = "push_problem:"  # sync_state key prefix: one refused outbox event per key


# outbox kinds whose rows travel as table rows (their JSON payload stays on the counter)
_TABLED_KINDS = ("sale.completed", "refund.completed", "stock.document")


def _fact_keys(
    table: str, sale_ids: list[str], refund_ids: list[str], document_ids: list[str]
) -> list[tuple[str, list[str]]]:
    """How a fact table's rows of the batch are found: (key column, the batch's ids)."""
    if table == "sales":
        return [("id", sale_ids)]
    if table == "refunds":
        return [("id", refund_ids)]
    if table == "refund_lines":
        return [("refund_id", refund_ids)]
    if table == "stock_documents":
        return [("id", document_ids)]
    if table == "stock_document_lines":
        return [("document_id", document_ids)]
    if table == "stock_movements":  # a sale's moves, a refund's returns, a document's moves
        return [("sale_id", sale_ids), ("refund_id", refund_ids), ("document_id", document_ids)]
    return [("sale_id", sale_ids)]


_STAGE_DDL = ";\n".join(
    [stage_ddl(t) for t in FACT_TABLES]
    + [str(CreateTable(_STAGE_EVENTS, if_not_exists=True).compile(dialect=PG))]
)


@dataclass
class _Event:
    outbox_id: int
    kind: str
    aggregate_id: str
    row: tuple[Any, ...]  # for sync_events (batch id filled in at sending)
    facts: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # its products central lacks (if refused)

    @property
    def document(self) -> str:
        for table, col in (
            ("sales", "receipt_no"),
            ("refunds", "refund_no"),
            ("stock_documents", "number"),
        ):
            if self.facts.get(table):
                return str(self.facts[table][0][column_names(table).index(col)])
        return ""

    def written(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for table, rows in self.facts.items():
            cols = column_names(table)
            for r in rows:
                yield table, dict(zip(cols, r, strict=True))


class OutboxPush(JournalPush):
    """The outbox's sales and refunds up to the central database, then the journal."""

    def push(self, batch_size: int = 1000, max_batches: int | None = None) -> PushResult:
        events = batches = 0
        after = 0  # each waiting event is tried once per round, refused ones too
        refused: list[SyncProblem] = []
        while max_batches is None or batches < max_batches:
            batch = self._read_batch(batch_size, after)
            if batch is None:
                break
            after = batch[-1].outbox_id
            try:
                delivered, problems = self._send(batch)
            except DBAPIError as exc:
                if is_connection_error(exc):
                    raise unavailable(exc, self.round_timeout) from exc
                raise
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                raise unavailable(exc, self.round_timeout) from exc
            ids = [e.outbox_id for e in delivered]
            if self.after_central_commit is not None:
                self.after_central_commit(ids)
            refused += self._ack(ids, problems)
            events += len(ids)
            batches += 1
        else:
            return PushResult(events, batches, tuple(refused))  # stopped: the journal waits
        self.push_journal(batch_size)
        return PushResult(events, batches, tuple(refused))

    def problems(self) -> list[SyncProblem]:
        """The sales and refunds central refused, oldest first (they wait in the outbox)."""
        with self.local.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT value FROM sync_state WHERE key LIKE ?", (PROBLEM_KEY + "%",)
            ).all()
        found = [SyncProblem(**json.loads(r[0])) for r in rows]
        return sorted(found, key=lambda p: p.outbox_id)

    def _read_batch(self, size: int, after: int) -> list[_Event] | None:
        with self.local.connect() as conn, conn.begin():
            rows = conn.exec_driver_sql(
                "SELECT id, event_id, kind, aggregate_id, created_at, payload FROM outbox "
                "WHERE sent_at IS NULL AND id > ? ORDER BY id LIMIT ?",
                (after, size),
            ).all()
            if not rows:
                return None
            sale_ids = [r[3] for r in rows if r[2] == "sale.completed"]
            refund_ids = [r[3] for r in rows if r[2] == "refund.completed"]
            document_ids = [r[3] for r in rows if r[2] == "stock.document"]
            # the payload travels only for kinds the central schema has no tables for
            batch = [
                _Event(
                    r[0],
                    r[2],
                    r[3],
                    (
                        r[1],
                        self.terminal_id,
                        r[0],
                        r[2],
                        r[3],
                        r[4] + "+00",
                        None,
                        None if r[2] in _TABLED_KINDS else r[5],
                    ),
                )
                for r in rows
            ]
            by_aggregate = {e.aggregate_id: e for e in batch}
            for table in FACT_TABLES:
                names = column_names(table)
                cols = ", ".join(names)
                for key, keys in _fact_keys(table, sale_ids, refund_ids, document_ids):
                    at = names.index(key)
                    for start in range(0, len(keys), 900):
                        chunk = keys[start : start + 900]
                        marks = ", ".join("?" * len(chunk))
                        for row in conn.exec_driver_sql(
                            f"SELECT {cols} FROM {table} WHERE {key} IN ({marks})", tuple(chunk)
                        ):
                            owner = by_aggregate[row[at]]
                            owner.facts.setdefault(table, []).append(tuple(row))
        return batch

    def _send(self, batch: list[_Event]) -> tuple[list[_Event], list[tuple[_Event, Any]]]:
        """Deliver what central accepts of the batch; the refused events with their reason."""
        delivered: list[_Event] = []
        refused: list[tuple[_Event, Any]] = []
        with self.central.connect() as conn, conn.begin():
            conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
            info = conn.connection.info
            if not info.get("otop_stage"):
                conn.exec_driver_sql(_STAGE_DDL)
                info["otop_stage"] = True
            # no RETURNING: that would need SELECT on the table, which counters do not have
            batch_id = conn.exec_driver_sql("SELECT nextval('sync_batches_id_seq')").scalar_one()
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                groups = _groups(cur, batch)
                while groups:
                    group = groups.pop(0)
                    cur.execute("SAVEPOINT otop_push")
                    try:
                        _insert(cur, group, batch_id)
                    except psycopg.Error as exc:
                        if not is_refusal(exc):
                            raise
                        cur.execute("ROLLBACK TO SAVEPOINT otop_push")
                        if len(group) == 1:
                            _keep_missing_products(cur, group[0])
                            refused.append((group[0], exc))
                        else:  # halves, in outbox order
                            half = len(group) // 2
                            groups[:0] = [group[:half], group[half:]]
                        continue
                    cur.execute("RELEASE SAVEPOINT otop_push")
                    delivered += group
            if delivered:
                conn.execute(
                    text(
                        "INSERT INTO sync_batches (id, terminal_id, events, first_outbox_id, "
                        "last_outbox_id, counter_clock) VALUES (:i, :t, :n, :a, :b, :c)"
                    ),
                    {
                        "i": batch_id,
                        "t": self.terminal_id,
                        "n": len(delivered),
                        "a": min(e.outbox_id for e in delivered),
                        "b": max(e.outbox_id for e in delivered),
                        "c": self.clock(),
                    },
                )
        return delivered, refused

    def _ack(self, ids: list[int], refused: list[tuple[_Event, Any]]) -> list[SyncProblem]:
        """Mark the delivered events sent and record (or update) the refused ones."""
        now = self.clock()
        problems: list[SyncProblem] = []
        with self._write() as conn, conn.begin():
            if ids:
                conn.execute(
                    update(m.OutboxEvent)
                    .where(m.OutboxEvent.id.in_(bindparam("ids", expanding=True)))
                    .values(sent_at=now),
                    {"ids": ids},
                )
                for start in range(0, len(ids), 900):
                    chunk = ids[start : start + 900]
                    delete_state(conn, [f"{PROBLEM_KEY}{i}" for i in chunk])
            for event, exc in refused:
                key = f"{PROBLEM_KEY}{event.outbox_id}"
                before = conn.exec_driver_sql(
                    "SELECT value FROM sync_state WHERE key = ?", (key,)
                ).scalar()
                seen = json.loads(before) if before else {}
                problem = _problem(event, exc, seen.get("first_seen") or now.isoformat())
                problem = _with_attempts(problem, int(seen.get("attempts", 0)) + 1)
                set_state(conn, key, json.dumps(_as_dict(problem), ensure_ascii=False))
                problems.append(problem)
            set_state(conn, "last_push_at", now.isoformat())
        return problems


def _insert(cur: Any, group: Sequence[_Event], batch_id: int) -> None:
    """COPY the group's rows into the staging tables and insert them, parents first."""
    for table in FACT_TABLES:
        rows = [r for e in group for r in e.facts.get(table, ())]
        if not rows:
            continue
        cols = ", ".join(column_names(table))
        cur.execute(f"DELETE FROM stage_{table}")  # what an earlier group left there
        with cur.copy(f"COPY stage_{table} ({cols}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(row)
        cur.execute(
            f"INSERT INTO {table} ({cols}) SELECT {cols} FROM stage_{table} "
            f"ON CONFLICT ({key_of(table)}) DO NOTHING"
        )
    cols = ", ".join(_EVENT_COLS)
    cur.execute("DELETE FROM stage_sync_events")
    with cur.copy(f"COPY stage_sync_events ({cols}) FROM STDIN") as cp:
        for e in group:
            cp.write_row((*e.row[:6], batch_id, e.row[7]))
    cur.execute(
        f"INSERT INTO sync_events ({cols}) SELECT {cols} FROM stage_sync_events "
        "ON CONFLICT (event_id) DO NOTHING"
    )


def _product_ids(event: _Event) -> set[str]:
    return {
        v["product_id"]
        for t, v in event.written()
        if t != "stock_movements" and v.get("product_id")
    }


def _groups(cur: Any, batch: list[_Event]) -> list[list[_Event]]:
    """The batch whole, except the events naming a product central lacks: each of those is
    tried alone (one refusal each, no bisection over a batch full of them)."""
    wanted = set().union(*(_product_ids(e) for e in batch))
    if not wanted:
        return [batch]
    cur.execute("SELECT id FROM products WHERE id = ANY(%s)", (sorted(wanted),))
    missing = wanted - {r[0] for r in cur.fetchall()}
    suspect = [e for e in batch if _product_ids(e) & missing]
    if not suspect:
        return [batch]
    clean = [e for e in batch if not _product_ids(e) & missing]
    return ([clean] if clean else []) + [[e] for e in suspect]


def _keep_missing_products(cur: Any, event: _Event) -> None:
    """Which of the event's products central lacks (the counter may read the catalogue), so
    its refusal names that line's product, not every product of the sale."""
    wanted = _product_ids(event)
    if not wanted:
        return
    cur.execute("SELECT id FROM products WHERE id = ANY(%s)", (sorted(wanted),))
    event.missing = wanted - {r[0] for r in cur.fetchall()}


def _problem(event: _Event, exc: Any, first_seen: str) -> SyncProblem:
    doc = event.document
    what_en, what_th = {
        "sale.completed": (f"receipt {doc}", f"ใบเสร็จ {doc}"),
        "stock.document": (f"stock document {doc}", f"เอกสารสต็อก {doc}"),
    }.get(event.kind, (f"refund {doc}", f"ใบคืนสินค้า {doc}"))
    if not doc:
        what_en = what_th = f"{event.kind} #{event.outbox_id}"
    rows = [
        (t, v)
        for t, v in event.written()
        if not event.missing or v.get("product_id") in (None, *event.missing)
    ]
    named: DatabaseRefused | None = refusal(exc, what_en, rows, what_th)
    reason_en = named.message_en if named else str(exc)
    reason_th = named.message_th if named else str(exc)
    advice_en, advice_th = _advice(named)
    return SyncProblem(
        event.outbox_id,
        event.kind,
        doc,
        reason_en,
        reason_th,
        advice_en,
        advice_th,
        first_seen,
        0,
    )


def _advice(named: DatabaseRefused | None) -> tuple[str, str]:
    again_en = " It stays on this counter and is sent again every round."
    again_th = " รายการนี้ยังอยู่ในเครื่องนี้และจะส่งใหม่ทุกรอบ"
    if named is None:
        return "Call support with this message." + again_en, "ติดต่อผู้ดูแลระบบพร้อมข้อความนี้" + again_th
    if named.reason == "missing_parent" and "product" in named.message_en:
        return (
            "The product exists only on this counter: have the back office add it to the "
            "central catalogue (the same product), then sync again." + again_en,
            "สินค้านี้มีอยู่ในเครื่องนี้เท่านั้น ให้ฝ่ายหลังร้านเพิ่มสินค้านี้ในฐานข้อมูลกลาง แล้วซิงก์อีกครั้ง" + again_th,
        )
    if named.reason == "missing_parent":
        return (
            "Something it refers to (a user, a sale, a product) is not on the central "
            "database yet: add it there, or send the earlier problem first." + again_en,
            "ข้อมูลที่รายการนี้อ้างถึง (ผู้ใช้ การขาย หรือสินค้า) ยังไม่มีในฐานข้อมูลกลาง ให้เพิ่มข้อมูลนั้นก่อน" + again_th,
        )
    if named.reason == "duplicate":
        return (
            "Another row on the central database already holds this number: call support "
            "(only a machine writing as this counter can cause this)." + again_en,
            "มีข้อมูลอื่นในฐานข้อมูลกลางใช้เลขนี้แล้ว กรุณาติดต่อผู้ดูแลระบบ" + again_th,
        )
    return (
        "Correct the value on the central database's rules, or call support." + again_en,
        "แก้ไขค่าที่ไม่ถูกต้อง หรือติดต่อผู้ดูแลระบบ" + again_th,
    )


def _as_dict(p: SyncProblem) -> dict[str, Any]:
    return {k: getattr(p, k) for k in SyncProblem.__slots__}


def _with_attempts(p: SyncProblem, attempts: int) -> SyncProblem:
    d = _as_dict(p)
    d["attempts"] = attempts
    return SyncProblem(**d)
