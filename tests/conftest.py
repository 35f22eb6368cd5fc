"""Shared fixtures: offscreen Qt, a fresh SQLite file, a real PostgreSQL server, and migrated
databases copied from one template per session."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Before anything imports Qt (or pgserver, which reads the runtime dir at import time).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ.get("XDG_RUNTIME_DIR"):
    _runtime_dir = tempfile.mkdtemp(prefix="otop-pos-xdg-")
    os.environ["XDG_RUNTIME_DIR"] = _runtime_dir
    atexit.register(shutil.rmtree, _runtime_dir, ignore_errors=True)

# Property tests: no per-example deadline (a loaded CI machine is not a bug); the example
# counts are set per test.
hypothesis_settings.register_profile("otop", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "otop"))

from db.engine import sqlite_url as _sqlite_url  # noqa: E402
from tests.helpers.pg import create_database, database_url, drop_database  # noqa: E402
from tests.helpers.templates import (  # noqa: E402
    Build,
    FreshDatabase,
    PgTemplates,
    SqliteTemplates,
    migrate_only,
)

PG_URL_ENV = "POS_TEST_PG_URL"


# The test directories that draw: widgets (pytest-qt), or text that printing lays out with QtGui
# (receipts, slips, labels, reports, PDFs). Each of their tests gets pytest-qt's QApplication
# before it runs, in any order: printing code that finds no Qt application starts a bare
# QGuiApplication (as the command line does), and pytest-qt refuses to run on one of those.
# The other tests (tests/unit: the domain and services with fakes) never start Qt.
DRAWING_DIRECTORIES = frozenset(
    {
        "backoffice", "baskets", "labels", "printing", "reports", "returns", "shifts", "stock",
        "sync", "tea", "ui",
    }
)
TESTS = Path(__file__).resolve().parent


def draws(path: Path) -> bool:
    """Whether the test file at `path` is in one of the directories that draw."""
    parts = path.resolve().relative_to(TESTS).parts
    return len(parts) > 1 and parts[0] in DRAWING_DIRECTORIES


@pytest.fixture(autouse=True)
def _qt_application_if_it_draws(request: pytest.FixtureRequest) -> Iterator[None]:
    """pytest-qt's QApplication for the tests that draw; afterwards, a test that started a bare
    QGuiApplication (it drew outside DRAWING_DIRECTORIES) fails itself, not a later one."""
    if draws(request.node.path):
        request.getfixturevalue("qapp")
    yield
    core = sys.modules.get("PySide6.QtCore")
    app = core.QCoreApplication.instance() if core is not None else None
    widgets = sys.modules.get("PySide6.QtWidgets")
    if app is not None and (widgets is None or not isinstance(app, widgets.QApplication)):
        pytest.fail(
            f"{request.node.nodeid} drew with no QApplication, so a bare {type(app).__name__} "
            "was started and pytest-qt can no longer run: put its directory in "
            "DRAWING_DIRECTORIES (tests/conftest.py) or request the qapp fixture",
            pytrace=False,
        )


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """URL of a SQLite file that does not exist yet (the counter's database)."""
    return _sqlite_url(tmp_path / "counter.sqlite3")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URI of a running PostgreSQL server: $POS_TEST_PG_URL, else one started with pgserver.

    A missing server fails the tests (it never skips them): the central database is
    PostgreSQL and the integration tests must run against a real one.
    """
    configured = os.environ.get(PG_URL_ENV)
    if configured:
        yield configured
        return
    private_dir = _pgdata_parent(tmp_path_factory)
    try:
        import pgserver

        server = pgserver.get_server(private_dir / "pgdata", cleanup_mode="stop")
        uri = server.get_uri()
        _no_disk_flushes(uri)
    except Exception as exc:
        shutil.rmtree(private_dir, ignore_errors=True)
        pytest.fail(
            f"Could not start PostgreSQL with pgserver: {exc!r}. Tests need a real server: "
            f"fix pgserver or set {PG_URL_ENV} to the URL of a server where this user may "
            "CREATE DATABASE (e.g. postgresql://user:pw@localhost/postgres).",
            pytrace=False,
        )
    try:
        yield uri
    finally:
        server.cleanup()
        shutil.rmtree(private_dir, ignore_errors=True)


def _no_disk_flushes(uri: str) -> None:
    """A throwaway test server waits for no fsync: every commit, CREATE DATABASE ... TEMPLATE
    and DROP DATABASE otherwise waits on the disk (seconds each when the machine is busy).
    Only a crash of the machine could tell the difference; no test crashes it (a server
    given in $POS_TEST_PG_URL is left as it is)."""
    import psycopg

    with psycopg.connect(uri, autocommit=True) as conn:
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {name} = off")
        conn.execute("SELECT pg_reload_conf()")


def _pgdata_parent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where pgserver keeps its data directory.

    As root, pgserver runs PostgreSQL as a separate `pgserver` user that must traverse the
    path to its data. Every pytest session that starts resets /tmp/pytest-of-root to mode
    0700, which would lock that user out mid-run (initdb: permission denied) whenever two
    sessions overlap; so as root the data lives in its own temp dir, removed at the end.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path(tempfile.mkdtemp(prefix="otop-pos-pg-"))
    return tmp_path_factory.mktemp("pg")


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the PostgreSQL server (postgresql+psycopg:// URL).

    Dropped after the test, after terminating any connection left open to it.
    """
    name = f"otop_test_{uuid.uuid4().hex[:16]}"
    create_database(pg_server, name)
    try:
        yield database_url(pg_server, name)
    finally:
        drop_database(pg_server, name)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on the counter's SQLite file and on the central PostgreSQL server,
    both empty (for the tests of migrations and first start; others take migrated_db_url)."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


# Migrating takes most of a store test's time (about 0.2 s on SQLite, 0.5-2 s on PostgreSQL),
# so each kind of database is built once per session and every test gets a copy of it.
@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    return SqliteTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="session")
def pg_templates(pg_server: str) -> Iterator[PgTemplates]:
    templates = PgTemplates(pg_server)
    try:
        yield templates
    finally:
        templates.close()


