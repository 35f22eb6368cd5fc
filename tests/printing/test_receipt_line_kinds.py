"""A receipt prints a line's detail small under it and the sale's notes after the total."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from pos.domain.bilingual import Bilingual
from pos.domain.sale import ReceiptLine, ReceiptNote
from pos.domain.settings import Settings
from printing.document import Size, Text, receipt_document
from printing.raster import render_raster
from printing.text_receipt import render_text
from tests.printing.helpers import THAI_LINES, thai_receipt

DRINK = ReceiptLine(
    "TEA-THAI", "ชาไทย", "Thai tea", Decimal(1), "แก้ว", Decimal("55.00"), Decimal("55.00"),
    Decimal(0), "", Decimal("55.00"), False,
    detail=Bilingual("L หวาน 50% เย็น ไข่มุก", "L 50% sweet iced pearls"), ref="tea:thai",
)  # fmt: skip
NOTES = (
    ReceiptNote("คิว 23", "ORDER 23", big=True),
    ReceiptNote("รับเครื่องดื่มที่มุมชา", "Collect your drink at the tea corner"),
)


def receipt():  # type: ignore[no-untyped-def]
    return replace(thai_receipt(lines=(*THAI_LINES, DRINK)), notes=NOTES)


def test_the_detail_is_small_under_its_line_and_big_notes_double_size() -> None:
    doc = receipt_document(receipt(), Settings())
    texts = [b for b in doc if isinstance(b, Text)]
    detail = next(b for b in texts if b.text == "L หวาน 50% เย็น ไข่มุก")
    assert detail.size is Size.SMALL
    assert next(b for b in texts if b.text == "คิว 23").size is Size.LARGE
    assert next(b for b in texts if b.text == "รับเครื่องดื่มที่มุมชา").size is Size.NORMAL
    plain = receipt_document(thai_receipt(), Settings())
    assert not any(isinstance(b, Text) and b.text.startswith("คิว") for b in plain)


@pytest.mark.parametrize("columns", [48, 32])
def test_text_mode_prints_detail_under_the_line_and_notes_after_the_total(columns: int) -> None:
    text = render_text(receipt(), Settings(), columns)
    flat = [ln.strip() for ln in text.splitlines()]
    name = next(i for i, ln in enumerate(flat) if ln.startswith("ชาไทย"))
    assert "L หวาน 50% เย็น ไข่มุก" in " ".join(flat[name : name + 3])
    total = next(i for i, ln in enumerate(flat) if ln.startswith("ยอดสุทธิ"))
    order = next(i for i, ln in enumerate(flat) if "คิว 23" in ln)
    assert order > total
    assert any("ORDER 23" in ln for ln in flat[order:])


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_the_raster_receipt_reads_back_with_the_detail_and_the_order_number(
    tmp_path: Path,
) -> None:
    image = render_raster(receipt_document(receipt(), Settings()), 576)
    raw = tmp_path / "raster.png"
    assert image.save(str(raw))
    # twice the dots, in grey: tesseract reads a 203 dpi receipt's small print only enlarged
    grey = Image.open(raw).convert("L")
    path = tmp_path / "receipt.png"
    grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.BICUBIC).save(path)
    read = subprocess.run(
        ["tesseract", str(path), "-", "-l", "tha+eng", "--psm", "4"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    squeezed = "".join(read.split())
    assert "ORDER23" in squeezed
    assert "มุมชา" in squeezed  # the note under the order number
    assert "หวาน50%เย็นไข่มุก" in squeezed
