"""The search's text index: SQLite FTS5 with the trigram tokenizer, in memory, per process."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable

from pos.ports.catalog import MIN_INDEXED, TextIndex

log = logging.getLogger(__name__)

_START = "\x01"  # put before each text: a text starting with q contains _START + q
_COLUMNS = ("thai", "latin")


def _phrase(text: str) -> str:
    """`text` as one FTS5 string: every character literal, a double quote doubled."""
    return '"' + text.replace('"', '""') + '"'


class TrigramIndex:
    """Every product's two texts in an in-memory FTS5 table (rowid = the product's number).

    A query of three characters or more is answered from the trigrams' lists in SQLite's C
    code, which the sqlite3 module runs without Python's global lock: a web worker's other
    requests go on meanwhile, where a walk of the 100,000 names in Python held them up. One
    connection for all threads, behind a lock (a query takes well under a millisecond).
    """

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con
        self._lock = threading.Lock()

    def starting(self, latin: bool, text: str, limit: int) -> list[int]:
        return self._numbers(latin, _START + text, limit)

    def containing(self, latin: bool, text: str, limit: int) -> list[int]:
        return self._numbers(latin, text, limit)

    def _numbers(self, latin: bool, text: str, limit: int) -> list[int]:
        if len(text) < MIN_INDEXED or limit <= 0 or "\n" in text:
            return []
        column = _COLUMNS[latin]
        with self._lock:
            rows = self._con.execute(
                f"SELECT rowid FROM texts WHERE {column} MATCH ? ORDER BY rowid LIMIT ?",
                (_phrase(text), limit),
            ).fetchall()
        return [n for (n,) in rows]


def build_trigram_index(texts: Iterable[tuple[str, str]]) -> TextIndex | None:
    """The index of `texts` ((Thai, ASCII) a product, in order), or None where this SQLite has
    no FTS5 trigram tokenizer (3.34 and later have it): the search then walks the texts."""
    con = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        con.execute(
            "CREATE VIRTUAL TABLE texts USING fts5(thai, latin, tokenize='trigram', detail=full)"
        )
    except sqlite3.OperationalError as exc:
        log.warning("search: no SQLite FTS5 trigram index (%s); names are walked instead", exc)
        con.close()
        return None
    con.executemany(
        "INSERT INTO texts(rowid, thai, latin) VALUES (?, ?, ?)",
        ((n, _START + thai, _START + latin) for n, (thai, latin) in enumerate(texts)),
    )
    con.commit()
    return TrigramIndex(con)
