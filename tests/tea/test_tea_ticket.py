"""The tea counter's ticket: what it says, how big, its banners, and its ESC/POS bytes; the
raster read back by tesseract (Thai) as the shop's staff would read it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from escpos.printer import Dummy

from pos.domain.settings import PrinterProfile, Settings
from pos.domain.tea import ChosenOption, Ticket, TicketKind
from printing.document import Size, Text
from printing.escpos_job import render_body
from printing.printer import save_png
from printing.raster import Metrics
from printing.tea_ticket import EscPosTeaTickets, tea_ticket_document
from tests.printing.helpers import FakeNetworkPrinter, ink_box

AT = datetime(2026, 11, 27, 7, 5, 9, tzinfo=UTC)  # 14:05 in Bangkok
OPTIONS = (
    ChosenOption("size", "L", "L", "L", Decimal(10)),
    ChosenOption("sweet", "50", "หวาน 50%", "50% sweet", Decimal(0)),
    ChosenOption("temp", "iced", "เย็น", "iced", Decimal(5)),
    ChosenOption("top", "pearl", "ไข่มุก", "pearls", Decimal(10)),
)


def ticket(kind: TicketKind = TicketKind.ORDER) -> Ticket:
    return Ticket(
        ticket_id="t-1", kind=kind, order_no=23, receipt_no="KK01-00000042", at=AT,
        name_th="ชานมใบหม่อน", name_en="Mulberry milk tea", quantity=Decimal(2),
        detail_th="L · หวาน 50% · เย็น · ไข่มุก", detail_en="L · 50% sweet · iced · pearls",
        line_no=1, lines_in_order=2, options=OPTIONS,
    )  # fmt: skip


RASTER = PrinterProfile(name="tea", drawer_pin=None)


def _texts(kind: TicketKind) -> list[Text]:
    return [b for b in tea_ticket_document(ticket(kind), Settings()) if isinstance(b, Text)]


def test_the_order_number_is_huge_and_each_option_big() -> None:
    texts = _texts(TicketKind.ORDER)
    assert texts[0].text == "คิว 23"
    assert texts[0].size is Size.HUGE
    assert any(t.text == "14:05 · 1/2" for t in texts)
    assert any(t.text == "2 x ชานมใบหม่อน" and t.size is Size.XLARGE for t in texts)
    for option in ("L", "หวาน 50%", "เย็น", "ไข่มุก"):
        assert any(t.text == option and t.size is Size.XLARGE and t.indent for t in texts)
    assert not any("CANCEL" in t.text or "REPRINT" in t.text for t in texts)
    m = Metrics.for_width(RASTER.dots)
    assert m.px(Size.HUGE) >= 4 * m.px(Size.NORMAL)
    assert m.px(Size.XLARGE) >= 2 * m.px(Size.NORMAL)


def test_the_number_is_drawn_huge_on_the_paper() -> None:
    """The order number's ink is several times as tall as a normal line's."""
    from printing.raster import render_raster

    number = ink_box(render_raster((Text("คิว 23", size=Size.HUGE),), RASTER.dots))
    normal = ink_box(render_raster((Text("คิว 23"),), RASTER.dots))
    assert number is not None
    assert normal is not None
    assert number[3] - number[1] >= 4 * (normal[3] - normal[1])


@pytest.mark.parametrize(
    ("kind", "banner"),
    [
        (TicketKind.CANCEL, "*** ยกเลิก / CANCEL ***"),
        (TicketKind.REPRINT, "*** พิมพ์ซ้ำ / REPRINT ***"),
    ],
)
def test_cancel_and_reprint_tickets_say_so_at_the_top_and_the_bottom(
    kind: TicketKind, banner: str
) -> None:
    texts = _texts(kind)
    assert texts[0].text == banner
    assert texts[0].bold
    assert sum(t.text == banner for t in texts) == 2


def test_text_mode_sends_the_thai_code_page_and_cp874_text_then_cuts(tmp_path: Path) -> None:
    sent: list[bytes] = []
    profile = PrinterProfile(
        name="tea", connection="file", target=str(tmp_path / "tea.bin"), mode="text",
        codepage=21, drawer_pin=None,
    )  # fmt: skip
    EscPosTeaTickets(lambda _p, data: sent.append(data)).print_tea_ticket(
        ticket(TicketKind.CANCEL), Settings(), profile
    )
    [job] = sent
    assert job.startswith(b"\x1b@")  # init
    assert b"\x1bt\x15" in job  # ESC t 21: the printer's Thai code page
    assert "คิว 23".encode("cp874") in job
    assert "ไข่มุก".encode("cp874") in job
    assert b"CANCEL" in job
    assert job.rstrip(b"\x00").endswith(b"\x1dVB\x00") or b"\x1dV" in job[-8:]  # cut
    assert b"\x1bp" not in job  # never the cash drawer


def test_a_raster_ticket_reaches_a_tcp_printer_as_one_job() -> None:
    with FakeNetworkPrinter() as printer:
        profile = PrinterProfile(
            name="tea", connection="network", target=printer.target, drawer_pin=None, timeout_s=2
        )
        EscPosTeaTickets().print_tea_ticket(ticket(), Settings(), profile)
        documents = printer.documents
    assert len(documents) == 1
    assert b"\x1dv0" in documents[0]
    dummy = Dummy()
    dummy.hw("INIT")
    assert documents[0].startswith(bytes(dummy.output))


@pytest.mark.skipif(
    shutil.which("tesseract") is None
    or "tha"
    not in subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout,
    reason="needs tesseract with its Thai data (apt install tesseract-ocr-tha)",
)
def test_tesseract_reads_the_ticket_in_thai(tmp_path: Path) -> None:
    image = render_body(tea_ticket_document(ticket(TicketKind.REPRINT), Settings()), RASTER)
    png = save_png(image, tmp_path / "ticket.png")
    read = subprocess.run(
        ["tesseract", str(png), "-", "-l", "tha+eng", "--psm", "6"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    flat = read.replace(" ", "")
    # what tesseract 4's Thai model reads surely at 203 dpi (it drops some stacked marks of
    # the huge bold number and of the banner's พิมพ์ซ้ำ, which the layout tests check instead)
    for words in ("ORDER23", "14:05", "1/2", "2xชานมใบหม่อน", "หวาน50%", "เย็น", "มุก",
                  "REPRINT", "ใบเสร็จ"):  # fmt: skip
        assert words in flat, read
