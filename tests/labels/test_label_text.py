"""Fitting Thai names on a label: word-boundary wrapping, shrinking, never cutting a glyph."""

from __future__ import annotations

import pytest

from printing.label_text import (
    ELLIPSIS,
    Face,
    fit_line,
    fit_text,
    graphemes,
    line_pieces,
    text_width,
    wrap,
)

SILK = "ผ้าไหมมัดหมี่ลายนาคจากกลุ่มทอผ้าบ้านโนนเขวาอำเภอชนบท"


def test_thai_breaks_between_words_though_it_has_no_spaces():
    assert line_pieces("ผ้าไหมมัดหมี่ลายนาค") == ["ผ้า", "ไหม", "มัดหมี่", "ลาย", "นาค"]


def test_graphemes_keep_a_letter_with_its_vowel_and_tone_marks():
    assert graphemes("ปั้นหม้อน้ำ") == ["ปั้", "น", "ห", "ม้", "อ", "น้ำ"]


@pytest.mark.parametrize("width", [40.0, 60.0, 90.0])
def test_wrapped_lines_fit_and_only_break_between_words(width: float):
    size = 9.0
    lines = wrap(SILK, Face.BOLD, size, width)
    assert "".join(lines) == SILK
    words = set()
    pos = 0
    for piece in line_pieces(SILK):
        pos += len(piece)
        words.add(pos)
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        assert pos in words, f"line ends inside a word: {line!r}"
    assert all(text_width(line, Face.BOLD, size) <= width for line in lines)


def test_shrinks_to_the_largest_size_that_fits_the_box():
    fitted = fit_text(SILK, Face.BOLD, 120, 30, max_size=14, min_size=5, max_lines=2)
    assert not fitted.truncated
    assert len(fitted.lines) <= 2
    assert len(fitted.lines) * fitted.size * 1.2 <= 30 + 1e-6
    assert all(text_width(line, Face.BOLD, fitted.size) <= 120 for line in fitted.lines)
    # a quarter point larger no longer fits
    bigger = fitted.size + 0.25
    assert len(wrap(SILK, Face.BOLD, bigger, 120)) > min(2, int(30 / (bigger * 1.2)))
    short = fit_text("ชาใบหม่อน", Face.BOLD, 120, 30, max_size=14, min_size=5, max_lines=2)
    assert (short.size, short.lines) == (14, ("ชาใบหม่อน",))


def test_a_name_too_long_even_at_the_smallest_size_ends_in_an_ellipsis_between_graphemes():
    fitted = fit_text(SILK * 3, Face.BOLD, 50, 14, max_size=10, min_size=6, max_lines=2)
    assert fitted.truncated
    assert fitted.size == 6
    last = fitted.lines[-1]
    assert last.endswith(ELLIPSIS)
    kept = "".join(fitted.lines)[: -len(ELLIPSIS)]
    assert (SILK * 3).startswith(kept)
    cut = len(kept)
    bounds = set()
    pos = 0
    for g in graphemes(SILK * 3):
        pos += len(g)
        bounds.add(pos)
    assert cut in bounds, "cut inside a letter and its marks"
    assert all(text_width(line, Face.BOLD, 6) <= 50 for line in fitted.lines)


def test_a_number_stays_with_its_unit():
    fitted = fit_text("กาแฟดริปซอง 10 ซอง", Face.BOLD, 80, 30, max_size=12, min_size=6, max_lines=2)
    assert fitted.lines == ("กาแฟดริปซอง", "10\u00a0ซอง")


def test_one_line_shrinks_then_ellipsizes():
    assert fit_line("Mudmee silk", Face.REGULAR, 200, max_size=8, min_size=4).size == 8
    long = fit_line("กลุ่มทอผ้าไหมบ้านโนนเขวา อำเภอชนบท", Face.REGULAR, 40, max_size=6, min_size=4)
    assert long.truncated
    assert long.lines[0].endswith(ELLIPSIS)
    assert text_width(long.lines[0], Face.REGULAR, long.size) <= 40


def test_thai_never_wraps_before_a_words_final_consonant():
    """Issue 13 item 22: "สบู่โปรตีนไหม (เซริซิน)" wrapped as "...เซริซิ" / "น)"."""
    text = "สบู่โปรตีนไหม (เซริซิน) ผ้าไหมมัดหมี่"
    full = text_width(text, Face.BOLD, 9)
    for step in range(20, 101, 2):
        lines = wrap(text, Face.BOLD, 9, full * step / 100)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines[1:]:
            assert not line.startswith(("น)", "น")), lines


@pytest.mark.parametrize("template", ["a4-4x10", "a4-3x7", "a4-3x8", "roll-50x30"])
def test_the_unit_line_keeps_off_the_price(qapp, template: str):
    """Issue 13 item 22: on the 4x10 sheet "ต่อ ผืน · per piece" ran into the price's comma and
    baht sign. The glyphs' ink boxes (the bundled font, as Qt measures them) do not meet."""
    from PySide6.QtGui import QFontMetricsF

    from pos.domain.labels import template_by_name
    from printing.label_layout import layout_label
    from printing.qt import font
    from tests.labels.test_label_pdf import LABELS

    def ink(run):
        f = font(10, bold=run.face is Face.BOLD)
        f.setPixelSize(0)
        f.setPointSizeF(run.size)  # points in, points out at 72 dpi: scaled below
        box = QFontMetricsF(f).tightBoundingRect(run.text)
        k = run.size / f.pointSizeF() * 72 / QFontMetricsF(f).fontDpi()
        return (run.x + box.left() * k, run.baseline + box.top() * k,
                run.x + box.right() * k, run.baseline + box.bottom() * k)  # fmt: skip

    t = template_by_name(template)
    for label in LABELS:
        runs = {r.role: r for r in layout_label(label, t.label_width, t.label_height).texts}
        ux0, uy0, ux1, uy1 = ink(runs["unit"])
        px0, py0, px1, py1 = ink(runs["price"])
        apart = ux1 <= px0 or px1 <= ux0 or uy1 <= py0 or py1 <= uy0
        assert apart, (label.sku, runs["unit"].text, (ux0, uy0, ux1, uy1), (px0, py0, px1, py1))
