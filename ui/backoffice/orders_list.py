"""The orders page's list: a tab per status with its count, the search field, the orders."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTabBar, QVBoxLayout, QWidget

from pos.domain.money import format_baht
from pos.domain.orders import OrderStatus
from pos.ports.orders import OrderSummary
from ui import style
from ui.backoffice.listing import RecordTable
from ui.backoffice.orders_common import lang, when

ALL = ""  # the status tab that shows every order
TABS: tuple[str, ...] = (ALL, *(s.value for s in OrderStatus))


def summary_cells(o: OrderSummary) -> list[str]:
    return [
        o.order_no,
        when(o.created_at),
        o.name,
        o.phone,
        o.status.label.pick(lang()),
        o.payment.label.pick(lang()) if hasattr(o.payment, "label") else o.payment.value,
        format_baht(o.total),
        QCoreApplication.translate("OrdersPage", "attached") if o.slip else "",
    ]


class OrdersListPanel(QWidget):
    """The status tabs over the searchable list; `opened` gives the order number to open."""

    opened = Signal(str)
    status_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[OrderStatus, int] = {}
        self.summaries: list[OrderSummary] = []
        self.status_tabs = style.named(QTabBar(), "ordersStatus")
        self.status_tabs.setExpanding(False)
        self.status_tabs.setUsesScrollButtons(True)  # eight statuses in a narrow list
        for _ in TABS:
            self.status_tabs.addTab("")
        self.status_tabs.currentChanged.connect(lambda _i: self.status_changed.emit())
        self.search = QLineEdit()
        self.list = RecordTable("ordersList", [""] * 8, self.search)
        self.list.opened.connect(self.opened.emit)
        self.list.activated.connect(lambda index: self.opened.emit(self.list.key_at(index.row())))
        self.list_status = style.named(QLabel(), "ordersListStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_tabs)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.list_status)
        self.setFocusProxy(self.search)

    def current_status(self) -> OrderStatus | None:
        value = TABS[max(0, self.status_tabs.currentIndex())]
        return OrderStatus(value) if value else None

    def show_status(self, status: OrderStatus | None) -> None:
        self.status_tabs.setCurrentIndex(TABS.index(status.value if status else ALL))

    def show_orders(
        self, counts: dict[OrderStatus, int], summaries: list[OrderSummary], keep: str | None
    ) -> None:
        """The counts on the tabs and the orders listed, the open one kept selected."""
        self.counts, self.summaries = counts, summaries
        self._tab_texts()
        self.list.set_rows([(o.order_no, summary_cells(o)) for o in summaries], keep)
        self._fit_columns()
        self.list_status.setText(
            QCoreApplication.translate("OrdersPage", "{n} order(s)").format(n=len(summaries))
        )

    def select(self, order_no: str) -> None:
        keys = self.list.shown_keys()
        if order_no in keys:
            self.list.selectRow(keys.index(order_no))

    def _fit_columns(self) -> None:
        """Columns as wide as their text plus the style sheet's cell padding (which Qt's
        resize-to-contents leaves out, eliding order numbers by a few pixels)."""
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list.resizeColumnsToContents()
        for col in range(header.count() - 1):
            header.resizeSection(col, header.sectionSize(col) + 14)

    def _tab_texts(self) -> None:
        total = sum(self.counts.values())
        self.status_tabs.setTabText(
            0, QCoreApplication.translate("OrdersPage", "All ({n})").format(n=total)
        )
        for i, value in enumerate(TABS[1:], 1):
            status = OrderStatus(value)
            self.status_tabs.setTabText(
                i, f"{status.label.pick(lang())} ({self.counts.get(status, 0)})"
            )

    def retranslateUi(self) -> None:
        self.list.model_.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("OrdersPage", "Order"),
                QCoreApplication.translate("OrdersPage", "Placed"),
                QCoreApplication.translate("OrdersPage", "Customer"),
                QCoreApplication.translate("OrdersPage", "Phone"),
                QCoreApplication.translate("OrdersPage", "Status"),
                QCoreApplication.translate("OrdersPage", "Payment"),
                QCoreApplication.translate("OrdersPage", "Total"),
                QCoreApplication.translate("OrdersPage", "Slip"),
            ]
        )
        self.search.setPlaceholderText(
            QCoreApplication.translate("OrdersPage", "Search: order no., name, phone (Ctrl+F)")
        )
        self._tab_texts()
