"""The back office's stock: receive a delivery, return goods to a producer, count, see on hand.

Goods are scanned into the focused scan field as at the till (a wedge scanner types the code
and Enter; `3*CODE` for three); each scan adds to its product's line. A code no product has is
kept aside (never received), and a curation application for it, with the code and the
delivery's producer filled in, is one button away. Posting a delivery or a return writes the
numbered document at once (a line far above the product's usual delivery is asked about once);
its slip for the producer to sign goes to the receipt printer or is saved as an A4 PDF. A count
is started, scanned (each scan +1, or `N=CODE` for a quantity counted), checked against what the
movements said at each product's counting, and posted by a manager (or with a manager's PIN).
The on-hand tab lists the products and, per gift basket, how many can be made and are ready.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Action, Actor
from pos.domain.catalog import CATEGORY_NAMES
from pos.domain.errors import ShopError
from pos.domain.stock import (
    NotCurated,
    OverDeliveryError,
    ProductFacts,
    ReturnReason,
    StockLine,
    UnknownCode,
    Variance,
)
from pos.ports.curation import ApplicationRecord
from pos.ports.print_jobs import PrintJob
from pos.ports.stock import OnHandRow, StockDocumentRecord
from pos.services.auth import Approval, Auth
from pos.services.baskets import Baskets, TemplateChoice
from pos.services.curation import Curation
from pos.services.stock import StockDesk
from ui import i18n, style
from ui.dialogs import ConfirmDialog
from ui.save_file import ask_save_path
from ui.shift_dialogs import ApprovalDialog
from ui.worker import Worker

T = TypeVar("T")


class StockServices(Protocol):
    """What the page needs of pos.app's Services."""

    @property
    def stock_desk(self) -> StockDesk: ...
    @property
    def auth(self) -> Auth: ...
    @property
    def baskets(self) -> Baskets: ...
    @property
    def curation(self) -> Curation: ...


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(i18n.current_language())
    return repr(exc)


