"""The 100x150 mm shipping label, read back by independent readers: the PDF's text layer
(pypdf, pdftotext), and the page drawn by pdfium with zxing-cpp reading the Code 128 and QR."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPdfWriter

from pos.domain.shipping import Carrier, ShippingLabel
from printing.label_layout import MM
from printing.shipping_label import (
    layout_shipping_label,
    paint_shipping_labels,
    shipping_label_image,
    write_shipping_labels,
)
from tests.labels.decode import pdf_page_images, qimage_to_pil, read_codes
from tests.labels.pdfscan import assert_words_in_pdf, text_layers

STATUS = "https://otop.example/order?no=W2612030007"
LABEL = ShippingLabel(
    order_no="W2612030007",
    carrier=Carrier.THAILAND_POST_EMS,
    tracking_no="EX123456785TH",
    sender_name="ศูนย์ส่งเสริมและพัฒนาสินค้า OTOP จังหวัดขอนแก่น",
    sender_address="ศาลากลางจังหวัดขอนแก่น ถ.ศูนย์ราชการ ต.ในเมือง อ.เมืองขอนแก่น จ.ขอนแก่น 40000",
    sender_phone="0431234567",
    recipient_name="นางสาวสมหญิง ใจดี",
    recipient_address=("99/12 หมู่ 4 ถนนมิตรภาพ", "ต.ศิลา", "อ.เมืองขอนแก่น", "จ.ขอนแก่น"),
    postcode="40000",
    recipient_phone="0812345678",
    cod_amount=Decimal("1250.00"),
    status_url=STATUS,
)


def _pdf(tmp_path: Path, label: ShippingLabel = LABEL) -> bytes:
    path = tmp_path / "label.pdf"
    assert write_shipping_labels([label], path) == 1
    return path.read_bytes()


def test_one_page_of_100_by_150_mm(tmp_path: Path) -> None:
    reader = PdfReader(_pdf_path(tmp_path))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (100, 150)


def _pdf_path(tmp_path: Path) -> Path:
    path = tmp_path / "label.pdf"
    write_shipping_labels([LABEL], path)
    return path


def test_the_recipient_in_thai_with_postcode_phone_cod_and_order(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path)
    assert_words_in_pdf(pdf, [
        "นางสาวสมหญิง", "ใจดี", "99/12", "ถนนมิตรภาพ", "ต.ศิลา", "อ.เมืองขอนแก่น", "จ.ขอนแก่น",
        "40000", "081-234-5678", "เก็บเงินปลายทาง", "COD", "฿1,250.00", "W2612030007",
        "ผู้ส่ง", "ศูนย์ส่งเสริมและพัฒนาสินค้า", "043-123-4567", "ไปรษณีย์ไทย", "EX123456785TH",
    ])  # fmt: skip


def test_no_cod_box_when_the_order_is_paid(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, replace(LABEL, cod_amount=None))
    for reader, text in text_layers(pdf).items():
        assert "COD" not in text, reader
        assert "1,250.00" not in text, reader


def test_the_barcode_and_qr_read_back_from_the_printed_page(tmp_path: Path) -> None:
    (page,) = pdf_page_images(_pdf(tmp_path), dpi=300)
    codes = read_codes(page)
    assert ("Code128", "EX123456785TH") in codes
    assert ("QRCode", STATUS) in codes


def test_the_label_printer_draws_the_same_codes(tmp_path: Path) -> None:
    path = tmp_path / "printer.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(203)  # a thermal label printer: 8 dots a millimetre
    assert paint_shipping_labels(writer, [LABEL, replace(LABEL, tracking_no="EX000000005TH")]) == 2
    del writer
    pages = pdf_page_images(path.read_bytes(), dpi=300)
    assert [dict(read_codes(p)).get("Code128") for p in pages] == ["EX123456785TH", "EX000000005TH"]
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (100, 150)


def test_the_preview_image_at_the_printer_resolution() -> None:
    image = shipping_label_image(LABEL, dpi=203)
    assert (image.width(), image.height()) == (round(100 / 25.4 * 203), round(150 / 25.4 * 203))
    codes = read_codes(qimage_to_pil(image))
    assert ("Code128", "EX123456785TH") in codes
    assert ("QRCode", STATUS) in codes


@pytest.mark.parametrize("carrier", [Carrier.KERRY, Carrier.FLASH, Carrier.JT])
def test_a_long_address_stays_on_the_label(carrier: Carrier) -> None:
    long = replace(
        LABEL,
        carrier=carrier,
        recipient_name="นายสมศักดิ์ ศรีสวัสดิ์วงศ์ตระกูลใหญ่ยิ่งยืนยงคงกระพันชาตรี",
        recipient_address=(
            "หมู่บ้านศุภาลัยวิลล์ เลขที่ 123/456 ซอยมิตรภาพ 17 แยก 3 ถนนมิตรภาพ ใกล้ตลาดต้นตาล",
            "ต.ในเมือง", "อ.เมืองขอนแก่น", "จ.ขอนแก่น",
        ),
    )  # fmt: skip
    d = layout_shipping_label(long)
    for run in d.texts:
        assert run.x >= 0
        assert run.x + run.width <= d.width - 3 * MM, run
        assert run.baseline <= d.height, run
    # the address's lines are above the barcode
    bars = next(r for r in d.rects if r.role == "barcode")
    top_of_bars = min(y for _, y, _, _ in bars.absolute())
    assert all(t.baseline < top_of_bars for t in d.texts if t.role.startswith("recipient"))
