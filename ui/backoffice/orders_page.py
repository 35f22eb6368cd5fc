"""The back office's online orders: the list by status with counts, an order's detail, and the
steps from payment to the customer's hands.

A status bar of tabs (each with its count) filters the list, typing in the search field filters
it further; Enter (or a double click) opens an order. Its lines, customer and payment are shown,
with the slip image the customer uploaded beside them. The actions follow the order's status:
confirm a PromptPay payment, start picking, print the pick list, pack by scanning each unit
into the focused scan field (a wrong product or one too many is refused; the order is packed
when every unit is ticked), ship with a carrier and a tracking number typed or scanned (checked
at once: Thailand Post's S10 check digit), the 100x150 mm label as a PDF or on the label
printer, mark delivered, cancel with a reason. A PromptPay payment that arrives after the
reservation ran out is confirmed the same way while the stock lasts, or noted "paid late, refund
due". The sale's full tax invoice is numbered on the web terminal's series. Database work runs
on the page's worker.

The page is put together from panels: the list (orders_list.py), the open order's detail
(order_detail.py), and the steps: payment (order_pay.py), picking and packing
(order_pack.py), shipping and the label (order_ship.py), handing over and cancelling
(order_hand_over.py). Another part of the window goes in as a tab with
`OrdersPage.add_tab(title, widget)`; another part of the order's detail with
`OrdersPage.detail.add_section(widget)` (told of each order shown through the widget's
`show_order(order)` if it has one).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QPagedPaintDevice, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.orders import OrderStatus
from pos.ports.orders import OrderSummary, OrderView, PackProgress
from ui import style
from ui.backoffice.chat_panel import chat_panel, with_chat_tab
from ui.backoffice.order_detail import OrderDetailPanel
from ui.backoffice.order_hand_over import HandOverPanel
from ui.backoffice.order_pack import PackPanel
from ui.backoffice.order_pay import PayPanel
from ui.backoffice.order_ship import ShipPanel
from ui.backoffice.orders_common import OrdersServices, message
from ui.backoffice.orders_list import OrdersListPanel
from ui.save_file import ask_save_path
from ui.worker import Worker

if TYPE_CHECKING:
    from pos.services.order_desk import OrderDesk
    from ui.tax_invoice_dialog import TaxInvoiceDialog

__all__ = ["OrdersPage", "OrdersServices"]

T = TypeVar("T")
_Loaded = tuple[OrderView, PackProgress | None, bytes | None]
POLL_MS = 30_000  # how often the list looks for new orders


class OrdersPage(QWidget):
    """The orders list and the open order, side by side (fits 1366x768)."""

    def __init__(
        self, services: OrdersServices, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPage")
        self.desk = services.order_desk
        self.shipping = services.shipping
        self.tax_invoices = services.tax_invoices
        self.actor = actor
        self.worker = Worker(self)
        self.order: OrderView | None = None
        self.progress: PackProgress | None = None
        self.ask_path: Callable[[str, str], str] = self._ask_path

        self.orders = OrdersListPanel()
        self.orders.status_changed.connect(self.refresh)
        self.orders.opened.connect(self.open_order)
        self.detail = OrderDetailPanel()
        self.pay = PayPanel(self, self.tax_invoices, self.worker, self)
        self.pack = PackPanel(self, self)
        self.shipper = ShipPanel(self, self)
        self.hand_over = HandOverPanel(self, self)
        self._build_captions()
        self._widget_names()

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self._steps_box())
        detail_layout.addWidget(self.message)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.orders)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([500, 760])
        # the orders are the first tab; with no other tab the bar is hidden. With chat, the
        # staff's conversations are the second (ui/backoffice/chat_panel.py)
        self.chat_panel = chat_panel(services, actor, self.worker, self.open_order)
        tabs = with_chat_tab(self.splitter, self.chat_panel)
        if not isinstance(tabs, QTabWidget):
            tabs = style.named(QTabWidget(), "ordersTabs")
            tabs.setDocumentMode(True)
            tabs.addTab(self.splitter, "")
        self.tabs: QTabWidget = tabs
        self.tabs.setTabBarAutoHide(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.search)

        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self._find)
        reload = QShortcut(QKeySequence("F5"), self)
        reload.activated.connect(self.refresh)
        # orders keep arriving from the web shop: the counts and the list are read again
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)
        self.poll.start()
        self.retranslateUi()
        self._show_order()
        self.refresh()

    def _build_captions(self) -> None:
        self.message = style.named(QLabel(), "orderMessage")
        self.message.setWordWrap(True)
        self.captions = {
            "scan": self.pack.scan_caption,
            "carrier": self.shipper.carrier_caption,
            "tracking": self.shipper.tracking_caption,
            "tender": self.hand_over.tender_caption,
            "reason": self.hand_over.reason_caption,
        }

    def _widget_names(self) -> None:
        """The panels' widgets under the page's own names (the tests and shortcuts use them)."""
        self.status_tabs, self.search = self.orders.status_tabs, self.orders.search
        self.list, self.list_status = self.orders.list, self.orders.list_status
        self.title, self.customer, self.slip = (
            self.detail.title,
            self.detail.customer,
            self.detail.slip,
        )
        self.lines, self.totals, self.history = (
            self.detail.lines,
            self.detail.totals,
            self.detail.history,
        )
        self.confirm_button = self.pay.confirm_button
        self.late_refund_button = self.pay.late_refund_button
        self.invoice_button = self.pay.invoice_button
        self.pick_button, self.pick_list_button = self.pack.pick_button, self.pack.pick_list_button
        self.pack_scan, self.packed_button = self.pack.pack_scan, self.pack.packed_button
        self.carrier, self.tracking = self.shipper.carrier, self.shipper.tracking
        self.ship_button = self.shipper.ship_button
        self.label_pdf_button = self.shipper.label_pdf_button
        self.label_print_button = self.shipper.label_print_button
        self.tender, self.delivered_button = self.hand_over.tender, self.hand_over.delivered_button
        self.cancel_reason, self.cancel_button = (
            self.hand_over.cancel_reason,
            self.hand_over.cancel_button,
        )

    def _steps_box(self) -> QGroupBox:
        self.steps = style.named(QGroupBox(), "orderSteps")
        grid = QGridLayout(self.steps)
        # five rows, in the order of the steps: pay, pick, pack, ship (label), hand over, cancel
        grid.addWidget(self.confirm_button, 0, 0)
        grid.addWidget(self.late_refund_button, 0, 1)
        grid.addWidget(self.pick_button, 0, 2, 1, 2)
        grid.addWidget(self.pick_list_button, 0, 4, 1, 2)
        grid.addWidget(self.captions["scan"], 1, 0)
        grid.addWidget(self.pack_scan, 1, 1, 1, 4)
        grid.addWidget(self.packed_button, 1, 5)
        grid.addWidget(self.captions["carrier"], 2, 0)
        grid.addWidget(self.carrier, 2, 1, 1, 2)
        grid.addWidget(self.captions["tracking"], 2, 3)
        grid.addWidget(self.tracking, 2, 4)
        grid.addWidget(self.ship_button, 2, 5)
        grid.addWidget(self.invoice_button, 3, 0)
        grid.addWidget(self.label_pdf_button, 3, 1)
        grid.addWidget(self.label_print_button, 3, 2)
        grid.addWidget(self.captions["tender"], 3, 3)
        grid.addWidget(self.tender, 3, 4)
        grid.addWidget(self.delivered_button, 3, 5)
        grid.addWidget(self.captions["reason"], 4, 0)
        grid.addWidget(self.cancel_reason, 4, 1, 1, 4)
        grid.addWidget(self.cancel_button, 4, 5)
        grid.setColumnStretch(4, 1)
        return self.steps

    def add_tab(self, title: str, widget: QWidget) -> int:
        """Another part of the orders window (e.g. the staff chat) as a tab after the orders;
        the tab bar shows once there are two. Returns the tab's index."""
        return self.tabs.addTab(widget, title)

    @property
    def invoice_dialog(self) -> TaxInvoiceDialog | None:
        return self.pay.invoice_dialog

    @property
    def summaries(self) -> list[OrderSummary]:
        return self.orders.summaries

    @property
    def counts(self) -> dict[OrderStatus, int]:
        return self.orders.counts

    # --- background work ------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], T],
        ok: Callable[[T], None],
        fail: Callable[[Exception], None] | None = None,
    ) -> None:
        """`fn` on the worker; `ok` (or `fail`) back on the UI thread while the page lives."""
        if self.worker.closed:
            return
        on_fail = fail or self.failed

        def done(result: T) -> None:
            if isValid(self):
                ok(result)

        def failed(exc: Exception) -> None:
            if isValid(self):
                on_fail(exc)

        self.worker.run(fn, done, failed, name="orders")

    def failed(self, exc: Exception) -> None:
        self.say(message(exc))

    def say(self, text: str) -> None:
        if isValid(self):
            self.message.setText(text)

    def done(self, text: str) -> Callable[[object], None]:
        def done(_result: object) -> None:
            self.say(text)
            self.refresh()

        return done

    def shutdown(self) -> None:
        self.poll.stop()
        self.worker.shutdown()

    def _poll(self) -> None:
        if not self.worker.pending and not self.worker.closed:
            self.list_orders()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page (its tab chosen again) reads the list again: the orders
        placed on the web meanwhile are there at once, not at the next poll (30 s)."""
        super().showEvent(event)
        if not event.spontaneous():
            self._poll()

    def _find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()

    # --- the list -------------------------------------------------------------------------
    def current_status(self) -> OrderStatus | None:
        return self.orders.current_status()

    def show_status(self, status: OrderStatus | None) -> None:
        self.orders.show_status(status)

    def refresh(self) -> None:
        """The counts and the list of the status tab chosen (and the open order again)."""
        self.list_orders()
        if self.order is not None:
            self.open_order(self.order.order_no)

    def list_orders(self) -> None:
        desk, status = self.desk, self.current_status()
        self.run(lambda: (desk.counts(), desk.list(status)), self._listed)

    def _listed(self, result: tuple[dict[OrderStatus, int], list[OrderSummary]]) -> None:
        keep = self.order.order_no if self.order is not None else None
        self.orders.show_orders(*result, keep)

    def pickable(self) -> list[str]:
        """The orders listed whose goods are to be picked (paid, or COD / pay at pick-up)."""
        return [
            o.order_no
            for o in self.summaries
            if o.status in (OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.NEW)
        ]

    # --- the order ------------------------------------------------------------------------
    def open_order(self, order_no: str) -> None:
        desk = self.desk
        self.run(lambda: self._load(desk, order_no), self._opened)

    @staticmethod
    def _load(desk: OrderDesk, order_no: str) -> _Loaded:
        order = desk.order(order_no)
        progress = desk.pack_progress(order_no) if order.status is OrderStatus.PICKING else None
        slip = None
        if order.slip_path:
            try:
                slip = Path(order.slip_path).read_bytes()
            except OSError:
                slip = None
        return order, progress, slip

    def _opened(self, result: _Loaded) -> None:
        order, progress, slip = result
        if self.order is None or self.order.order_no != order.order_no:
            self.shipper.new_order()
            self.hand_over.new_order()
        self.order = order
        self.progress = progress
        self.orders.select(order.order_no)
        self._show_order(slip)
        self._focus_next_step()

    def _show_order(self, slip: bytes | None = None) -> None:
        order = self.order
        self.steps.setEnabled(order is not None)
        if order is None:
            self.detail.clear()
        else:
            self.detail.show_order(order, self.progress, slip)
            self.shipper.fill_carriers(order)
        self.enable(order)

    def show_lines(self) -> None:
        if self.order is not None:
            self.detail.show_lines(self.order, self.progress)

    def enable(self, order: OrderView | None) -> None:
        """Each step's controls are live when the order's status allows it and the user's
        role may take it (packers pick, pack and ship; managers also confirm and cancel)."""
        self.pay.enable(order)
        self.pack.enable(order, bool(self.pickable()))
        self.shipper.enable(order)
        self.hand_over.enable(order)

    def _focus_next_step(self) -> None:
        """The keyboard goes where the order's next step is typed or pressed."""
        for widget in (
            self.packed_button,
            self.pack_scan,
            self.tracking,
            self.confirm_button,
            self.pick_button,
            self.delivered_button,
        ):
            if widget.isEnabled():
                widget.setFocus()
                return

    # --- the steps: each panel does its own --------------------------------------------
    def confirm_payment(self) -> None:
        self.pay.confirm_payment()

    def pack_scanned(self) -> None:
        self.pack.pack_scanned()

    def ship(self) -> None:
        self.shipper.ship()

    def print_label_to(self, device: QPagedPaintDevice) -> None:
        self.shipper.print_label_to(device)

    def mark_delivered(self) -> None:
        self.hand_over.mark_delivered()

    def cancel(self) -> None:
        self.hand_over.cancel()

    def _ask_path(self, title: str, file_name: str) -> str:
        """Qt's own save dialog (in the window's language), in the Documents folder."""
        path = ask_save_path(self, title, file_name, "PDF (*.pdf)")
        return "" if path is None else str(path)

    def retranslateUi(self) -> None:
        self.tabs.setTabText(0, self.tr("Orders"))
        self.orders.retranslateUi()
        self.detail.retranslateUi()
        self.pay.retranslateUi()
        self.pack.retranslateUi()
        self.shipper.retranslateUi()
        self.steps.setTitle(self.tr("Steps"))
        self.hand_over.retranslateUi()
