"""Item 23 of issue 13: the EOD report gives pieces and kilograms apart (it added 12 jars and
6.750 kg of sausage up to one "18.750"), in every section that counts goods, in the PDF, the
CSV and the workbook; so does the producers' settlement, refunds taken off each unit; on
SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, update

from db import models as m
from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.eod import GroupRow, goods_quantity
from pos.domain.payment import Tender, TenderKind
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.eod import eod_report, producer_settlements
from pos.services.returns import Returns
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.integration.test_checkout import scan, weight_label
from tests.shifts.test_auth import PlainTestHasher

D = Decimal
DAY = date(2026, 11, 27)
JAEW, RICE = "8851234000029", "8851234000036"  # sold by the jar, by the bag: pieces
SAUSAGE = weight_label(6750)  # SAUS-W, sold by weight: 6.750 kg at 180.00 a kilo


@pytest.fixture
def day(store: Store) -> Store:
    """27 Nov: 10 jars of jaew, 2 bags of rice and 6.750 kg of sausage (all food, all of one
    producer in one district)."""
    checkout = Checkout(store.uow, store.settings, store.terminal, FixedClock())
    cart = scan(checkout, checkout.new_cart(), f"10*{JAEW}", f"2*{RICE}", SAUSAGE)
    due = cart.totals().total
    checkout.complete(cart, [Tender(TenderKind.CASH, due, due)], actor=seller(checkout))
    return store


def _food(rows: tuple[GroupRow, ...]) -> GroupRow:
    (row,) = rows
    return row


def test_goods_sections_keep_pieces_and_kilograms_apart(day: Store) -> None:
    report = eod_report(day.uow, DAY)
    for section in (report.by_category, report.by_producer, report.by_district):
        row = _food(section)
        assert (row.quantity, row.kg) == (D(12), D("6.750")), row
        assert row.amounts.th == "12 ชิ้น · 6.750 กก."
        assert row.amounts.en == "12 pcs · 6.750 kg"
    top = {r.key: r for r in report.top_products}
    assert (top["JAEW-001"].quantity, top["JAEW-001"].kg) == (D(10), D(0))
    assert top["JAEW-001"].amounts.th == "10 ชิ้น"
    assert (top["SAUS-W"].quantity, top["SAUS-W"].kg) == (D(0), D("6.750"))
    assert top["SAUS-W"].amounts.en == "6.750 kg"
    # the sections that count something else stay counts
    assert all(not r.goods for r in (*report.tenders, *report.by_hour, *report.discount_reasons))
    assert goods_quantity(D(0), D("0.000")).th == "-"


def test_the_pdf_csv_and_workbook_give_each_unit(day: Store, tmp_path: Path) -> None:
    base = ["report", "eod", "--db", day.url, "--date", DAY.isoformat(), "-o"]
    pdf, sheet, book = tmp_path / "eod.pdf", tmp_path / "eod.csv", tmp_path / "eod.xlsx"
    for out in (pdf, sheet, book):
        assert main([*base, str(out)]) == 0

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    lines = ["".join(line.split()) for line in text.splitlines()]  # spaces are pypdf's layout
    rows = [line for line in lines if "12ชิ้น" in line]
    assert len(rows) == 3, text  # the category, producer and district rows
    assert rows == ["12ชิ้น·6.750กก."] * 3
    assert "18.75" not in text
    assert "6.750กก." in lines  # the sausage in the top products
    assert "10ชิ้น" in lines
    assert "2ชิ้น" in lines

    cells = list(csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig"))))
    food = {(c["section"], c["key"]): c for c in cells}
    for key in (("category", "food"), ("top_product", "SAUS-W"), ("top_product", "JAEW-001")):
        assert key in food, key
    category = food["category", "food"]
    assert (category["pieces"], category["kg"], category["quantity"]) == ("12", "6.750", "")
    assert (food["top_product", "SAUS-W"]["pieces"], food["top_product", "SAUS-W"]["kg"]) == (
        "0",
        "6.750",
    )
    for c in cells:
        if c["section"] in ("producer", "district"):
            assert (c["pieces"], c["kg"]) == ("12", "6.750"), c
        if c["section"] == "tender":
            assert (c["quantity"], c["pieces"], c["kg"]) == ("1", "", "")

    wb = load_workbook(book)
    head = [c.value for c in wb["Categories"][1]]
    assert head[2:4] == ["ชิ้น / Pieces", "กก. / Kilograms"]
    (row,) = wb["Categories"].iter_rows(min_row=2, values_only=True)
    assert (row[0], D(str(row[2])), D(str(row[3]))) == ("food", D(12), D("6.750"))
    assert wb["Categories"]["D2"].number_format == "#,##0.000"
    assert [c.value for c in wb["Tenders"][1]][2] == "จำนวน / Quantity"


def test_a_closed_day_kept_in_the_old_layout_is_grouped_again(day: Store) -> None:
    """A day summarised before pieces and kilograms were kept apart (its line groups keyed
    without how the product is sold) is not read: it is grouped from the sales again."""
    first = eod_report(day.uow, DAY)
    with day.uow(write=True) as w:
        (kept,) = w.session.execute(select(m.ReportDay)).scalars()
        assert kept.fingerprint.startswith("2:")
        groups = json.loads(kept.groups)
        groups["lines"] = {json.dumps(json.loads(k)[:4]): v for k, v in groups["lines"].items()}
        w.session.execute(
            update(m.ReportDay).values(
                fingerprint=kept.fingerprint.removeprefix("2:"), groups=json.dumps(groups)
            )
        )
        w.commit()
    assert eod_report(day.uow, DAY) == first
    with day.uow() as r:
        (again,) = r.session.execute(select(m.ReportDay)).scalars()
        assert again.fingerprint.startswith("2:")
        assert all(len(json.loads(k)) == 5 for k in json.loads(again.groups)["lines"])


def test_the_producers_settlement_counts_pieces_and_kilograms_apart(
    day: Store, tmp_path: Path
) -> None:
    (maker,) = producer_settlements(day.uow, DAY, DAY)
    assert (maker.producer_code, maker.quantity, maker.kg) == ("P-BPI", D(12), D("6.750"))
    assert maker.amounts.th == "12 ชิ้น · 6.750 กก."
    # a refund of two of the jars and of the sausage comes off each unit on its own
    clock = FixedClock()
    auth = Auth(day.uow, day.settings, clock, PlainTestHasher(), day.terminal.terminal_id)
    auth.ensure_demo_users()
    manager = auth.login("manager", "9999")
    with day.uow() as r:
        receipt_no = r.session.scalars(select(m.Sale.receipt_no)).one()
    returns = Returns(day.uow, auth, day.settings, day.terminal, clock)
    returns.refund(manager, receipt_no, {1: D(2), 3: D("6.750")}, "cash", "spoilt")
    (maker,) = producer_settlements(day.uow, DAY, DAY)
    assert (maker.quantity, maker.kg) == (D(10), D("0.000"))
    assert maker.amounts.en == "10 pcs"

    args = ["report", "producers", "--db", day.url, "--from", DAY.isoformat(), "--to"]
    pdf, sheet, book = tmp_path / "p.pdf", tmp_path / "p.csv", tmp_path / "p.xlsx"
    for out in (pdf, sheet, book):
        assert main([*args, DAY.isoformat(), "-o", str(out)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "10ชิ้น" in ["".join(line.split()) for line in text.splitlines()]
    (row,) = csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig")))
    assert (row["producer_code"], row["pieces"], row["kg"]) == ("P-BPI", "10", "0.000")
    first, _total = load_workbook(book)["Producers"].iter_rows(min_row=2, values_only=True)
    assert (first[0], D(str(first[3])), D(str(first[4]))) == ("P-BPI", D(10), D(0))
