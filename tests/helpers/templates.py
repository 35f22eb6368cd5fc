"""Template databases: each kind is migrated (and filled) once per session, then copied per test.

A SQLite template is a closed, checkpointed file copied byte for byte; a PostgreSQL template is
a database that no one may connect to once built, copied with CREATE DATABASE ... TEMPLATE. A
copy is what its build made: schema, seed rows, sequences. Identity written at first start (the
counter's terminal row) is in the copy only if the build wrote it: a build that only migrates
leaves it to the test's own first start, so every copy makes its own terminal.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from db.engine import make_engine, sqlite_url
from tests.helpers.pg import admin_conninfo, database_url, drop_database

Build = Callable[[str], None]
"""Makes the database at a URL what the template holds (migrate it, load a catalogue ...);
it must close every connection it opened."""

FreshDatabase = Callable[[str, str, Build], str]
"""The `fresh_database` fixture: (backend "sqlite" or "pg", kind, build) -> URL of a new copy."""


def migrate_only(url: str) -> None:
    """What the app's first `upgrade` makes of an empty database: the schema at head."""
    from db.migrate import upgrade

    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so that copying the main file copies everything."""
    con = sqlite3.connect(path)
    try:
        busy, _log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        con.close()
    wal = path.with_name(path.name + "-wal")
    assert not busy, f"{path}: a connection is still open"
    assert not wal.exists() or wal.stat().st_size == 0, f"{path}: the WAL was not folded in"


class SqliteTemplates:
    """One checkpointed SQLite file per kind, built on first use, under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, Path] = {}

    def template(self, kind: str, build: Build) -> Path:
        if kind not in self.files:
            path = self.root / f"{kind}.sqlite3"
            build(sqlite_url(path))
            checkpoint(path)
            self.files[kind] = path
        return self.files[kind]

    def copy(self, kind: str, build: Build, dest: Path) -> str:
        """A copy of the `kind` template at `dest` (which must not exist); its URL."""
        assert not dest.exists(), dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.template(kind, build), dest)
        return sqlite_url(dest)


class PgTemplates:
    """One template database per kind on the server, built on first use, dropped at the end."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.names: dict[str, str] = {}

    def template(self, kind: str, build: Build) -> str:
        if kind not in self.names:
            name = f"otop_tmpl_{kind.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
            self._execute("CREATE DATABASE {}", name)
            self.names[kind] = name
            build(database_url(self.server, name))
            # no connection may be open on a template while it is copied: refuse them all
            self._execute("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false", name)
            self._terminate(name)
        return self.names[kind]

    def clone(self, kind: str, build: Build) -> str:
        """A new database copied from the `kind` template; its name (drop it with `drop`)."""
        template = self.template(kind, build)
        name = f"otop_test_{uuid.uuid4().hex[:16]}"
        self._execute("CREATE DATABASE {} TEMPLATE {}", name, template)
        self._grant_as_on(template, name)
        return name

    def drop(self, name: str) -> None:
        drop_database(self.server, name)

    def close(self) -> None:
        for name in self.names.values():
            drop_database(self.server, name)
        self.names.clear()

    def _execute(self, statement: str, *names: str) -> None:
        import psycopg
        from psycopg import sql

        query = sql.SQL(statement).format(*(sql.Identifier(n) for n in names))
        with psycopg.connect(admin_conninfo(self.server), autocommit=True) as conn:
            conn.execute(query)

    def _grant_as_on(self, template: str, name: str) -> None:
        """The template's grants on the database itself (GRANT CONNECT ... TO a role): the one
        thing of it that CREATE DATABASE ... TEMPLATE does not copy."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(admin_conninfo(self.server), autocommit=True) as conn:
            grants = conn.execute(
                "SELECT a.privilege_type, r.rolname FROM pg_database d "
                "CROSS JOIN LATERAL aclexplode(d.datacl) a "
                "JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE d.datname = %s AND a.grantee <> d.datdba",
                (template,),
            ).fetchall()
            for privilege, role in grants:
                conn.execute(
                    sql.SQL("GRANT {} ON DATABASE {} TO {}").format(
                        sql.SQL(privilege), sql.Identifier(name), sql.Identifier(role)
                    )
                )

    def _terminate(self, name: str) -> None:
        import psycopg

        with psycopg.connect(admin_conninfo(self.server), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
