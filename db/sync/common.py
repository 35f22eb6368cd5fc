"""What the parts of the sync share: table columns, staging DDL, errors, sync state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    Table,
    func,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.schema import CreateTable

from db import models as m
from pos.domain.errors import CentralUnavailable

TABLES = m.Base.metadata.tables
SEQ_KEY = "catalog_seq"  # sync_state: the last catalogue change the counter has applied


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table].columns]


PG = postgresql.dialect()  # type: ignore[no-untyped-call]


def stage_ddl(table: str) -> str:
    stage = Table(
        f"stage_{table}",
        MetaData(),
        *(Column(c.name, c.type) for c in TABLES[table].columns),
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DELETE ROWS",
    )
    return str(CreateTable(stage, if_not_exists=True).compile(dialect=PG))


def unavailable(exc: Exception) -> CentralUnavailable:
    why = getattr(exc, "orig", exc)
    return CentralUnavailable(
        f"The central database cannot be reached: {why}",
        f"ติดต่อฐานข้อมูลกลางไม่ได้: {why}",
    )


def is_connection_error(exc: DBAPIError) -> bool:
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


class SyncBase:
    """What every part of the counter's sync shares: the two engines, the terminal, the clock."""

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
            return get_seq(conn)

    def _write(self) -> Connection:
        conn = self.local.connect()
        if self.local.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        return conn


def sqlite_time(v: datetime) -> str:
    """A timestamp as SQLAlchemy stores it in SQLite (UTC, no offset)."""
    return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def rows_by(conn: Connection, table: str, key: str, keys: list[str]) -> list[tuple[Any, ...]]:
    cols = ", ".join(column_names(table))
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


def get_state_int(conn: Connection, key: str) -> int:
    value = conn.execute(select(m.SyncState.value).where(m.SyncState.key == key)).scalar()
    return int(value) if value else 0


def get_seq(conn: Connection) -> int:
    return get_state_int(conn, SEQ_KEY)


def set_state(conn: Connection, key: str, value: str) -> None:
    stmt = sqlite_insert(m.SyncState).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def sync_state(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.SyncState.key, m.SyncState.value)).all())
