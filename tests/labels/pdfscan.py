"""Read back what a label PDF draws: text runs (glyphs and the text they stand for), filled
rectangles, grouped per label, and a raster of the text made from the embedded fonts.

A small interpreter for the operators reportlab writes (q Q cm rg re f BT ET Tf Tm Td TJ Tj
Ts TL T*); pypdf only decodes the streams and objects.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage, QPainter, QRawFont

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: [x y 1] · m · n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E,
            e * B + f * D + F)  # fmt: skip


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


_TOKEN = re.compile(
    rb"\s*(?:(%[^\r\n]*)|(\()|(<<|>>|\[|\])|(<[0-9A-Fa-f\s]*>)|(/[^\s/\[\]()<>{}%]*)|"
    rb"([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'\"*][A-Za-z0-9'\"*]*))"
)


def _literal(data: bytes, i: int) -> tuple[bytes, int]:
    """A (literal string) starting after its opening parenthesis at i."""
    out = bytearray()
    depth = 1
    while True:
        ch = data[i]
        i += 1
        if ch == 0x5C:  # backslash
            nxt = data[i]
            i += 1
            if 0x30 <= nxt <= 0x37:
                digits = bytes([nxt])
                while len(digits) < 3 and 0x30 <= data[i] <= 0x37:
                    digits += bytes([data[i]])
                    i += 1
                out.append(int(digits, 8) & 0xFF)
            else:
                out.extend({ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t",
                            ord("b"): b"\b", ord("f"): b"\f"}.get(nxt, bytes([nxt])))  # fmt: skip
        elif ch == 0x28:
            depth += 1
            out.append(ch)
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i
            out.append(ch)
        else:
            out.append(ch)


def tokens(data: bytes) -> list[tuple[str, Any]]:
    """('op', name) and ('val', value) items; arrays become Python lists."""
    out: list[tuple[str, Any]] = []
    stack: list[list[Any]] = []
    i = 0
    while i < len(data):
        m = _TOKEN.match(data, i)
        if m is None:
            if data[i:].strip():
                raise ValueError(f"cannot read content at {i}: {data[i : i + 20]!r}")
            break
        i = m.end()
        comment, paren, delim, hexs, name, number, op = m.groups()
        value: Any
        if comment is not None:
            continue
        if paren is not None:
            value, i = _literal(data, i)
        elif delim is not None:
            if delim == b"[":
                stack.append([])
                continue
            if delim == b"]":
                value = stack.pop()
            else:
                continue
        elif hexs is not None:
            value = bytes.fromhex(re.sub(rb"\s", b"", hexs[1:-1]).decode())
        elif name is not None:
            value = name.decode("latin1")
        elif number is not None:
            value = float(number)
        else:
            if stack:
                stack[-1].append(("op", op.decode()))
                continue
            out.append(("op", op.decode()))
            continue
        if stack:
            stack[-1].append(value)
        else:
            out.append(("val", value))
    return out


@dataclass
class Font:
    key: str
    base: str
    first: int
    widths: list[float]
    to_unicode: dict[int, str]
    data: bytes
    code_to_gid: dict[int, int]


@dataclass
class Glyph:
    font: str
    code: int
    x: float  # page coordinates, points, y up
    y: float
    size: float


@dataclass
class TextShow:
    """One text-showing operation group (one drawString): its glyphs and text."""

    label: tuple[float, float]  # translation of the label it belongs to
    font: str
    size: float
    glyphs: list[Glyph] = field(default_factory=list)
    text: str = ""

    @property
    def x(self) -> float:
        return self.glyphs[0].x if self.glyphs else 0.0

    @property
    def y(self) -> float:
        return self.glyphs[0].y if self.glyphs else 0.0


@dataclass
class RectFill:
    label: tuple[float, float]
    rects: list[tuple[float, float, float, float]]  # page coordinates: x, y, w, h (y up)
    color: tuple[float, float, float]


@dataclass
class Page:
    width: float
    height: float
    texts: list[TextShow]
    fills: list[RectFill]
    fonts: dict[str, Font]
    annotations: list[dict[str, Any]]

    def labels(self) -> dict[tuple[float, float], dict[str, list[Any]]]:
        out: dict[tuple[float, float], dict[str, list[Any]]] = defaultdict(
            lambda: {"texts": [], "fills": []}
        )
        for t in self.texts:
            out[t.label]["texts"].append(t)
        for f in self.fills:
            out[f.label]["fills"].append(f)
        return dict(out)


def _cmap_format6(font: bytes) -> dict[int, int]:
    """Code -> glyph id of a TrueType font's cmap (formats 0, 4 and 6: what subsets use)."""
    num = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for k in range(num):
        tag, _, offset, length = struct.unpack(">4sIII", font[12 + 16 * k : 28 + 16 * k])
        tables[tag] = (offset, length)
    off, _ = tables[b"cmap"]
    count = struct.unpack(">H", font[off + 2 : off + 4])[0]
    out: dict[int, int] = {}
    for k in range(count):
        _, _, sub = struct.unpack(">HHI", font[off + 4 + 8 * k : off + 12 + 8 * k])
        base = off + sub
        fmt = struct.unpack(">H", font[base : base + 2])[0]
        if fmt == 6:
            first, entries = struct.unpack(">HH", font[base + 6 : base + 10])
            ids = struct.unpack(f">{entries}H", font[base + 10 : base + 10 + 2 * entries])
            out.update({first + i: g for i, g in enumerate(ids)})
        elif fmt == 0:
            ids = font[base + 6 : base + 6 + 256]
            out.update({i: g for i, g in enumerate(ids)})
    return out


