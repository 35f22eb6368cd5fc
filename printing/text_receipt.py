"""A document laid out as fixed-width text (the preview, and text-mode printers)."""

from __future__ import annotations

from dataclasses import dataclass

from pos.domain.sale import Receipt
from pos.domain.settings import Settings
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
    Space,
    Text,
    receipt_document,
    receipt_title,
)
from printing.textwidth import display_width, pad_left, two_columns, wrap

__all__ = ["TextLine", "codepage_rows", "layout_text", "receipt_title", "render_text"]

CODEPAGE_FIRST = 0xA0


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    bold: bool = False


TextItem = TextLine | QrCodes | Barcode | Logo | CodePageChart


def _ruler(columns: int) -> list[TextLine]:
    tens = "".join(str((i // 10) % 10) if i % 10 == 0 else " " for i in range(1, columns + 1))
    ones = "".join(str(i % 10) for i in range(1, columns + 1))
    return [TextLine(tens), TextLine(ones)]


def codepage_rows() -> list[tuple[int, bytes]]:
    """The upper code page in rows of 16 bytes: (first byte, the 16 bytes)."""
    return [(b, bytes(range(b, b + 16))) for b in range(CODEPAGE_FIRST, 0x100, 16)]


def layout_text(document: Document, columns: int) -> list[TextItem]:
    """Lines of at most `columns` display columns (Thai marks take none); codes stay blocks."""
    out: list[TextItem] = []
    for block in document:
        if isinstance(block, Text):
            bold = block.bold or block.size.big
            width = columns - block.indent
            for line in wrap(block.text, width):
                if block.align is Align.CENTER:
                    line = pad_left(line, (width + display_width(line)) // 2)
                elif block.align is Align.RIGHT:
                    line = pad_left(line, width)
                out.append(TextLine(" " * block.indent + line, bold))
        elif isinstance(block, Row):
            bold = block.bold or block.size.big
            for line in two_columns(block.left, block.right, columns - block.indent):
                out.append(TextLine(" " * block.indent + line, bold))
        elif isinstance(block, Rule):
            out.append(TextLine(("=" if block.heavy else "-") * columns))
        elif isinstance(block, Space):
            out.extend(TextLine("") for _ in range(round(block.lines)))
        elif isinstance(block, Ruler):
            out.extend(_ruler(columns))
        else:
            out.append(block)
    return out


def _preview(items: list[TextItem], columns: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, TextLine):
            lines.append(item.text.replace("\u00a0", " "))
        elif isinstance(item, Barcode):
            lines.append(pad_left(f"|||| {item.data} ||||", (columns + len(item.data) + 10) // 2))
        elif isinstance(item, QrCodes):
            names = "  ".join(f"[QR {caption}]" for caption, _ in item.codes)
            lines.append(pad_left(names, (columns + display_width(names)) // 2))
        elif isinstance(item, CodePageChart):
            for first, row in codepage_rows():
                chars = row.decode("cp874", errors="replace").replace("\xa0", " ")
                lines.append(f"{first:02X} {chars}")
    return lines


def render_text(receipt: Receipt, settings: Settings, columns: int = 48) -> str:
    """The receipt as lines of at most `columns` display columns (48 on 80 mm, 32 on 58 mm)."""
    items = layout_text(receipt_document(receipt, settings), columns)
    return "\n".join(_preview(items, columns)) + "\n"
