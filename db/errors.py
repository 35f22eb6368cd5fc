"""Database refusals in plain words: one mapping from SQLAlchemy/psycopg errors to ShopError.

A constraint violation, a value too long for its column or a number out of its column's range
refused by PostgreSQL (the central database) becomes a `DatabaseRefused` naming the row (its
receipt number, SKU, code or id) and the field, in English and Thai. Used by the unit of work
(e.g. `catalog import` into the central database) and by the push (a sale central refuses).
Connection failures are not refusals (`refusal` returns None for them): `unavailable` names
them (a server that does not answer, a file that is not a store) as a `StoreUnavailable`, for
the store opener and every command's error handler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Column, Numeric, String

from db import models as m
from pos.domain.errors import ShopError, StoreUnavailable

# the columns that name a row to a person, best first
_NAMING = ("receipt_no", "refund_no", "sku", "code", "username", "number", "key", "id")
_KEY = re.compile(r"Key \((?P<cols>[^)]*)\)=\((?P<vals>.*)\)")
_INTO = re.compile(r"INSERT INTO (\w+)|UPDATE (\w+)", re.IGNORECASE)
_WHAT = {
    "sales": ("sale", "การขาย"),
    "refunds": ("refund", "การคืนเงิน"),
    "products": ("product", "สินค้า"),
}


class DatabaseRefused(ShopError):
    """A row the database refused (a constraint, a value too long, a number too large)."""

    def __init__(
        self, message_en: str, message_th: str, *, table: str, field: str, reason: str
    ) -> None:
        super().__init__(message_en, message_th)
        self.table = table
        self.field = field
        self.reason = reason  # missing_parent | duplicate | not_null | check | too_long | range


def _constraint(name: str) -> tuple[str, str, str] | None:
    """(table, its columns, the referred table or "") of a constraint of the schema."""
    if not name:
        return None
    for t in m.Base.metadata.tables.values():
        for c in t.constraints:
            if c.name == name:
                cols = ", ".join(col.name for col in getattr(c, "columns", ()))
                referred = getattr(c, "referred_table", None)
                return t.name, cols, referred.name if referred is not None else ""
    return None


def sqlstate(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return str(getattr(orig, "sqlstate", None) or "")


def is_refusal(exc: BaseException) -> bool:
    """A refusal of the data by PostgreSQL (SQLSTATE class 22 data exception, class 23
    integrity), not a fault. SQLite gives no SQLSTATE: a constraint failing in a counter's own
    file is a bug of the counter (its writes are checked before), logged with its traceback."""
    return sqlstate(exc)[:2] in ("22", "23")


def refusal(
    exc: BaseException,
    row: str = "",
    rows: Iterable[tuple[str, Mapping[str, Any]]] = (),
    row_th: str = "",
) -> DatabaseRefused | None:
    """`exc` as a plain message naming the row and the field; None when it is no refusal.

    `row` names the row when the caller knows it (e.g. "receipt KK01-00000042", `row_th` in
    Thai); `rows` (table, values) are the rows that were being written, searched for the value
    that does not fit its column when the server does not say which one (too long, too big).
    """
    if not is_refusal(exc):
        return None
    orig = getattr(exc, "orig", exc)
    diag = getattr(orig, "diag", None)
    table = str(getattr(diag, "table_name", None) or _statement_table(exc) or "")
    column = str(getattr(diag, "column_name", None) or "")
    detail = str(getattr(diag, "message_detail", None) or "")
    primary = str(getattr(diag, "message_primary", None) or orig).splitlines()[0]
    written = list(rows) or list(_statement_rows(exc, table))
    state = sqlstate(exc)
    row = f"{row}\x00{row_th or row}" if row else ""
    key = _KEY.search(detail)
    cols, vals = (key["cols"], key["vals"]) if key else ("", "")
    named = _constraint(str(getattr(diag, "constraint_name", None) or ""))
    if not cols and named is not None:
        # the server hides the key's value from a role that may not read the column: the
        # constraint names the columns, the rows being written give the value
        table, cols, where_to = named
        first = cols.split(",")[0].strip()
        seen = sorted({str(v[first]) for t, v in written if t == table and v.get(first)})
        vals = seen[0] if len(seen) == 1 else "one of " + " / ".join(seen[:5])
        skus = sorted({str(v["sku"]) for t, v in written if t == table and v.get("sku")})
        if len(seen) == 1 and len(skus) == 1:  # a sale line or refund line names its product
            vals += f" (SKU {skus[0]})"
        if where_to and not detail:
            detail = f'is not present in table "{where_to}"'
    if state == "23503":  # foreign key
        parent = re.search(r'table "(\w+)"', detail)
        where = parent[1] if parent else "?"
        if "is still referenced" in detail:
            en = f"{cols} {vals} is still used by rows of {where}"
            th = f"{cols} {vals} ยังถูกใช้โดยข้อมูลในตาราง {where}"
        else:
            en = f"{cols} {vals} is not in {where} on this database"
            th = f"ไม่มี {cols} {vals} ในตาราง {where} ของฐานข้อมูลนี้"
        return _made(row, table, cols or column, en, th, "missing_parent", written, vals, cols)
    if state == "23505":  # unique
        en = f"{cols} {vals} is already used by another row"
        th = f"{cols} {vals} ถูกใช้แล้วโดยข้อมูลอื่น"
        return _made(row, table, cols, en, th, "duplicate", written, vals, cols)
    if state == "23502":  # not null
        en, th = f"{column} is empty", f"ไม่ได้ระบุ {column}"
        return _made(row, table, column, en, th, "not_null", written)
    if state == "23514":  # check
        rule = str(getattr(diag, "constraint_name", None) or "")
        en, th = f"breaks the rule {rule}", f"ขัดกับกฎ {rule}"
        return _made(row, table, column or rule, en, th, "check", written)
    if state == "22001" or "too long" in primary:
        found = _overlong(written)
        if found is not None:
            tbl, field, limit, values = found
            size = len(str(values[field]))
            en = f"{field} is {size} characters, the column holds {limit}"
            th = f"{field} ยาว {size} ตัวอักษร แต่ช่องนี้เก็บได้ {limit}"
            return _made(row, tbl, field, en, th, "too_long", [(tbl, values)])
        return _made(row, table, column, primary, primary, "too_long", written)
    if state == "22003" or "out of range" in primary or "overflow" in primary:
        big = _out_of_range(written)
        if big is not None:
            tbl, field, bound, values = big
            en = f"{field} {values[field]} is beyond what the column holds (below {bound})"
            th = f"{field} {values[field]} เกินกว่าที่ช่องนี้เก็บได้ (ต้องน้อยกว่า {bound})"
            return _made(row, tbl, field, en, th, "range", [(tbl, values)])
        return _made(row, table, column, primary, primary, "range", written)
    return _made(row, table, column, primary, primary, "check", written)


def _made(
    row: str,
    table: str,
    field: str,
    en: str,
    th: str,
    reason: str,
    written: list[tuple[str, Mapping[str, Any]]],
    value: str = "",
    cols: str = "",
) -> DatabaseRefused:
    name_en, _, name_th = row.partition("\x00")
    if not row:
        skip = field if reason == "too_long" else ""  # never named by the overlong value
        name_en, name_th = _row_name(table, written, value, cols, skip)
    return DatabaseRefused(
        f"Refused by the database: {name_en}: {en}",
        f"ฐานข้อมูลไม่รับ {name_th}: {th}",
        table=table,
        field=field,
        reason=reason,
    )


def _row_name(
    table: str,
    written: list[tuple[str, Mapping[str, Any]]],
    value: str,
    cols: str,
    skip: str = "",
) -> tuple[str, str]:
    what_en, what_th = _WHAT.get(table, (f"a row of {table}" if table else "a row", ""))
    what_th = what_th or f"ข้อมูลในตาราง {table}" if table else "ข้อมูล"
    candidates = [v for t, v in written if t == table] or [v for _, v in written]
    if value and cols:  # the row whose key column holds the value the server named
        first = cols.split(",")[0].strip()
        candidates = [v for v in candidates if str(v.get(first)) == value] or candidates
    if len(candidates) == 1:
        values = candidates[0]
        for col in _NAMING:
            v = str(values.get(col) or "")
            if v and col != skip:
                v = v if len(v) <= 40 else v[:20] + "…"
                return f"{what_en} {col} {v}", f"{what_th} {col} {v}"
    return what_en, what_th


def _overlong(
    written: list[tuple[str, Mapping[str, Any]]],
) -> tuple[str, str, int, Mapping[str, Any]] | None:
    for table, c, v, values in _cells(written):
        limit = getattr(c.type, "length", None)
        if isinstance(c.type, String) and limit and isinstance(v, str) and len(v) > limit:
            return table, c.name, int(limit), values
    return None


def _cells(
    written: list[tuple[str, Mapping[str, Any]]],
) -> Iterator[tuple[str, Column[Any], Any, Mapping[str, Any]]]:
    """(table, column, value, the row) of every value being written to a known table."""
    for table, values in written:
        t = m.Base.metadata.tables.get(table)
        if t is not None:
            for c in t.columns:
                yield table, c, values.get(c.name), values


def _out_of_range(
    written: list[tuple[str, Mapping[str, Any]]],
) -> tuple[str, str, str, Mapping[str, Any]] | None:
    for table, c, v, values in _cells(written):
        if v is None or isinstance(v, bool):
            continue
        if isinstance(c.type, Numeric) and c.type.precision:
            bound = Decimal(10) ** (c.type.precision - (c.type.scale or 0))
            try:
                if abs(Decimal(str(v))) >= bound:
                    return table, c.name, f"{bound:,}", values
            except InvalidOperation:
                continue
        elif isinstance(v, int) and abs(v) >= 2**31 and "BIG" not in str(c.type).upper():
            return table, c.name, f"{2**31:,}", values
    return None


def _statement_table(exc: BaseException) -> str:
    found = _INTO.search(str(getattr(exc, "statement", None) or ""))
    return (found[1] or found[2]) if found else ""


def _statement_rows(exc: BaseException, table: str) -> Iterable[tuple[str, Mapping[str, Any]]]:
    params = getattr(exc, "params", None)
    if isinstance(params, Mapping):
        yield table, params
    elif isinstance(params, list | tuple):
        for p in params:
            if isinstance(p, Mapping):
                yield table, p


def unavailable(exc: BaseException, url: str | None = None) -> StoreUnavailable | None:
    """A database driver's error the shop can fix, in plain Thai and English (None for any
    other): a server that does not answer or refuses the connection, a file that cannot be
    opened, an address of a kind no store has. `url` (of the store being opened) names it;
    without it the driver's own first line does. Every command's errors pass through it
    (`pos.app.command_line.run_command`), so a command that connects anywhere needs nothing
    of its own; a database's refusal of a row is db/'s to name."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

    if isinstance(exc, ArgumentError):  # no such dialect, an address that does not parse
        return StoreUnavailable(
            "A database address is not understood: give a SQLite file path or a postgresql:// URL",
            "ไม่เข้าใจที่อยู่ฐานข้อมูล กรุณาระบุไฟล์ SQLite หรือ URL แบบ postgresql://",
        )
    if not isinstance(exc, DBAPIError):
        return None
    lines = str(exc.orig).strip().splitlines() if exc.orig else []
    reason = lines[0][:300] if lines else type(exc).__name__
    parsed = make_url(url) if url else None
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        where = parsed.database or url
        return StoreUnavailable(
            f"The store {where} cannot be opened ({reason}): check --db and the disk",
            f"เปิดฐานข้อมูลร้าน {where} ไม่ได้ ({reason}) กรุณาตรวจสอบ --db และดิสก์",
        )
    server = "The database server"
    server_th = "เซิร์ฟเวอร์ฐานข้อมูล"
    if parsed is not None:
        where = f" {parsed.host or 'localhost'}:{parsed.port or 5432}"
        if parsed.database:
            where += f" (database {parsed.database})"
        server, server_th = server + where, server_th + where
    if isinstance(exc, OperationalError):  # the driver's "could not connect", timeouts
        return StoreUnavailable(
            f"{server} does not answer or refuses the connection ({reason}): check the "
            "address, the network and the server",
            f"{server_th} ไม่ตอบสนองหรือไม่ยอมให้เชื่อมต่อ ({reason}) กรุณาตรวจสอบที่อยู่ เครือข่าย และเซิร์ฟเวอร์",
        )
    if parsed is None:
        return None  # a refusal by a database that answers: a bug unless db/ names it
    return StoreUnavailable(
        f"{server} cannot be opened as a store ({reason})",
        f"{server_th} เปิดเป็นฐานข้อมูลร้านไม่ได้ ({reason})",
    )
