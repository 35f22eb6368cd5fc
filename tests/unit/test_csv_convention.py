"""One convention for every CSV the app writes: UTF-8 with a byte-order mark at the start
(what Excel on a Thai Windows PC needs to show Thai), rows ending in a line feed; the
catalogue import reads a CSV with or without the mark."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos.domain.csv_safe import BOM, csv_writer, without_bom
from pos.domain.eod import EodReport, Settlement
from pos.services.catalog import read_import
from pos.services.eod import write_eod_csv, write_producers_csv

WHEN = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)
ROW = "sku,name_th,name_en,producer_code,category,price,unit_th,sold_by,vat_exempt\n"
PRODUCT = "SILK-9,ผ้าไหมมัดหมี่,Mudmee silk,P-001,textile,1290.00,ผืน,unit,no\n"


def test_the_writer_puts_one_bom_before_the_header() -> None:
    out = io.StringIO(newline="")
    w = csv_writer(out)
    w.writerow(["name", "amount"])
    w.writerow(["ข้าวหอมมะลิ", Decimal("-12.00")])
    assert out.getvalue() == BOM + "name,amount\nข้าวหอมมะลิ,-12.00\n"
    assert out.getvalue().encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_the_report_csvs_start_with_the_bom() -> None:
    report = EodReport(
        start=WHEN, end=WHEN + timedelta(days=1), sales_count=0, gross=Decimal(0),
        discounts=Decimal(0), total=Decimal(0), vatable=Decimal(0), exempt=Decimal(0),
        vat=Decimal(0), voided=0, tenders=(), by_category=(), by_producer=(), by_district=(),
        by_hour=(), top_products=(), baskets=(), discount_reasons=(), by_counter=(),
    )  # fmt: skip
    eod = io.StringIO(newline="")
    write_eod_csv(report, eod)
    assert eod.getvalue().startswith(BOM + "section,key,")
    producers = io.StringIO(newline="")
    settlement = Settlement("P-1", "กลุ่มทอผ้า", "ชนบท", Decimal(1), Decimal("100.00"),
                            Decimal("20.00"), Decimal("80.00"), (Decimal("20.00"),))  # fmt: skip
    write_producers_csv([settlement], producers)
    assert producers.getvalue().startswith(BOM + "producer_code,")
    assert producers.getvalue().count(BOM) == 1


@pytest.mark.parametrize("start", ["", BOM], ids=["without a BOM", "with a BOM"])
def test_the_catalogue_import_reads_a_csv_with_or_without_the_bom(start: str) -> None:
    entries = read_import(io.StringIO(start + ROW + PRODUCT, newline=""), {"P-001"}, {})
    assert [(e.sku, e.name_th) for e in entries] == [("SILK-9", "ผ้าไหมมัดหมี่")]


def test_without_bom_takes_off_only_the_mark() -> None:
    assert without_bom(BOM + "sku") == "sku"
    assert without_bom("sku") == "sku"
