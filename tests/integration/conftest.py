"""Integration fixtures: a small catalogue on a real database, a clock the test moves."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.engine import sqlite_url
from pos.app.bootstrap import Store, open_store
from pos.domain.settings import Settings
from pos.services.demo import load_demo_store
from tests.helpers.pg import admin_conninfo, database_url, drop_database

DATA = Path(__file__).resolve().parent / "data"
# Nine products, four producers, one gift basket: every kind of code the till must read.
SMALL_CATALOGUE = DATA / "small"


class FixedClock:
    """A clock that shows what the test sets (the services take a Clock port)."""

    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime(2026, 11, 27, 4, 30, tzinfo=UTC)  # 11:30 in Bangkok

    def now(self) -> datetime:
        return self.current


def open_small_store(url: str, settings: Settings | None = None) -> Store:
    """Open (and migrate) the database at `url` and load the small catalogue into it."""
    settings = settings or Settings()
    store = open_store(url, settings)
    load_demo_store(store.uow, settings, store.terminal.terminal_id, SMALL_CATALOGUE)
    return store


# Migrating and loading a database takes most of a test's time on PostgreSQL, so each backend
# gets one migrated, loaded template per session and every test a fresh copy of it.
@pytest.fixture(scope="session")
def small_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("small-template") / "counter.sqlite3"
    open_small_store(sqlite_url(path)).close()  # closing the last connection checkpoints WAL
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture(scope="session")
def small_pg_template(pg_server: str) -> Iterator[str]:
    import psycopg
    from psycopg import sql

    name = f"otop_small_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_conninfo(pg_server), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        open_small_store(database_url(pg_server, name)).close()
        yield name
    finally:
        drop_database(pg_server, name)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def small_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database holding the small catalogue: a SQLite file or a PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "counter.sqlite3"
        shutil.copyfile(request.getfixturevalue("small_sqlite_template"), path)
        yield sqlite_url(path)
        return
    import psycopg
    from psycopg import sql

    server: str = request.getfixturevalue("pg_server")
    template: str = request.getfixturevalue("small_pg_template")
    name = f"otop_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(admin_conninfo(server), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    try:
        yield database_url(server, name)
    finally:
        drop_database(server, name)


@pytest.fixture
def store(small_store_url: str) -> Iterator[Store]:
    """The small catalogue on a fresh SQLite file or PostgreSQL database."""
    opened = open_store(small_store_url, Settings())
    try:
        yield opened
    finally:
        opened.close()
