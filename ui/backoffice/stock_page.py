"""The back office's stock: receive a delivery, return goods to a producer, count, see on hand.

Goods are scanned into the focused scan field as at the till (a wedge scanner types the code
and Enter; `3*CODE` for three); each scan adds to its product's line. Posting a delivery or a
return writes the numbered document at once; its slip can be saved as a PDF for the producer to
sign. A count is started, scanned (each scan +1, or `N=CODE` for a quantity counted), checked
against what the movements said at each product's counting, and posted by a manager (or with a
manager's PIN).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from pos.domain.errors import ShopError
from pos.domain.stock import ReturnReason, StockLine, Variance
from pos.ports.stock import StockDocumentRecord
from pos.services.auth import Approval, Auth
from pos.services.stock import StockDesk
from ui import i18n, style
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


class GoodsTab(QWidget):
    """A producer's goods scanned into lines, then posted as one document."""

    def __init__(self, page: StockPage, name: str, *, reasons: bool) -> None:
        super().__init__()
        self.page = page
        self.setObjectName(name)
        self.lines: dict[str, tuple[str, str, Decimal]] = {}  # product id -> sku, name, qty
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
        self.remove_button = style.named(QPushButton(), f"{name}Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.status = style.named(QLabel(), f"{name}Status")
        self.status.setWordWrap(True)
        self.posted: StockDocumentRecord | None = None
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        self.form.addRow(self.labels[0], self.producer)
        self.form.addRow(self.labels[1], self.reason if reasons else self.reference)
        self.form.addRow(self.labels[2], self.scan)
        self.labels[1].setBuddy(self.reason if reasons else self.reference)
        self.labels[2].setBuddy(self.scan)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.post_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
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
        self.page.run(lambda: self.page.desk.find_product(code),
                      lambda p: self._add(p.product_id, p.sku, p.name_th, qty),
                      self._failed)  # fmt: skip

    def _add(self, pid: str, sku: str, name: str, qty: Decimal) -> None:
        _, _, had = self.lines.get(pid, (sku, name, Decimal(0)))
        self.lines[pid] = (sku, name, had + qty)
        self.posted = None
        self.slip_button.setEnabled(False)
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

    def post(self) -> None:
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
            work = lambda: desk.receive(actor, producer, lines, reference=ref)  # noqa: E731
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
        self.status.setText(self.tr("Saved as {number}.").format(number=doc.number))
        self.page.documents.append(doc)
        self.scan.setFocus()

    def _not_posted(self, exc: Exception) -> None:
        if isValid(self):
            self.post_button.setEnabled(True)
            self.status.setText(self.tr("Nothing was saved: {reason}").format(
                reason=_message(exc)))  # fmt: skip

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
        self.remove_button.setText(self.tr("Remove line"))
        names = {"unsold": self.tr("Unsold"), "expired": self.tr("Expired"),
                 "damaged": self.tr("Damaged")}  # fmt: skip
        for i in range(self.reason.count()):
            self.reason.setItemText(i, names[str(self.reason.itemData(i))])


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
    def __init__(self, page: StockPage) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("onHand")
        self.low = style.named(QCheckBox(), "onHandLow")
        self.low.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = style.named(QPushButton(), "onHandRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.table = _table("onHandTable", 6)
        bar = QHBoxLayout()
        bar.addWidget(self.low)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        low = self.low.isChecked()
        self.page.run(lambda: self.page.desk.on_hand(low_only=low), self._show, lambda _e: None)

    def _show(self, rows: list[Any]) -> None:
        if not isValid(self):
            return
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.sku, r.name_th, r.producer_code, _q(r.on_hand),
                     "" if r.low is None else _q(r.low),
                     r.best_before.isoformat() if r.best_before else "")  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def retranslateUi(self) -> None:
        self.low.setText(self.tr("Low stock only"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.table.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("Producer"), self.tr("On hand"),
            self.tr("Low at"), self.tr("Best before"),
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
