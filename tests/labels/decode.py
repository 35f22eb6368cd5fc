"""Read barcodes and QR codes back from the rectangles a label PDF fills, and from the printed
page as a picture with an independent reader (zxing-cpp).

The EAN decoder is written from the GS1 tables here, not taken from the library that drew
the bars, so a wrong bar pattern cannot agree with itself; zxing-cpp reads the codes off the
page rendered at print resolution (pdfium draws the PDF, Qt's image for rasters), as a
scanner or a phone camera does.
"""

from __future__ import annotations

from typing import Any

import pypdfium2
import zxingcpp
from barcode.charsets import code128 as c128
from PIL import Image
from PySide6.QtGui import QImage

from tests.labels.pdfscan import RectFill

L_CODES = {
    "0001101": "0", "0011001": "1", "0010011": "2", "0111101": "3", "0100011": "4",
    "0110001": "5", "0101111": "6", "0111011": "7", "0110111": "8", "0001011": "9",
}  # fmt: skip
G_CODES = {code[::-1].translate(str.maketrans("01", "10")): d for code, d in L_CODES.items()}
R_CODES = {code.translate(str.maketrans("01", "10")): d for code, d in L_CODES.items()}
FIRST_DIGIT = {
    "LLLLLL": "0", "LLGLGG": "1", "LLGGLG": "2", "LLGGGL": "3", "LGLLGG": "4",
    "LGGLLG": "5", "LGGGLL": "6", "LGLGLG": "7", "LGLGGL": "8", "LGGLGL": "9",
}  # fmt: skip


def modules(fill: RectFill) -> str:
    """The bar pattern of a barcode drawn as rectangles: '1' for each dark module."""
    module = min(w for _, _, w, _ in fill.rects)
    left = min(x for x, _, _, _ in fill.rects)
    right = max(x + w for x, _, w, _ in fill.rects)
    count = round((right - left) / module)
    cells = ["0"] * count
    for x, _, w, _ in fill.rects:
        start = round((x - left) / module)
        for i in range(start, start + round(w / module)):
            cells[i] = "1"
    return "".join(cells)


def decode_ean(bars: str) -> str:
    """Digits of an EAN-13 or EAN-8 bar pattern (raises ValueError if it is not one)."""
    if len(bars) == 95:
        halves, digits_per_half = (bars[3:45], bars[50:92]), 6
    elif len(bars) == 67:
        halves, digits_per_half = (bars[3:31], bars[36:64]), 4
    else:
        raise ValueError(f"{len(bars)} modules is neither EAN-13 nor EAN-8")
    middle = bars[len(bars) // 2 - 2 : len(bars) // 2 + 3]
    if bars[:3] != "101" or bars[-3:] != "101" or middle != "01010":
        raise ValueError("guard bars missing")
    left, right = halves
    parity = ""
    digits = ""
    for k in range(digits_per_half):
        chunk = left[7 * k : 7 * k + 7]
        if chunk in L_CODES:
            digits += L_CODES[chunk]
            parity += "L"
        elif chunk in G_CODES and digits_per_half == 6:
            digits += G_CODES[chunk]
            parity += "G"
        else:
            raise ValueError(f"left digit {k} unreadable: {chunk}")
    for k in range(digits_per_half):
        chunk = right[7 * k : 7 * k + 7]
        if chunk not in R_CODES:
            raise ValueError(f"right digit {k} unreadable: {chunk}")
        digits += R_CODES[chunk]
    if digits_per_half == 6:
        return FIRST_DIGIT[parity] + digits
    return digits


def decode_code128(bars: str) -> str:
    """Text of a Code 128 pattern (code sets B and C), checksum verified."""
    symbols = [bars[i : i + 11] for i in range(0, len(bars) - 13, 11)]
    table = {pattern: i for i, pattern in enumerate(c128.CODES)}
    values = [table[s] for s in symbols]
    if bars[-13:] != c128.STOP + "11":
        raise ValueError("no stop pattern")
    *data, check = values
    if sum(v * max(i, 1) for i, v in enumerate(data)) % 103 != check:
        raise ValueError("Code 128 checksum is wrong")
    mode = {103: "A", 104: "B", 105: "C"}[data[0]]
    out = ""
    for v in data[1:]:
        if v == 99:
            mode = "C"
        elif v == 100 and mode != "B":
            mode = "B"
        elif v == 101 and mode != "A":
            mode = "A"
        elif mode == "C":
            out += f"{v:02d}"
        else:
            out += chr(v + 32)
    return out


def qr_grid(fill: RectFill) -> tuple[tuple[bool, ...], ...]:
    """The module matrix of a QR code drawn as rectangles (top row first)."""
    module = min(min(w, h) for _, _, w, h in fill.rects)
    left = min(x for x, _, _, _ in fill.rects)
    top = max(y + h for _, y, _, h in fill.rects)
    n = round((max(x + w for x, _, w, _ in fill.rects) - left) / module)
    grid = [[False] * n for _ in range(n)]
    for x, y, w, h in fill.rects:
        c0 = round((x - left) / module)
        r0 = round((top - (y + h)) / module)
        for r in range(r0, r0 + round(h / module)):
            for c in range(c0, c0 + round(w / module)):
                grid[r][c] = True
    return tuple(tuple(row) for row in grid)


PRINT_DPI = 300


def pdf_page_images(pdf: bytes, dpi: int = PRINT_DPI) -> list[Image.Image]:
    """Every page of the PDF drawn by pdfium at `dpi` (a printer's resolution)."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in doc]
    finally:
        doc.close()


def qimage_to_pil(image: QImage) -> Image.Image:
    """A Qt image (a receipt raster, a QR pixmap's image) as greyscale pixels for the reader."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())[: grey.bytesPerLine() * grey.height()]
    return Image.frombytes("L", (grey.width(), grey.height()), data, "raw", "L",
                           grey.bytesPerLine())  # fmt: skip


def read_codes(image: Any) -> list[tuple[str, str]]:
    """What zxing-cpp reads in the picture: (format, text) of every code, e.g. ("EAN13",
    "8859999000018") or ("QRCode", "https://..."), sorted."""
    return sorted((code.format.name, code.text) for code in zxingcpp.read_barcodes(image))
