"""A full tax invoice (ใบกำกับภาษี) for a receipt: buyer details checked as typed, then a PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.errors import ShopError
from pos.domain.taxinvoice import Buyer, TaxInvoice
from pos.ports.print_jobs import PrintJob
from pos.services.printing import TaxInvoices
from ui import style
from ui.save_file import ask_save_path
from ui.worker import Worker


class TaxInvoiceDialog(QDialog):
    """Issue (on the worker) the invoice of one receipt, save its PDF, optionally print it.

    A receipt that already has an invoice shows it, and offers a copy (สำเนา / COPY).
    `pdf_path` set beforehand (tests, a fixed folder) skips the file dialog.
    """

    def __init__(
        self,
        invoices: TaxInvoices,
        worker: Worker,
        language: Callable[[], str],
        receipt_no: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taxInvoiceDialog")
        self.setModal(True)
        self.resize(620, 520)
        self.invoices = invoices
        self.worker = worker
        self._language = language
        self.pdf_path: Path | None = None
        self.invoice: TaxInvoice | None = None  # issued here, or found already issued
        self.saved_path: Path | None = None
        self._existing = False
        self._busy = False

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.receipt_field = style.named(QLineEdit(receipt_no), "invoiceReceiptNo")
        self.name_field = style.named(QLineEdit(), "buyerName")
        self.address_field = style.named(QPlainTextEdit(), "buyerAddress")
        self.address_field.setTabChangesFocus(True)
        self.address_field.setFixedHeight(80)
        self.tax_id_field = style.named(QLineEdit(), "buyerTaxId")
        self.tax_id_field.setMaxLength(17)  # 13 digits with dashes or spaces
        self.branch_field = style.named(QLineEdit(), "buyerBranch")
        self.branch_field.setMaxLength(5)
        self._labels = [QLabel() for _ in range(5)]
        for label, field in zip(
            self._labels,
            (self.receipt_field, self.name_field, self.address_field, self.tax_id_field,
             self.branch_field),
            strict=True,
        ):
            form.addRow(label, field)
        layout.addLayout(form)
        self.print_box = style.named(QCheckBox(), "printSlip")
        layout.addWidget(self.print_box)
        self.problem_label = style.named(QLabel(), "invoiceProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem_label)
        self.status_label = style.named(QLabel(), "invoiceStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.issue_button = style.named(QPushButton(), "issueInvoiceButton")
        self.issue_button.clicked.connect(self.issue)
        self.copy_button = style.named(QPushButton(), "invoiceCopyButton")
        self.copy_button.clicked.connect(self.save_copy)
        self.copy_button.hide()
        row.addWidget(self.issue_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.buttons)
        layout.addLayout(row)

        for line in (self.name_field, self.tax_id_field, self.branch_field):
            line.textChanged.connect(self._validate)
        self.address_field.textChanged.connect(self._validate)
        self.receipt_field.editingFinished.connect(self.look_up)
        # earlier invoices' buyers, found by the start of a tax ID or part of a name as typed
        self.buyers: list[Buyer] = []
        self._buyer_model = QStringListModel(self)
        self._buyer_timer = QTimer(self)
        self._buyer_timer.setSingleShot(True)
        self._buyer_timer.setInterval(150)
        self._buyer_timer.timeout.connect(self._find_buyers)
        self._buyer_from: QLineEdit = self.name_field
        for line in (self.name_field, self.tax_id_field):
            completer = QCompleter(self._buyer_model, line)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.activated[QModelIndex].connect(self._choose_buyer)  # type: ignore[index]
            line.setCompleter(completer)
            line.textEdited.connect(lambda _t, line=line: self._buyer_typed(line))
        self._problem = ""
        self.retranslateUi()
        if receipt_no:
            self.look_up()

    # --- state (tests) --------------------------------------------------------------------
    @property
    def problem(self) -> str:
        """What is wrong with the buyer's details as typed ('' when they are complete)."""
        return self._problem

    @property
    def status(self) -> str:
        return str(self.status_label.text())

    @property
    def busy(self) -> bool:
        return self._busy

    def buyer(self) -> Buyer:
        """The buyer as typed, tidied and validated (raises TaxInvoiceError)."""
        return Buyer.checked(self.name_field.text(), self.address_field.toPlainText(),
                             self.tax_id_field.text(), self.branch_field.text())

    def _validate(self) -> None:
        touched = any((self.name_field.text(), self.address_field.toPlainText(),
                       self.tax_id_field.text()))
        try:
            self.buyer()
        except ShopError as exc:
            self._problem = exc.message(self._language())
        else:
            self._problem = ""
        self.problem_label.setText(self._problem if touched else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.issue_button.setEnabled(
            not self._busy and not self._existing and not self._problem
            and bool(self.receipt_field.text().strip()))
        self.copy_button.setVisible(self._existing)
        self.copy_button.setEnabled(not self._busy)

    # --- the receipt ----------------------------------------------------------------------
    def look_up(self) -> None:
        """Has this receipt an invoice already? (on the worker)"""
        receipt_no = self.receipt_field.text().strip()
        if not receipt_no or self.worker.closed:
            return
        invoices = self.invoices
        self._set_busy(True)
        self.worker.run(lambda: invoices.find(receipt_no), self._on_found, self._on_failed,
                        name="find_tax_invoice")

    def _on_found(self, invoice: TaxInvoice | None) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._existing = invoice is not None
        self.invoice = invoice
        if invoice is not None:
            b = invoice.buyer
            for field, value in ((self.name_field, b.name), (self.tax_id_field, b.tax_id),
                                 (self.branch_field, b.branch)):
                field.setText(value)
            self.address_field.setPlainText(b.address)
            self.status_label.setText(self.tr(
                "Receipt {receipt} already has tax invoice {number}: save or print a copy."
            ).format(receipt=invoice.receipt.receipt_no, number=invoice.number))
        else:
            self.status_label.setText("")
        self._validate()

    # --- earlier buyers ------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._buyer_timer.stop()
        super().done(result)

    def _buyer_typed(self, line: QLineEdit) -> None:
        self._buyer_from = line
        self._buyer_timer.start()

    def _find_buyers(self) -> None:
        if not isValid(self) or self.worker.closed or not self.isVisible():
            return  # the dialog (or the till) closed while the typing paused
        text = self._buyer_from.text()
        self.worker.run(lambda: self.invoices.buyers(text), self._show_buyers, lambda _e: None,
                        name="buyers")  # fmt: skip

    def _show_buyers(self, buyers: list[Buyer]) -> None:
        if not isValid(self):
            return
        self.buyers = buyers
        branch = self.tr("branch {branch}")
        self._buyer_model.setStringList(
            [f"{b.tax_id} · {b.name} ({branch.format(branch=b.branch)})" for b in buyers]
        )
        completer = self._buyer_from.completer()
        if buyers and completer is not None and self._buyer_from.hasFocus():
            completer.complete()

    def _choose_buyer(self, index: QModelIndex) -> None:
        row = index.row()
        if not 0 <= row < len(self.buyers):
            return
        b = self.buyers[row]
        # after the completer has put its text in the field: each field gets its own value
        QTimer.singleShot(0, lambda: self.fill_buyer(b))

    def fill_buyer(self, b: Buyer) -> None:
        if not isValid(self):
            return
        self.name_field.setText(b.name)
        self.tax_id_field.setText(b.tax_id)
        self.branch_field.setText(b.branch)
        self.address_field.setPlainText(b.address)
        self._validate()
        self.issue_button.setFocus()

    # --- issuing --------------------------------------------------------------------------
    def issue(self) -> None:
        try:
            buyer = self.buyer()
        except ShopError as exc:
            self._problem = exc.message(self._language())
            self.problem_label.setText(self._problem)
            self._update_buttons()
            return
        receipt_no = self.receipt_field.text().strip()
        if not receipt_no or self._busy or self._existing or self.worker.closed:
            return
        invoices = self.invoices
        self._set_busy(True)
        self.status_label.setText(self.tr("Issuing the tax invoice…"))
        self.worker.run(lambda: invoices.issue(receipt_no, buyer), self._on_issued,
                        self._on_failed, name="issue_tax_invoice")

    def _on_issued(self, invoice: TaxInvoice) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.invoice = invoice
        self._existing = True
        self.status_label.setText(self.tr("Tax invoice {number} issued.").format(
            number=invoice.number))
        self._deliver(invoice)

    def save_copy(self) -> None:
        if self.invoice is not None and not self._busy:
            self._deliver(replace(self.invoice, copy=True))

    def _deliver(self, invoice: TaxInvoice) -> None:
        """Save the PDF (and print the slip if asked), on the worker."""
        path = self.pdf_path or self._ask_path(invoice)
        slip = self.print_box.isChecked()
        if (path is None and not slip) or self.worker.closed:
            self._update_buttons()
            return
        invoices = self.invoices

        def work() -> tuple[Path | None, PrintJob | None]:
            written = invoices.write_pdf(invoice, path) if path is not None else None
            job = invoices.print_slip(invoice) if slip else None
            return written, job

        self._set_busy(True)
        self.worker.run(work, self._on_delivered, self._on_failed, name="tax_invoice_pdf")

    def _ask_path(self, invoice: TaxInvoice) -> Path | None:
        return ask_save_path(
            self, self.tr("Save the tax invoice"), f"{invoice.number}.pdf", "PDF (*.pdf)")

    def _on_delivered(self, outcome: tuple[Path | None, PrintJob | None]) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        written, job = outcome
        parts = [self.status_label.text()] if self.status_label.text() else []
        if written is not None:
            self.saved_path = written
            parts.append(self.tr("PDF saved: {path}").format(path=str(written)))
        if job is not None:
            parts.append(self.tr("Sent to the printer {name}.").format(name=job.printer))
        self.status_label.setText("\n".join(parts))

    def _on_failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        if isinstance(exc, ShopError):
            text = exc.message(self._language())
        else:
            text = self.tr("Something went wrong (it was logged).")
        self.status_label.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Full tax invoice"))
        for label, text in zip(
            self._labels,
            (self.tr("Receipt number"), self.tr("Buyer's name"), self.tr("Address"),
             self.tr("Tax ID (13 digits)"), self.tr("Branch (00000 = head office)")),
            strict=True,
        ):
            label.setText(text)
        self.print_box.setText(self.tr("Also print it on the receipt printer"))
        self.issue_button.setText(self.tr("Issue tax invoice"))
        self.copy_button.setText(self.tr("Save a copy"))
        self._validate()
