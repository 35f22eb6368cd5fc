"""Gift-basket labels as PDF: name, price, contents with their story QR codes, the barcode.

Laid out as a `LabelDrawing` with the shelf-label machinery (HarfBuzz-shaped Thai, fitted
text, QR modules, vector EAN-13 bars with digits) and drawn by `PdfLabelRenderer`.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from pos.domain.basket_print import BasketLabelData
from pos.domain.labels import BarcodeSpec, Symbology, format_label_price
from printing.label_layout import (
    _QR,
    _QUIET,
    GREY,
    MM,
    LabelDrawing,
    Link,
    Rects,
    TextRun,
    _guard_modules,
    _human_readable,
    _ink_top,
    _runs,
    barcode_modules,
)
from printing.label_text import Face, fit_line, fit_text, text_width
from printing.labels import PdfLabelRenderer, register_fonts

# page sizes in mm: an A6 sheet, a 100 x 150 mm shipping-label roll, plain A4
PAGES: dict[str, tuple[float, float]] = {
    "a6": (105.0, 148.0),
    "roll-100x150": (100.0, 150.0),
    "a4": (210.0, 297.0),
}


def layout_basket_label(data: BasketLabelData, width_mm: float, height_mm: float) -> LabelDrawing:
    """Top: Thai and English names, the price large. Middle: one row per component (its
    story QR code, Thai and English name, quantity). Bottom: the EAN-13 with its digits."""
    w, h = width_mm * MM, height_mm * MM
    d = LabelDrawing(w, h)
    pad = max(5 * MM, w * 0.06)
    inner = w - 2 * pad

    # --- names and price ------------------------------------------------------------------
    name = fit_text(
        data.name_th, Face.BOLD, inner, w * 0.2,
        max_size=w * 0.075, min_size=10.0, max_lines=2,
    )  # fmt: skip
    y = pad
    for i, line in enumerate(name.lines):
        y += _ink_top(name.size) if i == 0 else name.size * 1.2
        d.texts.append(TextRun(line, Face.BOLD, name.size, pad, y, role="name_th"))
    en = fit_line(data.name_en, Face.REGULAR, inner, max_size=name.size * 0.6, min_size=6.0)
    if en.lines:
        y += max(en.size * 1.3, name.size * 0.36 + en.size * 0.9)
        d.texts.append(TextRun(en.lines[0], Face.REGULAR, en.size, pad, y, GREY, "name_en"))
    price = fit_line(
        format_label_price(data.price), Face.BOLD, inner, max_size=w * 0.13, min_size=12.0
    )
    y += price.size * 1.1
    d.texts.append(TextRun(price.lines[0], Face.BOLD, price.size, pad, y, role="price"))
    y += price.size * 0.3
    d.rects.append(Rects(((pad, y, inner, 0.8),), "rule"))
    head_size = max(7.0, w * 0.026)
    y += head_size * 1.6
    d.texts.append(TextRun("ในตะกร้า · Contents", Face.REGULAR, head_size, pad, y, GREY, "heading"))
    y += head_size * 0.6

    # --- barcode band at the bottom -------------------------------------------------------
    band = min(h * 0.17, 30 * MM)
    band_top = h - pad - band
    spec = BarcodeSpec(Symbology.EAN13, data.barcode)
    modules = barcode_modules(spec)
    left_q, right_q = _QUIET[spec.symbology]
    bar_w = min(inner * 0.7, 50 * MM)
    module_w = bar_w / (len(modules) + left_q + right_q)
    bx = (w - len(modules) * module_w) / 2
    digits_size = min(module_w * 8.5, band * 0.22)
    bars_h = band - digits_size * 1.05
    guard_extra = digits_size * 0.55
    guards = _guard_modules(spec.symbology, len(modules))
    bars = tuple(
        (
            bx + start * module_w,
            band_top,
            length * module_w,
            bars_h - guard_extra + (guard_extra if start in guards else 0.0),
        )
        for start, length in _runs(modules)
    )
    d.rects.append(Rects(bars, "barcode"))
    base = band_top + band - digits_size * 0.1
    for text, x in _human_readable(spec, bx, module_w, digits_size):
        d.texts.append(TextRun(text, Face.REGULAR, digits_size, x, base, role="digits"))
    code_size = digits_size * 0.8
    d.texts.append(
        TextRun(data.code, Face.REGULAR, code_size,
                w - pad - text_width(data.code, Face.REGULAR, code_size),
                band_top + code_size, GREY, "code")
    )  # fmt: skip

    # --- contents: one row per component --------------------------------------------------
    rows_top = y + 2 * MM
    room = band_top - 3 * MM - rows_top
    n = max(1, len(data.lines))
    row_h = min(room / n, 26 * MM, w * 0.2)
    qr_side = row_h * 0.9
    gap = 3 * MM
    for i, item in enumerate(data.lines):
        top = rows_top + i * row_h
        count, cells = _QR.get(item.story_url)
        module = qr_side / (count + 2)  # a two-module quiet zone inside the box
        d.rects.append(Rects(cells, "qr", (pad + module, top + module), module))
        d.links.append(Link(item.story_url, (pad, top, qr_side, qr_side)))
        tx = pad + qr_side + gap
        qty_size = min(qr_side * 0.28, 13.0)
        qty_w = text_width(item.quantity, Face.BOLD, qty_size)
        col_w = w - pad - tx - qty_w - gap
        th = fit_line(item.name_th, Face.BOLD, col_w, max_size=qty_size, min_size=6.0)
        base_th = top + qr_side * 0.5 - 1.0
        d.texts.append(TextRun(th.lines[0], Face.BOLD, th.size, tx, base_th, role="item_th"))
        d.texts.append(
            TextRun(item.quantity, Face.BOLD, qty_size, w - pad - qty_w, base_th, role="qty")
        )
        en_item = fit_line(item.name_en, Face.REGULAR, col_w, max_size=th.size * 0.75,
                           min_size=5.0)  # fmt: skip
        if en_item.lines:
            d.texts.append(
                TextRun(en_item.lines[0], Face.REGULAR, en_item.size, tx,
                        base_th + max(en_item.size * 1.3, th.size * 0.36 + en_item.size),
                        GREY, "item_en")
            )  # fmt: skip
    return d


def render_basket_label(
    data: BasketLabelData, out: BinaryIO, page: str = "a6", *, copies: int = 1
) -> int:
    """Write the label as a PDF, one page a copy, `page` one of PAGES; returns the pages."""
    try:
        width_mm, height_mm = PAGES[page]
    except KeyError:
        raise ValueError(f"page {page!r}: one of {', '.join(PAGES)}") from None
    register_fonts()
    drawing = layout_basket_label(data, width_mm, height_mm)
    canvas = Canvas(
        out, pagesize=(width_mm * MM, height_mm * MM), invariant=True, pageCompression=1
    )
    canvas.setTitle(f"Basket label / ฉลากตะกร้าของขวัญ {data.code}")
    canvas.setCreator("OTOP POS")
    renderer = PdfLabelRenderer(links=True)
    for _ in range(max(1, copies)):
        renderer.draw(canvas, drawing)
        canvas.showPage()
    canvas.save()
    return max(1, copies)
