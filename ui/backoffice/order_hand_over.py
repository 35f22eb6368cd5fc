"""The orders page's last steps: mark delivered (a pick-up or COD order with what it was paid
by) and cancel with a reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from pos.domain.auth import Action
from pos.domain.orders import Fulfilment, OrderStatus, can_move
from pos.domain.payment import Tender, TenderKind
from pos.ports.orders import OrderView
from ui import style
from ui.backoffice.listing import form_button
from ui.backoffice.orders_common import OrderHost


class HandOverPanel(QObject):
    """The delivered and cancel controls (laid out in the page's steps) and what they do."""

    def __init__(self, host: OrderHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.tender = style.named(QComboBox(), "orderTender")
        for kind in (TenderKind.CASH, TenderKind.PROMPTPAY, TenderKind.CARD):
            self.tender.addItem("", kind.value)
        self.delivered_button = form_button("orderDelivered", "")
        self.delivered_button.clicked.connect(self.mark_delivered)
        self.cancel_reason = style.named(QLineEdit(), "orderCancelReason")
        self.cancel_reason.returnPressed.connect(self.cancel)
        self.cancel_button = form_button("orderCancel", "")
        self.cancel_button.clicked.connect(self.cancel)
        self.tender_caption = QLabel()
        self.tender_caption.setBuddy(self.tender)
        self.reason_caption = QLabel()
        self.reason_caption.setBuddy(self.cancel_reason)

    def enable(self, order: OrderView | None) -> None:
        """Managers hand over a shipped (or pick-up) order and cancel one that may be."""
        manage = self.host.actor.may(Action.MANAGE_ORDERS)
        pickup = order is not None and order.customer.fulfilment is Fulfilment.PICKUP
        status = order.status if order is not None else None
        deliverable = (
            manage
            and order is not None
            and can_move(order.status, OrderStatus.DELIVERED)
            and (status is OrderStatus.SHIPPED or pickup)
        )
        self.delivered_button.setEnabled(deliverable)
        self.tender.setEnabled(deliverable and order is not None and order.sale_id is None)
        cancellable = manage and order is not None and can_move(order.status, OrderStatus.CANCELLED)
        self.cancel_button.setEnabled(cancellable)
        self.cancel_reason.setEnabled(cancellable)

    def new_order(self) -> None:
        """Another order opened: a reason typed for the last one goes."""
        self.cancel_reason.clear()

    def mark_delivered(self) -> None:
        host = self.host
        order = host.order
        if order is None:
            return
        desk, actor, no = host.desk, host.actor, order.order_no
        tenders: tuple[Tender, ...] = ()
        if self.tender.isEnabled():
            kind = TenderKind(str(self.tender.currentData()))
            tenders = (Tender(kind, order.subtotal),)
        host.run(
            lambda: desk.mark_delivered(no, actor, tenders),
            host.done(QCoreApplication.translate("OrdersPage", "{no} delivered.").format(no=no)),
        )

    def cancel(self) -> None:
        host = self.host
        order = host.order
        if order is None or not self.cancel_button.isEnabled():
            return
        reason = self.cancel_reason.text().strip()
        if not reason:
            host.say(QCoreApplication.translate("OrdersPage", "Give the reason for cancelling."))
            self.cancel_reason.setFocus()
            return
        desk, actor, no = host.desk, host.actor, order.order_no
        host.run(
            lambda: desk.cancel(no, actor, reason),
            host.done(QCoreApplication.translate("OrdersPage", "{no} cancelled.").format(no=no)),
        )

    def retranslateUi(self) -> None:
        self.delivered_button.setText(QCoreApplication.translate("OrdersPage", "Mark delivered"))
        self.cancel_button.setText(QCoreApplication.translate("OrdersPage", "Cancel order"))
        self.cancel_reason.setPlaceholderText(
            QCoreApplication.translate("OrdersPage", "Why the order is cancelled")
        )
        self.tender_caption.setText(QCoreApplication.translate("OrdersPage", "Paid by"))
        self.reason_caption.setText(QCoreApplication.translate("OrdersPage", "Reason"))
        names = {
            "cash": QCoreApplication.translate("OrdersPage", "Cash"),
            "promptpay": QCoreApplication.translate("OrdersPage", "PromptPay"),
            "card": QCoreApplication.translate("OrdersPage", "Card"),
        }
        for i in range(self.tender.count()):
            self.tender.setItemText(i, names[str(self.tender.itemData(i))])
