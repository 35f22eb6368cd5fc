"""The A4 pick list: products grouped by category, each with its quantity, orders and a box."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from pos.domain.settings import Settings
from pos.ports.orders import PickLine, PickList
from printing.pick_list import pick_list_html, write_pick_list_pdf
from tests.labels.pdfscan import assert_words_in_pdf, text_layers

PICKS = PickList(
    order_nos=("W2612030001", "W2612030002"),
    lines=(
        PickLine("textile", "ผ้าและเครื่องแต่งกาย", "Textiles", "SILK-001", "ผ้าไหมมัดหมี่ลายนาค",
                 "Mudmee silk", 1, ("W2612030001",)),
        PickLine("beverage", "เครื่องดื่ม", "Beverages", "TEA-001", "ชาใบหม่อนอบแห้ง",
                 "Mulberry tea", 5, ("W2612030001", "W2612030002")),
        PickLine("textile", "ผ้าและเครื่องแต่งกาย", "Textiles", "PHA-001", "ผ้าขาวม้าทอมือ",
                 "Pha khao ma", 2, ("W2612030002",)),
    ),
)  # fmt: skip
AT = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # 10:00 in Bangkok


def test_the_pick_list_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "picks.pdf"
    assert write_pick_list_pdf(PICKS, Settings(), path, AT) == 1
    assert PdfReader(path).pages[0].mediabox.width == 595  # A4 in points
    pdf = path.read_bytes()
    assert_words_in_pdf(pdf, [
        "ใบจัดสินค้า", "Pick list", "ผ้าไหมมัดหมี่ลายนาค", "ชาใบหม่อนอบแห้ง", "ผ้าขาวม้าทอมือ",
        "SILK-001", "TEA-001", "PHA-001", "W2612030001", "W2612030002", "2026-12-03 10:00",
        "เครื่องดื่ม", "ผ้าและเครื่องแต่งกาย", "8 ชิ้น",
    ])  # fmt: skip


def test_lines_are_grouped_by_category(tmp_path: Path) -> None:
    path = tmp_path / "picks.pdf"
    write_pick_list_pdf(PICKS, Settings(), path, AT)
    text = text_layers(path.read_bytes())["pypdf"]
    # the categories in order, each with its products under it: beverages, then textiles
    beverages, textiles = text.index("Beverages"), text.index("Textiles")
    assert beverages < text.index("TEA-001") < textiles
    assert textiles < text.index("PHA-001")
    assert textiles < text.index("SILK-001")
    assert text.count("Textiles") == 1


def test_names_are_escaped() -> None:
    line = PICKS.lines[0]
    hostile = PickList(("W1",), (PickLine(line.category_code, line.category_th, "<b>x</b>",
                                          "S<1>", "<script>", "a&b", 1, ("W1",)),))  # fmt: skip
    html = pick_list_html(hostile, Settings(), AT)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "a&amp;b" in html
