"""The stock page's count: start, scan (+1, or `N=CODE`), see the differences, post."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
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
from pos.domain.stock import (
    Variance,
)
from pos.ports.stock import StockDocumentRecord
from pos.services.auth import Approval
from ui import style
from ui.backoffice.stock_common import StockHost, message, plain, table
from ui.shift_dialogs import ApprovalDialog


class CountTab(QWidget):
    """A stock count: start, scan, see the differences, post."""

    def __init__(self, page: StockHost) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("count")
        self.count: StockDocumentRecord | None = None
        self.scope = style.named(QLineEdit(), "countScope")
        self.start_button = style.named(QPushButton(), "countStart")
        self.start_button.clicked.connect(self.start)
        self.scope.returnPressed.connect(self.start)  # Enter after the shelf's name starts it
        self.scan = style.named(QLineEdit(), "countScan")
        self.scan.returnPressed.connect(self.scanned)
        self.scan.setEnabled(False)
        self.table = table("countLines", 6)
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
        text = self.tr("{sku}: {qty} counted")
        self.status.setText(text.format(sku=product.sku, qty=plain(counted)))
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
            cells = (ln.sku, ln.name_th, plain(v.expected), plain(v.counted), plain(v.difference),
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
            self.status.setText(message(exc))

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
