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
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPagedPaintDevice, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Action, Actor
from pos.domain.errors import ShopError
from pos.domain.money import format_baht
from pos.domain.orders import Fulfilment, OrderStatus, PaymentMethod, can_move
from pos.domain.payment import Tender, TenderKind
from pos.domain.sale import Receipt
from pos.domain.shipping import Carrier, carriers_for, check_tracking, tracking_url
from pos.domain.shop_time import BANGKOK
from pos.domain.taxinvoice import HEAD_OFFICE, Buyer
from pos.ports.orders import OrderSummary, OrderView, PackProgress, PickList
from pos.services.order_desk import LatePaymentShort, expired_unpaid, paid_late, refund_due
from ui import i18n, style
from ui.backoffice.chat_panel import chat_panel, with_chat_tab
from ui.backoffice.listing import RecordTable, form_button
from ui.save_file import ask_save_path
from ui.worker import Worker

if TYPE_CHECKING:
    from pos.domain.taxinvoice import TaxInvoice
    from pos.services.order_desk import OrderDesk
    from pos.services.printing import TaxInvoices
    from pos.services.shipping import ShippingDesk
    from ui.tax_invoice_dialog import TaxInvoiceDialog

T = TypeVar("T")
_Loaded = tuple[OrderView, PackProgress | None, bytes | None]
ALL = ""  # the status tab that shows every order
POLL_MS = 30_000  # how often the list looks for new orders
TABS: tuple[str, ...] = (ALL, *(s.value for s in OrderStatus))


class OrdersServices(Protocol):
    """What the page needs of pos.app's Services."""

    @property
    def order_desk(self) -> OrderDesk: ...
    @property
    def shipping(self) -> ShippingDesk: ...
    @property
    def tax_invoices(self) -> TaxInvoices | None: ...  # None: the shop is not VAT-registered


def _lang() -> str:
    return i18n.current_language()


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(_lang())
    return repr(exc)


def _when(at: datetime) -> str:
    return at.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")


