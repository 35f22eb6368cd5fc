"""The UI language: our QTranslator and one for Qt's own strings, swapped when the cashier
switches language.

Qt ships no Thai for its own strings (no qtbase_th.qm in PySide6/Qt/translations), so the
standard buttons (QDialogButtonBox's Close, Save, Cancel), the file dialog and the text
fields' menus get theirs from resources/i18n/qt_th.ts (compiled to qt_th.qm by
`python tools/i18n.py release`), installed beside otop_pos_th.qm.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTranslator

from resources import I18N

log = logging.getLogger(__name__)

LANGUAGES = ("th", "en")
CATALOGUES = ("otop_pos", "qt")  # our strings, then Qt's own

_current: list[QTranslator] = []
_language = "th"


def qm_path_for(language: str, catalogue: str = "otop_pos") -> str:
    return str(I18N / f"{catalogue}_{language}.qm")


def current_language() -> str:
    return _language


def install_language(language: str) -> bool:
    """Make `language` the UI language; True if our translation file was found and installed.

    Source strings are English: without a .qm file the UI shows them as they are written.
    Installing or removing a translator sends LanguageChange to every widget.
    """
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    while _current:
        app.removeTranslator(_current.pop())
    _language = language
    installed = []
    for catalogue in CATALOGUES:
        path = I18N / f"{catalogue}_{language}.qm"
        if not path.exists():
            installed.append(False)
            continue
        translator = QTranslator(app)
        if not translator.load(str(path)):
            log.warning("translation %s could not be loaded", path)
            installed.append(False)
            continue
        app.installTranslator(translator)
        _current.append(translator)
        installed.append(True)
    return installed[0]
