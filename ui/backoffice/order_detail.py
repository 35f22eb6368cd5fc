"""The orders page's open order: title, customer, history, the slip, the lines and totals.

Another part of the detail (a panel of its own) goes in with `OrderDetailPanel.add_section`:
it sits under the totals, above the steps, and is told of each order shown through its
`show_order(order)` if it has one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from pos.domain.money import format_baht
from pos.domain.orders import Fulfilment
from pos.domain.shipping import Carrier, tracking_url
from pos.ports.orders import OrderView, PackProgress
from pos.services.order_desk import expired_unpaid, paid_late, refund_due
from ui import style
from ui.backoffice.orders_common import lang, table, when


class OrderDetailPanel(QWidget):
    """What the open order is: read-only; the steps panel acts on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.lines = table("orderLines", 6)
        # the steps below must stay in view on a 1366x768 screen: the lines scroll instead
        self.lines.setMinimumHeight(96)
        self.totals = style.named(QLabel(), "orderTotals")
        self.history = style.named(QLabel(), "orderHistory")
        self.history.setWordWrap(True)
        self.sections: list[QWidget] = []

        top = QHBoxLayout()
        info = QVBoxLayout()
        info.addWidget(self.title)
        info.addWidget(self.customer)
        info.addWidget(self.history)
        info.addStretch(1)
        top.addLayout(info, 1)
        top.addWidget(self.slip)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.lines, 1)
        self.layout_.addWidget(self.totals)

    def add_section(self, widget: QWidget) -> None:
        """A further part of the order's detail, under the totals (in the order added)."""
        self.sections.append(widget)
        self.layout_.addWidget(widget)

    def clear(self) -> None:
        self.title.setText(
            QCoreApplication.translate(
                "OrdersPage", "Open an order of the list: double-click it, or Enter"
            )
        )
        for w in (self.customer, self.history, self.totals):
            w.clear()
        self.lines.setRowCount(0)
        self.slip.setText(QCoreApplication.translate("OrdersPage", "No slip"))
        self._tell_sections(None)

    def show_order(
        self, order: OrderView, progress: PackProgress | None, slip: bytes | None
    ) -> None:
        language = lang()
        self.title.setText(
            f"<b style='font-size:16px'>{order.order_no}</b> · "
            f"{order.status.label.pick(language)} · {order.payment.label.pick(language)}"
        )
        self.customer.setText(self._customer_text(order))
        self.history.setText(
            " → ".join(
                f"{e.status.label.pick(language)} {when(e.at)}"
                + (f" ({_by(e.by)})" if e.by else "")
                for e in order.history
            )
        )
        self.show_lines(order, progress)
        self.totals.setText(
            QCoreApplication.translate(
                "OrdersPage", "Subtotal {subtotal} · shipping {fee} · total {total} (VAT {vat})"
            ).format(
                subtotal=format_baht(order.subtotal),
                fee=format_baht(order.shipping_fee),
                total=format_baht(order.total),
                vat=format_baht(order.vat),
            )
        )
        self._show_slip(slip)
        self._tell_sections(order)

    def _tell_sections(self, order: OrderView | None) -> None:
        for section in self.sections:
            show = getattr(section, "show_order", None)
            if callable(show):
                show(order)

    @staticmethod
    def _customer_text(order: OrderView) -> str:
        language = lang()
        c = order.customer
        pickup = c.fulfilment is Fulfilment.PICKUP
        where = (
            QCoreApplication.translate("OrdersPage", "Pick-up at the centre")
            if pickup
            else c.address
        )
        shipped = ""
        if order.tracking_no:
            carrier = Carrier(order.carrier)
            shipped = "\n" + QCoreApplication.translate(
                "OrdersPage", "Shipped with {carrier}: {no} {url}"
            ).format(
                carrier=carrier.label.pick(language),
                no=order.tracking_no,
                url=tracking_url(carrier, order.tracking_no),
            )
        receipt = ""
        if order.receipt_no:
            receipt = "\n" + QCoreApplication.translate("OrdersPage", "Receipt {no}").format(
                no=order.receipt_no
            )
        note = ""
        if c.note:
            note = "\n" + QCoreApplication.translate("OrdersPage", "Note: {note}").format(
                note=c.note
            )
        cancelled = ""
        if order.cancel_reason:
            cancelled = "\n" + QCoreApplication.translate(
                "OrdersPage", "Cancelled: {reason}"
            ).format(reason=order.cancel_reason)
        due = refund_due(order)
        if due is not None:
            cancelled += "\n" + QCoreApplication.translate(
                "OrdersPage", "Paid late, after the reservation ran out: refund due {amount}"
            ).format(amount=format_baht(due))
        elif expired_unpaid(order):
            cancelled += "\n" + QCoreApplication.translate(
                "OrdersPage",
                "The payment time ran out: a PromptPay payment that arrives now can still be "
                "confirmed while the stock lasts.",
            )
        if paid_late(order):
            receipt += "\n" + QCoreApplication.translate(
                "OrdersPage", "Paid late, after the reservation ran out"
            )
        return f"{c.name} · {c.phone}\n{where}{note}{receipt}{shipped}{cancelled}"

    def show_lines(self, order: OrderView, progress: PackProgress | None) -> None:
        """The order's lines with the units packed; a gift basket's items under the lines
        (each of them is scanned into the parcel too)."""
        language = lang()
        packed: dict[str, tuple[int, int]] = {}
        extra: list[tuple[str, str, int, int]] = []  # sku, name, scanned, needed
        product_ids = {ln.product_id for ln in order.lines if ln.kind == "product"}
        if progress is not None:
            for unit in progress.items:
                packed[unit.product_id] = (unit.scanned, unit.needed)
                if unit.product_id not in product_ids:
                    name = unit.name_th if language == "th" else unit.name_en
                    extra.append((unit.sku, name, unit.scanned, unit.needed))
        rows: list[tuple[str, ...]] = []
        for ln in order.lines:
            name = ln.name_th if language == "th" else ln.name_en
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
            self.slip.setText(QCoreApplication.translate("OrdersPage", "No slip"))
            return
        image = QImage.fromData(slip)
        if image.isNull():
            self.slip.setText(QCoreApplication.translate("OrdersPage", "The slip cannot be shown"))
            return
        self.slip.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.slip.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def retranslateUi(self) -> None:
        self.lines.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("OrdersPage", "SKU"),
                QCoreApplication.translate("OrdersPage", "Product"),
                QCoreApplication.translate("OrdersPage", "Qty"),
                QCoreApplication.translate("OrdersPage", "Price"),
                QCoreApplication.translate("OrdersPage", "Amount"),
                QCoreApplication.translate("OrdersPage", "Packed"),
            ]
        )


def _by(by: str) -> str:
    """Who moved the order on: a user name as it is; the customer and the system (an unpaid
    order's expiry) in the page's language, never the stored English word."""
    if by == "customer":
        return QCoreApplication.translate("OrdersPage", "the customer")
    if by == "system":
        return QCoreApplication.translate("OrdersPage", "the system")
    return by
