"""The UI language: one installed QTranslator, swapped when the cashier switches language."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTranslator

from resources import I18N

log = logging.getLogger(__name__)

LANGUAGES = ("th", "en")

_current: QTranslator | None = None
_language = "th"


def qm_path_for(language: str) -> str:
    return str(I18N / f"otop_pos_{language}.qm")


def current_language() -> str:
    return _language


def install_language(language: str) -> bool:
    """Make `language` the UI language; True if a translation file was found and installed.

    Source strings are English: without a .qm file the UI shows them as they are written.
    Installing or removing a translator sends LanguageChange to every widget.
    """
    global _current, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    if _current is not None:
        app.removeTranslator(_current)
        _current = None
    _language = language
    path = I18N / f"otop_pos_{language}.qm"
    if not path.exists():
        return False
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning("translation %s could not be loaded", path)
        return False
    app.installTranslator(translator)
    _current = translator
    return True
