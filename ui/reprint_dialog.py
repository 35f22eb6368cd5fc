"""The reprint dialog (Ctrl+Shift+P): a copy (สำเนา / COPY) of the last or a typed receipt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui import style
from ui.shift_dialogs import Run, _WorkerDialog

if TYPE_CHECKING:
    from pos.domain.sale import Receipt
    from pos.services.checkout import Checkout
    from pos.services.printing import PrintQueue


@dataclass(frozen=True, slots=True)
class Reprinted:
    """The copy: its receipt (marked copy), its preview text, whether a printer took it."""

    receipt: Receipt
    text: str
    printed: bool


def reprint_copy(
    checkout: Checkout,
    render: Callable[[Receipt], str],
    printer: PrintQueue | None,
    receipt_no: str,
) -> Reprinted:
    """On the worker: find the receipt, print its copy on `printer` (None: only a preview),
    and draw the copy's preview text."""
    receipt = replace(checkout.reprint(receipt_no.strip()), copy=True)
    if printer is not None:
        printer.reprint(receipt.receipt_no)
    return Reprinted(receipt, render(receipt), printer is not None)


class ReprintDialog(_WorkerDialog):
    """The receipt number (the last sale's already typed); Enter prints its copy."""

    reprinted = Signal(object)  # Reprinted

    def __init__(
        self,
        work: Callable[[str], Reprinted],
        run: Run,
        receipt_no: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("reprintDialog", run, parent)
        self._work = work
        self._caption = QLabel()
        self.receipt_field = style.named(QLineEdit(receipt_no), "reprintReceipt")
        self._body.addWidget(self._caption)
        self._body.addWidget(self.receipt_field)
        self.resize(560, 260)
        self.retranslateUi()
        self.receipt_field.selectAll()
        self.receipt_field.setFocus()

    def _confirm(self) -> None:
        number, work = self.receipt_field.text().strip(), self._work
        if not number:
            self.show_message(self.tr("Scan the receipt's barcode or type its number"))
            return
        self._submit(lambda: work(number), self._done)

    def _done(self, copy: Reprinted) -> None:
        self.reprinted.emit(copy)
        self.accept()

    def _failed(self) -> None:
        self.receipt_field.selectAll()
        self.receipt_field.setFocus()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Reprint a receipt"))
        self._title.setText(self.tr("A copy of a receipt (marked สำเนา / COPY)"))
        self._caption.setText(self.tr("Receipt number (the last sale's, or scan another)"))
        self._ok.setText(self.tr("Print the copy (Enter)"))
