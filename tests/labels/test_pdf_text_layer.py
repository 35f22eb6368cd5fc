"""Item 8 of issue 13: the Thai drawn in every PDF is in its text layer, tone marks and all.

The bundled font's alternate glyphs (a tone mark over an upper vowel, a mark beside a tall
consonant, NIKHAHIT with a tone mark) used to have no text, so pdftotext and pypdf gave
วันที for วันที่. Each kind of PDF is written and read back with both readers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pos.domain.labels import place_labels, template_by_name
from printing.labels import PdfLabelRenderer
from printing.report_pdf import write_report_pdf
from tests.labels.pdfscan import assert_words_in_pdf
from tests.labels.test_label_pdf import LABELS
from tests.printing.conftest import clock, make_store  # noqa: F401 (fixtures)

WORDS = ["วันที่", "ภาษีมูลค่าเพิ่ม", "เครื่องขาย", "น้ำพริก", "สี่ร้อย", "ปั้นหม้อ ฝ้าย ฟ้า",
         "ญี่ปุ่น", "ตุ๊กตา", "กลุ่มทอผ้าไหม"]  # fmt: skip


@pytest.mark.parametrize("bold", [False, True])
def test_a_qt_pdf_report_keeps_its_thai_text(qapp, tmp_path: Path, bold: bool) -> None:
    """The EOD, producers and target reports and the tax invoice are QTextDocuments painted on
    a QPdfWriter: Qt builds the text layer from the font's cmap."""
    tag = "b" if bold else "span"
    html = "".join(f"<p><{tag}>{w}</{tag}></p>" for w in WORDS)
    path = tmp_path / "report.pdf"
    write_report_pdf(f"<html><body>{html}</body></html>", "รายงาน", path)
    assert_words_in_pdf(path.read_bytes(), WORDS)


def test_a_label_pdf_keeps_its_thai_text() -> None:
    template = template_by_name("a4-3x7")
    buf = io.BytesIO()
    PdfLabelRenderer().render(LABELS, place_labels([1, 1, 1, 1], template, 1), template, buf)
    words = [label.name_th for label in LABELS] + ["ต่อ", "กลุ่มทอผ้าไหมบ้านโนนเขวา"]
    assert_words_in_pdf(buf.getvalue(), words)


def test_a_tax_invoice_pdf_keeps_its_thai_text(
    make_store, clock, tmp_path: Path  # noqa: F811
) -> None:
    """The A4 tax invoice (QtTaxInvoiceWriter), read back as the revenue office would."""
    from pos.domain.settings import Settings
    from tests.printing.conftest import sell
    from tests.printing.test_tax_invoice import COMPANY, _service

    store = make_store(Settings())
    receipt = sell(store, clock, None)
    service = _service(store, clock)
    invoice = service.issue(receipt.receipt_no, COMPANY)
    pdf = service.write_pdf(invoice, tmp_path / "ti.pdf").read_bytes()
    assert_words_in_pdf(pdf, ["ใบกำกับภาษี", "ภาษีมูลค่าเพิ่ม", "บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด"])
