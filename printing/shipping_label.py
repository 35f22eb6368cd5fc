"""The 100x150 mm shipping label: sender, recipient in Thai, postcode, COD, tracking barcode, QR.

Laid out once as a `LabelDrawing` (the shelf labels' machinery: HarfBuzz-shaped Thai, fitted
text, vector Code 128 bars and QR modules); written as a PDF by `PdfLabelRenderer`, and drawn
by Qt on a label printer (a QPrinter of the label printer's profile) or on an image.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from reportlab.pdfgen.canvas import Canvas

from pos.domain.labels import BarcodeSpec, Symbology
from pos.domain.money import format_baht
from pos.domain.settings import Settings
from pos.domain.shipping import ShippingLabel
from pos.ports.orders import PickList
from printing.label_layout import (
    _QR,
    _QUIET,
    GREY,
    MM,
    LabelDrawing,
    Link,
    Rects,
    TextRun,
    _ink_top,
    _runs,
    barcode_modules,
)
from printing.label_qt import blank_image, draw_label, ensure_fonts
from printing.label_text import Face, fit_line, fit_text, text_width
from printing.labels import PdfLabelRenderer, register_fonts
from printing.pick_list import write_pick_list_pdf

WIDTH_MM, HEIGHT_MM = 100.0, 150.0
_LINE = 0.8  # rules and boxes, in points


def format_phone(phone: str) -> str:
    """A Thai mobile number as people read it: 081-234-5678."""
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return phone


def _box(x: float, y: float, w: float, h: float, line: float = _LINE) -> Rects:
    """An outlined box as four thin filled rectangles."""
    return Rects(
        (
            (x, y, w, line),
            (x, y + h - line, w, line),
            (x, y + line, line, h - 2 * line),  # no overlaps: Qt fills paths even-odd
            (x + w - line, y + line, line, h - 2 * line),
        ),
        "box",
    )


def _lines(
    d: LabelDrawing, text: str, face: Face, x: float, y: float, width: float, *,
    size: float, max_lines: int, role: str, color: tuple[float, float, float] = (0, 0, 0),
) -> float:  # fmt: skip
    """Wrapped text from the baseline after `y`; returns the last baseline."""
    fitted = fit_text(
        text, face, width, size * 1.2 * max_lines,
        max_size=size, min_size=min(size, 6.0), max_lines=max_lines,
    )  # fmt: skip
    for i, line in enumerate(fitted.lines):
        y += _ink_top(fitted.size) if i == 0 else fitted.size * 1.25
        d.texts.append(TextRun(line, face, fitted.size, x, y, color, role))
    return y


def layout_shipping_label(label: ShippingLabel) -> LabelDrawing:
    """Top to bottom: carrier and order number, COD amount (boxed, when COD), sender, the
    recipient (name, address, phone) with the postcode large, the tracking number as Code 128
    with its digits, and a QR code to the customer's order status page."""
    w, h = WIDTH_MM * MM, HEIGHT_MM * MM
    d = LabelDrawing(w, h)
    pad = 4 * MM
    inner = w - 2 * pad
    d.rects.append(_box(pad / 2, pad / 2, w - pad, h - pad))

    # --- carrier, order number ------------------------------------------------------------
    y = pad + 1 * MM
    carrier = fit_line(label.carrier.label.th, Face.BOLD, inner * 0.55, max_size=15, min_size=8)
    y += _ink_top(carrier.size)
    d.texts.append(TextRun(carrier.lines[0], Face.BOLD, carrier.size, pad, y, role="carrier"))
    order = f"คำสั่งซื้อ {label.order_no}"
    size = 10.0
    d.texts.append(
        TextRun(order, Face.BOLD, size, w - pad - text_width(order, Face.BOLD, size), y,
                role="order_no")
    )  # fmt: skip
    y += 4
    en = label.carrier.label.en
    y += 8
    d.texts.append(TextRun(en, Face.REGULAR, 7, pad, y, GREY, "carrier_en"))
    y += 3
    d.rects.append(Rects(((pad, y, inner, _LINE),), "rule"))

    # --- COD ------------------------------------------------------------------------------
    if label.cod_amount is not None:
        y += 2 * MM
        box_h = 13 * MM
        d.rects.append(_box(pad, y, inner, box_h, 2.0))
        cod_head = "เก็บเงินปลายทาง · COD"
        d.texts.append(TextRun(cod_head, Face.BOLD, 10, pad + 3 * MM, y + 5.5 * MM, role="cod"))
        amount = format_baht(label.cod_amount, symbol=True)
        fitted = fit_line(amount, Face.BOLD, inner * 0.5, max_size=22, min_size=10)
        ax = w - pad - 3 * MM - text_width(fitted.lines[0], Face.BOLD, fitted.size)
        d.texts.append(
            TextRun(fitted.lines[0], Face.BOLD, fitted.size, ax, y + box_h - 3.5 * MM,
                    role="cod_amount")
        )  # fmt: skip
        y += box_h

    # --- sender ---------------------------------------------------------------------------
    y += 3 * MM
    d.texts.append(TextRun("ผู้ส่ง / From", Face.REGULAR, 7, pad, y, GREY, "heading"))
    y = _lines(d, label.sender_name, Face.BOLD, pad, y + 3, inner, size=8.5, max_lines=2,
               role="sender")  # fmt: skip
    y = _lines(d, label.sender_address, Face.REGULAR, pad, y + 1, inner, size=7.5, max_lines=2,
               role="sender_address")  # fmt: skip
    if label.sender_phone:
        y += 10
        tel = f"โทร {format_phone(label.sender_phone)}"
        d.texts.append(TextRun(tel, Face.REGULAR, 7.5, pad, y, role="sender_phone"))
    y += 2 * MM
    d.rects.append(Rects(((pad, y, inner, _LINE),), "rule"))

    # --- recipient ------------------------------------------------------------------------
    y += 4 * MM
    d.texts.append(TextRun("ผู้รับ / To", Face.REGULAR, 8, pad, y, GREY, "heading"))
    y = _lines(d, label.recipient_name, Face.BOLD, pad, y + 2, inner, size=15, max_lines=2,
               role="recipient")  # fmt: skip
    # the street on its own lines; sub-district, district and province kept on one line
    street, *area = [part for part in label.recipient_address if part] or [""]
    y = _lines(d, street, Face.REGULAR, pad, y + 3, inner, size=11, max_lines=3,
               role="recipient_address")  # fmt: skip
    if area:
        where = fit_line(" ".join(area), Face.REGULAR, inner, max_size=11, min_size=6)
        y += where.size * 1.3
        d.texts.append(TextRun(where.lines[0], Face.REGULAR, where.size, pad, y,
                               role="recipient_address"))  # fmt: skip
    y += 16
    tel = f"โทร {format_phone(label.recipient_phone)}"
    d.texts.append(TextRun(tel, Face.BOLD, 12, pad, y, role="recipient_phone"))
    # the postcode, large in a box at the right of the phone line
    post_size = 24.0
    post_w = text_width(label.postcode, Face.BOLD, post_size) + 4 * MM
    post_h = post_size * 1.15
    px = w - pad - post_w
    y += 3 * MM
    d.rects.append(_box(px, y, post_w, post_h, 1.5))
    d.texts.append(
        TextRun(label.postcode, Face.BOLD, post_size, px + 2 * MM, y + post_size * 0.93,
                role="postcode")
    )  # fmt: skip
    d.texts.append(TextRun("รหัสไปรษณีย์ / Postcode", Face.REGULAR, 7, pad, y + post_h * 0.6,
                           color=GREY, role="heading"))  # fmt: skip
    y += post_h + 2 * MM
    d.rects.append(Rects(((pad, y, inner, _LINE),), "rule"))

    # --- bottom: the QR code to the status page beside the tracking barcode ----------------
    qr_side = 28 * MM
    bottom = h - pad - 1 * MM
    qr_top = bottom - qr_side
    count, cells = _QR.get(label.status_url)
    module = qr_side / (count + 2)
    qx = w - pad - qr_side
    d.rects.append(Rects(cells, "qr", (qx + module, qr_top + module), module))
    d.links.append(Link(label.status_url, (qx, qr_top, qr_side, qr_side)))
    tx = pad
    d.texts.append(TextRun("สแกนดูสถานะคำสั่งซื้อ", Face.REGULAR, 7, tx, qr_top + 10, GREY,
                           "status_hint"))  # fmt: skip
    d.texts.append(TextRun("Scan for the order status", Face.REGULAR, 7, tx, qr_top + 19,
                           GREY, "status_hint"))  # fmt: skip
    d.texts.append(TextRun(label.order_no, Face.BOLD, 9, tx, qr_top + 32, role="order_no"))
    if label.note:
        _lines(d, label.note, Face.REGULAR, tx, qr_top + 36, qx - tx - 2 * MM, size=7,
               max_lines=3, role="note")  # fmt: skip

    if label.tracking_no:
        band_bottom = qr_top - 4 * MM
        digits_size = 11.0
        bars_h = 20 * MM
        band_top = band_bottom - bars_h - digits_size * 1.3
        spec = BarcodeSpec(Symbology.CODE128, label.tracking_no)
        modules = barcode_modules(spec)
        left_q, right_q = _QUIET[Symbology.CODE128]
        module_w = min(inner / (len(modules) + left_q + right_q), 0.5 * MM)
        bx = (w - len(modules) * module_w) / 2
        d.rects.append(
            Rects(
                tuple(
                    (bx + s * module_w, band_top, n * module_w, bars_h) for s, n in _runs(modules)
                ),
                "barcode",
            )
        )
        shown = label.tracking_no
        d.texts.append(
            TextRun(shown, Face.BOLD, digits_size,
                    (w - text_width(shown, Face.BOLD, digits_size)) / 2,
                    band_top + bars_h + digits_size * 1.05, role="tracking")
        )  # fmt: skip
    return d


