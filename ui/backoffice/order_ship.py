"""The orders page's shipping: a carrier and a tracking number typed or scanned (checked at
once: Thailand Post's S10 check digit), and the 100x150 mm label as a PDF or on the label
printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from pos.domain.auth import Action
from pos.domain.errors import ShopError
from pos.domain.orders import Fulfilment, OrderStatus, PaymentMethod, can_move
from pos.domain.shipping import Carrier, carriers_for, check_tracking
from pos.ports.orders import OrderView
from ui import style
from ui.backoffice.listing import form_button
from ui.backoffice.orders_common import OrderHost, lang, message


class ShipPanel(QObject):
    """The shipping controls (laid out in the page's steps) and what they do."""

    def __init__(self, host: OrderHost, window: QWidget) -> None:
        super().__init__(window)
        self.host = host
        self.window = window  # the print dialog's parent
        self.carrier = style.named(QComboBox(), "orderCarrier")
        self.carrier.currentIndexChanged.connect(lambda _i: host.enable(host.order))
        self.tracking = style.named(QLineEdit(), "orderTracking")
        self.tracking.returnPressed.connect(self.ship)
        self.ship_button = form_button("orderShip", "")
        self.ship_button.clicked.connect(self.ship)
        self.label_pdf_button = form_button("orderLabelPdf", "")
        self.label_pdf_button.clicked.connect(self.save_label)
        self.label_print_button = form_button("orderLabelPrint", "")
        self.label_print_button.clicked.connect(self._print_label_clicked)
        self.carrier_caption = QLabel()
        self.carrier_caption.setBuddy(self.carrier)
        self.tracking_caption = QLabel()
        self.tracking_caption.setBuddy(self.tracking)

    def enable(self, order: OrderView | None) -> None:
        """Packers ship a delivery once it may move to shipped; its label once it is packed."""
        pack = self.host.actor.may(Action.PACK_ORDERS)
        pickup = order is not None and order.customer.fulfilment is Fulfilment.PICKUP
        status = order.status if order is not None else None
        shippable = (
            pack
            and order is not None
            and can_move(order.status, OrderStatus.SHIPPED)
            and not pickup
        )
        self.carrier.setEnabled(shippable)
        self.tracking.setEnabled(shippable and self.chosen_carrier().needs_tracking)
        self.ship_button.setEnabled(shippable)
        labelled = (
            order is not None and not pickup and status in (OrderStatus.PACKED, OrderStatus.SHIPPED)
        )
        self.label_pdf_button.setEnabled(labelled)
        self.label_print_button.setEnabled(labelled)

    def new_order(self) -> None:
        """Another order opened: what was typed for the last one goes."""
        self.tracking.clear()

    def fill_carriers(self, order: OrderView) -> None:
        delivery = order.customer.fulfilment is Fulfilment.DELIVERY
        choices = carriers_for(order.payment is PaymentMethod.COD, delivery)
        current = self.carrier.currentData()
        self.carrier.blockSignals(True)
        self.carrier.clear()
        for c in choices:
            self.carrier.addItem(c.label.pick(lang()), c.value)
        found = self.carrier.findData(order.carrier or current)
        self.carrier.setCurrentIndex(max(0, found))
        self.carrier.blockSignals(False)
        if order.tracking_no and not self.tracking.text():
            self.tracking.setText(order.tracking_no)

    def chosen_carrier(self) -> Carrier:
        return Carrier(str(self.carrier.currentData() or Carrier.PICKUP.value))

    def _checked_tracking(self) -> str | None:
        """The tracking number typed, checked for the carrier chosen; None (and why) if not."""
        try:
            return check_tracking(self.chosen_carrier(), self.tracking.text())
        except ShopError as exc:
            self.host.say(message(exc))
            self.tracking.setFocus()
            self.tracking.selectAll()
            return None

    def ship(self) -> None:
        host = self.host
        order = host.order
        if order is None or not self.ship_button.isEnabled():
            return
        number = self._checked_tracking()
        if number is None:
            return
        self.tracking.setText(number)
        desk, actor, no, carrier = host.desk, host.actor, order.order_no, self.chosen_carrier()
        host.run(
            lambda: desk.ship(no, carrier.value, number, actor),
            host.done(
                QCoreApplication.translate(
                    "OrdersPage", "{no} shipped with {carrier}: {tracking}"
                ).format(no=no, carrier=carrier.label.pick(lang()), tracking=number)
            ),
        )

    def _label(self) -> tuple[OrderView, Carrier, str] | None:
        """The order with the carrier and number its label carries: those it was shipped
        with, or those typed (checked) for a label printed before it is handed over."""
        order = self.host.order
        if order is None:
            return None
        if order.tracking_no:
            return order, Carrier(order.carrier), order.tracking_no
        checked = self._checked_tracking()
        if checked is None:
            return None
        return order, self.chosen_carrier(), checked

    def save_label(self) -> None:
        host = self.host
        found = self._label()
        if found is None:
            return
        order, carrier, number = found
        path = host.ask_path(
            QCoreApplication.translate("OrdersPage", "Save the shipping label"),
            f"label-{order.order_no}.pdf",
        )
        if not path:
            return
        try:
            host.shipping.save_label(order, carrier, number, Path(path))
        except (ShopError, OSError) as exc:
            host.failed(exc)
            return
        host.say(
            QCoreApplication.translate("OrdersPage", "Shipping label saved: {path}").format(
                path=path
            )
        )

    def _print_label_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_label_to(printer)

    def print_label_to(self, device: QPagedPaintDevice) -> None:
        """Draw the label on the label printer (Qt lays out the same label as the PDF)."""
        found = self._label()
        if found is None:
            return
        try:
            self.host.shipping.print_label(device, *found)
        except RuntimeError as exc:  # the printer could not be opened
            self.host.say(
                QCoreApplication.translate("OrdersPage", "Printing failed: {why}").format(why=exc)
            )
            return
        self.host.say(
            QCoreApplication.translate("OrdersPage", "Shipping label sent to the printer")
        )

    def retranslateUi(self) -> None:
        self.ship_button.setText(QCoreApplication.translate("OrdersPage", "Ship"))
        self.label_pdf_button.setText(QCoreApplication.translate("OrdersPage", "Label PDF…"))
        self.label_print_button.setText(QCoreApplication.translate("OrdersPage", "Print label…"))
        self.tracking.setPlaceholderText(
            QCoreApplication.translate("OrdersPage", "Type or scan, e.g. EX123456785TH")
        )
        self.carrier_caption.setText(QCoreApplication.translate("OrdersPage", "Carrier"))
        self.tracking_caption.setText(QCoreApplication.translate("OrdersPage", "Tracking no."))