@pytest.fixture
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FreshDatabase]:
    """`fresh_database(backend, kind, build)`: the URL of a new copy of the session's `kind`
    template ("sqlite": a file in tmp_path, "pg": a database dropped after the test)."""
    clones: list[str] = []
    pg: list[PgTemplates] = []

    def fresh(backend: str, kind: str, build: Build) -> str:
        if backend == "sqlite":
            templates: SqliteTemplates = request.getfixturevalue("sqlite_templates")
            dest = tmp_path / "counter.sqlite3"
            if dest.exists():
                dest = tmp_path / f"counter-{uuid.uuid4().hex[:8]}.sqlite3"
            return templates.copy(kind, build, dest)
        assert backend == "pg", backend
        if not pg:
            pg.append(request.getfixturevalue("pg_templates"))
        clones.append(pg[0].clone(kind, build))
        return database_url(pg[0].server, clones[-1])

    yield fresh
    for name in clones:
        pg[0].drop(name)


@pytest.fixture
def migrated_sqlite_url(fresh_database: FreshDatabase) -> str:
    """A counter's SQLite file as the app's first migration leaves it (no terminal yet)."""
    return fresh_database("sqlite", "migrated", migrate_only)


@pytest.fixture
def migrated_pg_url(fresh_database: FreshDatabase) -> str:
    """A PostgreSQL database as the app's first migration leaves it (no terminal yet)."""
    return fresh_database("pg", "migrated", migrate_only)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def migrated_db_url(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> str:
    """migrated_sqlite_url and migrated_pg_url: the same test on both backends."""
    return fresh_database(str(request.param), "migrated", migrate_only)
