"""The stock page's curation application for a code no product has, from a delivery's scan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from shiboken6 import isValid

from pos.domain.catalog import CATEGORY_NAMES
from pos.ports.curation import ApplicationRecord
from ui import i18n, style
from ui.backoffice.stock_common import StockHost, message


class ApplicationDialog(QDialog):
    """A curation application for a code no product has: the code and the delivery's producer
    filled in; the name, category and proposed price typed; Ctrl+S submits it (the page's
    worker), Esc closes."""

    submitted = Signal(object)  # ApplicationRecord

    def __init__(self, page: StockHost, code: str, producer: str) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName("stockApplication")
        self.setModal(True)
        self.setWindowTitle(self.tr("Curation application"))
        self.sku = style.named(QLineEdit(code), "stockApplicationSku")
        self.producer = style.named(QLineEdit(producer), "stockApplicationProducer")
        self.producer.setReadOnly(True)
        self.name_th = style.named(QLineEdit(), "stockApplicationNameTh")
        self.name_en = style.named(QLineEdit(), "stockApplicationNameEn")
        self.category = style.named(QComboBox(), "stockApplicationCategory")
        for cat, (th, en) in CATEGORY_NAMES.items():
            self.category.addItem(th if i18n.current_language() == "th" else en, cat.value)
        self.price = style.named(QLineEdit(), "stockApplicationPrice")
        self.error = style.named(QLabel(), "stockApplicationError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.RED};")
        intro = QLabel(self.tr("The goods stay aside, not received, until the committee "
                               "approves the product."))  # fmt: skip
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(intro)
        form.addRow(self.tr("SKU (the code scanned)"), self.sku)
        form.addRow(self.tr("Producer code"), self.producer)
        form.addRow(self.tr("Name (Thai)"), self.name_th)
        form.addRow(self.tr("Name (English)"), self.name_en)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Proposed price (baht)"), self.price)
        self.save_button = style.named(QPushButton(self.tr("Submit (Ctrl+S)")),
                                       "stockApplicationSave")  # fmt: skip
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(560, 340)

    def save(self) -> None:
        if not self.save_button.isEnabled():  # submitting already
            return
        values = {
            "sku": self.sku.text(),
            "producer": self.producer.text(),
            "name_th": self.name_th.text(),
            "name_en": self.name_en.text(),
            "category": str(self.category.currentData()),
            "price": self.price.text(),
        }
        curation, actor = self.page.services.curation, self.page.actor
        self.save_button.setEnabled(False)
        self.page.run(lambda: curation.submit(actor, values), self._saved, self._refused)

    def _saved(self, record: ApplicationRecord) -> None:
        if isValid(self):
            self.submitted.emit(record)
            self.accept()

    def _refused(self, exc: Exception) -> None:
        if isValid(self):
            self.save_button.setEnabled(True)
            self.error.setText(message(exc))
