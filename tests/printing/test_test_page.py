"""The printer setup test page: Thai with stacked marks, a code-page sample, a width ruler."""

from __future__ import annotations

import pytest

from pos.domain.settings import PrinterProfile, Settings
from printing.document import STACKED_SAMPLES, THAI_ALPHABET, printer_test_page
from printing.escpos_job import build_job, render_body
from tests.printing.helpers import black_at

RASTER = PrinterProfile(connection="file", target="-")
TEXT = PrinterProfile(connection="file", target="-", mode="text", codepage=70)


def test_text_mode_page_sends_the_code_page_number_and_every_upper_byte() -> None:
    page = printer_test_page(Settings(), "text", 70, 80)
    job = build_job(page, TEXT)
    assert job.startswith(b"\x1b@\x1bt\x46"), "ESC t 70: the number staff are trying out"
    assert b"A0 " + b" ".join(bytes([b]) for b in range(0xA0, 0xB0)) in job
    assert b"F0 " + b" ".join(bytes([b]) for b in range(0xF0, 0x100)) in job
    text = job.decode("cp874", errors="replace")
    assert THAI_ALPHABET[0] in text
    assert STACKED_SAMPLES.split()[1] in text  # ญี่ปุ่น
    assert "123456789012345678901234567890123456789012345678" in text  # 48-column ruler


@pytest.mark.parametrize(("paper", "dots"), [(80, 576), (58, 384)])
def test_raster_page_ruler_reaches_both_edges_of_the_paper(paper: int, dots: int) -> None:
    profile = PrinterProfile(connection="file", target="-", paper_mm=paper)
    image = render_body(printer_test_page(Settings(), "raster", None, paper), profile)
    assert image.width() == dots
    bottom = image.height() - 12
    rows = [y for y in range(image.height() - 1, 0, -1) if black_at(image, 0, y)]
    assert rows, "the left edge line is printed"
    y = rows[len(rows) // 2]
    assert black_at(image, dots - 1, y), "the right edge line is printed on the same rows"
    assert y < bottom


def test_job_of_the_test_page_ends_with_a_cut_and_never_opens_the_drawer() -> None:
    job = build_job(printer_test_page(Settings(), "raster", None, 80), RASTER)
    assert job.endswith(b"\x1dV\x01")
    assert b"\x1bp" not in job[-20:]


def test_the_setup_dialogs_test_pages_preview_the_raster_and_print_only_through_a_queue() -> None:
    from PySide6.QtGui import QImage

    from pos.domain.errors import PrinterUnavailable
    from pos.services.printing import TestPages
    from printing.printer import EscPosPrinter

    pages = TestPages(Settings(), EscPosPrinter(), None)  # every printer is a preview
    profile = PrinterProfile(paper_mm=58)
    preview = QImage.fromData(pages.preview(profile))
    drawn = render_body(printer_test_page(Settings(), "raster", None, 58), profile)
    assert preview.width() == 384
    assert preview.convertToFormat(drawn.format()) == drawn
    assert not pages.can_print
    with pytest.raises(PrinterUnavailable):
        pages.print("receipt")