def write_shipping_labels(labels: Sequence[ShippingLabel], path: Path) -> int:
    """One 100x150 mm page a label; returns the pages written."""
    register_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        canvas = Canvas(
            out, pagesize=(WIDTH_MM * MM, HEIGHT_MM * MM), invariant=True, pageCompression=1
        )
        first = labels[0].order_no if labels else ""
        canvas.setTitle(f"Shipping label / ใบปะหน้าพัสดุ {first}")
        canvas.setCreator("OTOP POS")
        renderer = PdfLabelRenderer(links=True)
        for label in labels:
            renderer.draw(canvas, layout_shipping_label(label))
            canvas.showPage()
        canvas.save()
    return len(labels)


def shipping_label_image(label: ShippingLabel, dpi: float = 203) -> QImage:
    """The label as the label printer's dots would be (previews, screenshots)."""
    ensure_fonts()
    d = layout_shipping_label(label)
    image = blank_image(d.width, d.height, dpi)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(dpi / 72, dpi / 72)
    draw_label(painter, d, dpi / 72)
    painter.end()
    return image


def paint_shipping_labels(device: QPagedPaintDevice, labels: Sequence[ShippingLabel]) -> int:
    """Draw the labels on a label printer (a QPrinter, or a QPdfWriter), 100x150 mm a page,
    no margins, as the labels window prints a roll; returns the pages."""
    ensure_fonts()
    size = QPageSize(QSizeF(WIDTH_MM, HEIGHT_MM), QPageSize.Unit.Millimeter, "100x150")
    device.setPageSize(size)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    if hasattr(device, "setFullPage"):  # QPrinter: origin at the paper's corner
        device.setFullPage(True)
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("the printer could not be opened")
    try:
        scale = device.logicalDpiX() / 72
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        for i, label in enumerate(labels):
            if i:
                device.newPage()
            draw_label(painter, layout_shipping_label(label), scale)
    finally:
        painter.end()
    return len(labels)


class QtShippingDocuments:
    """pos.ports.shipping.ShippingDocuments: labels by reportlab (PDF) and Qt (printer), the
    pick list by Qt's text layout."""

    def write_labels(self, labels: Sequence[ShippingLabel], path: Path) -> int:
        return write_shipping_labels(labels, path)

    def paint_labels(self, device: object, labels: Sequence[ShippingLabel]) -> int:
        return paint_shipping_labels(cast(QPagedPaintDevice, device), labels)

    def write_pick_list(
        self, picks: PickList, settings: Settings, path: Path, printed_at: datetime
    ) -> int:
        return write_pick_list_pdf(picks, settings, path, printed_at)
