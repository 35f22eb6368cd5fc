"""Shared fixtures: offscreen Qt, a fresh SQLite file, and a real PostgreSQL server."""

from __future__ import annotations

import atexit
import os
import shutil
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

PG_URL_ENV = "POS_TEST_PG_URL"


@pytest.fixture(scope="session", autouse=True)
def _one_qt_application(qapp: object) -> None:
    """pytest-qt's QApplication before anything draws: printing code that finds no Qt
    application starts a bare QGuiApplication (as the command line does), and pytest-qt
    refuses to run on one of those, whichever test happens to come first."""


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
    """The same test on the counter's SQLite file and on the central PostgreSQL server."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))
