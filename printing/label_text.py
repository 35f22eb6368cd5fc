"""Measuring and fitting label text: shaped widths, Thai line breaks, shrink to fit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path

import uharfbuzz as hb
from PySide6.QtCore import QTextBoundaryFinder

from resources import FONTS

ELLIPSIS = "…"
_NUMBER_UNIT = re.compile(r"(\d) (?=[^\s\d(])")
_FEATURES = {"kern": True, "liga": True}


class Face(Enum):
    """The bundled OTOP Sans faces (Noto Sans + Noto Sans Thai): the only fonts a till has."""

    REGULAR = "OTOPSans"
    BOLD = "OTOPSans-Bold"

    @property
    def path(self) -> Path:
        return FONTS / ("OTOPSans-Bold.ttf" if self is Face.BOLD else "OTOPSans-Regular.ttf")


class _Shaper:
    """HarfBuzz on one font file: advance widths in em (1.0 = the font size)."""

    def __init__(self, path: Path) -> None:
        face = hb.Face(hb.Blob(path.read_bytes()))
        self.font = hb.Font(face)
        self.upem = face.upem
        self.cache: dict[str, float] = {}

    def advance(self, text: str) -> float:
        width = self.cache.get(text)
        if width is None:
            buf = hb.Buffer()
            buf.add_str(text)
            buf.guess_segment_properties()
            hb.shape(self.font, buf, _FEATURES)
            width = sum(p.x_advance for p in buf.glyph_positions) / self.upem
            if len(self.cache) > 50_000:
                self.cache.clear()
            self.cache[text] = width
        return width


@cache
def _shaper(face: Face) -> _Shaper:
    return _Shaper(face.path)


def text_width(text: str, face: Face, size: float) -> float:
    """Width in points of `text` shaped as a whole (Thai marks add nothing, kerning counts)."""
    return _shaper(face).advance(text) * size


def _boundaries(kind: QTextBoundaryFinder.BoundaryType, text: str) -> list[int]:
    """Boundary positions of `text` (Python indexes), Qt's rules (Thai words via libthai)."""
    finder = QTextBoundaryFinder(kind, text)
    utf16: list[int] = []
    pos = finder.toNextBoundary()
    while pos != -1:
        utf16.append(pos)
        pos = finder.toNextBoundary()
    if not text or max(text) < "\U00010000":
        return utf16
    # Qt counts UTF-16 code units: map them back to code points
    index: dict[int, int] = {}
    unit = 0
    for i, ch in enumerate(text):
        index[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    index[unit] = len(text)
    return [index[u] for u in utf16 if u in index]


_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_THAI_VOWEL = re.compile("[\u0e30-\u0e3a\u0e40-\u0e45\u0e47]")


def _fragment(piece: str) -> bool:
    """A piece no Thai word is: one consonant and no vowel ("น)" of "เซริซิ|น)"). Qt's Thai
    dictionary does not know a loan word such as เซริซิน and falls back to its syllables; a
    final consonant left alone is no place to start a line."""
    core = piece.strip()
    return len(_THAI_CONSONANT.findall(core)) == 1 and not _THAI_VOWEL.search(core)


@lru_cache(maxsize=20_000)
def _line_pieces(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    for piece in _cut(text, QTextBoundaryFinder.BoundaryType.Line):
        if pieces and not pieces[-1].endswith((" ", "\u00a0")) and _fragment(piece):
            pieces[-1] += piece  # glued to the syllables before it: no break inside the word
        else:
            pieces.append(piece)
    return tuple(pieces)


@lru_cache(maxsize=20_000)
def _graphemes(text: str) -> tuple[str, ...]:
    return tuple(_cut(text, QTextBoundaryFinder.BoundaryType.Grapheme))


def line_pieces(text: str) -> list[str]:
    """`text` cut at every place a line may break (between Thai words, after spaces)."""
    return list(_line_pieces(text))


def graphemes(text: str) -> list[str]:
    """User-perceived characters: a Thai letter stays with its vowel and tone marks."""
    return list(_graphemes(text))


def _cut(text: str, kind: QTextBoundaryFinder.BoundaryType) -> list[str]:
    cuts = [c for c in _boundaries(kind, text) if c > 0]
    pieces: list[str] = []
    prev = 0
    for cut in cuts:
        if cut > prev:
            pieces.append(text[prev:cut])
            prev = cut
    if prev < len(text):
        pieces.append(text[prev:])
    return pieces


@dataclass(frozen=True, slots=True)
class FittedText:
    size: float
    lines: tuple[str, ...]
    truncated: bool = False

    @property
    def text(self) -> str:
        return "".join(self.lines)


def _split_long(piece: str, face: Face, room: float) -> list[str]:
    """Cut a piece wider than a line between graphemes (never inside a letter+marks)."""
    out: list[str] = []
    current = ""
    for g in graphemes(piece):
        if current and _shaper(face).advance(current + g) > room:
            out.append(current)
            current = g
        else:
            current += g
    if current:
        out.append(current)
    return out


def wrap(text: str, face: Face, size: float, width: float) -> list[str]:
    """Greedy wrap at line-break opportunities; a line never ends in the middle of a word
    unless a single word is wider than the line."""
    room = width / size  # in em
    shaper = _shaper(face)
    lines: list[str] = []
    current = ""
    for piece in line_pieces(text):
        candidate = current + piece
        if shaper.advance(candidate.rstrip()) <= room:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = ""
        if shaper.advance(piece.rstrip()) > room:
            parts = _split_long(piece.rstrip(), face, room)
            lines.extend(parts[:-1])
            current = parts[-1] + piece[len(piece.rstrip()) :]
        else:
            current = piece
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def ellipsize(text: str, face: Face, size: float, width: float) -> str:
    """`text` cut short with an ellipsis so that it fits in `width`: at a word boundary
    when one keeps most of the line, else between graphemes (never inside a letter+marks)."""
    if text_width(text, face, size) <= width:
        return text
    room = width / size
    shaper = _shaper(face)
    kept = ""
    for g in graphemes(text):
        if shaper.advance((kept + g).rstrip() + ELLIPSIS) > room:
            break
        kept += g
    cuts = [c for c in _boundaries(QTextBoundaryFinder.BoundaryType.Line, text) if c <= len(kept)]
    if cuts and cuts[-1] * 3 >= len(kept) * 2:
        kept = kept[: cuts[-1]]
    return kept.rstrip() + ELLIPSIS


def fit_text(
    text: str,
    face: Face,
    width: float,
    height: float,
    *,
    max_size: float,
    min_size: float,
    max_lines: int,
    leading: float = 1.2,
) -> FittedText:
    """The largest size (in 0.25 pt steps) at which `text` wraps into the box; at the
    smallest size, the lines that fit with the last one cut short by an ellipsis."""
    # a number stays with its unit ("250 กรัม", "10 ซอง") when the name wraps
    text = _NUMBER_UNIT.sub("\\1\u00a0", " ".join(text.split()))
    if not text:
        return FittedText(min(max_size, height / leading), ())
    top = min(max_size, height / leading)
    if top < min_size:
        min_size = top
    steps = max(0, int((top - min_size) / 0.25))
    sizes = [top - 0.25 * i for i in range(steps + 1)]

    def fits(size: float) -> list[str] | None:
        allowed = min(max_lines, int(height / (size * leading) + 1e-6))
        if allowed < 1:
            return None
        lines = wrap(text, face, size, width)
        return lines if len(lines) <= allowed else None

    # binary search for the largest size that fits: fewer lines fit as the size grows
    lo, hi = 0, len(sizes) - 1
    best: tuple[float, list[str]] | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        lines = fits(sizes[mid])
        if lines is not None:
            best = (sizes[mid], lines)
            hi = mid - 1
        else:
            lo = mid + 1
    if best is not None:
        return FittedText(best[0], tuple(best[1]))
    size = sizes[-1]
    allowed = max(1, min(max_lines, int(height / (size * leading) + 1e-6)))
    lines = wrap(text, face, size, width)
    kept = lines[:allowed]
    # the last kept line runs on with the rest of the text, then is cut short
    pos = 0
    for line in kept[:-1]:
        pos = text.index(line, pos) + len(line)
    rest = text[pos:].lstrip()
    kept[-1] = ellipsize(rest, face, size, width)
    return FittedText(size, tuple(kept), truncated=True)


def fit_line(
    text: str, face: Face, width: float, *, max_size: float, min_size: float
) -> FittedText:
    """One line: shrink down to `min_size`, then cut short with an ellipsis."""
    text = " ".join(text.split())
    natural = text_width(text, face, 1.0)
    if natural == 0:
        return FittedText(max_size, (text,) if text else ())
    size = min(max_size, width / natural)
    size = max(min_size, int(size * 4) / 4)  # 0.25 pt steps, never past the box
    if text_width(text, face, size) <= width:
        return FittedText(size, (text,))
    return FittedText(size, (ellipsize(text, face, size, width),), truncated=True)
