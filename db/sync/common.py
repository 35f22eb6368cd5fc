"""What the parts of the sync share: table columns, staging DDL, errors, sync state."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    Table,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.schema import CreateTable

from db import models as m
from pos.domain.errors import CentralNotAnswering, CentralUnavailable

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


def unavailable(exc: Exception, round_timeout: float | None = None) -> CentralUnavailable:
    why = getattr(exc, "orig", exc)
    if "timeout expired" in str(why) or "timed out" in str(why):  # libpq's connect_timeout
        return not_answering(round_timeout or ROUND_TIMEOUT_S)
    return CentralUnavailable(
        f"The central database cannot be reached: {why}",
        f"ติดต่อฐานข้อมูลกลางไม่ได้: {why}",
    )


def is_connection_error(exc: DBAPIError) -> bool:
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


ROUND_TIMEOUT_S = 30.0  # the default bound of one sync round (setting sync_round_timeout_s)


def connect_timeout(round_timeout: float) -> int:
    """libpq's connect_timeout within a round: a sixth of it, 2 s at least."""
    return max(2, int(round_timeout // 6))


def central_connect_args(round_timeout: float = ROUND_TIMEOUT_S) -> dict[str, Any]:
    """libpq parameters of every central connection: a connect timeout, TCP keepalives (a dead
    peer is noticed within ~10 s of silence), and server-side bounds on a statement and on a
    transaction left idle (a counter gone silent mid-push holds no locks for long)."""
    bound_ms = int(round_timeout * 1000)
    return {
        "connect_timeout": connect_timeout(round_timeout),
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": bound_ms,
        "options": (
            f"-c statement_timeout={bound_ms} -c idle_in_transaction_session_timeout={bound_ms}"
        ),
    }


def not_answering(seconds: float) -> CentralNotAnswering:
    return CentralNotAnswering(
        f"The central database is not answering (gave up within {seconds:g} s): "
        "sales wait on this counter and are sent when it answers again",
        f"ฐานข้อมูลกลางไม่ตอบสนอง (หยุดรอภายใน {seconds:g} วินาที) "
        "รายการขายรออยู่ในเครื่องนี้และจะส่งเมื่อติดต่อได้อีกครั้ง",
    )


class Watchdog:
    """The client-side deadline of a round on one engine's connections.

    When the deadline passes, every open connection of the engine has its socket shut down:
    a read or write blocked on a network gone silent (no reset, no data: keepalives are answered
    by whatever box went quiet) returns at once with an error, the round's transaction is
    abandoned (the server rolls it back), and the pool drops the connection. A connection made
    after the deadline is refused as it opens.
    """

    def __init__(self, engine: Engine) -> None:
        self._conns: weakref.WeakSet[Any] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.fired = False
        self._armed = False
        event.listen(engine, "connect", self._on_connect)
        event.listen(engine, "checkout", self._on_checkout)

    def _on_connect(self, dbapi_conn: Any, _record: Any) -> None:
        with self._lock:
            self._conns.add(dbapi_conn)

    def _on_checkout(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        with self._lock:
            self._conns.add(dbapi_conn)
        if self.fired and self._armed:  # made after the deadline: it fails at once
            _shut(dbapi_conn)

    @contextlib.contextmanager
    def running(self, seconds: float) -> Iterator[None]:
        self.fired = False
        self._armed = True
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()
        try:
            yield
        finally:
            self._armed = False  # `fired` stays readable: the round's outcome
            self._timer.cancel()
            self._timer = None

    def suspend(self) -> None:
        """The rest of this round has its own bound (a first load: 60 s without data)."""
        if self._timer is not None:
            self._timer.cancel()

    def _fire(self) -> None:
        self.fired = True
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            _shut(c)


def _shut(dbapi_conn: Any) -> None:
    """Shut a psycopg connection's socket down (the connection object stays, broken)."""
    pgconn = getattr(dbapi_conn, "pgconn", None)
    try:
        fd = pgconn.socket if pgconn is not None else -1
    except Exception:  # closed already
        return
    if fd < 0:
        return
    with contextlib.suppress(OSError):
        s = socket.socket(fileno=os.dup(fd))
        try:
            s.shutdown(socket.SHUT_RDWR)
        finally:
            s.close()


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
        round_timeout: float = ROUND_TIMEOUT_S,
    ) -> None:
        self.local = local
        self.central = central
        self.terminal_id = terminal_id
        self.clock = clock
        # test hook: runs after the central commit, before the local acknowledgement
        self.after_central_commit = after_central_commit
        self.timings: dict[str, float] = {}  # seconds of the last pull: central, local
        self.round_timeout = round_timeout
        self._watchdog = Watchdog(central)

    @contextlib.contextmanager
    def deadline(self) -> Iterator[None]:
        """One round's client-side deadline: within `round_timeout` seconds the round is done
        or abandoned (rolled back: nothing of it is acknowledged) with CentralUnavailable
        "not answering". The watchdog fires a connect timeout early, so a connection begun
        just before it still ends within the bound."""
        fire_at = max(0.5, self.round_timeout - connect_timeout(self.round_timeout))
        try:
            with self._watchdog.running(fire_at):
                yield
        except Exception as exc:
            if self._watchdog.fired:
                raise not_answering(self.round_timeout) from exc
            raise

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


def takes_catalogue_from_central(engine: Engine) -> bool:
    """A counter whose catalogue comes from the central database (it has pulled once)."""
    with engine.connect() as conn:
        return (
            conn.execute(select(m.SyncState.key).where(m.SyncState.key == SEQ_KEY)).first()
            is not None
        )


def sync_state(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.SyncState.key, m.SyncState.value)).all())


def delete_state(conn: Connection, keys: Sequence[str]) -> None:
    if keys:
        conn.execute(delete(m.SyncState).where(m.SyncState.key.in_(list(keys))))
