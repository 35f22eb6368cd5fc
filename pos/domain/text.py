"""Search text: case-, accent- and Thai-tone-mark-tolerant folding."""

from __future__ import annotations

import unicodedata

# Thai tone marks (mai ek .. mai chattawa), thanthakhat and the short-vowel mark mai taikhu:
# cashiers often leave them out when typing, so search ignores them.
_THAI_IGNORABLE = dict.fromkeys(map(ord, "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47"), None)


def fold(text: str) -> str:
    """Fold text for matching: NFKD, no combining accents, no Thai tone marks, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or _is_thai(ch))
    # Thai vowel and tone marks are "combining" too; keep vowels, drop only tone marks
    return stripped.translate(_THAI_IGNORABLE).casefold()


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"
