"""Where everything on a shelf label goes: a drawing list that a PDF or a QImage renders."""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field

import barcode as pybarcode

from pos.domain.labels import BarcodeSpec, LabelData, Symbology, format_label_price
from printing.label_qr import qr_rows
from printing.label_text import Face, FittedText, fit_line, fit_text, text_width

MM = 72 / 25.4  # points per millimetre
INK = (0.0, 0.0, 0.0)
GREY = (0.35, 0.35, 0.35)
RED = (0.7, 0.1, 0.1)  # a flag: an expired certificate
STAR_GOLD = (0.80, 0.55, 0.05)

# quiet zones in modules (GS1 for EAN, ISO/IEC 15417 for Code 128)
_QUIET = {Symbology.EAN13: (11, 7), Symbology.EAN8: (7, 7), Symbology.CODE128: (10, 10)}


@dataclass(frozen=True, slots=True)
class TextRun:
    """One line of text; (x, baseline) in points from the label's top-left corner."""

    text: str
    face: Face
    size: float
    x: float
    baseline: float
    color: tuple[float, float, float] = INK
    role: str = ""  # name_th, name_en, origin, price, unit, digits, ... (tests, previews)

    @property
    def width(self) -> float:
        return text_width(self.text, self.face, self.size)


@dataclass(frozen=True, slots=True)
class Rects:
    """Filled black rectangles (x, y, w, h) drawn as one path: barcode bars, QR modules.

    The rectangles are in units of `scale` points from `origin`: a QR code keeps its cells
    in modules, shared by every label that carries the same code.
    """

    rects: tuple[tuple[float, float, float, float], ...]
    role: str
    origin: tuple[float, float] = (0.0, 0.0)
    scale: float = 1.0

    def absolute(self) -> list[tuple[float, float, float, float]]:
        """The rectangles in points from the label's top-left corner."""
        (ox, oy), k = self.origin, self.scale
        return [(ox + x * k, oy + y * k, w * k, h * k) for x, y, w, h in self.rects]


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    filled: bool
    color: tuple[float, float, float] = STAR_GOLD
    line_width: float = 0.4


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    rect: tuple[float, float, float, float]


@dataclass(slots=True)
class LabelDrawing:
    width: float
    height: float
    texts: list[TextRun] = field(default_factory=list)
    rects: list[Rects] = field(default_factory=list)
    polygons: list[Polygon] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def text_of(self, role: str) -> list[str]:
        return [t.text for t in self.texts if t.role == role]


# --- barcodes and QR codes ----------------------------------------------------------------
def barcode_modules(spec: BarcodeSpec) -> str:
    """The bar pattern, one character a module: '1' bar, '0' space (quiet zones excluded)."""
    if spec.symbology is Symbology.CODE128:
        return str(pybarcode.get("code128", spec.value).build()[0])
    name = "ean13" if spec.symbology is Symbology.EAN13 else "ean8"
    # python-barcode recomputes the check digit from the data digits; pass only those so a
    # wrong check digit can never be printed silently (the domain validated the code)
    code = pybarcode.get(name, spec.value[:-1])
    if code.get_fullcode() != spec.value:
        raise ValueError(f"check digit of {spec.value} does not match")
    return str(code.build()[0])


_BARS = re.compile("1+")


def _runs(modules: str) -> list[tuple[int, int]]:
    """(start, length) of every run of bars."""
    return [(m.start(), m.end() - m.start()) for m in _BARS.finditer(modules)]


_Cells = tuple[tuple[int, int, int, int], ...]  # (column, row, columns, rows) in modules


