"""The settings editor: every shop setting in a form by group, checked field by field on save.

Nothing is saved until Save (Ctrl+S); then every changed field goes to the settings service in
one change, and a refusal puts each bad field's message under that field (nothing is saved).
Each field says whether the till takes a change at once or after a restart; a save says which
of its changes the till opened beside this window uses now and which wait for its restart.
The PromptPay QR is drawn live from the ID being typed; the central database has a "test
connection" button and each printer profile a "test page" one, both run off the UI thread.
The online channels' group holds their secrets (ui.backoffice.secrets_panel: never shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.errors import SettingsError, ShopError
from pos.domain.promptpay import PromptPayError, promptpay_payload
from pos.domain.setting_fields import FIELDS, SettingField, after_restart, field_of, parse_value
from pos.domain.settings import CONNECTIONS, PAPER_DOTS, PRINT_MODES, PrinterProfile, Settings
from pos.services.settings import SettingsRefused
from ui import i18n, style
from ui.backoffice.secrets_panel import ChannelSecretsPanel, SecretsBackend
from ui.qr import qr_pixmap
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


class SettingsBackend(SecretsBackend, Protocol):
    """What the editor needs: the settings service, the secrets and the tests it offers."""

    def current(self) -> Settings: ...
    def update(self, actor: Actor, changes: Mapping[str, object]) -> Settings: ...
    def in_use(self) -> Settings | None:
        """The settings the till beside this window uses (None: no till in this program)."""
        ...

    def test_connection(self, url: str) -> str:
        """A line saying what answered (raises ShopError when nothing does)."""
        ...

    def test_page_job(self, settings: Settings, profile: PrinterProfile) -> bytes:
        """The test page's bytes for the printer (drawn by Qt: call it on the UI thread)."""
        ...

    def send_job(self, profile: PrinterProfile, job: bytes) -> None:
        """Send the bytes to the printer (no Qt: runs on the page's worker)."""
        ...


def _label(f: SettingField) -> str:
    return f.label_th if i18n.current_language() == "th" else f.label_en


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(i18n.current_language())
    return repr(exc)


