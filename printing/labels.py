"""Shelf labels as PDF (reportlab), with Thai shaped by HarfBuzz and barcodes as vectors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import BinaryIO

import uharfbuzz
from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont
from reportlab.pdfbase.ttfonts import _sdSimple as _SIMPLE  # a plain char in a ShapedStr
from reportlab.pdfgen.canvas import Canvas

from pos.domain.labels import LabelData, LabelTemplate, Placement
from pos.ports.labels import RenderedLabels
from printing.label_layout import MM, LabelDrawing, layout_label
from printing.label_text import Face

_registered = False
_PRIVATE = re.compile(r"^(<[0-9A-F]{2}>) <(?:E[0-9A-F]{3}|F[0-7][0-9A-F]{2})>$", re.MULTILINE)
_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with no text for the glyphs HarfBuzz reached through GSUB.

    reportlab gives such a glyph a private-use code and writes that code as its text. In the
    bundled fonts every one of them is followed by zero-width text glyphs that carry the
    characters it stands for (tools/build_fonts.py), so it is mapped to no text at all.
    """
    return _PRIVATE.sub(r"\1 <>", _reportlab_to_unicode(fontname, subset))


def register_fonts() -> None:
    """Register the bundled OTOP Sans faces with reportlab (once; embedded as subsets)."""
    global _registered
    if _registered:
        return
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for face in Face:
        pdfmetrics.registerFont(TTFont(face.value, str(face.path), shapable=True))
    _registered = True


_SPACES = re.compile("([ \u00a0])")
_FEATURES = {"kern": True, "liga": True, "dlig": True}  # what reportlab's shapeStr asks for


class _Shaper:
    """reportlab's `shapeStr(text, font, 10)` for one font, with the HarfBuzz font made once.

    shapeStr makes a new HarfBuzz font and looks every glyph's name up on each call: three
    quarters of a label sheet's shaping time. This gives the very same string (the glyphs as
    characters of the embedded subset, with HarfBuzz's advances and offsets), which
    tests/labels/test_label_pdf.py checks against shapeStr for every word of the demo
    catalogue.
    """

    def __init__(self, face: Face) -> None:
        self.ttf = pdfmetrics.getFont(face.value)
        self.hb = self.ttf.hbFont(10)  # also sets ttf.hbAddPrivate, for glyphs with no char

    def __call__(self, text: str) -> str:
        ttf = self.ttf
        buf = uharfbuzz.Buffer()
        buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
        buf.add_str(text)
        buf.guess_segment_properties()
        uharfbuzz.shape(self.hb, buf, _FEATURES)
        glyph_to_char = ttf.face.glyphToChar
        widths = ttf.face.charWidths
        scale = ttf.pdfScale
        chars: list[str] = []
        data: list[ShapeData] = []
        changed = shaped = False
        n = len(text)
        for i, (info, pos) in enumerate(zip(buf.glyph_infos, buf.glyph_positions, strict=True)):
            gid = info.codepoint
            found = glyph_to_char.get(gid)
            if found:
                uchar = found[0]
            else:
                uchar = ttf.hbAddPrivate(self.hb.glyph_to_string(gid), gid, pos.x_advance)
            width = widths[uchar]
            x_advance, x_offset = scale(pos.x_advance), scale(pos.x_offset)
            y_advance, y_offset = scale(pos.y_advance), scale(pos.y_offset)
            ch = chr(uchar)
            chars.append(ch)
            shaped = shaped or bool(
                x_offset or y_offset or i >= n or (text[i] == ch and x_advance != width)
            )
            changed = changed or shaped or i >= n or text[i] != ch
            data.append(ShapeData(info.cluster, x_advance, y_advance, x_offset, y_offset, width))
        if not changed:
            return text
        shaped_text: str = ShapedStr("".join(chars), shapeData=data)
        return shaped_text


def _join(parts: list[str]) -> str:
    """Shaped and plain pieces as one string (what ShapedStr.__add__ does, in one go)."""
    if not any(isinstance(p, ShapedStr) for p in parts):
        return "".join(parts)
    data: list[ShapeData] = []
    for p in parts:
        data.extend(p.__shapeData__ if isinstance(p, ShapedStr) else [_SIMPLE] * len(p))
    joined: str = ShapedStr("".join(parts), shapeData=data)
    return joined