def _q(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _table(name: str, columns: int) -> QTableWidget:
    table = style.named(QTableWidget(0, columns), name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ApplicationDialog(QDialog):
    """A curation application for a code no product has: the code and the delivery's producer
    filled in; the name, category and proposed price typed; Ctrl+S submits it (the page's
    worker), Esc closes."""

    submitted = Signal(object)  # ApplicationRecord

    def __init__(self, page: StockPage, code: str, producer: str) -> None:
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
            self.error.setText(_message(exc))


class GoodsTab(QWidget):
    """A producer's goods scanned into lines, then posted as one document."""

    def __init__(self, page: StockPage, name: str, *, reasons: bool) -> None:
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
        self.table = _table(f"{name}Lines", 3)
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
        self.status.setText(_message(NotCurated(p)))

    def _add(self, pid: str, sku: str, name: str, qty: Decimal) -> None:
        _, _, had = self.lines.get(pid, (sku, name, Decimal(0)))
        self.lines[pid] = (sku, name, had + qty)
        self.posted = None
        self.slip_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self._show()
        self.status.setText(self.tr("{sku}: {qty} in all").format(sku=sku, qty=_q(had + qty)))

    def _show(self) -> None:
        self.table.setRowCount(len(self.lines))
        for row, (sku, name, qty) in enumerate(self.lines.values()):
            for col, text in enumerate((sku, name, _q(qty))):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[list(self.lines)[row]]
            self._show()

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.status.setText(_message(exc))

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
        self.status.setText(self.tr("Nothing was saved: {reason}").format(reason=_message(exc)))

    def _ask_over(self, exc: OverDeliveryError) -> None:
        """Lines far above the usual delivery: asked once; yes receives them as they are."""
        self.status.setText(self.tr("Nothing was saved yet: {reason}").format(
            reason=_message(exc)))  # fmt: skip
        title, yes = self.tr("An unusually large delivery"), self.tr("Receive as it is (Enter)")
        dialog = ConfirmDialog("overDelivery", title, _message(exc), yes, self)
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


class CountTab(QWidget):
    """A stock count: start, scan, see the differences, post."""

    def __init__(self, page: StockPage) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("count")
        self.count: StockDocumentRecord | None = None
        self.scope = style.named(QLineEdit(), "countScope")
        self.start_button = style.named(QPushButton(), "countStart")
        self.start_button.clicked.connect(self.start)
        self.scan = style.named(QLineEdit(), "countScan")
        self.scan.returnPressed.connect(self.scanned)
        self.scan.setEnabled(False)
        self.table = _table("countLines", 6)
        self.check_button = style.named(QPushButton(), "countCheck")
        self.check_button.clicked.connect(self.check)
        self.post_button = style.named(QPushButton(), "countPost")
        self.post_button.clicked.connect(self.post)
        for b in (self.check_button, self.post_button):
            b.setEnabled(False)
        self.status = style.named(QLabel(), "countStatus")
        self.status.setWordWrap(True)
        self.variances: list[Variance] = []
        self.captions = [QLabel(), QLabel()]
        top = QHBoxLayout()
        top.addWidget(self.captions[0])
        top.addWidget(self.scope, 1)
        top.addWidget(self.start_button)
        scan = QHBoxLayout()
        scan.addWidget(self.captions[1])
        scan.addWidget(self.scan, 1)
        self.captions[0].setBuddy(self.scope)
        self.captions[1].setBuddy(self.scan)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.post_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(scan)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setFocusProxy(self.scope)

    def start(self) -> None:
        scope = self.scope.text()
        self.page.run(lambda: self.page.desk.start_count(self.page.actor, scope), self._started,
                      self._failed)  # fmt: skip

    def _started(self, doc: StockDocumentRecord) -> None:
        if not isValid(self):
            return
        self.count = doc
        self.scan.setEnabled(True)
        self.check_button.setEnabled(True)
        self.post_button.setEnabled(True)
        self.setFocusProxy(self.scan)
        self.scan.setFocus()
        self.status.setText(self.tr("Count {number} started: scan the goods.").format(
            number=doc.number))  # fmt: skip

    def scanned(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text or self.count is None:
            return
        figure, sep, code = text.partition("=")
        add = not sep
        if add:
            figure, code = "1", text
        try:
            qty = Decimal(figure)
        except InvalidOperation:
            self.status.setText(self.tr("{text}: type N=CODE for a quantity counted").format(
                text=text))  # fmt: skip
            return
        doc_id, actor, desk = self.count.document_id, self.page.actor, self.page.desk
        self.page.run(lambda: desk.count(actor, doc_id, code, qty, add=add), self._counted,
                      self._failed)  # fmt: skip

    def _counted(self, result: tuple[Any, Decimal]) -> None:
        if not isValid(self):
            return
        product, counted = result
        self.status.setText(self.tr("{sku}: {qty} counted").format(sku=product.sku,
                                                                    qty=_q(counted)))  # fmt: skip
        self.check()

    def check(self) -> None:
        if self.count is None:
            return
        doc_id = self.count.document_id
        self.page.run(lambda: (self.page.desk.document(doc_id), self.page.desk.variances(doc_id)),
                      self._show, self._failed)  # fmt: skip

    def _show(self, found: tuple[StockDocumentRecord, list[Variance]]) -> None:
        if not isValid(self):
            return
        doc, variances = found
        self.variances = variances
        by_id = {ln.product_id: ln for ln in doc.lines}
        self.table.setRowCount(len(variances))
        for row, v in enumerate(variances):
            ln = by_id[v.product_id]
            cells = (ln.sku, ln.name_th, _q(v.expected), _q(v.counted), _q(v.difference),
                     f"{v.value:,.2f}")  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def post(self) -> None:
        if self.count is None:
            return
        actor = self.page.actor
        if actor.may(Action.POST_COUNT):
            self._post(None)
            return
        dialog = ApprovalDialog(self.page.services.auth, actor, Action.POST_COUNT,
                                self.count.number, self.page.run_dialog, self,
                                reason=self.tr("Stock count {number}").format(
                                    number=self.count.number))  # fmt: skip
        dialog.approved.connect(self._post)
        self.page.approval_dialog = dialog
        dialog.open()

    def _post(self, approval: Approval | None) -> None:
        if self.count is None:
            return
        doc_id, actor, desk = self.count.document_id, self.page.actor, self.page.desk
        self.page.run(lambda: desk.post_count(actor, doc_id, approval), self._posted,
                      self._failed)  # fmt: skip

    def _posted(self, doc: StockDocumentRecord) -> None:
        if not isValid(self):
            return
        self.count = None
        self.scan.setEnabled(False)
        self.check_button.setEnabled(False)
        self.post_button.setEnabled(False)
        moved = sum(1 for v in self.variances if v.difference)
        self.status.setText(self.tr("Count {number} posted: {n} product(s) adjusted.").format(
            number=doc.number, n=moved))  # fmt: skip
        self.page.documents.append(doc)

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.status.setText(_message(exc))

    def retranslateUi(self) -> None:
        self.captions[0].setText(self.tr("What is counted"))
        self.captions[1].setText(self.tr("Scan (N=CODE: quantity counted)"))
        self.start_button.setText(self.tr("Start count"))
        self.check_button.setText(self.tr("Show differences"))
        self.post_button.setText(self.tr("Post count"))
        self.table.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("Expected"), self.tr("Counted"),
            self.tr("Difference"), self.tr("Value"),
        ])  # fmt: skip


class OnHandTab(QWidget):
    """Products on hand (or only the low ones) and, per gift basket, how many can be made from
    the components on hand and how many are ready-made (the till's rule)."""

    def __init__(self, page: StockPage) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("onHand")
        self.low = style.named(QCheckBox(), "onHandLow")
        self.low.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = style.named(QPushButton(), "onHandRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.table = _table("onHandTable", 6)
        self.baskets_caption = QLabel()
        self.baskets = _table("onHandBaskets", 5)
        self.status = style.named(QLabel(), "onHandStatus")
        bar = QHBoxLayout()
        bar.addWidget(self.low)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.baskets_caption)
        layout.addWidget(self.baskets, 1)
        layout.addWidget(self.status)

    def refresh(self) -> None:
        low = self.low.isChecked()
        desk, baskets = self.page.desk, self.page.services.baskets
        self.page.run(lambda: (desk.on_hand(low_only=low), baskets.choices()), self._show,
                      self._failed)  # fmt: skip

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.status.setText(_message(exc))

    def _show(self, found: tuple[list[OnHandRow], list[TemplateChoice]]) -> None:
        if not isValid(self):
            return
        rows, choices = found
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.sku, r.name_th, r.producer_code, _q(r.on_hand),
                     "" if r.low is None else _q(r.low),
                     r.best_before.isoformat() if r.best_before else "")  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.baskets.setRowCount(len(choices))
        for i, c in enumerate(choices):
            name = c.template.name_th if i18n.current_language() == "th" else c.template.name_en
            basket = (c.template.code, name, f"{c.price:,.2f}", str(c.can_make), _q(c.ready))
            for col, text in enumerate(basket):
                self.baskets.setItem(i, col, QTableWidgetItem(text))
        self.status.setText("")

    def retranslateUi(self) -> None:
        self.low.setText(self.tr("Low stock only"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.table.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("Producer"), self.tr("On hand"),
            self.tr("Low at"), self.tr("Best before"),
        ])  # fmt: skip
        self.baskets_caption.setText(self.tr("Gift baskets"))
        self.baskets.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Basket"), self.tr("Price"), self.tr("Can be made"),
            self.tr("Ready-made"),
        ])  # fmt: skip


