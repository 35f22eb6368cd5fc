"""Qt as a drawing engine: the one place printing starts Qt and loads the bundled Thai font."""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from resources import FONTS

FAMILY = "OTOP Sans"
_FONT_FILES = ("OTOPSans-Regular.ttf", "OTOPSans-Bold.ttf")
_lock = threading.Lock()
_ready = False
_app: QGuiApplication | None = None  # kept alive when printing had to start Qt itself


def ensure_gui() -> None:
    """Make sure a QGuiApplication exists and the bundled font is loaded (idempotent).

    Fonts and text layout need a GUI application. The till already has one; the CLI, tools
    and benchmarks do not, so one is made on the offscreen platform (no display needed).
    """
    global _ready, _app
    if _ready:
        return
    with _lock:
        if _ready:
            return
        if QCoreApplication.instance() is None:
            if not os.environ.get("QT_QPA_PLATFORM"):
                os.environ["QT_QPA_PLATFORM"] = "offscreen"
            _app = QGuiApplication(sys.argv[:1] or ["otop-pos"])
        for name in _FONT_FILES:
            if QFontDatabase.addApplicationFont(str(FONTS / name)) < 0:
                raise RuntimeError(f"the bundled font {FONTS / name} cannot be loaded")
        _ready = True


def font(pixel_size: int, *, bold: bool = False) -> QFont:
    """The bundled face at a size in printer dots (pixels)."""
    ensure_gui()
    f = QFont(FAMILY)
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return f
