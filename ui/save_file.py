"""The save dialog of the till and the labels window: Qt's own file dialog (so it speaks the
till's language, not the desktop's: its Thai comes from qt_th.qm), opened in the user's
Documents folder rather than wherever the program was started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """The user's Documents folder; the home folder when there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def save_dialog(parent: QWidget, title: str, file_name: str, filters: str) -> QFileDialog:
    """A save-as dialog for `file_name` in the Documents folder, not yet shown."""
    dialog = QFileDialog(parent, title, str(documents_folder()), filters)
    dialog.setObjectName("saveFileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = Path(file_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(file_name)
    return dialog


def ask_save_path(parent: QWidget, title: str, file_name: str, filters: str) -> Path | None:
    """Where to save, or None if the user cancelled."""
    dialog = save_dialog(parent, title, file_name, filters)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        return Path(chosen[0]) if chosen else None
    finally:
        dialog.deleteLater()
