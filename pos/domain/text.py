"""Search text: case-, accent- and Thai-tone-mark-tolerant folding."""

from __future__ import annotations

import re
import unicodedata

# Thai tone marks (mai ek .. mai chattawa), thanthakhat and the short-vowel mark mai taikhu:
# cashiers often leave them out when typing, so search ignores them.
_THAI_IGNORABLE = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47"
THAI_IGNORABLE = _THAI_IGNORABLE  # the same, for SQL's replace() (db/product_repository.py)
# No character below U+0300 combines, and Thai marks are kept: text made only of these (every
# name in a Thai/English catalogue) needs no per-character pass in Python.
_MAY_COMBINE = re.compile(r"[^\x00-\u02ff\u0e00-\u0e7f]")


def fold(text: str) -> str:
    """Fold text for matching: NFKD, no combining accents, no Thai tone marks, casefolded."""
    stripped = unicodedata.normalize("NFKD", text)
    if _MAY_COMBINE.search(stripped):
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch) or _is_thai(ch))
    # Thai vowel and tone marks are "combining" too; keep vowels, drop only tone marks
    # (str.replace, not str.translate: translate looks every character up in a dict and made
    # folding a 100,000-product catalogue take seconds)
    for mark in _THAI_IGNORABLE:
        if mark in stripped:
            stripped = stripped.replace(mark, "")
    return stripped.casefold()


def without_tone_marks(text: str) -> str:
    """`text` less the Thai marks search ignores (tone marks, thanthakhat, mai taikhu); every
    other character kept as it is (no folding), for matching in SQL."""
    for mark in THAI_IGNORABLE:
        text = text.replace(mark, "")
    return text


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"