class StockPage(QWidget):
    """Receiving, returns to producers, counts and on hand, one tab each."""

    def __init__(self, services: StockServices, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockPage")
        self.services = services
        self.desk = services.stock_desk
        self.actor = actor
        self.worker = Worker(self)
        self.documents: list[StockDocumentRecord] = []
        self.approval_dialog: ApprovalDialog | None = None
        self.ask_path: Callable[[str], str] = self._ask_path
        self.tabs = style.named(QTabWidget(), "stockTabs")
        self.receiving = GoodsTab(self, "receive", reasons=False)
        self.returning = GoodsTab(self, "return", reasons=True)
        self.counting = CountTab(self)
        self.on_hand = OnHandTab(self)
        for w in (self.receiving, self.returning, self.counting, self.on_hand):
            self.tabs.addTab(w, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self._focus())
        self.setFocusProxy(self.receiving)
        self.retranslateUi()
        self.run(self.desk.producers, self._producers, lambda _e: None)
        self.on_hand.refresh()

    def _producers(self, producers: list[tuple[str, str, str, str]]) -> None:
        if isValid(self):
            self.receiving.fill_producers(producers)
            self.returning.fill_producers(producers)

    def _focus(self) -> None:
        page = self.tabs.currentWidget()
        if page is not None:
            self.setFocusProxy(page)
            page.setFocus()
        if page is self.on_hand:  # goods received, returned or sold since: read them again
            self.on_hand.refresh()

    def run(self, fn: Callable[[], T], ok: Callable[[T], None],
            fail: Callable[[Exception], None]) -> None:  # fmt: skip
        if not self.worker.closed:
            self.worker.run(fn, ok, fail, name="stock")

    def run_dialog(self, fn: Callable[[], T], ok: Callable[[T], None],
                   fail: Callable[[Exception], None], /) -> None:  # fmt: skip
        self.run(fn, ok, fail)

    def _ask_path(self, file_name: str) -> str:
        """Qt's own save dialog (in the window's language), in the Documents folder."""
        path = ask_save_path(self, self.tr("Save the slip"), file_name, "PDF (*.pdf)")
        return "" if path is None else str(path)

    def retranslateUi(self) -> None:
        for i, text in enumerate((self.tr("Receive goods"), self.tr("Return to producer"),
                                  self.tr("Stock count"), self.tr("On hand"))):  # fmt: skip
            self.tabs.setTabText(i, text)
        self.receiving.retranslateUi(True)
        self.returning.retranslateUi(False)
        self.counting.retranslateUi()
        self.on_hand.retranslateUi()

    def shutdown(self) -> None:
        self.worker.shutdown()
