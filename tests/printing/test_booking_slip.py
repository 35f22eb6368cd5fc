"""The room booking's confirmation slip: ESC/POS to a printer on 127.0.0.1 and an A5 PDF, the
QR code read back by zxing-cpp from what was sent, the text by pypdf."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from pos.domain.errors import PrinterUnavailable
from pos.domain.rooms import BookingStatus
from pos.domain.settings import PrinterProfile, Settings
from pos.ports.rooms import BookingView, Customer
from printing.booking_slip import BookingSlips, render_slip_text, slip_job
from tests.labels.pdfscan import assert_words_in_pdf
from tests.printing.conftest import network_settings
from tests.printing.helpers import FakeNetworkPrinter

BOOKING = BookingView(
    id="b-1",
    booking_no="BK-000123",
    room_id="r-1",
    room_code="CW1",
    room_name_th="ห้องประชุม Co-working",
    room_name_en="Co-working room",
    start=datetime(2026, 12, 14, 6, 0, tzinfo=UTC),
    end=datetime(2026, 12, 14, 8, 0, tzinfo=UTC),
    status=BookingStatus.HELD,
    customer=Customer("สมชาย ใจดี", "0812345678", "วิสาหกิจชุมชนบ้านโคก", "ประชุมกลุ่ม", 8),
    channel="counter",
    price=Decimal("400.00"),
    deposit=Decimal("200.00"),
    paid=Decimal(0),
    refunded=Decimal(0),
    hold_until=datetime(2026, 12, 10, 3, 30, tzinfo=UTC),
    check_in_code="a1b2c3d4",
    created_at=datetime(2026, 12, 10, 3, 0, tzinfo=UTC),
)


def raster_of(job: bytes) -> Image.Image:
    """The GS v 0 blocks of an ESC/POS job put back together as one picture (1 = black)."""
    rows: list[bytes] = []
    width = 0
    at = job.find(b"\x1dv0")
    while at >= 0:
        xl, xh, yl, yh = job[at + 4 : at + 8]
        width, height = xl + 256 * xh, yl + 256 * yh
        start = at + 8
        rows.append(job[start : start + width * height])
        at = job.find(b"\x1dv0", start + width * height)
    data = b"".join(rows)
    return Image.frombytes("1", (width * 8, len(data) // width), data, "raw", "1;I")


def test_the_slip_sent_to_the_receipt_printer_carries_the_booking_s_qr() -> None:
    with FakeNetworkPrinter() as printer:
        settings = network_settings(printer.target)
        BookingSlips(settings).print_slip(BOOKING)
        [document] = printer.documents
    assert document.startswith(b"\x1b@")  # ESC @ then the raster
    image = raster_of(document)
    assert image.width == settings.receipt_printer.dots
    codes = zxingcpp.read_barcodes(image.convert("L"))
    assert [(c.format, c.text) for c in codes] == [
        (zxingcpp.BarcodeFormat.QRCode, "OTOPROOM:BK-000123:a1b2c3d4")
    ]


def test_a_text_mode_printer_gets_the_booking_in_thai_and_a_native_qr() -> None:
    profile = PrinterProfile(
        name="receipt", connection="network", target="127.0.0.1:9", mode="text", codepage=20
    )
    job = slip_job(BOOKING, Settings(printers=(profile,)), profile)
    assert b"BK-000123" in job
    assert "สมชาย ใจดี".encode("cp874") in job
    assert b"\x1d(k" in job
    assert b"OTOPROOM:BK-000123:a1b2c3d4" in job  # GS ( k: the QR
    text = render_slip_text(BOOKING, Settings())
    assert "ห้องประชุม Co-working" in text
    assert "13:00-15:00" in text
    assert "400.00" in text.split("คงเหลือ")[1].splitlines()[0]  # the balance is the price


def test_the_slip_as_a_pdf_reads_back_as_text_and_as_a_qr(tmp_path: Path) -> None:
    path = BookingSlips(Settings()).write_pdf(BOOKING, tmp_path / "slip.pdf")
    pages = PdfReader(path).pages
    assert len(pages) == 1  # one A5 page: the QR is never pushed onto a second
    assert_words_in_pdf(
        path.read_bytes(),
        ["BK-000123", "สมชาย ใจดี", "ห้องประชุม Co-working", "13:00", "15:00", "400.00", "คงเหลือ"],
    )
    doc = pypdfium2.PdfDocument(path.read_bytes())
    try:
        page = doc[0].render(scale=200 / 72).to_pil()
    finally:
        doc.close()
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    codes = zxingcpp.read_barcodes(Image.open(buffer))
    assert [c.text for c in codes] == ["OTOPROOM:BK-000123:a1b2c3d4"]


def test_a_preview_only_printer_says_so() -> None:
    with pytest.raises(PrinterUnavailable, match="preview"):
        BookingSlips(Settings()).print_slip(BOOKING)