class _QrCache:
    """Recently drawn QR codes by payload, as module rectangles (copies share one)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.items: OrderedDict[str, tuple[int, _Cells]] = OrderedDict()

    def get(self, payload: str) -> tuple[int, _Cells]:
        found = self.items.get(payload)
        if found is None:
            rows = qr_rows(payload)
            found = (len(rows), _qr_cells(rows))
            self.items[payload] = found
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        else:
            self.items.move_to_end(payload)
        return found


_QR = _QrCache()


def _qr_cells(rows: tuple[str, ...]) -> _Cells:
    """Dark modules as rectangles in module units: one per run of dark modules in a row."""
    return tuple(
        (m.start(), r, m.end() - m.start(), 1)
        for r, line in enumerate(rows)
        for m in _BARS.finditer(line)
    )


# --- the label ----------------------------------------------------------------------------
def _star(cx: float, cy: float, r: float) -> tuple[tuple[float, float], ...]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return tuple(points)


def _ink_top(size: float) -> float:
    """How far above the baseline Thai capitals-and-marks reach (for stacking lines)."""
    return size * 0.95


def layout_label(label: LabelData, width_mm: float, height_mm: float) -> LabelDrawing:
    """Lay out one label of `width_mm` x `height_mm`.

    Top: Thai name (bold, wrapped at word boundaries, shrunk to fit), English name, district
    and producer, OTOP stars; the story QR code on the right. Bottom: the barcode with its
    digits on the left, the price (large) and its unit on the right.
    """
    w, h = width_mm * MM, height_mm * MM
    d = LabelDrawing(w, h)
    pad = max(2.8, min(w, h) * 0.05)
    small = h < 36 * MM
    band = h * (0.37 if small else 0.35)  # barcode + price band at the bottom
    gap = pad * 0.6
    top_h = h - 2 * pad - band - gap
    qr_side = min(top_h, w * 0.3)

    # --- QR code, top right ---------------------------------------------------------------
    qx, qy = w - pad - qr_side, pad
    n, cells = _QR.get(label.story_url)
    module = qr_side / (n + 2)  # a two-module quiet zone inside the box; the label is white
    ox, oy = qx + module, qy + module
    d.rects.append(Rects(cells, "qr", (ox, oy), module))
    d.links.append(Link(label.story_url, (qx, qy, qr_side, qr_side)))

    # --- text column, top left ------------------------------------------------------------
    col_x = pad
    col_w = qx - gap - pad
    en_size = max(4.5, min(h * 0.062, 8.0))
    origin_size = max(4.2, min(h * 0.052, 7.0))
    star_r = origin_size * 0.62
    reserve = en_size * 1.45 + origin_size * 1.3 + (star_r * 2.6 if label.stars else 0)
    name_box = top_h - reserve
    name: FittedText = fit_text(
        label.name_th,
        Face.BOLD,
        col_w,
        name_box,
        max_size=min(h * 0.12, 14.0),
        min_size=5.5,
        max_lines=3 if not small else 2,
    )
    y = pad
    for line in name.lines:
        y += name.size * 1.2 if line is not name.lines[0] else _ink_top(name.size) + 0.5
        d.texts.append(TextRun(line, Face.BOLD, name.size, col_x, y, role="name_th"))
    en = fit_line(label.name_en, Face.REGULAR, col_w, max_size=en_size, min_size=4.5)
    if en.lines:
        # clear of Thai vowels below the line (ุ ู reach a third of the size down)
        y += max(en.size * 1.25, name.size * 0.36 + en.size * 0.85)
        d.texts.append(TextRun(en.lines[0], Face.REGULAR, en.size, col_x, y, GREY, "name_en"))
    place = " · ".join(
        part
        for part in (f"อ.{label.district_th}" if label.district_th else "", label.producer_th)
        if part
    )
    if label.certificate_expired:  # in place of the origin line, in red
        flag = fit_line(
            "ใบรับรองหมดอายุ · certificate expired", Face.BOLD, col_w, max_size=origin_size,
            min_size=4.0,
        )  # fmt: skip
        y += flag.size * 1.3
        d.texts.append(TextRun(flag.lines[0], Face.BOLD, flag.size, col_x, y, RED, "flag"))
    elif place:
        origin = fit_line(place, Face.REGULAR, col_w, max_size=origin_size, min_size=4.0)
        y += origin.size * 1.3
        d.texts.append(TextRun(origin.lines[0], Face.REGULAR, origin.size, col_x, y, role="origin"))
    if label.stars:
        cy = pad + top_h - star_r
        for i in range(5):
            cx = col_x + star_r + i * star_r * 2.15
            d.polygons.append(Polygon(_star(cx, cy, star_r), filled=i < label.stars))
        year = f"OTOP {label.star_year}" if label.star_year else "OTOP"
        d.texts.append(
            TextRun(
                year,
                Face.BOLD,
                origin_size,
                col_x + star_r * 2.15 * 5 + star_r * 0.4,
                cy + origin_size * 0.36,
                GREY,
                "stars",
            )
        )

    # --- barcode, bottom left -------------------------------------------------------------
    band_top = h - pad - band
    spec = label.barcode
    modules = barcode_modules(spec)
    left_q, right_q = _QUIET[spec.symbology]
    bar_w = (w - 2 * pad) * (0.62 if small else 0.55)
    # the label's own white margin counts towards the left quiet zone
    module_w = (bar_w + pad) / (len(modules) + left_q + right_q)
    bx = pad + left_q * module_w - pad
    digits_size = min(module_w * 8.5, band * 0.24)
    bars_h = band - digits_size * 1.05
    guard_extra = digits_size * 0.55 if spec.symbology is not Symbology.CODE128 else 0.0
    guards = _guard_modules(spec.symbology, len(modules))
    bar_rects = []
    for start, length in _runs(modules):
        long = guard_extra if start in guards else 0.0
        bar_rects.append(
            (bx + start * module_w, band_top, length * module_w, bars_h - guard_extra + long)
        )
    d.rects.append(Rects(tuple(bar_rects), "barcode"))
    base = band_top + band - digits_size * 0.1
    for text, x in _human_readable(spec, bx, module_w, digits_size):
        d.texts.append(TextRun(text, Face.REGULAR, digits_size, x, base, role="digits"))

    # --- price and unit, bottom right -----------------------------------------------------
    right = w - pad
    px = bx + (len(modules) + right_q) * module_w
    price_w = right - px
    unit_th, unit_en = label.unit_line
    unit_text = f"{unit_th} · {unit_en}"
    unit = fit_line(unit_text, Face.REGULAR, price_w, max_size=origin_size + 0.5, min_size=4.0)
    extra = ""
    if label.per_100g is not None:
        extra = f"100 ก. = {format_label_price(label.per_100g)}"
    price = fit_line(
        label.price_text, Face.BOLD, price_w, max_size=min(h * 0.21, 26.0), min_size=6.0
    )
    unit_base = h - pad - 0.5
    if extra:
        extra_fit = fit_line(extra, Face.REGULAR, price_w, max_size=unit.size, min_size=4.0)
        d.texts.append(_right(extra_fit, Face.REGULAR, right, unit_base, "per100g"))
        unit_base -= extra_fit.size * 1.2
    d.texts.append(_right(unit, Face.REGULAR, right, unit_base, "unit"))
    # the unit line's Thai tone marks reach a full em above its baseline, and the price's
    # baht sign and thousands comma hang below its own: room for both (on the 4x10 sheet
    # "ต่อ ผืน" ran into the price's comma and baht sign)
    price_base = unit_base - unit.size * _THAI_ASCENT - price.size * _DIGIT_DESCENT
    d.texts.append(_right(price, Face.BOLD, right, price_base, "price"))
    return d


_THAI_ASCENT = 1.1  # a tone mark over an upper vowel tops out at 1.009 em (OTOP Sans)
_DIGIT_DESCENT = 0.22  # the baht sign's stroke and the comma reach below the baseline


def _right(fit: FittedText, face: Face, right: float, baseline: float, role: str) -> TextRun:
    text = fit.lines[0] if fit.lines else ""
    return TextRun(
        text, face, fit.size, right - text_width(text, face, fit.size), baseline, role=role
    )


def _guard_modules(symbology: Symbology, count: int) -> set[int]:
    """Start modules of the guard bars, which run down between the digit groups."""
    if symbology is Symbology.EAN13:
        return {0, 2, 46, 48, 92, 94}
    if symbology is Symbology.EAN8:
        return {0, 2, 32, 34, 64, 66}
    return set()


def _human_readable(
    spec: BarcodeSpec, bx: float, module_w: float, size: float
) -> list[tuple[str, float]]:
    """The digits under the bars, in the usual groups: 8 851234 567890, 1234 5670."""
    v = spec.value

    def centred(text: str, start: int, modules: int) -> tuple[str, float]:
        width = text_width(text, Face.REGULAR, size)
        return text, bx + (start + modules / 2) * module_w - width / 2

    if spec.symbology is Symbology.EAN13:
        first = v[0]
        return [
            (first, bx - module_w * 1.5 - text_width(first, Face.REGULAR, size)),
            centred(v[1:7], 3, 42),
            centred(v[7:], 50, 42),
        ]
    if spec.symbology is Symbology.EAN8:
        return [centred(v[:4], 3, 28), centred(v[4:], 36, 28)]
    n = len(barcode_modules(spec))
    return [centred(v, 0, n)]
