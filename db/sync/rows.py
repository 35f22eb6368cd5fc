"""Catalogue rows read on the central server as SQLite stores them, and written locally."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Numeric,
)

from db import models as m
from db.sync.common import TABLES, column_names

PULL_ORDER = (
    "categories",
    "producers",
    "products",
    "certifications",
    "product_barcodes",
    "price_changes",
    "basket_templates",
    "users",
    "shop_settings",
)
FIRST_LOAD_ORDER = (*PULL_ORDER, "basket_components")
# the central database's own, never copied to a counter (tests/secrets/test_secrets_sync.py)
NEVER_PULLED = ("shop_secrets",)

STOCK_SQL = "SELECT product_id, quantity::float8, %s FROM stock_levels"
# where a counter reads a table: its users with its own copies of their PINs (db.central_identity)
SOURCE = {"users": "otop_counter_users()"}


def select_for_sqlite(column: Column[Any]) -> str:
    """The column read so that the value is already what SQLite stores (no Python work)."""
    t = column.type
    name = f"t.{column.name}"
    if isinstance(t, m.UTCDateTime | DateTime):
        return f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(t, Numeric):
        return f"{name}::float8"  # what SQLAlchemy binds on SQLite
    if isinstance(t, Date | JSON):
        return f"{name}::text"
    return name


def snapshot_sql(table: str) -> str:
    """Every row of the table, ready for SQLite, in primary-key byte order.

    The rows are sorted as stored and converted after the sort (OFFSET 0 keeps the subquery
    apart), so the first rows leave the server before the last are converted.
    """
    cols = ", ".join(select_for_sqlite(c) for c in TABLES[table].columns)
    order = ", ".join(f'{c.name} COLLATE "C"' for c in TABLES[table].primary_key.columns)
    source = SOURCE.get(table, table)
    return f"SELECT {cols} FROM (SELECT * FROM {source} ORDER BY {order} OFFSET 0) t"


def fetch_rows(central: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Plain tuples straight from psycopg (SQLAlchemy rows cost ~1 s per 100,000)."""
    raw = central.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def insert_rows(cur: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        cols = column_names(table)
        marks = ", ".join("?" * len(cols))
        cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


def apply_rows(cur: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert the new rows, update the known ones (plain INSERT is 2x an upsert in SQLite)."""
    if not rows:
        return
    cols = column_names(table)
    (pk,) = [c.name for c in TABLES[table].primary_key.columns]
    i = cols.index(pk)
    have = {r[0] for r in cur.execute(f"SELECT {pk} FROM {table}")}
    new = [r for r in rows if r[i] not in have]
    old = [(*r[:i], *r[i + 1 :], r[i]) for r in rows if r[i] in have]
    insert_rows(cur, table, new)
    if old:
        sets = ", ".join(f"{c} = ?" for c in cols if c != pk)
        cur.executemany(f"UPDATE {table} SET {sets} WHERE {pk} = ?", old)
