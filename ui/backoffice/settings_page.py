"""The settings editor: every shop setting in a form by group, checked field by field on save.

Nothing is saved until Save (Ctrl+S); then every changed field goes to the settings service in
one change, and a refusal puts each bad field's message under that field (nothing is saved).
Each field says whether the till takes a change at once or after a restart; a save says which
of its changes the till opened beside this window uses now and which wait for its restart.
The PromptPay QR is drawn live from the ID being typed; the central database has a "test
connection" button and each printer profile a "test page" one, both run off the UI thread.
The online channels' group holds their secrets (ui.backoffice.secrets_panel: never shown).

The printers' group is in settings_printers.py, the QR preview and the test connection in
settings_checks.py (mixins of the page), what they share in settings_common.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Actor
from pos.domain.errors import SettingsError, ShopError
from pos.domain.setting_fields import FIELDS, SettingField, after_restart, field_of, parse_value
from pos.domain.settings import PrinterProfile, Settings
from pos.services.settings import SettingsRefused
from ui import i18n, style
from ui.backoffice.secrets_panel import ChannelSecretsPanel
from ui.backoffice.settings_checks import SettingsChecks
from ui.backoffice.settings_common import SettingsBackend, field_label, message
from ui.backoffice.settings_printers import PrinterSettings
from ui.worker import Worker

GROUPS: tuple[tuple[str, str], ...] = (
    ("shop", "Shop"),
    ("payment", "Payment"),
    ("receipt", "Receipt"),
    ("labels", "Labels and story site"),
    ("till", "Till"),
    ("web", "Web shop"),
    ("security", "Log-in"),
    ("central", "Central database"),
    ("channels", "Online channels"),
    ("printers", "Printers"),
)


class SettingsPage(PrinterSettings, SettingsChecks, QWidget):
    """The shop's settings for the admin (the service refuses anyone else)."""

    def __init__(
        self, backend: SettingsBackend, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.backend = backend
        self.actor = actor
        self.worker = Worker(self)
        self.settings = backend.current()
        self.printers: list[PrinterProfile] = list(self.settings.printers)
        self.editors: dict[str, QLineEdit | QPlainTextEdit | QCheckBox | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.applies: dict[str, QLabel] = {}  # "takes effect now" or "after a restart"
        self.field_labels: dict[str, QLabel] = {}

        self.groups = style.named(QListWidget(), "settingsGroups")
        self.groups.setMaximumWidth(220)
        self.stack = QStackedWidget()
        for group, _ in GROUPS:
            self.groups.addItem("")
            self.stack.addWidget(self._group_page(group))
        self.groups.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.groups.setCurrentRow(0)

        self.status = style.named(QLabel(), "settingsStatus")
        self.status.setWordWrap(True)
        self.save_button = style.named(QPushButton(), "settingsSave")
        self.save_button.clicked.connect(self.save)
        self.revert_button = style.named(QPushButton(), "settingsRevert")
        self.revert_button.clicked.connect(self.revert)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        body = QHBoxLayout()
        body.addWidget(self.groups)
        body.addWidget(self.stack, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bar)
        self.retranslateUi()
        self._show_values()

    # --- building ----------------------------------------------------------------------
    def _group_page(self, group: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if group == "printers":
            return self._printers_page(page, form)
        for f in FIELDS.values():
            if f.group != group:
                continue
            editor = self._editor(f)
            error = style.named(QLabel(), f"{f.key}Error")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            applies = style.named(QLabel(), f"{f.key}Applies")
            applies.setStyleSheet("color: #5f6368; font-size: 11px;")
            self.editors[f.key], self.errors[f.key], self.applies[f.key] = editor, error, applies
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(editor)
            cell.addWidget(applies)
            cell.addWidget(error)
            label = style.named(QLabel(), f"{f.key}Label")
            label.setBuddy(editor)
            self.field_labels[f.key] = label
            form.addRow(label, cell)
        if group == "payment":
            self._qr_preview(form)
        if group == "channels":
            self.channels = ChannelSecretsPanel(self.backend, self.actor, self.worker)
            form.addRow(self.channels)
        if group == "central":
            self._connection_test(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _editor(self, f: SettingField) -> QLineEdit | QPlainTextEdit | QCheckBox | QComboBox:
        if f.kind == "bool":
            return style.named(QCheckBox(), f.key)
        if f.kind == "text":
            text = style.named(QPlainTextEdit(), f.key)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 5 + 12)
            return text
        if f.key == "language":
            box = style.named(QComboBox(), f.key)
            box.addItem("ไทย", "th")
            box.addItem("English", "en")
            return box
        edit = style.named(QLineEdit(), f.key)
        if f.secret:
            edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        return edit

    # --- values ------------------------------------------------------------------------
    def _show_values(self) -> None:
        from pos.domain.setting_fields import shown_value

        for key, editor in self.editors.items():
            value = getattr(self.settings, key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(str(value))
            else:
                editor.setText(str(value) if field_of(key).secret else shown_value(key, value))
        self.printers = list(self.settings.printers)
        self._show_printers()
        self._draw_qr()
        self._show_applies()

    def _show_applies(self) -> None:
        """Under each field: when the till takes a change; a saved one it still waits for."""
        in_use = self.backend.in_use()
        waiting = set() if in_use is None else set(after_restart(in_use, self.settings))
        for key, label in self.applies.items():
            if FIELDS[key].group in ("web", "channels"):  # read as the web shop starts
                label.setText(self._web_applies(saved_waiting=key in waiting))
            elif key in waiting:
                label.setText(self.tr("After a restart of the till (saved; the till still "
                                      "uses the old value)"))  # fmt: skip
            elif FIELDS[key].live:
                label.setText(self.tr("Takes effect now"))
            else:
                label.setText(self.tr("After a restart of the till"))
        text = self.tr("Paper, mode, code page, drawer and status check take effect now; a "
                       "printer added, removed, renamed or connected another way, after a "
                       "restart of the till.")  # fmt: skip
        if "printers" in waiting:
            text += " " + self.tr("Saved printers wait for the restart.")
        self.printers_applies.setText(text)

    def _web_applies(self, *, saved_waiting: bool) -> str:
        if saved_waiting:
            return self.tr("After a restart of the web shop (otop-pos shop serve) and of the "
                           "back office (saved; they still use the old value)")  # fmt: skip
        return self.tr("After a restart of the web shop (otop-pos shop serve) and of the "
                       "back office")  # fmt: skip

    def _typed(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            return parse_value(key, editor.toPlainText())
        return parse_value(key, editor.text())

    def changes(self) -> tuple[dict[str, object], dict[str, SettingsError]]:
        """What differs from the saved settings, and the fields whose text cannot be read."""
        out: dict[str, object] = {}
        bad: dict[str, SettingsError] = {}
        for key in self.editors:
            try:
                value = self._typed(key)
            except SettingsError as exc:
                bad[key] = exc
                continue
            old = getattr(self.settings, key)
            same = Decimal(str(value)) == old if isinstance(old, Decimal) else value == old
            if not same:
                out[key] = value
        if tuple(self.printers) != self.settings.printers:
            out["printers"] = tuple(self.printers)
        return out, bad

    def save(self) -> None:
        self._clear_errors()
        changes, bad = self.changes()
        if bad:
            self._show_errors(bad)
            return
        if not changes:
            self.status.setText(self.tr("Nothing has changed."))
            return
        in_use = self.backend.in_use()  # before the save: what the till used until now
        try:
            self.settings = self.backend.update(self.actor, changes)
        except SettingsRefused as exc:
            self._show_errors(exc.problems)
            return
        except ShopError as exc:
            self.status.setText(self.tr("Nothing was saved: {reason}").format(reason=message(exc)))
            return
        self._show_values()
        self.status.setText(self._saved_text(changes, in_use))

    def _saved_text(self, changes: Mapping[str, object], in_use: Settings | None) -> str:
        n = len(changes)
        if in_use is None:
            return self.tr("Saved: {n} setting(s) changed. A till open in another program takes "
                           "them at its next start.").format(n=n)  # fmt: skip
        waiting = [k for k in after_restart(in_use, self.settings) if k in changes]
        if not waiting:
            return self.tr("Saved: {n} setting(s) changed; the till uses them now.").format(n=n)
        names = ", ".join(field_label(FIELDS[k]) for k in waiting)
        now = [k for k in changes if k not in waiting]
        if not now:
            return self.tr("Saved: {n} setting(s) changed; the till takes them after a restart: "
                           "{names}.").format(n=n, names=names)  # fmt: skip
        return self.tr("Saved: {n} setting(s) changed; the till uses {now} of them now, the "
                       "others after a restart: {names}.").format(
            n=n, now=len(now), names=names)  # fmt: skip

    def revert(self) -> None:
        self._clear_errors()
        self.settings = self.backend.current()
        self._show_values()
        self.status.setText(self.tr("The saved settings are shown again."))

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.printers_error.clear()

    def _show_errors(self, problems: Mapping[str, SettingsError]) -> None:
        lang = i18n.current_language()
        first = True
        for key, exc in problems.items():
            label = self.errors.get(key)
            if label is None:
                self.printers_error.setText(exc.message(lang))
                target: QWidget = self.printer_table
                page = self.stack.count() - 1
            else:
                label.setText(exc.message(lang))
                label.show()
                target = self.editors[key]
                page = [g for g, _ in GROUPS].index(field_of(key).group)
            if first:
                self.groups.setCurrentRow(page)
                target.setFocus()
                first = False
        self.status.setText(
            self.tr("Nothing was saved: {n} field(s) to correct.").format(n=len(problems))
        )

    # --- language ------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        names = {
            "shop": self.tr("Shop"), "payment": self.tr("Payment"), "receipt": self.tr("Receipt"),
            "labels": self.tr("Labels and story site"), "till": self.tr("Till"),
            "web": self.tr("Web shop"), "security": self.tr("Log-in"),
            "central": self.tr("Central database"), "printers": self.tr("Printers"),
            "channels": self.tr("Online channels"),
        }  # fmt: skip
        for row, (group, _) in enumerate(GROUPS):
            item = self.groups.item(row)
            if item is not None:
                item.setText(names[group])
        for key, label in self.field_labels.items():
            label.setText(field_label(FIELDS[key]))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.revert_button.setText(self.tr("Undo changes"))
        self.test_connection_button.setText(self.tr("Test connection"))
        self.add_printer_button.setText(self.tr("Add printer"))
        self.edit_printer_button.setText(self.tr("Edit"))
        self.remove_printer_button.setText(self.tr("Remove"))
        self.test_page_button.setText(self.tr("Test page"))
        self.channels.retranslateUi()
        self.printer_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Connection"), self.tr("Address"), self.tr("Paper")]
        )
        self._show_applies()

    def shutdown(self) -> None:
        self.worker.shutdown()
