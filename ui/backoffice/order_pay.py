"""The orders page's payment steps: confirm a PromptPay payment (also one that arrives after
the reservation ran out, while the stock lasts), note "paid late, refund due" when it cannot be
sold, and the sale's full tax invoice, numbered on the web terminal's series."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from pos.domain.auth import Action
from pos.domain.money import format_baht
from pos.domain.orders import OrderStatus
from pos.domain.sale import Receipt
from pos.domain.taxinvoice import HEAD_OFFICE, Buyer
from pos.ports.orders import OrderView
from pos.services.order_desk import LatePaymentShort, expired_unpaid
from ui.backoffice.listing import form_button
from ui.backoffice.orders_common import OrderHost, lang, message
from ui.worker import Worker

if TYPE_CHECKING:
    from pos.domain.taxinvoice import TaxInvoice
    from pos.services.printing import TaxInvoices
    from ui.tax_invoice_dialog import TaxInvoiceDialog


class PayPanel(QObject):
    """The payment controls (laid out in the page's steps) and what they do."""

    def __init__(
        self, host: OrderHost, tax_invoices: TaxInvoices | None, worker: Worker, window: QWidget
    ) -> None:
        super().__init__(window)
        self.host = host
        self.tax_invoices = tax_invoices
        self.worker = worker
        self.window = window  # the tax-invoice dialog's parent
        self.invoice_dialog: TaxInvoiceDialog | None = None
        self.confirm_button = form_button("orderConfirmPayment", "")
        self.confirm_button.clicked.connect(self.confirm_payment)
        self.late_refund_button = form_button("orderLateRefund", "")
        self.late_refund_button.clicked.connect(self.record_late_refund)
        self.invoice_button = form_button("orderTaxInvoice", "")
        self.invoice_button.clicked.connect(self.tax_invoice)

    def enable(self, order: OrderView | None) -> None:
        """Managers confirm payments and issue tax invoices."""
        manage = self.host.actor.may(Action.MANAGE_ORDERS)
        status = order.status if order is not None else None
        late = order is not None and expired_unpaid(order)
        self.confirm_button.setEnabled(manage and (status is OrderStatus.AWAITING_PAYMENT or late))
        self.late_refund_button.setEnabled(manage and late)
        self.invoice_button.setEnabled(
            manage and self.tax_invoices is not None and order is not None
            and order.receipt_no is not None
        )  # fmt: skip

    def confirm_payment(self) -> None:
        host = self.host
        order = host.order
        if order is None:
            return
        desk, actor, no = host.desk, host.actor, order.order_no
        late = expired_unpaid(order)

        def paid(receipt: Receipt) -> None:
            if late:
                text = QCoreApplication.translate(
                    "OrdersPage",
                    "Late payment of {no} confirmed (after the reservation ran out; the stock "
                    "was still there): receipt {receipt}",
                )
            else:
                text = QCoreApplication.translate(
                    "OrdersPage", "Payment of {no} confirmed: receipt {receipt}"
                )
            host.say(text.format(no=no, receipt=receipt.receipt_no))
            host.refresh()

        def refused(exc: Exception) -> None:
            host.say(message(exc))
            if isinstance(exc, LatePaymentShort):
                self.late_refund_button.setFocus()

        host.run(lambda: desk.confirm_payment(no, actor), paid, refused)

    def record_late_refund(self) -> None:
        """A late payment that cannot be sold: noted as paid late, refund due."""
        host = self.host
        order = host.order
        if order is None or not self.late_refund_button.isEnabled():
            return
        desk, actor, no = host.desk, host.actor, order.order_no
        host.run(
            lambda: desk.record_late_refund(no, actor),
            host.done(
                QCoreApplication.translate(
                    "OrdersPage", "{no}: paid late, refund due {amount}."
                ).format(no=no, amount=format_baht(order.total))
            ),
        )

    def tax_invoice(self) -> None:
        """The sale's full tax invoice: saved as a PDF when it was issued already (asked for
        at checkout), else issued in the tax-invoice dialog with the order's buyer filled
        in; numbered on the web terminal's own series either way."""
        host, invoices = self.host, self.tax_invoices
        order = host.order
        if order is None or order.receipt_no is None or invoices is None:
            return
        desk, no = host.desk, order.order_no
        host.run(lambda: desk.tax_invoice(no), lambda found: self._invoice_found(order, found))

    def _invoice_found(self, order: OrderView, found: TaxInvoice | None) -> None:
        host, invoices = self.host, self.tax_invoices
        if invoices is None:
            return
        if found is None:
            self._open_invoice_dialog(invoices, order)
            return
        path = host.ask_path(
            QCoreApplication.translate("OrdersPage", "Save the tax invoice"), f"{found.number}.pdf"
        )
        if not path:
            return
        number = found.number
        host.run(
            lambda: invoices.write_pdf(found, Path(path)),
            lambda _p: host.say(
                QCoreApplication.translate(
                    "OrdersPage", "Tax invoice {number} saved: {path}"
                ).format(number=number, path=path)
            ),
        )

    def _open_invoice_dialog(self, invoices: TaxInvoices, order: OrderView) -> None:
        from ui.tax_invoice_dialog import TaxInvoiceDialog

        c = order.customer
        buyer = c.tax_invoice or Buyer(c.name, c.address, "", HEAD_OFFICE)
        dialog = TaxInvoiceDialog(invoices, self.worker, lang, order.receipt_no or "", self.window)
        dialog.fill_buyer(buyer)
        dialog.tax_id_field.setFocus()
        dialog.finished.connect(lambda _r: self._invoice_dialog_closed(dialog))
        self.invoice_dialog = dialog
        dialog.open()

    def _invoice_dialog_closed(self, dialog: TaxInvoiceDialog) -> None:
        if self.invoice_dialog is dialog:
            self.invoice_dialog = None
        dialog.deleteLater()
        if dialog.invoice is not None:
            self.host.say(
                QCoreApplication.translate("OrdersPage", "Tax invoice {number}").format(
                    number=dialog.invoice.number
                )
            )

    def retranslateUi(self) -> None:
        self.confirm_button.setText(QCoreApplication.translate("OrdersPage", "Confirm payment"))
        self.late_refund_button.setText(
            QCoreApplication.translate("OrdersPage", "Paid late: refund due")
        )
        self.invoice_button.setText(QCoreApplication.translate("OrdersPage", "Tax invoice…"))
