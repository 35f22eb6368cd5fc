"""Printer setup: pick a profile, see its test page, print the test page through the queue."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.errors import ShopError
from pos.domain.settings import PrinterProfile, Settings
from pos.ports.print_jobs import PrintJob
from pos.services.printing import TestPages
from ui import style
from ui.worker import Worker

NO_CODEPAGE = -1


class PrinterSetupDialog(QDialog):
    """The printers of this counter; the preview follows the chosen mode, code page, paper."""

    def __init__(
        self,
        settings: Settings,
        test_pages: TestPages,
        worker: Worker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printerSetupDialog")
        self.setModal(True)
        self.resize(720, 700)  # with a title bar, inside 1366x768
        self.settings = settings
        self.test_pages = test_pages
        self.worker = worker
        self._image = QImage()
        self._problem = ""
        self._printing = False

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.profile_box = style.named(QComboBox(), "printerProfile")
        for p in settings.printers:
            self.profile_box.addItem(p.name, p.name)
        self.mode_box = style.named(QComboBox(), "printerMode")
        self.mode_box.addItem("", "raster")  # the items' words come in retranslateUi
        self.mode_box.addItem("", "text")
        self.codepage_box = style.named(QSpinBox(), "printerCodepage")
        self.codepage_box.setRange(NO_CODEPAGE, 255)
        self.paper_box = style.named(QComboBox(), "printerPaper")
        self.paper_box.addItem("", 80)
        self.paper_box.addItem("", 58)
        self._labels = [QLabel() for _ in range(4)]
        for label, field in zip(
            self._labels, (self.profile_box, self.mode_box, self.codepage_box, self.paper_box),
            strict=True,
        ):
            form.addRow(label, field)
        layout.addLayout(form)
        self.connection_label = style.named(QLabel(), "printerConnection")
        layout.addWidget(self.connection_label)
        self.preview = style.named(QLabel(), "testPagePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        layout.addWidget(scroll, 1)
        self.result_label = style.named(QLabel(), "printerResult")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        row = QHBoxLayout()
        self.print_button = style.named(QPushButton(), "printTestPageButton")
        self.print_button.clicked.connect(self.print_test_page)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.buttons)
        layout.addLayout(row)

        self.profile_box.currentIndexChanged.connect(self._on_profile)
        for box in (self.mode_box, self.paper_box):
            box.currentIndexChanged.connect(self._redraw)
        self.codepage_box.valueChanged.connect(self._redraw)
        self.retranslateUi()
        self._on_profile()

    # --- state (tests) --------------------------------------------------------------------
    @property
    def image(self) -> QImage:
        """The test page as drawn for the chosen settings (null if they are not valid)."""
        return self._image

    @property
    def result_text(self) -> str:
        return str(self.result_label.text())

    @property
    def printing(self) -> bool:
        return self._printing

    def profile(self) -> PrinterProfile:
        found = self.settings.printer(str(self.profile_box.currentData()))
        return found or self.settings.receipt_printer

    def chosen(self) -> PrinterProfile:
        """The profile with the mode, code page and paper chosen here (raises SettingsError)."""
        cp = self.codepage_box.value()
        return replace(
            self.profile(),
            mode=str(self.mode_box.currentData()),
            codepage=None if cp == NO_CODEPAGE else cp,
            paper_mm=int(self.paper_box.currentData()),
        )

    # --- showing --------------------------------------------------------------------------
    def _on_profile(self) -> None:
        p = self.profile()
        for box, value in ((self.mode_box, p.mode), (self.paper_box, p.paper_mm)):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        self.codepage_box.blockSignals(True)
        self.codepage_box.setValue(NO_CODEPAGE if p.codepage is None else p.codepage)
        self.codepage_box.blockSignals(False)
        self.result_label.setText("")
        self._redraw()

    def _redraw(self) -> None:
        try:
            profile = self.chosen()
        except ShopError as exc:
            self._problem = exc.message(self._lang())
            self._image = QImage()
            self.preview.setPixmap(QPixmap())
        else:
            self._problem = ""
            self._image = QImage.fromData(self.test_pages.preview(profile))
            self.preview.setPixmap(QPixmap.fromImage(self._image))
        self.retranslateUi()

    def _lang(self) -> str:
        from ui import i18n

        return i18n.current_language()

    # --- printing -------------------------------------------------------------------------
    def print_test_page(self) -> None:
        pages, profile = self.test_pages, self.profile()
        if not pages.can_print or profile.is_preview or self._printing or self.worker.closed:
            return
        self._printing = True
        self.result_label.setText(self.tr("Printing the test page on {name}…").format(
            name=profile.name))
        self.retranslateUi()
        self.worker.run(lambda: pages.print(profile.name), self._on_printed, self._on_failed,
                        name="test_page")

    def _on_printed(self, job: PrintJob) -> None:
        if not isValid(self):
            return
        self._printing = False
        self.result_label.setText(self.tr("The test page was sent to {name}.").format(
            name=job.printer))
        self.retranslateUi()

    def _on_failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._printing = False
        reason = exc.message(self._lang()) if isinstance(exc, ShopError) else repr(exc)
        self.result_label.setText(self.tr("The test page did not print: {reason}").format(
            reason=reason))
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Printer setup"))
        for label, text in zip(
            self._labels,
            (self.tr("Printer"), self.tr("Mode"), self.tr("Code page (ESC t, text mode)"),
             self.tr("Paper")),
            strict=True,
        ):
            label.setText(text)
        self.codepage_box.setSpecialValueText(self.tr("none"))
        self.mode_box.setItemText(0, self.tr("Raster (the till draws the Thai)"))
        self.mode_box.setItemText(1, self.tr("Text (the printer's own Thai font)"))
        for i in range(self.paper_box.count()):
            self.paper_box.setItemText(
                i, self.tr("{mm} mm").format(mm=self.paper_box.itemData(i)))
        self.print_button.setText(self.tr("Print test page"))
        p = self.profile()
        if p.is_preview:
            where = self.tr("Preview only: this profile has no printer to print on.")
        else:
            kinds = {"network": self.tr("network"), "usb": self.tr("USB"),
                     "serial": self.tr("serial port"), "file": self.tr("file"),
                     "queue": self.tr("print queue")}
            where = self.tr("Connection: {kind} {target}").format(
                kind=kinds.get(p.connection, p.connection), target=p.target)
        if self._problem:
            where += "\n" + self._problem
        elif (self.mode_box.currentData() != p.mode or self.paper_box.currentData() != p.paper_mm
              or self.codepage_box.value() != (NO_CODEPAGE if p.codepage is None
                                               else p.codepage)):
            where += "\n" + self.tr("The preview shows the choice above; the test print uses "
                                    "the printer's saved settings.")
        self.connection_label.setText(where)
        self.print_button.setEnabled(
            self.test_pages.can_print and not p.is_preview and not self._printing)
