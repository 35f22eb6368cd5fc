"""CSV cells that a spreadsheet cannot run as a formula (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (and,
after a tab or carriage return, the same) as a formula, which can fetch a web page or start a
program when a manager opens an export. Every CSV the app writes passes its rows through
`safe_row`:

- a *text* cell (a `str`: names, SKUs, reasons, notes, units, stories, buyer names, anything
  a user typed) that starts with one of those characters gets a single quote `'` in front, so
  the spreadsheet shows it as text;
- a *number* (an `int` or a `Decimal`) is written as it is: the app formats it itself, and a
  negative amount such as -12.00 must stay a number that adds up in the spreadsheet. A
  number the app formats into a string itself must never be negative (prices, rates);
- a carriage return inside a text becomes a line feed: the writers end rows with "\n", and
  Python's csv writer quotes a cell only for the characters of the row ending, so a bare
  "\r" would split the row in two for every reader.

The catalogue import reads a cell back with `unquote_cell`, so an exported catalogue
imports unchanged (a story that starts with "- " survives the round trip).

Every CSV the app writes starts with `csv_writer`: one convention for the sales and catalogue
exports, the EOD and the producers reports. A CSV is UTF-8 with a byte-order mark (BOM) at
its start, which is what Excel on a Thai Windows PC needs to show Thai rather than garble it
as Windows-874; the rows end in "\n". A reader takes a CSV with or without the mark
(`without_bom`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol, TextIO

# U+FEFF at the start of a text: its UTF-8 bytes EF BB BF are the byte-order mark Excel reads
BOM = "\ufeff"

# What OWASP lists: the formula starts and the characters that can hide one (a line feed
# too, which is what a carriage return becomes).
FORMULA_STARTS = frozenset("=+-@\t\r\n")

_ESCAPED = re.compile(r"'+[=+\-@\t\r\n]")  # one or more quotes, then a formula start


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read this cell as the start of a formula."""
    return text[:1] in FORMULA_STARTS


def safe_cell(value: object) -> object:
    """A cell as the CSV writer should get it: text that starts a formula gets a `'` in front.

    A text that already starts with quotes and then a formula start gets one more, so that
    `unquote_cell` gives every text back exactly (its line breaks as line feeds).
    """
    if not isinstance(value, str):  # int, Decimal, None: written as they are
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if is_formula_like(value) or (value.startswith("'") and _ESCAPED.match(value)):
        return "'" + value
    return value


def safe_row(cells: Iterable[object]) -> list[object]:
    """A row for csv.writer with every text cell made safe (numbers as they are)."""
    return [safe_cell(c) for c in cells]


def unquote_cell(text: str) -> str:
    """The text that `safe_cell` quoted (and any other text unchanged)."""
    if text.startswith("'") and _ESCAPED.match(text):
        return text[1:]
    return text


class RowWriter(Protocol):
    """What csv.writer returns."""

    def writerow(self, row: Iterable[Any], /) -> Any: ...
    def writerows(self, rows: Iterable[Iterable[Any]], /) -> None: ...


def csv_writer(out: TextIO) -> RowWriter:
    """A CSV writer on `out` (a text stream that encodes UTF-8, e.g. a file opened with
    encoding="utf-8", newline=""): the byte-order mark first, then rows ending in "\n"."""
    out.write(BOM)
    return csv.writer(out, lineterminator="\n")


def without_bom(header: str) -> str:
    """A CSV's first cell without the byte-order mark that a CSV saved by Excel (or by this
    app) starts with."""
    return header.removeprefix(BOM)
