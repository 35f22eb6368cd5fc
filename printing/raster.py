"""A document laid out with Qt's text engine into a 1-bit image as wide as the paper."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextLayout,
    QTextOption,
)

from printing.codes import code128_modules, qr_matrix
from printing.document import (
    Align,
    Barcode,
    CodePageChart,
    Document,
    Logo,
    QrCodes,
    Row,
    Rule,
    Ruler,
    Size,
    Space,
    Text,
)
from printing.qt import ensure_gui, font
from printing.text_receipt import codepage_rows

log = logging.getLogger(__name__)

DOTS_PER_MM = 203 / 25.4
BLACK = QColor(0, 0, 0)
_ALIGN = {
    Align.LEFT: Qt.AlignmentFlag.AlignLeft,
    Align.CENTER: Qt.AlignmentFlag.AlignHCenter,
    Align.RIGHT: Qt.AlignmentFlag.AlignRight,
}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Type sizes in dots for one paper width."""

    small: int
    normal: int
    large: int
    margin: int  # left and right, in dots
    gap: int  # between a row's two columns
    xlarge: int = 48
    huge: int = 128

    @classmethod
    def for_width(cls, width: int) -> Metrics:
        if width >= 512:  # 80 mm: about 48 Latin characters a line, like the printer's font A
            return cls(small=21, normal=24, large=32, margin=4, gap=16, xlarge=48, huge=128)
        return cls(small=19, normal=22, large=28, margin=2, gap=12, xlarge=40, huge=96)

    def px(self, size: Size) -> int:
        return {
            Size.SMALL: self.small, Size.NORMAL: self.normal, Size.LARGE: self.large,
            Size.XLARGE: self.xlarge, Size.HUGE: self.huge,
        }[size]  # fmt: skip


Draw = Callable[[QPainter, float], None]  # paints an item at its y offset


@lru_cache(maxsize=32)
def _font(px: int, bold: bool) -> QFont:
    return font(px, bold=bold)


def _layout(text: str, f: QFont, width: float, align: Align) -> tuple[QTextLayout, float]:
    """Lay `text` out in lines of `width` dots, breaking Thai between words."""
    layout = QTextLayout(text, f)
    option = QTextOption(_ALIGN[align])
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spacing = QFontMetricsF(f).lineSpacing()
    y = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += spacing
    layout.endLayout()
    return layout, y


def _natural_width(text: str, f: QFont) -> float:
    return QFontMetricsF(f).horizontalAdvance(text)


