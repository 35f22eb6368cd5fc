"""Labels drawn by Qt (QPainter on a QImage): previews, and a second opinion on the PDF.

Qt shapes Thai with its own text engine, so an image of a label drawn here is what the
same label should look like in the PDF. Needs a QGuiApplication (fonts are Qt's).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from pos.domain.labels import LabelData, LabelTemplate, Placement
from printing.label_layout import MM, LabelDrawing, TextRun, layout_label
from printing.label_text import Face

FAMILY = "OTOP Sans"
_POINTS_PER_METRE = 72 / 0.0254  # 1 pt = 1 logical pixel: sizes in points carry over


def ensure_fonts() -> str:
    """Register the bundled faces with Qt (once) and return their family name."""
    if FAMILY not in QFontDatabase.families():
        for face in Face:
            if QFontDatabase.addApplicationFont(str(face.path)) < 0:
                raise RuntimeError(f"Qt cannot load {face.path}")
    return FAMILY


def qfont(face: Face, size: float) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(size)
    font.setBold(face is Face.BOLD)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


def blank_image(width_pt: float, height_pt: float, dpi: float) -> QImage:
    scale = dpi / 72
    width, height = max(1, round(width_pt * scale)), max(1, round(height_pt * scale))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(_POINTS_PER_METRE))
    image.setDotsPerMeterY(round(_POINTS_PER_METRE))
    image.fill(QColor("white"))
    return image


def draw_text_runs(
    painter: QPainter, runs: Sequence[TextRun], scale: float, *, color: bool = True
) -> None:
    """Draw text runs on a painter whose units are points, `scale` device pixels each.

    Qt rounds a font's pixel size to a whole number; the font is asked for at the device
    size, rounded, and the painter scaled by what the rounding took away, so that text is
    exactly as wide as it is in the PDF.
    """
    for run in runs:
        if not run.text:
            continue
        pixels = max(1, round(run.size * scale))
        font = qfont(run.face, run.size)
        font.setPixelSize(pixels)
        painter.save()
        painter.translate(run.x, run.baseline)
        painter.scale(run.size / pixels, run.size / pixels)
        painter.setFont(font)
        painter.setPen(QColor.fromRgbF(*run.color) if color else QColor("black"))
        painter.drawText(QPointF(0, 0), run.text)
        painter.restore()


def draw_label(
    painter: QPainter, d: LabelDrawing, scale: float, *, outline: bool = False
) -> None:
    """Draw one label at the painter's origin (units: points, `scale` pixels each)."""
    ensure_fonts()
    if outline:
        painter.setPen(QPen(QColor(190, 190, 190), 0.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(0, 0, d.width, d.height), 2 * MM, 2 * MM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("black")))
    for group in d.rects:
        path = QPainterPath()
        for x, y, w, h in group.absolute():
            path.addRect(QRectF(x, y, w, h))
        painter.fillPath(path, QColor("black"))
    for poly in d.polygons:
        color = QColor.fromRgbF(*poly.color)
        painter.setPen(QPen(color, poly.line_width))
        painter.setBrush(QBrush(color) if poly.filled else Qt.BrushStyle.NoBrush)
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in poly.points]))
    draw_text_runs(painter, d.texts, scale)


def label_image(label: LabelData, width_mm: float, height_mm: float, dpi: float = 300) -> QImage:
    """One label as an image (the labels window's preview of a single label)."""
    d = layout_label(label, width_mm, height_mm)
    image = blank_image(d.width, d.height, dpi)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(dpi / 72, dpi / 72)
    draw_label(painter, d, dpi / 72, outline=True)
    painter.end()
    return image


def page_image(
    labels: Sequence[LabelData],
    placements: Sequence[Placement],
    template: LabelTemplate,
    page: int = 0,
    dpi: float = 100,
    *,
    outline: bool = True,
) -> QImage:
    """One page of a label job as an image, laid out exactly as the PDF lays it out."""
    image = blank_image(template.page_width * MM, template.page_height * MM, dpi)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(dpi / 72, dpi / 72)
    if outline and not template.is_roll:
        painter.setPen(QPen(QColor(225, 225, 225), 0.3))
        for slot in range(template.per_page):
            x, y = template.origin(slot)
            painter.drawRoundedRect(
                QRectF(x * MM, y * MM, template.label_width * MM, template.label_height * MM),
                2 * MM,
                2 * MM,
            )
    drawings: dict[int, LabelDrawing] = {}
    for placement in placements:
        if placement.page != page:
            continue
        d = drawings.get(placement.label)
        if d is None:
            d = layout_label(labels[placement.label], template.label_width, template.label_height)
            drawings[placement.label] = d
        x, y = template.origin(placement.slot)
        painter.save()
        painter.translate(x * MM, y * MM)
        draw_label(painter, d, dpi / 72, outline=outline)
        painter.restore()
    painter.end()
    return image


def paint_pages(
    device: QPagedPaintDevice,
    labels: Sequence[LabelData],
    placements: Sequence[Placement],
    template: LabelTemplate,
) -> int:
    """Draw every page of a label job on a printer (or QPdfWriter); returns the page count.

    The device is set to the template's page size with no margins: the label positions are
    measured from the paper's edge, as on the PDF.
    """
    ensure_fonts()
    size = QPageSize(
        QSizeF(template.page_width, template.page_height), QPageSize.Unit.Millimeter, "labels"
    )
    device.setPageSize(size)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    if hasattr(device, "setFullPage"):  # QPrinter: origin at the paper's corner
        device.setFullPage(True)
    pages = max((p.page for p in placements), default=-1) + 1
    drawings: dict[int, LabelDrawing] = {}
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("the printer could not be opened")
    try:
        scale = device.logicalDpiX() / 72
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        for page in range(pages):
            if page:
                device.newPage()
            for placement in placements:
                if placement.page != page:
                    continue
                d = drawings.get(placement.label)
                if d is None:
                    label = labels[placement.label]
                    d = layout_label(label, template.label_width, template.label_height)
                    drawings[placement.label] = d
                x, y = template.origin(placement.slot)
                painter.save()
                painter.translate(x * MM, y * MM)
                draw_label(painter, d, scale)
                painter.restore()
    finally:
        painter.end()
    return pages