class _Shaped:
    """reportlab strings carrying HarfBuzz glyphs and positions, made once per text.

    `Canvas.drawString(..., shaping=True)` silently draws unshaped text unless rlbidi is
    installed too, so the text is shaped here with reportlab's own `shapeStr` (Thai tone
    marks moved off ascenders and stacked over vowels, descender-less letters under lower
    vowels) and written by `_text_body` with the positions HarfBuzz chose.
    """

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], str] = {}
        self.words: dict[tuple[str, str], str] = {}
        self.shapers: dict[Face, _Shaper] = {}

    def _shape(self, word: str, face: Face) -> str:
        shaper = self.shapers.get(face)
        if shaper is None:
            shaper = self.shapers[face] = _Shaper(face)
        return shaper(word)

    def __call__(self, text: str, face: Face) -> str:
        key = (text, face.value)
        found = self.cache.get(key)
        if found is None:
            # word by word: in a Thai run HarfBuzz swaps the space for the Thai font's own
            # space glyph, which has no Unicode value, so copied text would lose its spaces
            # (and words recur from label to label: each is shaped once)
            parts: list[str] = []
            for part in _SPACES.split(text):
                if part in (" ", "\u00a0") or not part:
                    parts.append(part)
                    continue
                word = self.words.get((part, face.value))
                if word is None:
                    # plain digits (codes under the bars) have nothing to shape
                    isdigits = part.isascii() and part.isdigit()
                    word = part if isdigits else self._shape(part, face)
                    self.words[(part, face.value)] = word
                parts.append(word)
            found = _join(parts)
            if len(self.cache) > 50_000:
                self.cache.clear()
                self.words.clear()
            self.cache[key] = found
        return found


def _text_body(canvas: Canvas, text: str, face: Face, size: float) -> str:
    """PDF operators showing `text` from the text origin: the glyphs, and for shaped text the
    positions HarfBuzz gave them (the operators Canvas.drawString writes, without its per-call
    overhead, which was a third of a sheet's time). Uses the documented way of writing with
    a TrueType font: splitString into subsets, getSubsetInternalName for each."""
    font = pdfmetrics.getFont(face.value)
    doc = canvas._doc
    out: list[str] = []
    shaped = getattr(text, "__shapeData__", None)
    pos = 0
    for subset, chunk in font.splitString(text, doc):
        out.append(f"{font.getSubsetInternalName(subset, doc)} {size:.3f} Tf")
        if shaped is None:
            out.append(f"({escapePDF(chunk)}) Tj")
            continue
        items: list[str] = []
        run = bytearray()
        rise = 0.0
        for i, code in enumerate(chunk):
            sd = shaped[pos + i]
            r = size * sd.y_offset / 1000
            if r != rise:
                if run:
                    items.append(f"({escapePDF(bytes(run))})")
                    run.clear()
                if items:
                    out.append(f"[{' '.join(items)}] TJ")
                    items = []
                out.append(f"{r:.3f} Ts")
                rise = r
            if sd.x_offset:
                if run:
                    items.append(f"({escapePDF(bytes(run))})")
                    run.clear()
                items.append(f"{-sd.x_offset:.1f}")
            run.append(code)
            # the font's own advance is /Widths; HarfBuzz's may differ (kerning, marks)
            adjust = sd.width - sd.x_advance + sd.x_offset
            if adjust:
                items.append(f"({escapePDF(bytes(run))})")
                run.clear()
                items.append(f"{adjust:.1f}")
        if run:
            items.append(f"({escapePDF(bytes(run))})")
        if items:
            out.append(f"[{' '.join(items)}] TJ")
        if rise:
            out.append("0 Ts")
        pos += len(chunk)
    return " ".join(out)


