"""Every CSV the app writes (sales, end of day, producers) with names and reasons a user typed
as formulas: no text cell starts a formula, numbers stay numbers (a refund of -12.00 too);
the XLSX reports keep such a text a text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.csv_safe import FORMULA_STARTS, unquote_cell
from pos.domain.eod import EodReport, GroupRow, Settlement
from pos.domain.refund import ApprovalRow, RefundRow
from pos.ports.sales import SaleExportRow
from pos.services.eod import write_eod_csv, write_producers_csv
from pos.services.reports import export_sales_csv

WHEN = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)
TYPED = st.one_of(
    st.sampled_from(["=HYPERLINK(\"http://evil.example\")", "+1+cmd|' /C calc'!A0", "-2+3",
                     "@SUM(A1)", "\t=1", "\r=1", "'=1", "ลูกค้าประจำ / regular customer"]),
    st.builds(lambda s, t: s + t, st.sampled_from(sorted(FORMULA_STARTS)), st.text(max_size=8)),
    st.text(max_size=12),
)  # fmt: skip


def lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_only_numbers_start_with_a_sign(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell[:1] in FORMULA_STARTS:
                Decimal(cell)  # a number the app wrote itself, such as -12.00; else it raises


def eod(name: str, **more: Any) -> EodReport:
    group = (GroupRow(name, name, Decimal(1), Decimal("-5.00")),)
    return EodReport(
        start=WHEN, end=WHEN + timedelta(days=1), sales_count=1, gross=Decimal(0),
        discounts=Decimal(0), total=Decimal("-5.00"), vatable=Decimal(0), exempt=Decimal(0),
        vat=Decimal(0), voided=0, tenders=group, by_category=group, by_producer=group,
        by_district=group, by_hour=group, top_products=group, baskets=group,
        discount_reasons=group, by_counter=group, counter=name, **more,
    )  # fmt: skip


def test_a_negative_refund_stays_a_number() -> None:
    report = eod(
        "x", refunds=(RefundRow("R-1", "KK01-1", WHEN, Decimal("-12.00"), "cash", "a", "", "=x"),)
    )
    out = io.StringIO(newline="")
    write_eod_csv(report, out)
    refund = next(r for r in cells_of(out.getvalue()) if r[0] == "refund")
    assert refund[4] == "-12.00"
    assert refund[2] == "KK01-1 | cash | a | - | =x"  # the reason is inside, not at the start


@settings(max_examples=60)
@given(name=TYPED, reason=TYPED, who=TYPED)
def test_the_end_of_day_csv_never_starts_a_text_cell_with_a_formula(
    name: str, reason: str, who: str
) -> None:
    report = eod(
        name,
        refunds=(RefundRow("R-1", "KK01-1", WHEN, Decimal("12.00"), "cash", who, who, reason),),
        approvals=(ApprovalRow(WHEN, "void", who, who, reason, name),),
    )
    out = io.StringIO(newline="")
    write_eod_csv(report, out)
    rows = cells_of(out.getvalue())
    assert_only_numbers_start_with_a_sign(rows)
    category = next(r for r in rows if r[0] == "category")
    assert [unquote_cell(c) for c in category[1:3]] == [lf(name), lf(name)]
    approval = next(r for r in rows if r[0] == "approval")
    assert unquote_cell(approval[2]).startswith(lf(who))


@settings(max_examples=60)
@given(name=TYPED, district=TYPED)
def test_the_producers_csv_never_starts_a_text_cell_with_a_formula(
    name: str, district: str
) -> None:
    row = Settlement("P-1", name, district, Decimal(2), Decimal("100.00"), Decimal("20.00"),
                     Decimal("80.00"), (Decimal("20.00"),))  # fmt: skip
    out = io.StringIO(newline="")
    write_producers_csv([row], out)
    _, got = cells_of(out.getvalue())
    assert_only_numbers_start_with_a_sign([got])
    assert [unquote_cell(c) for c in got[1:3]] == [lf(name), lf(district)]


class FakeSalesUow:
    """What export_sales_csv reads: a unit of work whose sales give export rows."""

    def __init__(self, rows: list[SaleExportRow]) -> None:
        self.rows = rows

    @contextmanager
    def __call__(self, write: bool = False) -> Iterator[Any]:
        yield SimpleNamespace(sales=SimpleNamespace(export_rows=lambda start, end: self.rows))


@settings(max_examples=60)
@given(name=TYPED, sku=TYPED, cashier=TYPED)
def test_the_sales_csv_never_starts_a_text_cell_with_a_formula(
    name: str, sku: str, cashier: str
) -> None:
    sale = SaleExportRow(
        receipt_no="KK01-00000001", sold_at=WHEN, status="completed", sku=sku, name_th=name,
        qty=Decimal("-1"), unit_price=Decimal("79.00"), discount=Decimal("0.00"),
        line_total=Decimal("-79.00"), vat_exempt=False, line_vat=Decimal("-5.17"),
        sale_total=Decimal("-79.00"), vat=Decimal("-5.17"), payment_methods="cash",
        cashier=cashier,
    )  # fmt: skip
    out = io.StringIO(newline="")
    assert export_sales_csv(FakeSalesUow([sale]), out, None, None) == 1  # type: ignore[arg-type]
    header, got = cells_of(out.getvalue())
    assert_only_numbers_start_with_a_sign([got])
    by = dict(zip(header, got, strict=True))
    typed = [unquote_cell(by[c]) for c in ("sku", "name_th", "cashier")]
    assert typed == [lf(sku), lf(name), lf(cashier)]
    assert by["line_total"] == "-79.00"


def test_the_xlsx_reports_keep_a_typed_formula_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from printing.report_xlsx import write_eod_xlsx, write_producers_xlsx

    attack = '=HYPERLINK("http://evil.example","open")'
    report = eod(attack, approvals=(ApprovalRow(WHEN, "void", "a", "b", attack, ""),))
    write_eod_xlsx(report, tmp_path / "eod.xlsx")
    row = Settlement("P-1", attack, attack, Decimal(1), Decimal(1), Decimal(0), Decimal(1))
    write_producers_xlsx([row], WHEN.date(), WHEN.date(), tmp_path / "producers.xlsx")
    for name in ("eod.xlsx", "producers.xlsx"):
        cells = [c for ws in load_workbook(tmp_path / name) for r in ws.iter_rows() for c in r]
        typed = [c for c in cells if c.value == attack]
        assert typed, name
        assert all(c.data_type == "s" for c in typed), name
        assert not [c for c in cells if c.data_type == "f"], name
