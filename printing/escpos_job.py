"""A document as one ESC/POS job (bytes), built with python-escpos's Dummy printer.

Raster mode (any printer): the document is laid out by Qt into a 1-bit image as wide as the
paper and sent as GS v 0. Text mode (printers with Thai firmware): lines in CP874 after
ESC t n with the printer's own Thai code page number; QR codes and the barcode use the
printer's native commands. Both end with a feed and cut, then the cash drawer pulse if asked.
"""

from __future__ import annotations

import copy
from typing import Any

from escpos.capabilities import Profile, get_profile_class
from escpos.constants import QR_ECLEVEL_M
from escpos.magicencode import Encoder, MagicEncode
from escpos.printer import Dummy
from PIL import Image
from PySide6.QtGui import QImage

from pos.domain.settings import PrinterProfile
from printing.document import Barcode, CodePageChart, Document, Logo, QrCodes
from printing.raster import raster_rows, render_raster
from printing.text_receipt import TextLine, codepage_rows, layout_text
from printing.transport import quiet

THAI = "CP874"
FRAGMENT_ROWS = 960  # GS v 0 blocks of at most this many dot rows (python-escpos's default)


class _PaperProfile(Profile):  # type: ignore[misc]
    """python-escpos's default printer, with the paper's real dot width and column count."""

    def __init__(self, dots: int, columns: int) -> None:
        base: Any = get_profile_class("default")
        super().__init__(columns=columns, features=dict(base.profile_data["features"]))
        data = copy.deepcopy(base.profile_data)
        data["media"] = {"dpi": 203, "width": {"mm": round(dots / 8), "pixels": dots}}
        self.profile_data = data


def new_printer(profile: PrinterProfile) -> Dummy:
    return Dummy(profile=_PaperProfile(profile.dots, profile.text_columns))


def to_pil(image: QImage) -> Image.Image:
    """A 1-bit QImage (bit 1 = black) as a PIL image for python-escpos."""
    return Image.frombytes("1", (image.width(), image.height()), raster_rows(image), "raw", "1;I")


def _raster(printer: Dummy, image: QImage) -> None:
    """GS v 0 blocks of the 1-bit image, exactly as python-escpos's image(impl=
    "bitImageRaster") writes them, but from the rows Qt already packed (1 bit a dot, 1 =
    black): escpos would first convert through PIL (RGBA, L, invert, 1), which costs more
    than laying out the whole receipt."""
    width_bytes = (image.width() + 7) // 8
    rows = raster_rows(image)
    for top in range(0, image.height(), FRAGMENT_ROWS):
        height = min(FRAGMENT_ROWS, image.height() - top)
        header = (
            b"\x1dv0\x00" + printer._int_low_high(width_bytes, 2) + printer._int_low_high(height, 2)
        )
        printer._raw(header + rows[top * width_bytes : (top + height) * width_bytes])


def _text(printer: Dummy, document: Document, profile: PrinterProfile) -> None:
    assert profile.codepage is not None
    printer.magic = MagicEncode(printer, encoder=Encoder({THAI: profile.codepage}))
    printer.charcode(THAI)  # ESC t n: the printer's Thai code page
    bold = False
    for item in layout_text(document, profile.text_columns):
        if isinstance(item, TextLine):
            if item.bold != bold:
                printer.set(bold=item.bold)
                bold = item.bold
            # the code page is selected (above); the codec is python-escpos's CP874 mapping,
            # with the same "?" for what CP874 lacks, without its per-character lookups
            line = item.text.replace("\u00a0", " ") + "\n"
            printer._raw(line.encode("cp874", errors="replace"))
        elif isinstance(item, QrCodes):
            printer.set(align="center")
            for caption, data in item.codes:
                printer.qr(data, ec=QR_ECLEVEL_M, size=5, native=True)
                printer.text(caption + "\n")
            printer.set(align="left")
        elif isinstance(item, Barcode):
            with quiet():
                printer.barcode(
                    "{B" + item.data, "CODE128", function_type="B", height=64, width=2, pos="BELOW"
                )
            printer.set(align="left")
        elif isinstance(item, CodePageChart):
            for first, row in codepage_rows():
                printer._raw(f"{first:02X} ".encode("ascii") + b" ".join(bytes([b]) for b in row))
                printer._raw(b"\n")
        elif isinstance(item, Logo):
            _logo(printer, item, profile)
    if bold:
        printer.set(bold=False)


def _logo(printer: Dummy, logo: Logo, profile: PrinterProfile) -> None:
    image = render_raster((logo,), profile.dots)
    if image.height() > 1:
        _raster(printer, image)


def with_logo(document: Document, profile: PrinterProfile) -> Document:
    return (Logo(profile.logo), *document) if profile.logo else document


def render_body(document: Document, profile: PrinterProfile) -> QImage:
    """The raster the printer of `profile` gets: the document (and logo) at its dot width."""
    return render_raster(with_logo(document, profile), profile.dots)


def _drawer(printer: Dummy, profile: PrinterProfile) -> None:
    """ESC p m t1 t2: power the drawer kick on pin 2 (m=0) or 5 (m=1) for t1 x 2 ms."""
    assert profile.drawer_pin is not None
    on = max(1, min(255, profile.drawer_pulse_ms // 2))
    printer.cashdraw([27, 112, 0 if profile.drawer_pin == 2 else 1, on, on])


def build_job(
    document: Document,
    profile: PrinterProfile,
    *,
    open_drawer: bool = False,
    image: QImage | None = None,
) -> bytes:
    """The whole job: init, body (raster or text), feed and cut, then the drawer pulse.

    `image` is the already rendered raster (render_body) when the caller has it.
    """
    printer = new_printer(profile)
    printer.hw("INIT")
    if profile.mode == "text":
        _text(printer, with_logo(document, profile), profile)
    else:
        _raster(printer, image if image is not None else render_body(document, profile))
    if profile.cut:
        printer.cut(mode="PART")
    else:
        printer.print_and_feed(6)
    if open_drawer and profile.drawer_pin is not None:
        _drawer(printer, profile)
    return bytes(printer.output)
