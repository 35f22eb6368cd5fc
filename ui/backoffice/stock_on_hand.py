"""The stock page's on hand: the products (or the low ones) and what each gift basket can make."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.ports.stock import OnHandRow
from pos.services.baskets import TemplateChoice
from ui import i18n, style
from ui.backoffice.stock_common import StockHost, message, plain, table


class OnHandTab(QWidget):
    """Products on hand (or only the low ones) and, per gift basket, how many can be made from
    the components on hand and how many are ready-made (the till's rule)."""

    def __init__(self, page: StockHost) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("onHand")
        self.low = style.named(QCheckBox(), "onHandLow")
        self.low.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = style.named(QPushButton(), "onHandRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.table = table("onHandTable", 6)
        self.baskets_caption = QLabel()
        self.baskets = table("onHandBaskets", 5)
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
            self.status.setText(message(exc))

    def _show(self, found: tuple[list[OnHandRow], list[TemplateChoice]]) -> None:
        if not isValid(self):
            return
        rows, choices = found
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.sku, r.name_th, r.producer_code, plain(r.on_hand),
                     "" if r.low is None else plain(r.low),
                     r.best_before.isoformat() if r.best_before else "")  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.baskets.setRowCount(len(choices))
        for i, c in enumerate(choices):
            name = c.template.name_th if i18n.current_language() == "th" else c.template.name_en
            basket = (c.template.code, name, f"{c.price:,.2f}", str(c.can_make), plain(c.ready))
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