class RasterLayout:
    """Places blocks top to bottom, then paints them onto one image."""

    def __init__(self, width: int) -> None:
        ensure_gui()
        self.width = width
        self.m = Metrics.for_width(width)
        self.inner = width - 2 * self.m.margin
        self.items: list[tuple[float, Draw]] = []
        self.y = 0.0
        normal = _font(self.m.normal, False)
        self.line = QFontMetricsF(normal).lineSpacing()
        self.column = QFontMetricsF(normal).horizontalAdvance("0")

    def add(self, height: float, draw: Draw) -> None:
        self.items.append((self.y, draw))
        self.y += height

    # --- blocks ----------------------------------------------------------------------------
    def text(self, block: Text) -> None:
        f = _font(self.m.px(block.size), block.bold)
        indent = block.indent * self.column
        layout, height = _layout(block.text, f, self.inner - indent, block.align)
        x = self.m.margin + indent
        self.add(height, lambda p, y: layout.draw(p, QPointF(x, y)))

    def row(self, block: Row) -> None:
        f = _font(self.m.px(block.size), block.bold)
        indent = block.indent * self.column
        room = self.inner - indent
        right_w = _natural_width(block.right, f)
        left_w = _natural_width(block.left, f)
        spacing = QFontMetricsF(f).lineSpacing()
        x = self.m.margin + indent
        right_x = self.m.margin + self.inner - right_w
        if left_w + self.m.gap + right_w <= room or right_w <= 0.4 * room:
            # the amount sits on the last line of the (possibly wrapped) left text
            layout, height = _layout(block.left, f, room - right_w - self.m.gap, Align.LEFT)
            last = height - spacing
        else:
            # a long right text (e.g. the date on 58 mm) goes on a line of its own
            layout, height = _layout(block.left, f, room, Align.LEFT)
            last = height
            height += spacing
        right, _ = _layout(block.right, f, right_w + 1, Align.LEFT)

        def draw(p: QPainter, y: float) -> None:
            layout.draw(p, QPointF(x, y))
            right.draw(p, QPointF(right_x, y + last))

        self.add(height, draw)

    def rule(self, block: Rule) -> None:
        thick = 3 if block.heavy else 2
        pad = self.line * 0.3
        x0, w = self.m.margin, self.inner

        def draw(p: QPainter, y: float) -> None:
            top = round(y + pad)
            if block.heavy:
                p.fillRect(QRectF(x0, top, w, thick), BLACK)
                return
            dash = 8
            for x in range(x0, x0 + w, dash * 2):
                p.fillRect(QRectF(x, top, min(dash, x0 + w - x), thick), BLACK)

        self.add(2 * pad + thick, draw)

    def space(self, block: Space) -> None:
        self.add(self.line * block.lines, lambda p, y: None)

    def qr_codes(self, block: QrCodes) -> None:
        count = len(block.codes)
        cell = self.inner // count
        matrices = [qr_matrix(data) for _, data in block.codes]
        n = max(len(mx) for mx in matrices)
        quiet = 4  # modules of white around each code (the paper is white)
        module = max(2, min(6, (cell - 8) // (n + 2 * quiet)))
        images = [_module_image(mx, module) for mx in matrices]
        side = max(img.height() for img in images)
        caption_font = _font(self.m.small, True)
        caption_h = QFontMetricsF(caption_font).lineSpacing()
        captions = [
            _layout(caption, caption_font, cell, Align.CENTER)[0] for caption, _ in block.codes
        ]

        def draw(p: QPainter, y: float) -> None:
            top = round(y)
            for i, img in enumerate(images):
                left = self.m.margin + i * cell + (cell - img.width()) // 2
                p.drawImage(QPointF(left, top), img)
                captions[i].draw(p, QPointF(self.m.margin + i * cell, top + side + 2))

        self.add(side + 2 + caption_h, draw)

    def barcode(self, block: Barcode) -> None:
        modules = code128_modules(block.data)
        quiet = 10  # modules of white each side, for the scanner
        x_dim = next((x for x in (3, 2) if (len(modules) + 2 * quiet) * x <= self.inner), 1)
        bars = _bars_image(modules, x_dim, 64)
        caption_font = _font(self.m.small, False)
        caption, caption_h = _layout(block.data, caption_font, self.inner, Align.CENTER)
        left = (self.width - bars.width()) // 2

        def draw(p: QPainter, y: float) -> None:
            top = round(y)
            p.drawImage(QPointF(left, top), bars)
            caption.draw(p, QPointF(self.m.margin, top + bars.height() + 2))

        self.add(bars.height() + 2 + caption_h, draw)

    def logo(self, block: Logo) -> None:
        image = QImage(block.path)
        if image.isNull():
            log.warning("logo %s cannot be read; printing without it", block.path)
            return
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        if image.width() > self.width or image.height() > 200:
            image = image.scaled(
                self.width,
                200,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        left = (self.width - image.width()) // 2
        self.add(
            image.height() + self.line * 0.3,
            lambda p, y: p.drawImage(QPointF(left, round(y)), image),
        )

    def ruler(self, _block: Ruler) -> None:
        label_font = _font(self.m.small, False)
        label_h = QFontMetricsF(label_font).lineSpacing()
        mm = int(self.width / DOTS_PER_MM)
        labels = {
            n: (_layout(str(n), label_font, 40, Align.LEFT)[0], _natural_width(str(n), label_font))
            for n in range(10, mm + 1, 10)
        }

        def draw(p: QPainter, y: float) -> None:
            top = round(y)
            for n in range(mm + 1):
                x = min(round(n * DOTS_PER_MM), self.width - 2)
                tall = 28 if n % 10 == 0 else 18 if n % 5 == 0 else 10
                p.fillRect(QRectF(x, top, 2, tall), BLACK)
                if n in labels:
                    label, label_w = labels[n]
                    label.draw(p, QPointF(min(x - label_w / 2, self.width - label_w), top + 30))
            # the outermost dots: both edge lines must print, or the paper width is set wrong
            p.fillRect(QRectF(0, top, 2, 60), BLACK)
            p.fillRect(QRectF(self.width - 2, top, 2, 60), BLACK)

        self.add(30 + label_h, draw)

    def codepage_chart(self, _block: CodePageChart) -> None:
        for first, row in codepage_rows():
            chars = []
            for byte in row:
                ch = bytes([byte]).decode("cp874", errors="replace")
                if ch in ("\ufffd", "\xa0"):
                    ch = "·"
                elif unicodedata.category(ch) == "Mn":
                    ch = "\u25cc" + ch  # a mark alone is shown on a dotted circle
                chars.append(ch)
            self.text(Text(f"{first:02X} " + " ".join(chars), size=Size.SMALL))

    # --- the whole document ----------------------------------------------------------------
    def place(self, document: Document) -> None:
        for block in document:
            if isinstance(block, Text):
                self.text(block)
            elif isinstance(block, Row):
                self.row(block)
            elif isinstance(block, Rule):
                self.rule(block)
            elif isinstance(block, Space):
                self.space(block)
            elif isinstance(block, QrCodes):
                self.qr_codes(block)
            elif isinstance(block, Barcode):
                self.barcode(block)
            elif isinstance(block, Logo):
                self.logo(block)
            elif isinstance(block, Ruler):
                self.ruler(block)
            else:
                self.codepage_chart(block)

    def paint(self) -> QImage:
        """The placed document as a 1-bit image (white 0, black 1 in the colour table)."""
        height = max(1, int(self.y + 0.999))
        canvas = QImage(self.width, height, QImage.Format.Format_Grayscale8)
        canvas.fill(255)
        painter = QPainter(canvas)
        try:
            painter.setPen(BLACK)
            for y, draw in self.items:
                draw(painter, y)
        finally:
            painter.end()
        return to_mono(canvas)


def _grey_image(rows: list[bytes], width: int) -> QImage:
    """A greyscale image from rows of bytes (0 black, 255 white), owning its pixels."""
    data = b"".join(rows)
    image = QImage(data, width, len(rows), width, QImage.Format.Format_Grayscale8)
    return image.copy()  # detach from the Python buffer


def _module_image(matrix: tuple[tuple[bool, ...], ...], module: int) -> QImage:
    """A QR matrix as one image, each module `module` dots square."""
    rows: list[bytes] = []
    for row in matrix:
        line = b"".join((b"\x00" if dark else b"\xff") * module for dark in row)
        rows.extend([line] * module)
    return _grey_image(rows, len(matrix[0]) * module)


def _bars_image(modules: str, x_dim: int, height: int) -> QImage:
    line = b"".join((b"\x00" if bit == "1" else b"\xff") * x_dim for bit in modules)
    return _grey_image([line] * height, len(modules) * x_dim)


def to_mono(image: QImage) -> QImage:
    """Threshold a greyscale image at mid-grey into a 1-bit image whose index 1 is black."""
    mono = image.convertToFormat(
        QImage.Format.Format_Mono,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.MonoOnly,
    )
    if QColor(mono.color(1)).lightness() > 127:  # make bit 1 = black, as ESC/POS wants
        mono.invertPixels()
        table = mono.colorTable()
        mono.setColorTable([table[1], table[0]])
    return mono


def render_raster(document: Document, width: int) -> QImage:
    """Lay out and paint `document` `width` dots wide (576 on 80 mm, 384 on 58 mm)."""
    layout = RasterLayout(width)
    layout.place(document)
    return layout.paint()


def raster_rows(image: QImage) -> bytes:
    """The 1-bit image as GS v 0 wants it: rows of ceil(w/8) bytes, MSB first, 1 = black."""
    row_bytes = (image.width() + 7) // 8
    stride = image.bytesPerLine()
    data = bytes(image.constBits())[: stride * image.height()]
    if stride == row_bytes:
        return data
    return b"".join(data[i : i + row_bytes] for i in range(0, stride * image.height(), stride))