def _table(name: str, columns: int) -> QTableWidget:
    table = style.named(QTableWidget(0, columns), name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _summary_cells(o: OrderSummary) -> list[str]:
    return [
        o.order_no,
        _when(o.created_at),
        o.name,
        o.phone,
        o.status.label.pick(_lang()),
        o.payment.label.pick(_lang()) if hasattr(o.payment, "label") else o.payment.value,
        format_baht(o.total),
        QCoreApplication.translate("OrdersPage", "attached") if o.slip else "",
    ]


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
        self.invoice_dialog: TaxInvoiceDialog | None = None
        self.actor = actor
        self.worker = Worker(self)
        self.order: OrderView | None = None
        self.progress: PackProgress | None = None
        self.summaries: list[OrderSummary] = []
        self.counts: dict[OrderStatus, int] = {}
        self.ask_path: Callable[[str, str], str] = self._ask_path

        # --- the list ---------------------------------------------------------------------
        self.status_tabs = style.named(QTabBar(), "ordersStatus")
        self.status_tabs.setExpanding(False)
        self.status_tabs.setUsesScrollButtons(True)  # eight statuses in a narrow list
        for _ in TABS:
            self.status_tabs.addTab("")
        self.status_tabs.currentChanged.connect(lambda _i: self.refresh())
        self.search = QLineEdit()
        self.list = RecordTable("ordersList", [""] * 8, self.search)
        self.list.opened.connect(self.open_order)
        self.list.activated.connect(lambda index: self.open_order(self.list.key_at(index.row())))
        self.list_status = style.named(QLabel(), "ordersListStatus")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.status_tabs)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.list_status)

        # --- the order ----------------------------------------------------------------------
        self.title = style.named(QLabel(), "orderTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.customer = style.named(QLabel(), "orderCustomer")
        self.customer.setWordWrap(True)
        self.customer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.slip = style.named(QLabel(), "orderSlip")
        self.slip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slip.setFixedSize(120, 160)
        self.slip.setFrameShape(QLabel.Shape.StyledPanel)
        self.lines = _table("orderLines", 6)
        # the steps below must stay in view on a 1366x768 screen: the lines scroll instead
        self.lines.setMinimumHeight(96)
        self.totals = style.named(QLabel(), "orderTotals")
        self.history = style.named(QLabel(), "orderHistory")
        self.history.setWordWrap(True)
        self.message = style.named(QLabel(), "orderMessage")
        self.message.setWordWrap(True)

        self.confirm_button = form_button("orderConfirmPayment", "")
        self.confirm_button.clicked.connect(self.confirm_payment)
        self.late_refund_button = form_button("orderLateRefund", "")
        self.late_refund_button.clicked.connect(self.record_late_refund)
        self.invoice_button = form_button("orderTaxInvoice", "")
        self.invoice_button.clicked.connect(self.tax_invoice)
        self.pick_button = form_button("orderStartPicking", "")
        self.pick_button.clicked.connect(self.start_picking)
        self.pick_list_button = form_button("orderPickList", "")
        self.pick_list_button.clicked.connect(self.save_pick_list)
        self.pack_scan = style.named(QLineEdit(), "orderPackScan")
        self.pack_scan.returnPressed.connect(self.pack_scanned)
        self.packed_button = form_button("orderMarkPacked", "")
        self.packed_button.clicked.connect(self.mark_packed)
        self.carrier = style.named(QComboBox(), "orderCarrier")
        self.carrier.currentIndexChanged.connect(lambda _i: self._enable(self.order))
        self.tracking = style.named(QLineEdit(), "orderTracking")
        self.tracking.returnPressed.connect(self.ship)
        self.ship_button = form_button("orderShip", "")
        self.ship_button.clicked.connect(self.ship)
        self.label_pdf_button = form_button("orderLabelPdf", "")
        self.label_pdf_button.clicked.connect(self.save_label)
        self.label_print_button = form_button("orderLabelPrint", "")
        self.label_print_button.clicked.connect(self._print_label_clicked)
        self.tender = style.named(QComboBox(), "orderTender")
        for kind in (TenderKind.CASH, TenderKind.PROMPTPAY, TenderKind.CARD):
            self.tender.addItem("", kind.value)
        self.delivered_button = form_button("orderDelivered", "")
        self.delivered_button.clicked.connect(self.mark_delivered)
        self.cancel_reason = style.named(QLineEdit(), "orderCancelReason")
        self.cancel_reason.returnPressed.connect(self.cancel)
        self.cancel_button = form_button("orderCancel", "")
        self.cancel_button.clicked.connect(self.cancel)

        self.captions = {k: QLabel() for k in ("scan", "carrier", "tracking", "tender", "reason")}
        for key, field in (
            ("scan", self.pack_scan),
            ("carrier", self.carrier),
            ("tracking", self.tracking),
            ("tender", self.tender),
            ("reason", self.cancel_reason),
        ):
            self.captions[key].setBuddy(field)

        top = QHBoxLayout()
        info = QVBoxLayout()
        info.addWidget(self.title)
        info.addWidget(self.customer)
        info.addWidget(self.history)
        info.addStretch(1)
        top.addLayout(info, 1)
        top.addWidget(self.slip)

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

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(top)
        detail_layout.addWidget(self.lines, 1)
        detail_layout.addWidget(self.totals)
        detail_layout.addWidget(self.steps)
        detail_layout.addWidget(self.message)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([500, 760])
        layout = QVBoxLayout(self)
        self.chat_panel = chat_panel(services, actor, self.worker, self.open_order)
        layout.addWidget(with_chat_tab(self.splitter, self.chat_panel))
        self.setFocusProxy(self.search)

        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(lambda: self.search.setFocus())
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

    # --- background work ------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], T],
        ok: Callable[[T], None],
        fail: Callable[[Exception], None] | None = None,
    ) -> None:
        if not self.worker.closed:
            self.worker.run(fn, ok, fail or self._failed, name="orders")

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.say(_message(exc))

    def say(self, text: str) -> None:
        self.message.setText(text)

    def shutdown(self) -> None:
        self.poll.stop()
        self.worker.shutdown()

    def _poll(self) -> None:
        if not self.worker.pending and not self.worker.closed:
            self.list_orders()

    # --- the list -------------------------------------------------------------------------
    def current_status(self) -> OrderStatus | None:
        value = TABS[max(0, self.status_tabs.currentIndex())]
        return OrderStatus(value) if value else None

    def refresh(self) -> None:
        """The counts and the list of the status tab chosen (and the open order again)."""
        self.list_orders()
        if self.order is not None:
            self.open_order(self.order.order_no)

    def list_orders(self) -> None:
        desk, status = self.desk, self.current_status()
        self.run(lambda: (desk.counts(), desk.list(status)), self._listed)

    def _listed(self, result: tuple[dict[OrderStatus, int], list[OrderSummary]]) -> None:
        if not isValid(self):
            return
        self.counts, self.summaries = result
        self._tab_texts()
        keep = self.order.order_no if self.order is not None else None
        self.list.set_rows([(o.order_no, _summary_cells(o)) for o in self.summaries], keep)
        self._fit_columns()
        self.list_status.setText(self.tr("{n} order(s)").format(n=len(self.summaries)))

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
        self.status_tabs.setTabText(0, self.tr("All ({n})").format(n=total))
        for i, value in enumerate(TABS[1:], 1):
            status = OrderStatus(value)
            self.status_tabs.setTabText(
                i, f"{status.label.pick(_lang())} ({self.counts.get(status, 0)})"
            )

    def show_status(self, status: OrderStatus | None) -> None:
        self.status_tabs.setCurrentIndex(TABS.index(status.value if status else ALL))

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
        if not isValid(self):
            return
        order, progress, slip = result
        if self.order is None or self.order.order_no != order.order_no:
            self.tracking.clear()
            self.cancel_reason.clear()
        self.order = order
        self.progress = progress
        keys = self.list.shown_keys()
        if order.order_no in keys:
            self.list.selectRow(keys.index(order.order_no))
        self._show_order(slip)
        self._focus_next_step()

    def _show_order(self, slip: bytes | None = None) -> None:
        order = self.order
        self.steps.setEnabled(order is not None)
        if order is None:
            self.title.setText(self.tr("Choose an order in the list"))
            for w in (self.customer, self.history, self.totals):
                w.clear()
            self.lines.setRowCount(0)
            self.slip.setText(self.tr("No slip"))
            self._enable(None)
            return
        lang = _lang()
        self.title.setText(
            f"<b style='font-size:16px'>{order.order_no}</b> · "
            f"{order.status.label.pick(lang)} · {order.payment.label.pick(lang)}"
        )
        c = order.customer
        pickup = c.fulfilment is Fulfilment.PICKUP
        where = self.tr("Pick-up at the centre") if pickup else c.address
        shipped = ""
        if order.tracking_no:
            carrier = Carrier(order.carrier)
            shipped = "\n" + self.tr("Shipped with {carrier}: {no} {url}").format(
                carrier=carrier.label.pick(lang),
                no=order.tracking_no,
                url=tracking_url(carrier, order.tracking_no),
            )
        receipt = (
            "\n" + self.tr("Receipt {no}").format(no=order.receipt_no) if order.receipt_no else ""
        )
        note = ("\n" + self.tr("Note: {note}").format(note=c.note)) if c.note else ""
        cancelled = ""
        if order.cancel_reason:
            cancelled = "\n" + self.tr("Cancelled: {reason}").format(reason=order.cancel_reason)
        due = refund_due(order)
        if due is not None:
            cancelled += "\n" + self.tr(
                "Paid late, after the reservation ran out: refund due {amount}"
            ).format(amount=format_baht(due))
        elif expired_unpaid(order):
            cancelled += "\n" + self.tr(
                "The payment time ran out: a PromptPay payment that arrives now can still be "
                "confirmed while the stock lasts."
            )
        if paid_late(order):
            receipt += "\n" + self.tr("Paid late, after the reservation ran out")
        self.customer.setText(f"{c.name} · {c.phone}\n{where}{note}{receipt}{shipped}{cancelled}")
        self.history.setText(
            " → ".join(
                f"{e.status.label.pick(lang)} {_when(e.at)}{' (' + e.by + ')' if e.by else ''}"
                for e in order.history
            )
        )
        self._show_lines()
        self.totals.setText(
            self.tr("Subtotal {subtotal} · shipping {fee} · total {total} (VAT {vat})").format(
                subtotal=format_baht(order.subtotal),
                fee=format_baht(order.shipping_fee),
                total=format_baht(order.total),
                vat=format_baht(order.vat),
            )
        )
        self._show_slip(slip)
        self._fill_carriers(order)
        self._enable(order)

    def _show_lines(self) -> None:
        """The order's lines with the units packed; a gift basket's items under the lines
        (each of them is scanned into the parcel too)."""
        order = self.order
        assert order is not None
        lang = _lang()
        packed: dict[str, tuple[int, int]] = {}
        extra: list[tuple[str, str, int, int]] = []  # sku, name, scanned, needed
        product_ids = {ln.product_id for ln in order.lines if ln.kind == "product"}
        if self.progress is not None:
            for unit in self.progress.items:
                packed[unit.product_id] = (unit.scanned, unit.needed)
                if unit.product_id not in product_ids:
                    name = unit.name_th if lang == "th" else unit.name_en
                    extra.append((unit.sku, name, unit.scanned, unit.needed))
        rows: list[tuple[str, ...]] = []
        for ln in order.lines:
            name = ln.name_th if lang == "th" else ln.name_en
            tick = ""
            if ln.kind == "product":
                pid = ln.product_id or ""
                done, needed = packed.get(pid, (order.packed.get(pid, 0), ln.quantity))
                tick = f"{done}/{needed}"
            rows.append(
                (
                    ln.ref,
                    name,
                    str(ln.quantity),
                    format_baht(ln.unit_price),
                    format_baht(ln.amount),
                    tick,
                )
            )
        for sku, name, done, needed in extra:
            rows.append((sku, f"  · {name}", str(needed), "", "", f"{done}/{needed}"))
        self.lines.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, cells in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(right)
                self.lines.setItem(row, col, item)

    def _show_slip(self, slip: bytes | None) -> None:
        if slip is None:
            self.slip.setPixmap(QPixmap())
            self.slip.setText(self.tr("No slip"))
            return
        image = QImage.fromData(slip)
        if image.isNull():
            self.slip.setText(self.tr("The slip cannot be shown"))
            return
        self.slip.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.slip.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _fill_carriers(self, order: OrderView) -> None:
        delivery = order.customer.fulfilment is Fulfilment.DELIVERY
        choices = carriers_for(order.payment is PaymentMethod.COD, delivery)
        current = self.carrier.currentData()
        self.carrier.blockSignals(True)
        self.carrier.clear()
        for c in choices:
            self.carrier.addItem(c.label.pick(_lang()), c.value)
        found = self.carrier.findData(order.carrier or current)
        self.carrier.setCurrentIndex(max(0, found))
        self.carrier.blockSignals(False)
        if order.tracking_no and not self.tracking.text():
            self.tracking.setText(order.tracking_no)

    def _carrier(self) -> Carrier:
        return Carrier(str(self.carrier.currentData() or Carrier.PICKUP.value))

    def _may(self, target: OrderStatus) -> bool:
        order = self.order
        return order is not None and can_move(order.status, target)

    def _enable(self, order: OrderView | None) -> None:
        """Each step's controls are live when the order's status allows it and the user's
        role may take it (packers pick, pack and ship; managers also confirm and cancel)."""
        manage = self.actor.may(Action.MANAGE_ORDERS)
        pack = self.actor.may(Action.PACK_ORDERS)
        pickup = order is not None and order.customer.fulfilment is Fulfilment.PICKUP
        status = order.status if order is not None else None
        late = order is not None and expired_unpaid(order)
        self.confirm_button.setEnabled(manage and (status is OrderStatus.AWAITING_PAYMENT or late))
        self.late_refund_button.setEnabled(manage and late)
        self.invoice_button.setEnabled(
            manage and self.tax_invoices is not None and order is not None
            and order.receipt_no is not None
        )  # fmt: skip
        self.pick_button.setEnabled(
            pack and self._may(OrderStatus.PICKING) and status is not OrderStatus.PACKED
        )
        self.pick_list_button.setEnabled(
            bool(self._pickable())
            or status in (OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.NEW)
        )
        self.pack_scan.setEnabled(pack and status is OrderStatus.PICKING)
        complete = self.progress is not None and self.progress.complete
        self.packed_button.setEnabled(pack and status is OrderStatus.PICKING and complete)
        shippable = pack and self._may(OrderStatus.SHIPPED) and not pickup
        self.carrier.setEnabled(shippable)
        self.tracking.setEnabled(shippable and self._carrier().needs_tracking)
        self.ship_button.setEnabled(shippable)
        labelled = (
            order is not None and not pickup and status in (OrderStatus.PACKED, OrderStatus.SHIPPED)
        )
        self.label_pdf_button.setEnabled(labelled)
        self.label_print_button.setEnabled(labelled)
        deliverable = (
            manage
            and self._may(OrderStatus.DELIVERED)
            and (status is OrderStatus.SHIPPED or pickup)
        )
        self.delivered_button.setEnabled(deliverable)
        self.tender.setEnabled(deliverable and order is not None and order.sale_id is None)
        cancellable = manage and self._may(OrderStatus.CANCELLED)
        self.cancel_button.setEnabled(cancellable)
        self.cancel_reason.setEnabled(cancellable)

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

    def _done(self, text: str) -> Callable[[object], None]:
        def done(_result: object) -> None:
            if isValid(self):
                self.say(text)
                self.refresh()

        return done

    # --- the steps ------------------------------------------------------------------------
    def confirm_payment(self) -> None:
        order = self.order
        if order is None:
            return
        desk, actor, no = self.desk, self.actor, order.order_no
        late = expired_unpaid(order)

        def paid(receipt: Receipt) -> None:
            if not isValid(self):
                return
            if late:
                text = self.tr(
                    "Late payment of {no} confirmed (after the reservation ran out; the stock "
                    "was still there): receipt {receipt}"
                )
            else:
                text = self.tr("Payment of {no} confirmed: receipt {receipt}")
            self.say(text.format(no=no, receipt=receipt.receipt_no))
            self.refresh()

        def refused(exc: Exception) -> None:
            if not isValid(self):
                return
            self.say(_message(exc))
            if isinstance(exc, LatePaymentShort):
                self.late_refund_button.setFocus()

        self.run(lambda: desk.confirm_payment(no, actor), paid, refused)

    def record_late_refund(self) -> None:
        """A late payment that cannot be sold: noted as paid late, refund due."""
        order = self.order
        if order is None or not self.late_refund_button.isEnabled():
            return
        desk, actor, no = self.desk, self.actor, order.order_no
        self.run(
            lambda: desk.record_late_refund(no, actor),
            self._done(
                self.tr("{no}: paid late, refund due {amount}.").format(
                    no=no, amount=format_baht(order.total)
                )
            ),
        )

    def tax_invoice(self) -> None:
        """The sale's full tax invoice: saved as a PDF when it was issued already (asked for
        at checkout), else issued in the tax-invoice dialog with the order's buyer filled
        in; numbered on the web terminal's own series either way."""
        order, invoices = self.order, self.tax_invoices
        if order is None or order.receipt_no is None or invoices is None:
            return
        desk, no = self.desk, order.order_no
        self.run(lambda: desk.tax_invoice(no), lambda found: self._invoice_found(order, found))

    def _invoice_found(self, order: OrderView, found: TaxInvoice | None) -> None:
        invoices = self.tax_invoices
        if not isValid(self) or invoices is None:
            return
        if found is None:
            self._open_invoice_dialog(invoices, order)
            return
        path = self.ask_path(self.tr("Save the tax invoice"), f"{found.number}.pdf")
        if not path:
            return
        number = found.number
        self.run(
            lambda: invoices.write_pdf(found, Path(path)),
            lambda _p: self.say(
                self.tr("Tax invoice {number} saved: {path}").format(number=number, path=path)
            ),
        )

    def _open_invoice_dialog(self, invoices: TaxInvoices, order: OrderView) -> None:
        from ui.tax_invoice_dialog import TaxInvoiceDialog

        c = order.customer
        buyer = c.tax_invoice or Buyer(c.name, c.address, "", HEAD_OFFICE)
        dialog = TaxInvoiceDialog(invoices, self.worker, _lang, order.receipt_no or "", self)
        dialog.fill_buyer(buyer)
        dialog.tax_id_field.setFocus()
        dialog.finished.connect(lambda _r: self._invoice_dialog_closed(dialog))
        self.invoice_dialog = dialog
        dialog.open()

    def _invoice_dialog_closed(self, dialog: TaxInvoiceDialog) -> None:
        if self.invoice_dialog is dialog:
            self.invoice_dialog = None
        dialog.deleteLater()
        if isValid(self) and dialog.invoice is not None:
            self.say(self.tr("Tax invoice {number}").format(number=dialog.invoice.number))

    def start_picking(self) -> None:
        order = self.order
        if order is None:
            return
        desk, actor, no = self.desk, self.actor, order.order_no
        self.run(
            lambda: desk.start_picking(no, actor),
            self._done(self.tr("{no}: picking. Scan each item to pack it.").format(no=no)),
        )

    def _pickable(self) -> list[str]:
        """The orders listed whose goods are to be picked (paid, or COD / pay at pick-up)."""
        return [
            o.order_no
            for o in self.summaries
            if o.status in (OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.NEW)
        ]

    def save_pick_list(self) -> None:
        order_nos = self._pickable()
        if not order_nos and self.order is not None:
            order_nos = [self.order.order_no]
        if not order_nos:
            self.say(self.tr("No order to pick."))
            return
        desk = self.desk
        self.run(lambda: desk.pick_list(order_nos), self._write_pick_list)

    def _write_pick_list(self, picks: PickList) -> None:
        if not isValid(self):
            return
        name = f"pick-list-{self.shipping.now().astimezone(BANGKOK):%Y%m%d-%H%M}.pdf"
        path = self.ask_path(self.tr("Save the pick list"), name)
        if not path:
            return
        try:  # Qt lays the PDF out: on the UI thread, where its fonts are drawn
            pages = self.shipping.save_pick_list(picks, Path(path))
        except (ShopError, OSError) as exc:
            self._failed(exc)
            return
        self.say(
            self.tr("Pick list of {n} order(s) saved ({pages} page(s)): {path}").format(
                n=len(picks.order_nos), pages=pages, path=path
            )
        )

    def pack_scanned(self) -> None:
        code = self.pack_scan.text().strip()
        self.pack_scan.clear()
        order = self.order
        if not code or order is None:
            return
        desk, no = self.desk, order.order_no
        self.run(lambda: desk.pack_scan(no, code), self._packed_one, self._scan_refused)

    def _scan_refused(self, exc: Exception) -> None:
        if isValid(self):
            self.say(_message(exc))
            self.pack_scan.setFocus()

    def _packed_one(self, progress: PackProgress) -> None:
        if not isValid(self) or self.order is None:
            return
        self.progress = progress
        self._show_lines()
        if not progress.complete:
            self.say(
                self.tr("{sku} ticked: {n} unit(s) still to scan").format(
                    sku=progress.last_sku, n=progress.remaining
                )
            )
            self.pack_scan.setFocus()
            return
        self.mark_packed()

    def mark_packed(self) -> None:
        """Every unit is ticked: the parcel is closed (after the last scan, or pressed again
        when that did not go through)."""
        order = self.order
        if order is None:
            return
        desk, actor, no = self.desk, self.actor, order.order_no
        self.run(
            lambda: desk.mark_packed(no, actor),
            self._done(self.tr("Every item of {no} checked: packed.").format(no=no)),
        )

    def _checked_tracking(self) -> str | None:
        """The tracking number typed, checked for the carrier chosen; None (and why) if not."""
        try:
            return check_tracking(self._carrier(), self.tracking.text())
        except ShopError as exc:
            self.say(_message(exc))
            self.tracking.setFocus()
            self.tracking.selectAll()
            return None

    def ship(self) -> None:
        order = self.order
        if order is None or not self.ship_button.isEnabled():
            return
        number = self._checked_tracking()
        if number is None:
            return
        self.tracking.setText(number)
        desk, actor, no, carrier = self.desk, self.actor, order.order_no, self._carrier()
        self.run(
            lambda: desk.ship(no, carrier.value, number, actor),
            self._done(
                self.tr("{no} shipped with {carrier}: {tracking}").format(
                    no=no, carrier=carrier.label.pick(_lang()), tracking=number
                )
            ),
        )

    def _label(self) -> tuple[OrderView, Carrier, str] | None:
        """The order with the carrier and number its label carries: those it was shipped
        with, or those typed (checked) for a label printed before it is handed over."""
        order = self.order
        if order is None:
            return None
        if order.tracking_no:
            return order, Carrier(order.carrier), order.tracking_no
        checked = self._checked_tracking()
        if checked is None:
            return None
        return order, self._carrier(), checked

    def save_label(self) -> None:
        found = self._label()
        if found is None:
            return
        order, carrier, number = found
        path = self.ask_path(self.tr("Save the shipping label"), f"label-{order.order_no}.pdf")
        if not path:
            return
        try:
            self.shipping.save_label(order, carrier, number, Path(path))
        except (ShopError, OSError) as exc:
            self._failed(exc)
            return
        self.say(self.tr("Shipping label saved: {path}").format(path=path))

    def _print_label_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_label_to(printer)

    def print_label_to(self, device: QPagedPaintDevice) -> None:
        """Draw the label on the label printer (Qt lays out the same label as the PDF)."""
        found = self._label()
        if found is None:
            return
        try:
            self.shipping.print_label(device, *found)
        except RuntimeError as exc:  # the printer could not be opened
            self.say(self.tr("Printing failed: {why}").format(why=exc))
            return
        self.say(self.tr("Shipping label sent to the printer"))

    def mark_delivered(self) -> None:
        order = self.order
        if order is None:
            return
        desk, actor, no = self.desk, self.actor, order.order_no
        tenders: tuple[Tender, ...] = ()
        if self.tender.isEnabled():
            kind = TenderKind(str(self.tender.currentData()))
            tenders = (Tender(kind, order.subtotal),)
        self.run(
            lambda: desk.mark_delivered(no, actor, tenders),
            self._done(self.tr("{no} delivered.").format(no=no)),
        )

    def cancel(self) -> None:
        order = self.order
        if order is None or not self.cancel_button.isEnabled():
            return
        reason = self.cancel_reason.text().strip()
        if not reason:
            self.say(self.tr("Give the reason for cancelling."))
            self.cancel_reason.setFocus()
            return
        desk, actor, no = self.desk, self.actor, order.order_no
        self.run(
            lambda: desk.cancel(no, actor, reason),
            self._done(self.tr("{no} cancelled.").format(no=no)),
        )

    def _ask_path(self, title: str, file_name: str) -> str:
        """Qt's own save dialog (in the window's language), in the Documents folder."""
        path = ask_save_path(self, title, file_name, "PDF (*.pdf)")
        return "" if path is None else str(path)

    def retranslateUi(self) -> None:
        self.list.model_.setHorizontalHeaderLabels(
            [
                self.tr("Order"),
                self.tr("Placed"),
                self.tr("Customer"),
                self.tr("Phone"),
                self.tr("Status"),
                self.tr("Payment"),
                self.tr("Total"),
                self.tr("Slip"),
            ]
        )
        self.search.setPlaceholderText(self.tr("Search: order no., name, phone (Ctrl+F)"))
        self._tab_texts()
        self.lines.setHorizontalHeaderLabels(
            [
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Qty"),
                self.tr("Price"),
                self.tr("Amount"),
                self.tr("Packed"),
            ]
        )
        self.steps.setTitle(self.tr("Steps"))
        self.confirm_button.setText(self.tr("Confirm payment"))
        self.late_refund_button.setText(self.tr("Paid late: refund due"))
        self.invoice_button.setText(self.tr("Tax invoice…"))
        self.pick_button.setText(self.tr("Start picking"))
        self.pick_list_button.setText(self.tr("Pick list PDF…"))
        self.packed_button.setText(self.tr("Mark packed"))
        self.ship_button.setText(self.tr("Ship"))
        self.label_pdf_button.setText(self.tr("Label PDF…"))
        self.label_print_button.setText(self.tr("Print label…"))
        self.delivered_button.setText(self.tr("Mark delivered"))
        self.cancel_button.setText(self.tr("Cancel order"))
        self.pack_scan.setPlaceholderText(self.tr("Scan each item"))
        self.tracking.setPlaceholderText(self.tr("Type or scan, e.g. EX123456785TH"))
        self.cancel_reason.setPlaceholderText(self.tr("Why the order is cancelled"))
        for key, text in (
            ("scan", self.tr("Pack: scan")),
            ("carrier", self.tr("Carrier")),
            ("tracking", self.tr("Tracking no.")),
            ("tender", self.tr("Paid by")),
            ("reason", self.tr("Reason")),
        ):
            self.captions[key].setText(text)
        names = {
            "cash": self.tr("Cash"),
            "promptpay": self.tr("PromptPay"),
            "card": self.tr("Card"),
        }
        for i in range(self.tender.count()):
            self.tender.setItemText(i, names[str(self.tender.itemData(i))])