def _to_unicode(stream: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        # an empty destination: a glyph that draws and stands for no text of its own
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for a, b, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section
        ):
            start = int(dst, 16)
            for k, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                out[code] = chr(start + k)
    return out


def read_pdf(path_or_stream: Any) -> list[Page]:
    reader = PdfReader(path_or_stream)
    pages = []
    font_cache: dict[int, Font] = {}  # by object number: fonts are shared by pages
    for pdf_page in reader.pages:
        fonts: dict[str, Font] = {}
        resources = pdf_page.get("/Resources") or {}
        for key, ref in (resources.get("/Font") or {}).items():
            obj = ref.get_object()
            ident = getattr(ref, "idnum", None) or id(obj)
            if ident not in font_cache:
                data = b""
                desc = obj.get("/FontDescriptor")
                if desc is not None and "/FontFile2" in desc.get_object():
                    data = desc.get_object()["/FontFile2"].get_data()
                tu = obj.get("/ToUnicode")
                font_cache[ident] = Font(
                    key=key,
                    base=str(obj.get("/BaseFont")),
                    first=int(obj.get("/FirstChar", 0)),
                    widths=[float(w) for w in obj.get("/Widths", [])],
                    to_unicode=_to_unicode(tu.get_object().get_data()) if tu else {},
                    data=data,
                    code_to_gid=_cmap_format6(data) if data else {},
                )
            fonts[key] = font_cache[ident]
        box = pdf_page.mediabox
        texts, fills = _interpret(pdf_page.get_contents().get_data(), fonts)
        annots = [a.get_object() for a in (pdf_page.get("/Annots") or [])]
        pages.append(Page(float(box.width), float(box.height), texts, fills, fonts, annots))
    return pages


def _interpret(
    content: bytes, fonts: dict[str, Font]
) -> tuple[list[TextShow], list[RectFill]]:
    ctm: Matrix = IDENTITY
    stack: list[tuple[Matrix, tuple[float, float, float]]] = []
    color = (0.0, 0.0, 0.0)
    path: list[tuple[float, float, float, float]] = []
    texts: list[TextShow] = []
    fills: list[RectFill] = []
    tm: Matrix = IDENTITY
    tlm: Matrix = IDENTITY
    font_key, size, rise, leading = "", 0.0, 0.0, 0.0
    operands: list[Any] = []
    current: TextShow | None = None
    label = (0.0, 0.0)  # where the label being drawn sits: the first transform inside a q

    def show(items: list[Any]) -> None:
        nonlocal tm, current
        font = fonts[font_key]
        if current is None:
            current = TextShow(label, font_key, size)
            texts.append(current)
        for item in items:
            if isinstance(item, float):
                tm = mul((1, 0, 0, 1, -item / 1000 * size, 0), tm)
                continue
            for code in item:
                x, y = apply(mul(tm, ctm), 0, rise)
                current.glyphs.append(Glyph(font_key, code, x, y, size))
                current.text += font.to_unicode.get(code, "\ufffd")
                index = code - font.first
                w = font.widths[index] if 0 <= index < len(font.widths) else 0
                tm = mul((1, 0, 0, 1, w / 1000 * size, 0), tm)

    for kind, value in tokens(content):
        if kind == "val":
            operands.append(value)
            continue
        op = value
        if op == "q":
            stack.append((ctm, color))
        elif op == "Q":
            ctm, color = stack.pop()
            if not stack:
                label = (0.0, 0.0)
        elif op == "cm":
            ctm = mul(tuple(operands[-6:]), ctm)  # type: ignore[arg-type]
            if len(stack) == 1:
                label = (ctm[4], ctm[5])
        elif op == "rg":
            color = tuple(operands[-3:])  # type: ignore[assignment]
        elif op == "re":
            x, y, w, h = operands[-4:]
            x0, y0 = apply(ctm, x, y)
            x1, y1 = apply(ctm, x + w, y + h)
            path.append((min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)))
        elif op in ("f", "F", "f*"):
            if path:
                fills.append(RectFill(label, path, color))
            path = []
        elif op in ("n", "S", "s", "b", "B", "b*", "B*"):
            path = []
        elif op == "BT":
            tm = tlm = IDENTITY
            current = None
        elif op == "ET":
            current = None
        elif op == "Tf":
            font_key, size = operands[-2], float(operands[-1])
        elif op == "TL":
            leading = float(operands[-1])
        elif op == "Ts":
            rise = float(operands[-1])
        elif op == "Tm":
            tm = tlm = tuple(operands[-6:])  # type: ignore[assignment]
        elif op == "Td":
            tlm = mul((1, 0, 0, 1, operands[-2], operands[-1]), tlm)
            tm = tlm
        elif op == "T*":
            tlm = mul((1, 0, 0, 1, 0, -leading), tlm)
            tm = tlm
        elif op == "Tj":
            show([operands[-1]])
        elif op == "TJ":
            show(operands[-1])
        operands = []
    return texts, fills


