"""Golden receipts: exact text-mode bytes, and the raster image within a tolerance.

The golden files are regenerated only on purpose: OTOP_REGENERATE_GOLDEN=1 pytest …
rewrites them (and skips), then the diff is reviewed and committed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pos.domain.settings import PrinterProfile, Settings
from printing.document import receipt_document
from printing.escpos_job import build_job, render_body
from printing.raster import raster_rows
from tests.printing.conftest import GOLDEN
from tests.printing.helpers import mono_difference, thai_receipt

REGENERATE = os.environ.get("OTOP_REGENERATE_GOLDEN") == "1"
TEXT_80 = PrinterProfile(
    name="receipt", connection="file", target="-", mode="text", codepage=21, paper_mm=80
)
RASTER_80 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=80)
RASTER_58 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=58)
NOT_VAT = Settings(vat_registered=False)


def _golden_bytes(name: str, data: bytes) -> bytes:
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(data)
        pytest.skip(f"regenerated {path}")
    return path.read_bytes()


def _golden_png(name: str, image: QImage) -> QImage:
    path = GOLDEN / name
    if REGENERATE:
        assert image.save(str(path))
        pytest.skip(f"regenerated {path}")
    golden = QImage(str(path))
    assert not golden.isNull(), f"{path} is missing"
    return golden


# --- text mode: exact bytes ---------------------------------------------------------------
def test_text_mode_receipt_is_byte_for_byte_the_golden_one() -> None:
    job = build_job(receipt_document(thai_receipt(), Settings()), TEXT_80, open_drawer=True)
    assert job == _golden_bytes("receipt-80mm-text-cp874.bin", job)


def test_the_golden_text_job_selects_the_thai_code_page_and_speaks_cp874() -> None:
    golden = (GOLDEN / "receipt-80mm-text-cp874.bin").read_bytes()
    assert golden.startswith(b"\x1b@\x1bt\x15"), "init, then ESC t 21 (the profile's code page)"
    text = golden.decode("cp874", errors="replace")
    for words in (
        "ใบเสร็จรับเงิน/ใบกำกับภาษีอย่างย่อ",
        "เลขประจำตัวผู้เสียภาษี 0994000617721 (สำนักงานใหญ่)",
        "27 พ.ย. 2569 14:05:09",  # Bangkok time, Buddhist-era year
        "ตุ๊กตาไดโนเสาร์ภูเวียง ญี่ปุ่น ปู่ ฏุ ฐิ์",
        "ราคารวมภาษีมูลค่าเพิ่มแล้ว",
        "เงินทอน",
    ):
        assert words in text
    assert golden.endswith(b"\x1bd\x06\x1dV\x01\x1bp\x00\x32\x32"), "feed, cut, drawer pulse"


def test_text_mode_columns_line_up_by_display_width_not_characters() -> None:
    job = build_job(receipt_document(thai_receipt(), Settings()), TEXT_80, open_drawer=False)
    lines = job.decode("cp874", errors="replace").split("\n")
    from printing.textwidth import display_width

    amounts = [ln for ln in lines if ln.rstrip().endswith(".00") and "x" not in ln]
    assert len(amounts) >= 8
    assert {
        display_width(ln.replace("\x1bE\x01", "").replace("\x1bE\x00", "")) for ln in amounts
    } == {48}


# --- raster: the image the printer gets ---------------------------------------------------
@pytest.mark.parametrize(
    ("profile", "settings", "golden", "dots"),
    [
        (RASTER_80, Settings(), "receipt-80mm-vat.png", 576),
        (RASTER_58, NOT_VAT, "receipt-58mm-novat.png", 384),
    ],
)
def test_raster_receipt_matches_the_golden_image(
    profile: PrinterProfile, settings: Settings, golden: str, dots: int
) -> None:
    image = render_body(receipt_document(thai_receipt(), settings), profile)
    assert image.width() == dots
    expected = _golden_png(golden, image)
    assert abs(image.height() - expected.height()) <= expected.height() * 0.02
    # 0.03% of the dots (~300 on 80 mm): glyph-edge noise passes; a changed amount (~0.05%),
    # a misplaced mark or a shifted line does not
    assert mono_difference(image, expected) <= 0.0003


def _gs_v_0_blocks(job: bytes) -> list[tuple[int, int, bytes]]:
    """(width bytes, rows, data) of each GS v 0 image in a job."""
    blocks = []
    i = job.find(b"\x1dv0")
    while i >= 0:
        x = job[i + 4] | job[i + 5] << 8
        y = job[i + 6] | job[i + 7] << 8
        blocks.append((x, y, job[i + 8 : i + 8 + x * y]))
        i = job.find(b"\x1dv0", i + 8 + x * y)
    return blocks


@pytest.mark.parametrize("profile", [RASTER_80, RASTER_58])
def test_raster_job_sends_the_image_as_gs_v_0_at_the_printers_dot_width(
    profile: PrinterProfile,
) -> None:
    document = receipt_document(thai_receipt(), Settings())
    image = render_body(document, profile)
    job = build_job(document, profile, open_drawer=False, image=image)
    blocks = _gs_v_0_blocks(job)
    assert blocks, "the body is sent as GS v 0 raster images"
    assert {x for x, _, _ in blocks} == {profile.dots // 8}
    assert sum(y for _, y, _ in blocks) == image.height()
    assert b"".join(data for _, _, data in blocks) == raster_rows(image), "bit 1 = black dot"
    assert job.startswith(b"\x1b@\x1dv0")
    assert job.endswith(b"\x1bd\x06\x1dV\x01")


def test_golden_pngs_are_what_the_docs_show() -> None:
    """The checked-in images are 1-bit, as wide as the paper (so people see the real thing)."""
    for name, dots in (("receipt-80mm-vat.png", 576), ("receipt-58mm-novat.png", 384)):
        image = QImage(str(Path(GOLDEN) / name))
        assert image.width() == dots
        assert image.depth() == 1


def test_raster_blocks_are_exactly_what_python_escpos_image_writes() -> None:
    """The fast path (rows straight from Qt) equals escpos's own GS v 0 encoder."""
    from printing.escpos_job import new_printer, to_pil

    document = receipt_document(thai_receipt(), Settings())
    image = render_body(document, RASTER_58)
    ours = build_job(document, RASTER_58, image=image)
    printer = new_printer(RASTER_58)
    printer.hw("INIT")
    printer.image(to_pil(image), impl="bitImageRaster", fragment_height=960)
    printer.cut(mode="PART")
    assert ours == printer.output
    assert image.height() > 960, "several GS v 0 blocks were compared"
