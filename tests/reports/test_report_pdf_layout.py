"""The report PDFs as pages: the producers' total row stays with its table (item 24 of
issue 13), read back page by page with pypdf."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from pos.domain.eod import Settlement
from pos.domain.settings import Settings
from printing.report_pdf import producers_html, write_report_pdf

D = Decimal
FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
CODE = re.compile(r"KKP\d{3}")


def _producers(n: int) -> list[Settlement]:
    name, money = "กลุ่มทอผ้าไหมบ้านโนนเขวา ที่", (D("1200.00"), D("180.00"), D("1020.00"))
    return [
        Settlement(f"KKP{i:03d}", f"{name} {i}", "เมืองขอนแก่น", D(3), *money, (D(15),))
        for i in range(n)
    ]


def _pages(rows: list[Settlement], path: Path) -> list[str]:
    write_report_pdf(producers_html(rows, FIRST, LAST, Settings()), "Producers", path)
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_total_row_is_never_alone_on_a_page(tmp_path: Path) -> None:
    # how many producer rows the first page holds when the table goes on well past it
    long = _pages(_producers(60), tmp_path / "long.pdf")
    fit = len(CODE.findall(long[0]))
    assert len(long) >= 3
    assert fit > 5
    # that many producers fill the first page exactly: the total row is the next one down,
    # and one more or one fewer moves the page break by a row
    for n in (fit, fit + 1, fit - 1):
        pages = _pages(_producers(n), tmp_path / f"p{n}.pdf")
        codes = [CODE.findall(p) for p in pages]
        assert sorted(c for page in codes for c in page) == [f"KKP{i:03d}" for i in range(n)]
        (at,) = [i for i, p in enumerate(pages) if "Total" in p]
        assert at == len(pages) - 1
        assert "รวม" in pages[at]
        assert codes[at], f"{n} producers: the total row stands alone on page {at + 1}"
        if len(pages) > 1:  # the page that goes on repeats the column headings
            assert "Producer" in pages[at]
    # the long table's total row has rows above it on its own page too
    assert CODE.findall(long[-1])
    assert "Total" in long[-1]