class SettingsPage(QWidget):
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
            self.qr = style.named(QLabel(), "promptpayQr")
            self.qr.setFixedSize(220, 220)
            self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.qr_caption = style.named(QLabel(), "promptpayQrCaption")
            self.qr_caption.setWordWrap(True)
            form.addRow("", self.qr)
            form.addRow("", self.qr_caption)
            promptpay = self.editors["promptpay_id"]
            assert isinstance(promptpay, QLineEdit)
            promptpay.textChanged.connect(self._draw_qr)
        if group == "channels":
            self.channels = ChannelSecretsPanel(self.backend, self.actor, self.worker)
            form.addRow(self.channels)
        if group == "central":
            self.test_connection_button = style.named(QPushButton(), "testConnection")
            self.test_connection_button.clicked.connect(self.test_connection)
            self.connection_result = style.named(QLabel(), "connectionResult")
            self.connection_result.setWordWrap(True)
            form.addRow("", self.test_connection_button)
            form.addRow("", self.connection_result)
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

    def _printers_page(self, page: QWidget, form: QFormLayout) -> QWidget:
        self.printer_table = style.named(QTableWidget(0, 4), "printerTable")
        self.printer_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.printer_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.printer_table.doubleClicked.connect(lambda _i: self.edit_printer())
        self.add_printer_button = style.named(QPushButton(), "addPrinter")
        self.add_printer_button.clicked.connect(self.add_printer)
        self.edit_printer_button = style.named(QPushButton(), "editPrinter")
        self.edit_printer_button.clicked.connect(self.edit_printer)
        self.remove_printer_button = style.named(QPushButton(), "removePrinter")
        self.remove_printer_button.clicked.connect(self.remove_printer)
        self.test_page_button = style.named(QPushButton(), "printerTestPage")
        self.test_page_button.clicked.connect(self.print_test_page)
        self.printers_error = style.named(QLabel(), "printersError")
        self.printers_error.setStyleSheet("color: #b00020;")
        self.printers_error.setWordWrap(True)
        self.printer_result = style.named(QLabel(), "printerResult")
        self.printer_result.setWordWrap(True)
        self.printers_applies = style.named(QLabel(), "printersApplies")
        self.printers_applies.setStyleSheet("color: #5f6368; font-size: 11px;")
        self.printers_applies.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_printer_button, self.edit_printer_button,
                  self.remove_printer_button, self.test_page_button):  # fmt: skip
            buttons.addWidget(b)
        buttons.addStretch(1)
        form.addRow(self.printer_table)
        form.addRow(self.printers_applies)
        form.addRow(buttons)
        form.addRow(self.printers_error)
        form.addRow(self.printer_result)
        return page

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

    def _show_printers(self) -> None:
        table = self.printer_table
        table.setRowCount(len(self.printers))
        for row, p in enumerate(self.printers):
            for col, text in enumerate((p.name, p.connection, p.target, f"{p.paper_mm} mm")):
                table.setItem(row, col, QTableWidgetItem(text))
        if self.printers and table.currentRow() < 0:
            table.selectRow(0)

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
            self.status.setText(self.tr("Nothing was saved: {reason}").format(reason=_message(exc)))
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
        names = ", ".join(_label(FIELDS[k]) for k in waiting)
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

    # --- PromptPay preview ---------------------------------------------------------------
    def _draw_qr(self) -> None:
        editor = self.editors["promptpay_id"]
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        try:
            payload = promptpay_payload(text) if text else ""
        except PromptPayError as exc:
            self.qr.setPixmap(QPixmap())
            self.qr_caption.setText(self.tr("Not a PromptPay ID: {reason}").format(reason=exc))
            return
        self.qr_payload = payload
        if not payload:
            self.qr.setPixmap(QPixmap())
            self.qr_caption.setText(self.tr("No PromptPay ID: the till takes no PromptPay."))
            return
        self.qr.setPixmap(qr_pixmap(payload, 200))
        self.qr_caption.setText(self.tr("Scan to check: it must name the shop's account."))

    # --- tests off the UI thread ---------------------------------------------------------
    def test_connection(self) -> None:
        editor = self.editors["central_url"]
        assert isinstance(editor, QLineEdit)
        url = editor.text().strip()
        if not url:
            self.connection_result.setText(
                self.tr("No central database: this is a standalone store.")
            )
            return
        self.test_connection_button.setEnabled(False)
        self.connection_result.setText(self.tr("Connecting…"))
        self.worker.run(lambda: self.backend.test_connection(url), self._connected,
                        self._not_connected, name="test_connection")  # fmt: skip

    def _connected(self, answer: str) -> None:
        if isValid(self):
            self.test_connection_button.setEnabled(True)
            self.connection_result.setText(self.tr("Connected: {answer}").format(answer=answer))

    def _not_connected(self, exc: Exception) -> None:
        if isValid(self):
            self.test_connection_button.setEnabled(True)
            self.connection_result.setText(
                self.tr("No connection: {reason}").format(reason=_message(exc))
            )

    def selected_printer(self) -> int:
        return self.printer_table.currentRow()

    def add_printer(self) -> None:
        taken = {p.name for p in self.printers}
        name = next(f"printer{n}" for n in range(1, 100) if f"printer{n}" not in taken)
        self._edit(PrinterProfile(name=name), None)

    def edit_printer(self) -> None:
        row = self.selected_printer()
        if 0 <= row < len(self.printers):
            self._edit(self.printers[row], row)

    def _edit(self, profile: PrinterProfile, row: int | None) -> None:
        dialog = PrinterProfileDialog(profile, self)
        self.profile_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.profile is None:
            return
        if row is None:
            self.printers.append(dialog.profile)
            row = len(self.printers) - 1
        else:
            self.printers[row] = dialog.profile
        self._show_printers()
        self.printer_table.selectRow(row)

    def remove_printer(self) -> None:
        row = self.selected_printer()
        if 0 <= row < len(self.printers):
            del self.printers[row]
            self._show_printers()

    def print_test_page(self) -> None:
        row = self.selected_printer()
        if not 0 <= row < len(self.printers):
            return
        profile, settings = self.printers[row], self.settings
        if profile.is_preview:
            self.printer_result.setText(self.tr("{name} is a preview: nothing to print on.").format(
                name=profile.name))  # fmt: skip
            return
        self.test_page_button.setEnabled(False)
        self.printer_result.setText(self.tr("Printing the test page on {name}…").format(
            name=profile.name))  # fmt: skip
        try:
            job = self.backend.test_page_job(settings, profile)  # Qt draws on the UI thread
        except ShopError as exc:
            self._not_printed(exc)
            return
        self.worker.run(lambda: self.backend.send_job(profile, job),
                        lambda _none: self._printed(profile.name), self._not_printed,
                        name="settings_test_page")  # fmt: skip

    def _printed(self, name: str) -> None:
        if isValid(self):
            self.test_page_button.setEnabled(True)
            self.printer_result.setText(
                self.tr("The test page was sent to {name}.").format(name=name)
            )

    def _not_printed(self, exc: Exception) -> None:
        if isValid(self):
            self.test_page_button.setEnabled(True)
            self.printer_result.setText(
                self.tr("The test page did not print: {reason}").format(reason=_message(exc))
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
            label.setText(_label(FIELDS[key]))
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


class PrinterProfileDialog(QDialog):
    """One printer profile: where it is and how it prints; checked before it is taken."""

    def __init__(self, profile: PrinterProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerProfileDialog")
        self.original = profile
        self.profile: PrinterProfile | None = None
        self.name = style.named(QLineEdit(profile.name), "profileName")
        self.connection = style.named(QComboBox(), "profileConnection")
        for c in CONNECTIONS:
            self.connection.addItem(c, c)
        self.connection.setCurrentIndex(self.connection.findData(profile.connection))
        self.target = style.named(QLineEdit(profile.target), "profileTarget")
        self.paper = style.named(QComboBox(), "profilePaper")
        for mm in sorted(PAPER_DOTS, reverse=True):
            self.paper.addItem(f"{mm} mm", mm)
        self.paper.setCurrentIndex(self.paper.findData(profile.paper_mm))
        self.mode = style.named(QComboBox(), "profileMode")
        for mode in PRINT_MODES:
            self.mode.addItem(mode, mode)
        self.mode.setCurrentIndex(self.mode.findData(profile.mode))
        self.codepage = style.named(
            QLineEdit("" if profile.codepage is None else str(profile.codepage)), "profileCodepage"
        )
        self.drawer = style.named(QComboBox(), "profileDrawer")
        for pin, text in ((None, "—"), (2, "2"), (5, "5")):
            self.drawer.addItem(text, pin)
        self.drawer.setCurrentIndex(self.drawer.findData(profile.drawer_pin))
        self.status_check = style.named(QCheckBox(), "profileStatusCheck")
        self.status_check.setChecked(profile.status_check)
        self.error = style.named(QLabel(), "profileError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(8)]
        for label, widget in zip(
            self.labels,
            (self.name, self.connection, self.target, self.paper, self.mode, self.codepage,
             self.drawer, self.status_check),
            strict=True,
        ):  # fmt: skip
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.take)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslateUi()

    def take(self) -> None:
        code = self.codepage.text().strip()
        try:
            if code and not code.isdigit():
                raise SettingsError("the code page must be a number", "โค้ดเพจต้องเป็นตัวเลข")
            self.profile = replace(
                self.original,
                name=self.name.text().strip(),
                connection=str(self.connection.currentData()),
                target=self.target.text().strip(),
                paper_mm=int(self.paper.currentData()),
                mode=str(self.mode.currentData()),
                codepage=int(code) if code else None,
                drawer_pin=self.drawer.currentData(),
                status_check=self.status_check.isChecked(),
            )
        except SettingsError as exc:
            self.error.setText(exc.message(i18n.current_language()))
            return
        self.accept()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Printer profile"))
        texts = (
            self.tr("Name"), self.tr("Connection"),
            self.tr("Address (host:port, VID:PID, port, queue or file)"), self.tr("Paper"),
            self.tr("Mode"), self.tr("Thai code page (text mode)"), self.tr("Cash drawer pin"),
            self.tr("Ask the printer's status"),
        )  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if ok is not None:
            ok.setText(self.tr("OK"))
        if cancel is not None:
            cancel.setText(self.tr("Cancel"))
