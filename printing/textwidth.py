"""Column widths of text on a fixed-pitch printer: Thai marks take no column."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns `text` takes: combining marks (Thai vowels above/below, tone marks) take none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, columns: int) -> str:
    """Cut `text` to at most `columns` display columns, never between a letter and its marks."""
    out: list[str] = []
    used = 0
    for ch in text:
        w = display_width(ch)
        if used + w > columns:
            break
        out.append(ch)
        used += w
    return "".join(out)


def pad_right(text: str, columns: int) -> str:
    text = fit(text, columns)
    return text + " " * (columns - display_width(text))


def pad_left(text: str, columns: int) -> str:
    text = fit(text, columns)
    return " " * (columns - display_width(text)) + text


def wrap(text: str, columns: int) -> list[str]:
    """Wrap at spaces where possible, else by columns (keeping marks with their letter)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) <= columns:
            current = candidate
            continue
        if current:
            lines.append(current)
        while display_width(word) > columns:
            head = fit(word, columns)
            lines.append(head)
            word = word[len(head) :]
        current = word
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
