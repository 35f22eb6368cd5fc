"""The one-off re-keying of the centre's own rows made by older versions under random ids.

The centre's producer (CENTRE) and its products (category SVC or producer CENTRE: SVC-ROOM,
SVC-DELIVERY, the tea corner's menu and stock items) now have ids derived from their code
(pos.domain.catalog.centre_id), the same on every store. A store made before that holds them
under random ids: its sales of them would push lines naming ids central does not know, and its
pull of central's copy would clash on the SKU. `rekey_centre_rows` gives each such row its
derived id and moves every reference to it (every column the database says refers to it, the
few id columns without a foreign key, the JSON documents and the tea lines' references that
name it), in the caller's transaction; migration 0024 runs it once. Running it again finds
nothing to do.

The journal is left as it was written: its records are immutable and the old ones hash the old
ids. Each re-keyed id is noted in `rekeyed_ids` (old id, new id, one `source` per run), and the
journal's verifier also tries a record with the new ids put back (pos.domain.journal), so the
chain verifies here and on central (the notes travel with the chain).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, column, insert, inspect, text
from sqlalchemy import table as sql_table

from db.models.base import UTCDateTime
from pos.domain.catalog import CENTRE_CATEGORY, CENTRE_PRODUCER, centre_id

# id columns that name a product or producer without a foreign key on them
_LOOSE = {"product_id": "products", "producer_id": "producers"}
# JSON documents that may name a product by id: (table, column); the journal's own records
# (z_reports.record) are left as written
_JSON = (
    ("outbox", "payload"),
    ("parked_sales", "payload"),
    ("tea_menu_items", "recipe"),
    ("tea_menu_items", "groups"),
    ("tea_lines", "options"),
    ("orders", "packed"),
)
# references that name a product in their text: a tea drink's line ("tea:<product id>:...")
_TEXT = (("sale_lines", "ref"),)
# caches keyed by the product without a foreign key: central's stock as last pulled
_CACHES = {"central_stock"}
_SUMMARIES = "stock_month_summaries"  # kept by triggers on stock_movements: merged, not moved
_CODE = {"products": "sku", "producers": "code"}
_NOTES = sql_table(
    "rekeyed_ids",
    *(column(c) for c in ("old_id", "new_id", "kind", "code", "source")),
    column("rekeyed_at", UTCDateTime()),
)
_NOT_REFERENCES = {"rekeyed_ids", "alembic_version", "catalog_changes"}


@dataclass(frozen=True, slots=True)
class Rekeyed:
    kind: str  # product | producer
    code: str
    old_id: str
    new_id: str


def rekey_centre_rows(conn: Connection, now: datetime | None = None) -> list[Rekeyed]:
    """Give the centre's rows made under random ids their derived ids, everywhere they are
    named, in the caller's transaction; what was re-keyed (nothing the second time)."""
    refs = _references(conn)
    done: list[Rekeyed] = []
    producer = conn.execute(
        text("SELECT id FROM producers WHERE code = :c"), {"c": CENTRE_PRODUCER[0]}
    ).scalar()
    wanted = centre_id("producer", CENTRE_PRODUCER[0])
    if producer is not None and producer != wanted:
        _move(conn, "producers", producer, wanted, refs)
        done.append(Rekeyed("producer", CENTRE_PRODUCER[0], producer, wanted))
    rows = conn.execute(
        text(
            "SELECT id, sku FROM products WHERE category_code = :cat OR producer_id = :p "
            "ORDER BY sku"
        ),
        {"cat": CENTRE_CATEGORY[0], "p": wanted},
    ).all()
    for old, sku in rows:
        new = centre_id("product", sku)
        if old != new:
            _move(conn, "products", old, new, refs)
            done.append(Rekeyed("product", sku, old, new))
    if done:
        _note(conn, done, now or datetime.now(UTC))
    return done


def _references(conn: Connection) -> dict[str, list[tuple[str, str]]]:
    """(table, column) of every column naming a producer or product, as the database has it."""
    insp = inspect(conn)
    found: dict[str, set[tuple[str, str]]] = {"products": set(), "producers": set()}
    for table in insp.get_table_names():
        if table in _NOT_REFERENCES or table == _SUMMARIES:
            continue
        for fk in insp.get_foreign_keys(table):
            target = fk["referred_table"]
            if target in found and fk["referred_columns"] == ["id"]:
                found[target].update((table, c) for c in fk["constrained_columns"])
        for col in insp.get_columns(table):
            target = _LOOSE.get(col["name"], "")
            if target and table != target:
                found[target].add((table, col["name"]))
    return {k: sorted(v) for k, v in found.items()}


