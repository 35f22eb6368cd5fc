"""Push: the outbox's sales and refunds (their rows) to the central database, once each."""

from __future__ import annotations

from typing import Any

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
from db.sync.common import PG, column_names, is_connection_error, set_state, stage_ddl, unavailable
from db.sync.journal import JournalPush
from pos.ports.sync import PushResult

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


_STAGE_DDL = ";\n".join(
    [stage_ddl(t) for t in FACT_TABLES]
    + [str(CreateTable(_STAGE_EVENTS, if_not_exists=True).compile(dialect=PG))]
)


class OutboxPush(JournalPush):
    """The outbox's sales and refunds up to the central database, then the journal."""

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
                if is_connection_error(exc):
                    raise unavailable(exc) from exc
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
                cols = ", ".join(column_names(table))
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
                    cols = ", ".join(column_names(table))
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
            set_state(conn, "last_push_at", now.isoformat())
