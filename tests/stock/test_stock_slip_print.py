"""The receiving slip and the return slip on the receipt printer: ESC/POS through the queue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from pos.domain.errors import PrinterUnavailable
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.stock import ReturnReason, StockLine
from pos.services.printing import PrintQueue
from pos.services.stock import StockDesk
from printing.printer import EscPosPrinter
from printing.qt import ensure_gui
from printing.stock_text import SIGN_LINE, render_stock_text, thai_date
from printing.textwidth import display_width
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import build_small_store
from tests.printing.helpers import FakeNetworkPrinter, free_port
from tests.stock.conftest import Shop, open_shop

D = Decimal
CUT = b"\x1dV\x01"
RASTER = b"\x1dv0\x00"
SILK_NAME = "ผ้าไหมมัดหมี่"


@pytest.fixture
def printer(qapp: object) -> Iterator[FakeNetworkPrinter]:
    ensure_gui()
    with FakeNetworkPrinter() as fake:
        yield fake


def shop_printing_to(fresh_database: FreshDatabase, *profiles: PrinterProfile) -> Shop:
    url = fresh_database("sqlite", "small", build_small_store)
    shop = open_shop(url, Settings(printers=profiles))
    queue = PrintQueue(shop.store.uow, shop.store.settings, EscPosPrinter(), shop.clock)
    shop.desk = StockDesk(shop.store.uow, shop.store.settings, shop.store.terminal, shop.clock,
                          shop.auth, queue=queue)  # fmt: skip
    return shop


def text_printer(target: str, name: str = "receipt") -> PrinterProfile:
    return PrinterProfile(name=name, connection="network", target=target, mode="text",
                          codepage=21, timeout_s=2)  # fmt: skip


def test_the_receiving_slip_prints_in_thai_on_a_network_printer(
    fresh_database: FreshDatabase, printer: FakeNetworkPrinter
) -> None:
    shop = shop_printing_to(fresh_database, text_printer(printer.target))
    try:
        silk, pha = shop.product("SILK-001"), shop.product("PHA-001")
        lines = [StockLine(silk, D(4)), StockLine(pha, D(12), D("35.50"))]
        doc = shop.desk.receive(shop.labels, "P-CNB", lines, reference="DN-0412")
        job = shop.desk.print_slip(doc)
        with shop.store.uow() as read:
            jobs = [(j.kind, j.status) for j in read.print_jobs.for_document("stock", doc.number)]
        text = render_stock_text(doc, shop.store.settings, 48)
    finally:
        shop.store.close()
    assert (job.kind, job.document_ref, job.status) == ("stock", doc.number, "done")
    assert jobs == [("stock", "done")]
    [sent] = printer.documents
    assert sent.endswith(CUT), "cut, and no drawer pulse for a slip"

    def cp874(s: str) -> bytes:
        return s.encode("cp874")

    for words in ("ใบรับสินค้า", "Goods received", doc.number, "P-CNB",
                  "กลุ่มทอผ้าไหมมัดหมี่บ้านหนองเขียด", "DN-0412", "SILK-001", "PHA-001",
                  "ผู้ส่งสินค้า / Delivered by", "ผู้รับสินค้า / Received by", SIGN_LINE,
                  shop.labels.display_name, "ทุน / cost 35.50"):  # fmt: skip
        assert cp874(words) in sent, words
    lines = text.splitlines()
    silk_line = next(ln for ln in lines if ln.startswith("1. ") and SILK_NAME in ln)
    assert re.search(r"\s4 ผืน$", silk_line), silk_line
    assert any(ln.startswith("2. ") and re.search(r"\s12 \S+$", ln) for ln in lines), text
    assert f"เลขที่ {doc.number}" in text
    assert thai_date(doc.doc_date) in text
    assert "รวม / Total" in text
    assert "2 รายการ / lines" in text
    # the producer's signature line above the receiver's, both after the goods
    signs = [i for i, ln in enumerate(lines) if ln == SIGN_LINE]
    assert len(signs) == 2
    assert signs[0] > lines.index(silk_line)
    assert lines[signs[0] + 1] == "ผู้ส่งสินค้า / Delivered by"
    assert lines[signs[1] + 1] == "ผู้รับสินค้า / Received by"
    for columns in (48, 32):
        rendered = render_stock_text(doc, shop.store.settings, columns).splitlines()
        assert max(display_width(ln) for ln in rendered) <= columns


def test_the_return_slip_on_a_raster_printer_and_a_fault_kept_for_a_retry(
    fresh_database: FreshDatabase, printer: FakeNetworkPrinter
) -> None:
    dead = PrinterProfile(name="receipt", connection="network",
                          target=f"127.0.0.1:{free_port()}", timeout_s=1)  # fmt: skip
    spare = PrinterProfile(name="backup", connection="network", target=printer.target)
    shop = shop_printing_to(fresh_database, dead, spare)
    try:
        tea = shop.on_hand("TEA-001")
        doc = shop.desk.return_to_producer(shop.labels, "P-UDN", ReturnReason.EXPIRED,
                                           [StockLine(shop.product("TEA-001"), D(3))])  # fmt: skip
        with pytest.raises(PrinterUnavailable, match="kept in the print queue"):
            shop.desk.print_slip(doc)
        assert shop.on_hand("TEA-001") == tea - 3  # the return stands all the same
        assert shop.desk.queue is not None
        [job] = shop.desk.queue.queued()
        assert (job.kind, job.document_ref, job.status) == ("stock", doc.number, "failed")
        assert shop.desk.queue.retry(job.job_id, "backup").status == "done"
        text = render_stock_text(doc, shop.store.settings, 48)
    finally:
        shop.store.close()
    [sent] = printer.documents
    assert RASTER in sent
    assert sent.endswith(CUT)
    assert "ใบคืนสินค้าให้ผู้ผลิต" in text
    assert "เหตุผล / Reason: หมดอายุ / expired" in text
    assert "ผู้รับคืน / Taken back by" in text
    assert "ผู้คืนสินค้า / Returned by" in text
    assert re.search(r"^1\. .+\s3 \S+$", text, re.M), text


def test_a_counter_without_a_printer_says_so(fresh_database: FreshDatabase) -> None:
    url = fresh_database("sqlite", "small", build_small_store)
    shop = open_shop(url)
    try:
        doc = shop.desk.receive(shop.labels, "P-CNB", [StockLine(shop.product("SILK-001"), D(1))])
        assert not shop.desk.can_print
        with pytest.raises(PrinterUnavailable, match="no printer"):
            shop.desk.print_slip(doc)
    finally:
        shop.store.close()
