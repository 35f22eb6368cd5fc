"""End-of-day and consignment reports: they add up to the sales, on screen, CSV and PDF."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.eod import ProducerLineGroup, commission_of, settle_producers
from pos.domain.payment import Tender, TenderKind, cash_tender
from pos.domain.sale import Receipt
from pos.services.checkout import Checkout
from pos.services.eod import eod_report, producer_settlements, write_eod_csv
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock

SILK, TEA, BALM = "8851234000012", "8851234000029", "8851234000036"
D = Decimal
DAY = date(2026, 11, 27)


@pytest.fixture
def day_sales(store: Store) -> list[Receipt]:
    """Four sales on 27 Nov (Bangkok) and one just after midnight the next day."""
    clock = FixedClock()
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    out = []
    for codes, cash, hours in (
        ([SILK], True, 0),
        ([TEA, TEA, BALM], False, 1),
        ([SILK, TEA], True, 1),
        ([BALM], False, 5),
        ([SILK], True, 13),  # 04:30 UTC + 13 h = 00:30 on 28 Nov in Bangkok
    ):
        clock.current = FixedClock().current + timedelta(hours=hours)
        cart = checkout.new_cart()
        for code in codes:
            checkout.add_to_cart(cart, checkout.lookup(code))
        due = cart.totals().total
        tender = cash_tender(due, due) if cash else Tender(TenderKind.PROMPTPAY, due, reference="P")
        out.append(checkout.complete(cart, [tender], actor=seller(checkout)))
    return out


def test_the_end_of_day_report_adds_up_to_the_days_sales(
    store: Store, day_sales: list[Receipt]
) -> None:
    today = day_sales[:4]
    r = eod_report(store.uow, DAY)
    assert r.sales_count == 4
    assert r.total == sum((s.total for s in today), D(0))
    assert r.vat == sum((s.vat for s in today), D(0))
    assert (r.vatable, r.exempt) == (
        sum((s.vatable for s in today), D(0)),
        sum((s.exempt for s in today), D(0)),
    )
    for rows in (r.tenders, r.by_category, r.by_producer, r.by_district, r.by_hour):
        assert sum((row.sales for row in rows), D(0)) == r.total
    assert [h.key for h in r.by_hour] == ["11", "12", "16"]
    assert r.top_products[0].key == "SILK-001"
    assert eod_report(store.uow, DAY + timedelta(days=1)).sales_count == 1


def test_the_eod_csv_and_pdf_from_the_command_line(
    store: Store, day_sales: list[Receipt], tmp_path: Path
) -> None:
    csv_path, pdf_path = tmp_path / "eod.csv", tmp_path / "eod.pdf"
    for out in (csv_path, pdf_path):
        assert (
            main(["report", "eod", "--db", store.url, "--date", "2026-11-27", "-o", str(out)]) == 0
        )
    rows = list(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    totals = {r[1]: r[4] for r in rows if r[0] == "totals"}
    assert D(totals["total"]) == sum((s.total for s in day_sales[:4]), D(0))
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "End-of-day" in text
    assert "27/11/2569" in text  # the Buddhist-era date
    assert f"{sum((s.total for s in day_sales[:4]), D(0)):,.2f}" in text


def test_commission_is_taken_at_each_lines_snapshot_rate_half_up() -> None:
    assert commission_of(D("99.99"), D("12.5")) == D("12.50")  # 12.49875 -> 12.50
    rows = settle_producers(
        [
            ProducerLineGroup("P1", "กลุ่มทอผ้า", "ชนบท", D("20"), D(2), D("2580.00")),
            ProducerLineGroup("P1", "กลุ่มทอผ้า", "ชนบท", D("15"), D(1), D("100.00")),
            ProducerLineGroup("P2", "ลุงเขียว", "พล", None, D(3), D("90.00")),
        ]
    )
    assert [(s.producer_code, s.sales, s.commission, s.owed) for s in rows] == [
        ("P1", D("2680.00"), D("531.00"), D("2149.00")),
        ("P2", D("90.00"), D("0.00"), D("90.00")),
    ]


def test_producer_settlement_from_the_database_and_csv(
    store: Store, day_sales: list[Receipt], tmp_path: Path
) -> None:
    rows = producer_settlements(store.uow, DAY, DAY + timedelta(days=1))
    assert sum((s.sales for s in rows), D(0)) == sum((s.total for s in day_sales), D(0))
    assert all(s.owed + s.commission == s.sales for s in rows)
    silk = next(s for s in rows if any(r == D("20.00") for r in s.rates))
    assert silk.commission == commission_of(silk.sales, D("20"))
    out = tmp_path / "producers.csv"
    args = ["report", "producers", "--db", store.url, "--from", "2026-11-27", "--to", "2026-11-28"]
    assert main([*args, "-o", str(out)]) == 0
    lines = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert sum(D(r["owed"]) for r in lines) == sum((s.owed for s in rows), D(0))


def test_write_eod_csv_has_every_section(store: Store, day_sales: list[Receipt]) -> None:
    buf = io.StringIO()
    write_eod_csv(eod_report(store.uow, DAY), buf)
    sections = {line.split(",")[0] for line in buf.getvalue().splitlines()[1:]}
    assert sections == {
        "totals",
        "tender",
        "category",
        "producer",
        "district",
        "hour",
        "top_product",
        "channel",
    }
