"""The import's text rules on single cells: what is refused, and real names that must pass."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from pos.domain.catalog import text_problems

CONTROLS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc"]


def test_every_control_character_is_refused_in_a_name() -> None:
    assert len(CONTROLS) == 65
    for ch in CONTROLS:
        assert text_problems("name_en", f"Soap{ch}bar") == [
            f"name_en has a control character U+{ord(ch):04X} at character 5"
        ]


@pytest.mark.parametrize("ch", ["\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"])
def test_separators_and_bidirectional_overrides_are_refused(ch: str) -> None:
    assert text_problems("story_th", f"ทอ{ch}มือ") == [
        f"story_th has a control character U+{ord(ch):04X} at character 3"
    ]


def test_a_story_may_hold_line_breaks_and_tabs_but_a_name_may_not() -> None:
    story = "ทอมือทีละเส้น\r\n\tสีจากธรรมชาติ\n"
    assert text_problems("story_th", story) == []
    assert text_problems("name_th", "ผ้า\tไหม") == [
        "name_th has a control character U+0009 at character 4"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "ที่นอนยางพารา",  # a vowel and a tone mark on one consonant
        "กุ้งแห้ง",
        "น้ำพริกเผา",
        "ผ้าไหมมัดหมี่",
        "ข้าวหอมมะลิ 105",
        "Cafe\u0301 latte",  # decomposed accent
        "Tiê\u0323u",  # two marks on one letter (Vietnamese, decomposed)
        "Rice\u200bcrackers",  # a zero-width space, as Thai text uses between words
        "50/50 blend",
        "'quoted' soap",
    ],
)
def test_real_names_pass(name: str) -> None:
    assert text_problems("name_th", name) == []
    assert text_problems("name_en", name) == []
