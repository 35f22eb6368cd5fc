"""Product search folds case, accents and the Thai marks cashiers leave out."""

from __future__ import annotations

import pytest

from pos.domain.text import fold


def _matches(query: str, name: str) -> bool:
    return fold(query) in fold(name)


def test_typing_without_tone_marks_finds_the_product() -> None:
    assert fold("ผาไหม") == fold("ผ้าไหม")
    assert _matches("ผาไหม", "ผ้าไหมมัดหมี่ ชนบท")
    assert _matches("ชาใบหมอน", "ชาใบหม่อน")
    assert _matches("ไสกรอก", "ไส้กรอกอีสาน")


def test_mai_taikhu_is_ignored() -> None:
    assert fold("เก็บ") == fold("เกบ")


def test_sara_am_typed_as_nikhahit_plus_sara_aa_matches() -> None:
    assert fold("น้ำผึ้ง") == fold("น้ําผึ้ง")  # U+0E33 vs U+0E4D U+0E32
    assert fold("น้ำผึ้ง") == fold("นํ้าผึ้ง")  # marks typed in the other order


def test_thai_vowels_are_kept() -> None:
    # vowels above/below the consonant change the word: they must not be dropped
    assert fold("กิน") != fold("กน")
    assert fold("ผ้าไหม") != fold("ผ้าไหมี")
    assert not _matches("มุก", "หมาก")
    assert fold("ดู") != fold("ดี")


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("otop", "OTOP Khon Kaen"),
        ("cafe", "Café Mulberry"),
        ("CAFÉ", "café"),
        ("strasse", "Straße"),
        ("otop", "ＯＴＯＰ"),  # full-width letters from a Thai keyboard layout
    ],
)
def test_case_and_accents_are_folded(typed: str, name: str) -> None:
    assert _matches(typed, name)


def test_different_words_still_differ() -> None:
    assert not _matches("silk", "Mulberry tea")
    assert not _matches("ไหม", "ชาใบหม่อน")
