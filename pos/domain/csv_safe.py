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
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
