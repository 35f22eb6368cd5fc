"""The stock page's receiving and returns: a producer's goods scanned into lines, posted as one
document, its slip printed or saved."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Action
from pos.domain.errors import ShopError
from pos.domain.stock import (
    NotCurated,
    OverDeliveryError,
    ProductFacts,
    ReturnReason,
    StockLine,
    UnknownCode,
)
from pos.ports.curation import ApplicationRecord
from pos.ports.print_jobs import PrintJob
from pos.ports.stock import StockDocumentRecord
from ui import i18n, style
from ui.backoffice.stock_application import ApplicationDialog
from ui.backoffice.stock_common import StockHost, message, plain, table
from ui.dialogs import ConfirmDialog


class GoodsTab(QWidget):
    """A producer's goods scanned into lines, then posted as one document."""

    def __init__(self, page: StockHost, name: str, *, reasons: bool) -> None:
        super().__init__()
        self.page = page
        self.setObjectName(name)
        self.lines: dict[str, tuple[str, str, Decimal]] = {}  # product id -> sku, name, qty
        self.aside: dict[str, str] = {}  # code -> "" (no product), "pending" or "rejected"
        self.unknown = ""  # the last unknown code scanned (the application button's)
        self.producer = style.named(QComboBox(), f"{name}Producer")
        self.producer.setEditable(False)
        self.reference = style.named(QLineEdit(), f"{name}Reference")
        self.reason = style.named(QComboBox(), f"{name}Reason")
        for r in ReturnReason:
            self.reason.addItem("", r.value)
        self.reason.setVisible(reasons)
        self.scan = style.named(QLineEdit(), f"{name}Scan")
        self.scan.returnPressed.connect(self.scanned)
        self.table = table(f"{name}Lines", 3)
        self.post_button = style.named(QPushButton(), f"{name}Post")
        self.post_button.clicked.connect(self.post)
        self.slip_button = style.named(QPushButton(), f"{name}Slip")
        self.slip_button.clicked.connect(self.save_slip)
        self.slip_button.setEnabled(False)
        self.print_button = style.named(QPushButton(), f"{name}PrintSlip")
        self.print_button.clicked.connect(self.print_slip)
        self.print_button.setEnabled(False)
        self.remove_button = style.named(QPushButton(), f"{name}Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.status = style.named(QLabel(), f"{name}Status")
        self.status.setWordWrap(True)
        self.aside_label = style.named(QLabel(), f"{name}Aside")
        self.aside_label.setWordWrap(True)
        self.aside_label.hide()
        self.apply_button = style.named(QPushButton(), f"{name}Apply")
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.hide()
        self.posted: StockDocumentRecord | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self.application: ApplicationDialog | None = None
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        self.form.addRow(self.labels[0], self.producer)
        self.form.addRow(self.labels[1], self.reason if reasons else self.reference)
        self.form.addRow(self.labels[2], self.scan)
        self.labels[1].setBuddy(self.reason if reasons else self.reference)
        self.labels[2].setBuddy(self.scan)
        aside = QHBoxLayout()
        aside.addWidget(self.aside_label, 1)
        aside.addWidget(self.apply_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.post_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addLayout(aside)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.kind_reasons = reasons
        self.setFocusProxy(self.scan)

    def fill_producers(self, producers: list[tuple[str, str, str, str]]) -> None:
        self.producer.clear()
        for _pid, code, th, en in producers:
            name = th if i18n.current_language() == "th" else en
            self.producer.addItem(f"{code} {name}", code)

    def scanned(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        count, sep, code = text.partition("*")
        if not sep:
            count, code = "1", text
        try:
            qty = Decimal(count)
        except InvalidOperation:
            qty = Decimal(0)
        if not qty.is_finite() or qty <= 0:
            self.status.setText(self.tr("{text}: give a quantity like 3*CODE").format(text=text))
            return
        desk = self.page.desk
        self.page.run(lambda: desk.find_product(code), lambda p: self._found(code, p, qty),
                      self._scan_failed)  # fmt: skip

    def _found(self, code: str, p: ProductFacts, qty: Decimal) -> None:
        if not isValid(self):
            return
        if self.kind_reasons or p.curation == "approved":
            self._add(p.product_id, p.sku, p.name_th, qty)
            return
        # a product the committee has not approved (yet): its goods are kept aside too
        self.aside[code.strip()] = "rejected" if p.curation == "rejected" else "pending"
        self._show_aside()
        self.status.setText(message(NotCurated(p)))

    def _add(self, pid: str, sku: str, name: str, qty: Decimal) -> None:
        _, _, had = self.lines.get(pid, (sku, name, Decimal(0)))
        self.lines[pid] = (sku, name, had + qty)
        self.posted = None
        self.slip_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self._show()
        self.status.setText(self.tr("{sku}: {qty} in all").format(sku=sku, qty=plain(had + qty)))

    def _show(self) -> None:
        self.table.setRowCount(len(self.lines))
        for row, (sku, name, qty) in enumerate(self.lines.values()):
            for col, text in enumerate((sku, name, plain(qty))):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[list(self.lines)[row]]
            self._show()

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.status.setText(message(exc))

    # --- a code no product has: kept aside, a curation application offered -----------------
    def _scan_failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        if not isinstance(exc, UnknownCode) or self.kind_reasons:
            self._failed(exc)
            return
        self.aside.setdefault(exc.code, "")
        self.unknown = exc.code
        self._show_aside()
        if self.page.actor.may(Action.CURATE):
            self.status.setText(self.tr("No product has the code {code}: it is kept aside and "
                                        "not received. Start a curation application for it, or "
                                        "scan the next item.").format(code=exc.code))  # fmt: skip
        else:
            self.status.setText(self.tr("No product has the code {code}: it is kept aside and "
                                        "not received. A manager can start a curation "
                                        "application for it.").format(code=exc.code))  # fmt: skip

    def _show_aside(self) -> None:
        parts = []
        for code, state in self.aside.items():
            if state == "pending":
                parts.append(self.tr("{code} (application submitted)").format(code=code))
            elif state == "rejected":
                parts.append(self.tr("{code} (not approved)").format(code=code))
            else:
                parts.append(code)
        self.aside_label.setText(self.tr("Kept aside, not received: {codes}").format(
            codes=", ".join(parts)))  # fmt: skip
        self.aside_label.setVisible(bool(self.aside))
        pending = bool(self.unknown) and not self.aside.get(self.unknown)
        self.apply_button.setText(self.tr("Start a curation application for {code}").format(
            code=self.unknown))  # fmt: skip
        self.apply_button.setVisible(pending and self.page.actor.may(Action.CURATE))

    def apply(self) -> None:
        """The curation application for the last unknown code, the producer filled in."""
        if not self.unknown:
            return
        dialog = ApplicationDialog(self.page, self.unknown, str(self.producer.currentData() or ""))
        dialog.submitted.connect(self._applied)
        dialog.finished.connect(lambda _r: self._back_to_scan())
        self.application = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.name_th.setFocus()  # the code and the producer are filled in: the name next

    def _back_to_scan(self) -> None:
        """After a dialog: the keyboard back to the scan field (the window active again)."""
        if isValid(self):
            self.window().activateWindow()
            self.scan.setFocus()

    def _applied(self, record: ApplicationRecord) -> None:
        if not isValid(self):
            return
        code = self.unknown
        self.aside[code] = "pending"
        self.unknown = ""
        self._show_aside()
        self.status.setText(self.tr("Curation application for {sku} submitted: the goods stay "
                                    "aside until the committee approves it.").format(
            sku=record.details.sku))  # fmt: skip

    # --- posting ---------------------------------------------------------------------------
    def post(self, *, confirm_over: bool = False) -> None:
        if not self.lines:
            self.status.setText(self.tr("Scan the goods first."))
            return
        desk, actor = self.page.desk, self.page.actor
        producer = str(self.producer.currentData() or "")
        lines = [StockLine(pid, qty) for pid, (_, _, qty) in self.lines.items()]
        if self.kind_reasons:
            reason = ReturnReason(str(self.reason.currentData()))
            work: Callable[[], StockDocumentRecord] = lambda: desk.return_to_producer(  # noqa: E731
                actor, producer, reason, lines
            )
        else:
            ref = self.reference.text()
            work = lambda: desk.receive(actor, producer, lines, reference=ref,  # noqa: E731
                                        confirm_over=confirm_over)  # fmt: skip
        self.post_button.setEnabled(False)
        self.page.run(work, self._posted, self._not_posted)

    def _posted(self, doc: StockDocumentRecord) -> None:
        if not isValid(self):
            return
        self.post_button.setEnabled(True)
        self.posted = doc
        self.lines.clear()
        self._show()
        self.reference.clear()
        self.slip_button.setEnabled(True)
        self.print_button.setEnabled(self.page.desk.can_print)
        aside = len(self.aside)
        if aside:
            text = self.tr("Saved as {number}. {n} code(s) kept aside, not received.")
            self.status.setText(text.format(number=doc.number, n=aside))
        else:
            self.status.setText(self.tr("Saved as {number}.").format(number=doc.number))
        self.aside.clear()
        self.unknown = ""
        self._show_aside()
        self.page.documents.append(doc)
        self.scan.setFocus()

    def _not_posted(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self.post_button.setEnabled(True)
        if isinstance(exc, OverDeliveryError):
            self._ask_over(exc)
            return
        self.status.setText(self.tr("Nothing was saved: {reason}").format(reason=message(exc)))

    def _ask_over(self, exc: OverDeliveryError) -> None:
        """Lines far above the usual delivery: asked once; yes receives them as they are."""
        self.status.setText(self.tr("Nothing was saved yet: {reason}").format(
            reason=message(exc)))  # fmt: skip
        title, yes = self.tr("An unusually large delivery"), self.tr("Receive as it is (Enter)")
        dialog = ConfirmDialog("overDelivery", title, message(exc), yes, self)
        dialog.accepted.connect(lambda: self.post(confirm_over=True))
        dialog.rejected.connect(self._back_to_scan)
        self.confirm_dialog = dialog
        dialog.open()

    # --- the slip --------------------------------------------------------------------------
    def save_slip(self) -> None:
        doc = self.posted
        if doc is None:
            return
        path = self.page.ask_path(f"{doc.number}.pdf")
        if not path:
            return
        try:  # Qt lays the PDF out: on the UI thread, where its fonts are drawn
            self.page.desk.write_slip(doc, Path(path))
        except (ShopError, OSError) as exc:
            self._failed(exc)
            return
        self.status.setText(self.tr("Slip saved: {path}").format(path=path))

    def print_slip(self) -> None:
        """The slip on the receipt printer, through the print queue (on the page's worker)."""
        doc, desk = self.posted, self.page.desk
        if doc is None:
            return
        self.print_button.setEnabled(False)
        self.page.run(lambda: desk.print_slip(doc), self._printed, self._not_printed)

    def _printed(self, job: PrintJob) -> None:
        if isValid(self):
            self.print_button.setEnabled(True)
            self.status.setText(self.tr("Slip {number} printed on {printer}.").format(
                number=job.document_ref, printer=job.printer))  # fmt: skip

    def _not_printed(self, exc: Exception) -> None:
        if isValid(self):
            self.print_button.setEnabled(True)
            self._failed(exc)

    def retranslateUi(self, receiving: bool) -> None:
        texts = (self.tr("Producer"), self.tr("Reason") if not receiving else
                 self.tr("Delivery note no."), self.tr("Scan or type a code"), "")  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"),
                                              self.tr("Quantity")])  # fmt: skip
        self.post_button.setText(self.tr("Receive (save)") if receiving else
                                 self.tr("Return (save)"))  # fmt: skip
        self.slip_button.setText(self.tr("Save slip as PDF"))
        self.print_button.setText(self.tr("Print slip (receipt printer)"))
        self.remove_button.setText(self.tr("Remove line"))
        names = {"unsold": self.tr("Unsold"), "expired": self.tr("Expired"),
                 "damaged": self.tr("Damaged")}  # fmt: skip
        for i in range(self.reason.count()):
            self.reason.setItemText(i, names[str(self.reason.itemData(i))])
        self._show_aside()
