"""The display's own language: Thai or English whatever the till shows (its own translator)."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from ui.i18n import qm_path_for

CONTEXT = "CustomerDisplay"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (context CustomerDisplay); `Words` translates it."""
    return text


class Words:
    """The display's strings in its language, from the Thai catalogue without installing it
    (installing would switch the till's language too)."""

    def __init__(self, language: str = "th") -> None:
        self.language = language
        self._thai = QTranslator()
        self._thai.load(qm_path_for("th"))

    def __call__(self, text: str) -> str:
        if self.language == "en":
            return text
        return self._thai.translate(CONTEXT, text) or text

    def pick(self, thai: str, english: str) -> str:
        """A product's or producer's name in the display's language (Thai when none)."""
        return english if self.language == "en" and english else thai
