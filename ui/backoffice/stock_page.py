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

The tabs are modules of their own: receiving and returns (stock_goods.py, with the curation
application of stock_application.py), the count (stock_count.py), on hand (stock_on_hand.py);
what they share and the page as they see it (StockHost) are in stock_common.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.ports.stock import StockDocumentRecord
from ui import style
from ui.backoffice.stock_common import StockHost, StockServices
from ui.backoffice.stock_count import CountTab
from ui.backoffice.stock_goods import GoodsTab
from ui.backoffice.stock_on_hand import OnHandTab
from ui.save_file import ask_save_path
from ui.shift_dialogs import ApprovalDialog
from ui.worker import Worker

__all__ = ["StockPage", "StockServices"]


class StockPage(StockHost):
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
