"""The settings page's printers: the profiles' table, adding, editing and removing one (its
dialog checks it before it is taken), and a test page sent off the UI thread (a part of
`ui.backoffice.settings_page.SettingsPage`, which mixes it in)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.errors import SettingsError, ShopError
from pos.domain.settings import CONNECTIONS, PAPER_DOTS, PRINT_MODES, PrinterProfile, Settings
from ui import i18n, style
from ui.backoffice.settings_common import SettingsBackend, message
from ui.worker import Worker

if TYPE_CHECKING:
    _Widget = QWidget  # the settings page: a QWidget with what is declared below
else:
    _Widget = object


class PrinterSettings(_Widget):
    """What the printers need of the page is declared here; `SettingsPage` provides it."""

    if TYPE_CHECKING:
        backend: SettingsBackend
        settings: Settings
        printers: list[PrinterProfile]
        worker: Worker

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

    def _show_printers(self) -> None:
        table = self.printer_table
        table.setRowCount(len(self.printers))
        for row, p in enumerate(self.printers):
            for col, text in enumerate((p.name, p.connection, p.target, f"{p.paper_mm} mm")):
                table.setItem(row, col, QTableWidgetItem(text))
        if self.printers and table.currentRow() < 0:
            table.selectRow(0)

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
                self.tr("The test page did not print: {reason}").format(reason=message(exc))
            )


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
