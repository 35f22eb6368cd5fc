"""The Alembic migrations build the schema of db.models on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from db import migrate, models
from db.engine import make_engine
from tests.helpers.rows import insert_product, insert_terminal, new_id, sale_values

MODEL_TABLES = set(models.Base.metadata.tables)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    try:
        yield eng
    finally:
        eng.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def _schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(ctx, models.Base.metadata))


def test_head_constant_matches_the_migration_scripts() -> None:
    """Start-up compares against migrate.HEAD; a new migration must move it."""
    assert migrate.head_revision() == migrate.HEAD


def test_upgrade_from_empty_creates_every_model_table(engine: Engine) -> None:
    assert _tables(engine) == set()
    assert migrate.current_revision(engine) is None
    assert migrate.current_revision_fast(engine) is None

    migrate.upgrade(engine)

    assert _tables(engine) == MODEL_TABLES
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.current_revision_fast(engine) == migrate.head_revision()


def test_migrations_match_the_models(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert _schema_diff(engine) == []


def test_schema_diff_would_notice_a_missing_table(engine: Engine) -> None:
    """Guards the test above: the comparison does see a difference when there is one."""
    migrate.upgrade(engine)
    models.OutboxEvent.__table__.drop(engine)
    diff = _schema_diff(engine)
    assert [d[0] for d in diff if isinstance(d, tuple)].count("add_table") == 1


def test_downgrade_to_base_then_upgrade_again(engine: Engine) -> None:
    migrate.upgrade(engine)

    migrate.downgrade(engine, "base")
    assert _tables(engine) == set()
    assert migrate.current_revision(engine) is None

    migrate.upgrade(engine)
    assert _tables(engine) == MODEL_TABLES
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert _schema_diff(engine) == []


def test_upgrade_is_idempotent_and_keeps_data(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        terminal_id = insert_terminal(conn)

    migrate.upgrade(engine)  # the cheap path: already at head
    migrate.upgrade(engine, migrate.head_revision())  # through Alembic itself

    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        ids = conn.execute(select(models.Terminal.id)).scalars().all()
    assert ids == [terminal_id]


def test_sqlite_pragmas_hold_on_a_new_connection(sqlite_url: str) -> None:
    first = make_engine(sqlite_url)
    try:
        migrate.upgrade(first)
    finally:
        first.dispose()

    fresh = make_engine(sqlite_url)
    try:
        with fresh.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        fresh.dispose()

    # WAL is a property of the file: any other program opening it sees it too.
    path = make_url(sqlite_url).database
    assert path is not None
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()


def test_receipt_number_is_unique(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        terminal_id = insert_terminal(conn)
        conn.execute(insert(models.Sale).values(**sale_values(terminal_id, 1, "KK01-000001")))

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(models.Sale).values(**sale_values(terminal_id, 2, "KK01-000001")))

    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(models.Sale)).scalar() == 1


def test_terminal_sequence_number_is_unique(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        terminal_id = insert_terminal(conn)
        conn.execute(insert(models.Sale).values(**sale_values(terminal_id, 7, "KK01-000007")))

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(models.Sale).values(**sale_values(terminal_id, 7, "KK01-000007B")))


def test_a_barcode_belongs_to_one_product(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        first = insert_product(conn, sku="SILK-001")
        second = insert_product(conn, sku="TEA-001")
        conn.execute(
            insert(models.ProductBarcode).values(code="8852052100014", product_id=first, kind="gs1")
        )

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(models.ProductBarcode).values(
                code="8852052100014", product_id=second, kind="gs1"
            )
        )

    with engine.connect() as conn:
        owners = conn.execute(select(models.ProductBarcode.product_id)).scalars().all()
    assert owners == [first]


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    migrate.upgrade(engine)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(models.Sale).values(**sale_values(new_id(), 1, "NOWHERE-1")))
