"""Thai on paper: marks stacked on their letter, lines broken between words, columns by width."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from printing.document import Align, Row, Size, Text
from printing.raster import RasterLayout, render_raster
from printing.textwidth import break_points, display_width, two_columns, wrap
from tests.printing.helpers import black_at, ink_box


def _ink(text: str, size: Size = Size.LARGE) -> tuple[int, int, int, int]:
    box = ink_box(render_raster((Text(text, size=size),), 576))
    assert box is not None
    return box


@pytest.mark.parametrize(
    ("stacked", "base"),
    [("ปู่", "ป"), ("ญี่", "ญ"), ("ปุ่", "ป"), ("ฐิ์", "ฐ"), ("ตุ๊", "ต"), ("น้ำ", "นำ")],
)
def test_marks_stack_on_their_letter_instead_of_standing_beside_it(stacked: str, base: str) -> None:
    with_marks = _ink(stacked)
    bare = _ink(base)
    # no wider than the letter alone: the marks take no room of their own on the line
    assert with_marks[2] - with_marks[0] <= bare[2] - bare[0] + 2
    # but taller: above (tone marks, sara i) and/or below (sara u, uu)
    assert with_marks[3] - with_marks[1] > bare[3] - bare[1] + 4


def test_tone_mark_sits_above_an_upper_vowel_not_on_it() -> None:
    """ญี่: sara ii and mai ek are stacked, so the ink reaches higher than with sara ii alone."""
    one = _ink("ญี")
    two = _ink("ญี่")
    assert two[1] < one[1] - 2
    assert two[3] == one[3]


def test_thai_wraps_between_words_in_raster() -> None:
    text = "ศูนย์ส่งเสริมและพัฒนาสินค้าโอทอปจังหวัดขอนแก่น"
    layout = RasterLayout(384)
    layout.text(Text(text, size=Size.LARGE))
    # measure the lines Qt chose by laying out again at the same width
    from printing.raster import _font, _layout

    lay, _ = _layout(text, _font(layout.m.large, False), layout.inner, Align.LEFT)
    starts = [lay.lineAt(i).textStart() for i in range(lay.lineCount())]
    assert len(starts) >= 2, "too long for one line on 58 mm"
    boundaries = set(break_points(text))
    assert all(s in boundaries for s in starts[1:]), "every line starts at a word"


def test_thai_wraps_between_words_in_text_mode() -> None:
    text = "ศูนย์ส่งเสริมและพัฒนาสินค้าโอทอปจังหวัดขอนแก่น"
    lines = wrap(text, 12)
    assert "".join(lines) == text
    assert all(display_width(line) <= 12 for line in lines)
    assert all(start in break_points(text) for start in _starts(lines)[1:])
    assert lines[0] == "ศูนย์ส่งเสริมและ"
    assert lines[1].startswith("พัฒนา")


def _starts(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line)
    return out


def test_text_mode_never_splits_a_letter_from_its_marks() -> None:
    lines = wrap("ญี่ปุ่นญี่ปุ่นญี่ปุ่นญี่ปุ่น", 5)
    assert all(not ("\u0e31" <= line[0] <= "\u0e4e") for line in lines if line)


def test_display_width_counts_marks_as_nothing() -> None:
    assert display_width("ปู่") == 1
    assert display_width("ญี่ปุ่น") == 3
    assert display_width("น้ำ") == 2  # sara am takes a column
    assert two_columns("ญี่ปุ่น", "59.00", 12) == ["ญี่ปุ่น    59.00"]


def _right_edge(image: QImage, top: int, bottom: int) -> int:
    return max(
        x
        for y in range(top, bottom)
        for x in range(image.width() - 1, -1, -1)
        if black_at(image, x, y)
    )


def test_raster_columns_line_up_by_measured_width() -> None:
    """Amounts end at the same dot whatever marks stand in the names beside them."""
    rows = (
        Row("ตุ๊กตาไดโนเสาร์ ญี่ปุ่น ปู่ ฏุ ฐิ์", "1,290.00"),
        Row("Mudmee silk", "85.00"),
        Row("น้ำผึ้งป่า", "1.00"),
    )
    layout = RasterLayout(576)
    tops = []
    for row in rows:
        tops.append(int(layout.y))
        layout.row(row)
    tops.append(int(layout.y))
    image = layout.paint()
    edges = {_right_edge(image, tops[i], tops[i + 1]) for i in range(len(rows))}
    assert len(edges) == 1
    assert edges.pop() >= 576 - layout.m.margin - 3


def test_centred_text_is_centred_by_ink() -> None:
    image = render_raster((Text("ใบเสร็จรับเงิน", Align.CENTER, bold=True, size=Size.LARGE),), 384)
    box = ink_box(image)
    assert box is not None
    assert abs(box[0] - (383 - box[2])) <= 3