class PdfLabelRenderer:
    """Draws labels onto template pages; one page per sheet, or per label on a roll."""

    def __init__(self, *, outline: bool = False, shaping: bool = True, links: bool = False) -> None:
        """`outline` draws each label's edge (previews, plain paper); `links` makes each QR
        code a clickable link to its story in PDF viewers; `shaping=False` exists only to
        show in tests what unshaped Thai looks like."""
        self.outline = outline
        self.shaping = shaping
        self.links = links
        self._shaped = _Shaped()
        self._paths: dict[int, tuple[object, str]] = {}
        # text operators by (text, face, size), for one document (subsets are per document)
        self._bodies: dict[tuple[str, Face, float], str] = {}

    def _path(self, rects: tuple[tuple[float, float, float, float], ...]) -> str:
        """PDF path operators filling `rects` (kept for rectangles seen before: copies)."""
        found = self._paths.get(id(rects))
        if found is not None and found[0] is rects:
            return found[1]
        if all(isinstance(v, int) for v in rects[0]):  # QR cells: whole modules
            ops = "\n".join([f"{x} {y} {w} {rh} re" for x, y, w, rh in rects])
        else:
            ops = "\n".join([f"{x:.3f} {y:.3f} {w:.3f} {rh:.3f} re" for x, y, w, rh in rects])
        ops += "\nf"
        if len(self._paths) > 10_000:
            self._paths.clear()
        self._paths[id(rects)] = (rects, ops)
        return ops

    def render(
        self,
        labels: Sequence[LabelData],
        placements: Sequence[Placement],
        template: LabelTemplate,
        out: BinaryIO,
    ) -> RenderedLabels:
        register_fonts()
        # page streams are deflated but not ASCII85-wrapped: a quarter smaller, and quicker
        a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            return self._render(labels, placements, template, out)
        finally:
            rl_config.useA85 = a85

    def _render(
        self,
        labels: Sequence[LabelData],
        placements: Sequence[Placement],
        template: LabelTemplate,
        out: BinaryIO,
    ) -> RenderedLabels:
        page_w, page_h = template.page_width * MM, template.page_height * MM
        canvas = Canvas(out, pagesize=(page_w, page_h), invariant=True, pageCompression=1)
        canvas.setTitle("Shelf labels / ฉลากราคาสินค้า")
        canvas.setCreator("OTOP POS")
        drawings: dict[int, LabelDrawing] = {}
        self._bodies = {}
        page = 0
        pages = 0
        for placement in placements:
            while page < placement.page:
                canvas.showPage()
                page += 1
            drawing = drawings.get(placement.label)
            if drawing is None:
                drawing = layout_label(
                    labels[placement.label], template.label_width, template.label_height
                )
                drawings[placement.label] = drawing
            x_mm, y_mm = template.origin(placement.slot)
            canvas.saveState()
            canvas.translate(x_mm * MM, page_h - (y_mm + template.label_height) * MM)
            self._draw(canvas, drawing)
            canvas.restoreState()
            pages = page + 1
        if pages:
            canvas.showPage()
        canvas.save()
        return RenderedLabels(pages=pages, labels=len(placements))

    def draw(self, canvas: Canvas, d: LabelDrawing) -> None:
        """Draw one laid-out drawing at the canvas origin (its page's bottom-left corner):
        other documents (gift-basket labels) reuse the label drawing this way."""
        register_fonts()
        self._draw(canvas, d)

    def _draw(self, canvas: Canvas, d: LabelDrawing) -> None:
        h = d.height
        if self.outline:
            canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
            canvas.setLineWidth(0.3)
            canvas.roundRect(0, 0, d.width, h, 2 * MM, stroke=1, fill=0)
        # paths are written as PDF operators directly: reportlab's pure-Python number
        # formatting would otherwise take most of the time of a sheet
        canvas.setFillColorRGB(0, 0, 0)
        for group in d.rects:
            if not group.rects:
                continue
            (ox, oy), k = group.origin, group.scale
            # the group's own units, y downwards: one transform, then the cached path
            canvas.addLiteral(f"q {k:.4f} 0 0 {-k:.4f} {ox:.3f} {h - oy:.3f} cm")
            canvas.addLiteral(self._path(group.rects))
            canvas.addLiteral("Q")
        for poly in d.polygons:
            canvas.setStrokeColorRGB(*poly.color)
            canvas.setFillColorRGB(*poly.color)
            canvas.setLineWidth(poly.line_width)
            (x0, y0), *rest = poly.points
            ops = [f"{x0:.3f} {h - y0:.3f} m", *(f"{x:.3f} {h - y:.3f} l" for x, y in rest)]
            canvas.addLiteral("\n".join(ops) + ("\nb" if poly.filled else "\ns"))
        for run in d.texts:
            if not run.text:
                continue
            canvas.setFillColorRGB(*run.color)
            key = (run.text, run.face, run.size)
            body = self._bodies.get(key)
            if body is None:
                text = self._shaped(run.text, run.face) if self.shaping else run.text
                body = self._bodies[key] = _text_body(canvas, text, run.face, run.size)
            canvas.addLiteral(f"BT 1 0 0 1 {run.x:.3f} {h - run.baseline:.3f} Tm {body} ET")
        for link in d.links if self.links else ():
            x, y, w, lh = link.rect
            canvas.linkURL(link.url, (x, h - y - lh, x + w, h - y), relative=1, thickness=0)
