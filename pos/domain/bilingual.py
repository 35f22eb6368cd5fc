"""A text in Thai and English, and the one rule that picks the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

THAI = "th"
ENGLISH = "en"
LANGUAGES = (THAI, ENGLISH)


def pick(lang: str, th: str, en: str) -> str:
    """`en` for an English reader, `th` for everyone else (the shop's own language)."""
    return en if lang == ENGLISH else th


@dataclass(frozen=True, slots=True)
class Bilingual:
    """One text in both of the shop's languages (a name, a unit, a message)."""

    th: str
    en: str

    def pick(self, lang: str) -> str:
        return pick(lang, self.th, self.en)

    def __str__(self) -> str:
        return self.th
