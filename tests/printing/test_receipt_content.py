"""What a receipt says, by the shop's VAT status (DOMAIN.md), in both renderings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from barcode.codex import Code128

from pos.domain.settings import Settings
from printing.codes import code128_modules, qr_matrix
from printing.document import Barcode, QrCodes, receipt_document, thai_datetime
from printing.raster import render_raster
from printing.text_receipt import render_text
from tests.labels.decode import qimage_to_pil, read_codes
from tests.printing.helpers import thai_receipt

VAT = Settings()
NOT_VAT = Settings(vat_registered=False)


def test_vat_registered_shop_prints_an_abbreviated_tax_invoice() -> None:
    text = render_text(thai_receipt(), VAT, 48)
    assert "ใบเสร็จรับเงิน/ใบกำกับภาษีอย่างย่อ" in text
    assert "เลขประจำตัวผู้เสียภาษี 0994000617721 (สำนักงานใหญ่)" in text
    assert "POS ID: E0000000000000001" in text
    assert "ราคารวมภาษีมูลค่าเพิ่มแล้ว" in text
    assert "ภาษีมูลค่าเพิ่ม 7%" in text
    assert "มูลค่าสินค้าที่ยกเว้นภาษี (E)" in text
    assert "ข้าวเหนียวเขี้ยวงู (E)" in text


def test_a_shop_that_is_not_vat_registered_never_prints_tax_invoice_words() -> None:
    for columns in (48, 32):
        text = render_text(thai_receipt(), NOT_VAT, columns)
        assert "ใบเสร็จรับเงิน" in text
        assert "ใบกำกับภาษี" not in text
        assert "ภาษีมูลค่าเพิ่ม" not in text
        assert "(E)" not in text
        assert "POS ID" not in text


def test_vat_lines_add_up() -> None:
    r = thai_receipt()
    text = render_text(r, VAT, 48)
    assert r.total == Decimal("1771.00")
    assert r.vatable == Decimal("1711.00")  # all but the VAT-exempt rice (60.00)
    assert r.vat == Decimal("111.93")  # 1711 x 7/107 = 111.934, half-up to the satang
    assert "1,711.00" in text
    assert "111.93" in text
    assert "1,599.07" in text  # before VAT


def test_buddhist_era_date_in_bangkok_time() -> None:
    late = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)  # already 1 Jan in Bangkok
    assert thai_datetime(late) == "1 ม.ค. 2570 00:30:00"
    assert "27 พ.ย. 2569 14:05:09" in render_text(thai_receipt(), VAT, 48)


def test_tenders_and_change_are_printed() -> None:
    cash = render_text(thai_receipt(), VAT, 48)
    assert "เงินสด" in cash
    assert "2,000.00" in cash
    assert "เงินทอน" in cash
    assert "229.00" in cash  # 2000 - 1771.00
    promptpay = render_text(thai_receipt(pay="promptpay"), VAT, 48)
    assert "พร้อมเพย์" in promptpay
    assert "เงินทอน" not in promptpay


def test_lines_show_quantity_unit_price_discount_and_weight() -> None:
    text = render_text(thai_receipt(), VAT, 48)
    assert "2 กล่อง x 85.00" in text
    assert "ส่วนลด โปรโมชั่น" in text
    assert "-10.00" in text
    assert "0.350 กก. x 240.00" in text
    assert "ยอดสุทธิ" in text


def test_a_reprint_says_copy_and_the_original_does_not() -> None:
    assert "สำเนา / COPY" in render_text(thai_receipt(copy=True), VAT, 48)
    assert "สำเนา" not in render_text(thai_receipt(), VAT, 48)


def test_footer_has_line_and_facebook_qr_and_a_code128_of_the_receipt_number() -> None:
    document = receipt_document(thai_receipt(), VAT)
    qr = next(b for b in document if isinstance(b, QrCodes))
    assert qr.codes == (
        ("LINE", "https://line.me/R/ti/p/@kkotop"),
        ("Facebook", "https://www.facebook.com/kkotopcenter"),
    )
    barcode = next(b for b in document if isinstance(b, Barcode))
    assert barcode.data == "KK01-00000123"
    assert code128_modules("KK01-00000123") == Code128("KK01-00000123").build()[0]
    assert len(qr_matrix("https://line.me/R/ti/p/@kkotop")) == 29


def test_no_qr_codes_when_the_shop_has_no_links() -> None:
    document = receipt_document(thai_receipt(), Settings(line_url="", facebook_url=""))
    assert not any(isinstance(b, QrCodes) for b in document)
    settings = Settings(facebook_url="")
    qr = next(b for b in receipt_document(thai_receipt(), settings) if isinstance(b, QrCodes))
    assert [caption for caption, _ in qr.codes] == ["LINE"]


def test_sale_discount_is_printed_with_its_reason() -> None:
    r = replace(thai_receipt(), sale_discount=Decimal("50.00"), sale_discount_reason="สมาชิก")
    assert "ส่วนลดท้ายบิล สมาชิก" in render_text(r, VAT, 48)


def test_the_shops_own_header_and_footer_lines_are_printed_in_their_places() -> None:
    import pytest

    from pos.domain.errors import SettingsError

    shop = Settings(
        receipt_header="เปิดทุกวัน 08:30-17:30 น.\nOpen daily 08:30-17:30",
        receipt_footer="สินค้าแลกเปลี่ยนได้ภายใน 7 วัน",
    )
    text = render_text(thai_receipt(), shop, 48)
    lines = [ln.strip() for ln in text.splitlines()]
    header = lines.index("เปิดทุกวัน 08:30-17:30 น.")
    assert lines[header + 1] == "Open daily 08:30-17:30"
    assert header < next(i for i, ln in enumerate(lines) if "ใบเสร็จรับเงิน/" in ln)
    footer = lines.index("สินค้าแลกเปลี่ยนได้ภายใน 7 วัน")
    assert footer < lines.index("ขอบคุณที่อุดหนุนสินค้า OTOP")
    assert footer > next(i for i, ln in enumerate(lines) if ln.startswith("เงินสด"))
    plain = render_text(thai_receipt(), VAT, 48)
    assert len(plain.splitlines()) == len(text.splitlines()) - 3
    with pytest.raises(SettingsError, match="receipt header: at most 4 lines"):
        Settings(receipt_header="\n".join(["a"] * 5))
    with pytest.raises(SettingsError, match="receipt footer"):
        Settings(receipt_footer="x" * 65)


@pytest.mark.parametrize("dots", [576, 384])  # 80 mm and 58 mm paper at 203 dpi
def test_an_independent_reader_scans_the_printed_receipts_codes(dots: int) -> None:
    """zxing-cpp reads the receipt as the printer gets it (the raster at its dot width): the
    shop's LINE and Facebook QR codes and the Code 128 of the receipt number."""
    image = render_raster(receipt_document(thai_receipt(), VAT), dots)
    assert image.width() == dots
    assert read_codes(qimage_to_pil(image)) == [
        ("Code128", "KK01-00000123"),
        ("QRCode", "https://line.me/R/ti/p/@kkotop"),
        ("QRCode", "https://www.facebook.com/kkotopcenter"),
    ]