def _move(
    conn: Connection, table: str, old: str, new: str, refs: dict[str, list[tuple[str, str]]]
) -> None:
    """The row `old` of `table` as `new`: a copy under the new id (the old one's code set
    aside first: it is unique), every reference moved to it, then the old row gone."""
    code = _CODE[table]
    cols = [c["name"] for c in inspect(conn).get_columns(table)]
    was = conn.execute(text(f"SELECT {code} FROM {table} WHERE id = :o"), {"o": old}).scalar_one()
    aside = f"~{old[:19]}"  # fits a producer's code (20): random, so no clash
    conn.execute(text(f"UPDATE {table} SET {code} = :tmp WHERE id = :o"), {"tmp": aside, "o": old})
    picked = ", ".join(":new" if c == "id" else ":code" if c == code else c for c in cols)
    conn.execute(
        text(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {picked} FROM {table} WHERE id = :o"),
        {"new": new, "code": was, "o": old},
    )
    for ref_table, col in refs[table]:
        if ref_table in _CACHES:  # a row of the new id there is central's later word
            conn.execute(
                text(f"DELETE FROM {ref_table} WHERE {col} = :o AND EXISTS "
                     f"(SELECT 1 FROM {ref_table} WHERE {col} = :n)"),
                {"n": new, "o": old},
            )  # fmt: skip
        conn.execute(
            text(f"UPDATE {ref_table} SET {col} = :n WHERE {col} = :o"), {"n": new, "o": old}
        )
    if table == "products":
        _merge_summaries(conn, old, new)
        _rewrite_json(conn, old, new)
    conn.execute(text(f"DELETE FROM {table} WHERE id = :o"), {"o": old})


def _merge_summaries(conn: Connection, old: str, new: str) -> None:
    """The month summaries left under the old id (the triggers moved the movements' share
    when their product changed) added to the new id's."""
    if _SUMMARIES not in inspect(conn).get_table_names():
        return
    conn.execute(
        text(
            f"INSERT INTO {_SUMMARIES} (month, product_id, reason, quantity_milli, moves) "
            f"SELECT month, :n, reason, quantity_milli, moves FROM {_SUMMARIES} "
            "WHERE product_id = :o "
            "ON CONFLICT (month, product_id, reason) DO UPDATE SET "
            "quantity_milli = stock_month_summaries.quantity_milli + excluded.quantity_milli, "
            "moves = stock_month_summaries.moves + excluded.moves"
        ),
        {"n": new, "o": old},
    )
    conn.execute(text(f"DELETE FROM {_SUMMARIES} WHERE product_id = :o"), {"o": old})
    conn.execute(
        text(
            f"DELETE FROM {_SUMMARIES} WHERE product_id = :n AND moves = 0 AND quantity_milli = 0"
        ),
        {"n": new},
    )


def _rewrite_json(conn: Connection, old: str, new: str) -> None:
    """The old id in the JSON documents and text references that may name it (an id is a
    UUID: its text is nowhere else)."""
    insp = inspect(conn)
    tables = set(insp.get_table_names())
    pg = conn.dialect.name == "postgresql"
    for table, col in (*_JSON, *_TEXT):
        if table not in tables or col not in {c["name"] for c in insp.get_columns(table)}:
            continue
        json = pg and (table, col) in _JSON
        as_text = f"CAST({col} AS TEXT)" if json else col
        value = f"CAST(REPLACE({as_text}, :o, :n) AS JSON)" if json else f"REPLACE({col}, :o, :n)"
        conn.execute(
            text(f"UPDATE {table} SET {col} = {value} WHERE {as_text} LIKE :pat"),
            {"o": old, "n": new, "pat": f"%{old}%"},
        )


def _note(conn: Connection, done: Iterable[Rekeyed], now: datetime) -> None:
    source = str(uuid.uuid4())
    conn.execute(
        insert(_NOTES),
        [
            {"old_id": r.old_id, "new_id": r.new_id, "kind": r.kind, "code": r.code,
             "source": source, "rekeyed_at": now}
            for r in done
        ],
    )  # fmt: skip