def raster_text(
    page: Page,
    shows: list[TextShow],
    origin: tuple[float, float],
    width: float,
    height: float,
    dpi: float,
) -> QImage:
    """The glyphs of `shows` drawn from the PDF's embedded fonts, in a box whose bottom-left
    corner is `origin` (page points) - an independent rasterisation of the PDF's text."""
    scale = dpi / 72
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    raw_fonts: dict[tuple[str, float], QRawFont] = {}
    for show in shows:
        font = page.fonts[show.font]
        key = (show.font, show.size)
        raw = raw_fonts.get(key)
        if raw is None:
            raw = QRawFont(font.data, show.size * scale)
            raw_fonts[key] = raw
        # glyph outlines filled as paths: Qt's glyph cache skips very large glyphs
        for g in show.glyphs:
            path = raw.pathForGlyph(font.code_to_gid.get(g.code, 0))
            path.translate((g.x - origin[0]) * scale, (height - (g.y - origin[1])) * scale)
            painter.fillPath(path, QColor("black"))
    painter.end()
    return image


def _gray(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def dilate(image: QImage, radius: int) -> QImage:
    """Ink (dark) grown by `radius` pixels: a minimum filter made of shifted copies."""
    src = _gray(image)
    out = QImage(src.size(), QImage.Format.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Darken)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            painter.drawImage(dx, dy, src)
    painter.end()
    return _gray(out)


def _ink_mask(image: QImage) -> bytes:
    g = _gray(image)
    width = g.width()
    data = bytes(g.constBits())
    stride = g.bytesPerLine()
    rows = [data[r * stride : r * stride + width] for r in range(g.height())]
    return b"".join(rows).translate(bytes(1 if v < 128 else 0 for v in range(256)))


def ink_outside(a: QImage, b: QImage, radius: int = 2) -> tuple[int, int]:
    """(pixels of ink in `a` farther than `radius` from any ink in `b`, ink pixels in `a`)."""
    ink_a = _ink_mask(a)
    near_b = _ink_mask(dilate(b, radius))
    outside = sum(1 for x, y in zip(ink_a, near_b, strict=True) if x and not y)
    return outside, sum(ink_a)


def as_text_layer(text: str) -> str:
    """Thai as a PDF's text layer holds it: SARA AM is drawn, and so read back, as NIKHAHIT +
    SARA AA (NFKC) with the NIKHAHIT before the tone mark, as HarfBuzz orders them."""
    return re.sub("([\u0e48-\u0e4b])\u0e4d", "\u0e4d\\1", unicodedata.normalize("NFKC", text))


def _plain(text: str) -> str:
    """Text as a reader gives it back: SARA AM is drawn (and so stored) as NIKHAHIT + SARA AA
    with the NIKHAHIT before the tone mark; spaces are the reader's layout, not the text."""
    return re.sub(r"\s+", "", as_text_layer(text))


def text_layers(pdf: bytes) -> dict[str, str]:
    """The PDF's text as each independent reader gives it: pypdf, and pdftotext when there."""
    texts = {"pypdf": "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)}
    if shutil.which("pdftotext"):
        run = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                             check=True)  # fmt: skip
        texts["pdftotext"] = run.stdout.decode("utf-8")
    return texts


def assert_words_in_pdf(pdf: bytes, words: list[str]) -> None:
    """Every word (Thai with its tone marks) is in the text layer, as every reader reads it."""
    for reader, text in text_layers(pdf).items():
        got = _plain(text)
        missing = [w for w in words if _plain(w) not in got]
        assert not missing, f"{reader} lost {missing} from {text!r}"
