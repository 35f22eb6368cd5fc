"""Column widths of text on a fixed-pitch printer: Thai marks take no column."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PySide6.QtCore import QTextBoundaryFinder


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Columns one character takes: 0 for marks, 2 for wide (CJK), else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns `text` takes: combining marks (Thai vowels above/below, tone marks) take none."""
    return sum(map(char_width, text))


def fit(text: str, columns: int) -> str:
    """Cut `text` to at most `columns` display columns, never between a letter and its marks."""
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > columns:
            return text[:i]
    return text


def pad_right(text: str, columns: int) -> str:
    text = fit(text, columns)
    return text + " " * (columns - display_width(text))


def pad_left(text: str, columns: int) -> str:
    text = fit(text, columns)
    return " " * (columns - display_width(text)) + text


@lru_cache(maxsize=4096)
def break_points(text: str) -> tuple[int, ...]:
    """Where a line may end: after spaces, and between Thai words (Qt's Thai line breaker)."""
    if any(ord(ch) > 0xFFFF for ch in text):  # Qt counts UTF-16 units; keep it simple
        return (*(i + 1 for i, ch in enumerate(text) if ch == " "), len(text))
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    points: list[int] = []
    pos = finder.toNextBoundary()
    while pos != -1:
        points.append(pos)
        pos = finder.toNextBoundary()
    if not points or points[-1] != len(text):
        points.append(len(text))
    return tuple(points)


def wrap(text: str, columns: int) -> list[str]:
    """Wrap at spaces and Thai word boundaries; a word longer than a line is cut by columns
    (never between a letter and its marks)."""
    lines: list[str] = []
    current = ""
    start = 0
    for end in break_points(text):
        piece = text[start:end]
        start = end
        candidate = current + piece
        if display_width(candidate.rstrip(" ")) <= columns:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip(" "))
        current = piece
        while display_width(current.rstrip(" ")) > columns:
            head = fit(current, columns)
            lines.append(head)
            current = current[len(head) :]
    current = current.rstrip(" ")
    if current or not lines:
        lines.append(current)
    return lines


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """`left` wrapped, with `right` aligned to the right edge of the last line."""
    right_w = display_width(right)
    lines = wrap(left, columns)
    last = lines[-1]
    if display_width(last) + 1 + right_w <= columns:
        lines[-1] = pad_right(last, columns - right_w) + right
    else:
        lines.append(pad_left(right, columns))
    return lines
