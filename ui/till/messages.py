"""The till's message banner and its levels (how long each stays, how it is coloured)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ui import style


class MessageLevel(Enum):
    """How a message is shown: the value is the banner's style-sheet `kind`."""

    OK = "ok"
    INFO = "info"
    ERROR = "error"


SHOWN_MS = {MessageLevel.OK: 6000, MessageLevel.INFO: 6000, MessageLevel.ERROR: 15000}


class MessageBanner(QLabel):
    """One line of news under the scan field; it keeps its place when empty, so the cart
    never jumps when a message comes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style.named(self, "messageBanner")
        self.setWordWrap(True)
        self.setMinimumHeight(46)
        self._level: MessageLevel | None = None
        self._set("", None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)

    @property
    def level(self) -> MessageLevel | None:
        return self._level

    def show_message(self, text: str, level: MessageLevel = MessageLevel.INFO) -> None:
        """Show `text` for its level's time."""
        self._set(text, level)
        self._timer.start(SHOWN_MS[level])

    def keep_message(self, text: str, level: MessageLevel) -> None:
        """Show `text` until another message replaces it."""
        self._timer.stop()
        self._set(text, level)

    def clear_message(self) -> None:
        self._timer.stop()
        self._set("", None)

    def _set(self, text: str, level: MessageLevel | None) -> None:
        self._level = level
        self.setText(text)
        self.setProperty("kind", "none" if level is None else level.value)
        self.style().unpolish(self)
        self.style().polish(self)
