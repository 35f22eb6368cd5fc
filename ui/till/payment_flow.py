"""Paying (F12): what must come first, the payment dialog, the commit, the receipt's preview."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from pos.services.sale_session import Readiness
from ui import format as fmt
from ui.till.messages import MessageLevel
from ui.till.ops import Committed, TillOp

if TYPE_CHECKING:
    from pos.domain.payment import Tender
    from pos.domain.sale import Receipt
    from pos.services.auth import Approval
    from ui.payment_dialog import PaymentDialog
    from ui.receipt_preview import PreviewKind, ReceiptPreview
    from ui.till.host import TillHost

log = logging.getLogger(__name__)


class PaymentFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self.dialog: PaymentDialog | None = None
        self.preview: ReceiptPreview | None = None
        self.last_receipt: Receipt | None = None
        # the preview never covers the next sale: Esc or the next scan's first key closes it
        host.scan_field.escaped.connect(self.close_preview)
        host.scan_field.textEdited.connect(lambda text: self.close_preview() if text else None)

    def pay(self) -> None:
        self.w.carts.when_scans_done(self._open_payment)

    def _open_payment(self) -> None:
        w, session = self.w, self.w.session
        if not w.cart_free() or self.dialog is not None:
            return
        check = session.pay_check()
        if check.readiness is Readiness.EMPTY_CART:
            w.warn(self.tr("The cart is empty: scan the products first"))
            return
        if check.readiness is Readiness.NEEDS_SHIFT:
            if not w.dialog_open:
                w.warn(self.tr("No shift is open at this counter: open one first"))
                w.shift.open_shift()
            return
        if check.readiness is Readiness.NEEDS_APPROVAL and check.approval is not None:
            w.shift.ask_approval(check.approval.action, check.approval.ref,
                                 self._approved_then_pay, check.reason)
            return
        if check.readiness in (Readiness.BUSY, Readiness.NEEDS_LOGIN):
            return
        due, held, dropped = session.start_payment()
        if dropped:
            w.warn(self.tr("The total changed: take the payments again"))
        from ui.payment_dialog import PaymentDialog

        dialog = PaymentDialog(due, w.ctx.settings.promptpay_id, held, w.window())
        dialog.commitRequested.connect(self._commit)
        dialog.rejected.connect(self._payment_closed)
        self.dialog = dialog
        dialog.open()

    def _approved_then_pay(self, approval: Approval) -> None:
        self.w.session.grant(approval)
        QTimer.singleShot(0, self._open_payment)  # after the approval dialog has closed

    def _payment_closed(self) -> None:
        if self.dialog is not None:
            self.w.session.hold_tenders(self.dialog.tenders)
            self.dialog.deleteLater()
            self.dialog = None
        if self.w.session.tenders:
            self.w.show_message(self.tr("Payments taken so far are kept: F12 to continue"),
                                MessageLevel.INFO)
        self.w.refocus()

    def _commit(self, tenders: list[Tender]) -> None:
        dialog = self.dialog
        if dialog is None or self.w.session.busy is not None:
            return
        dialog.set_committing(True)
        commit, render = self.w.session.commit_job(tenders), self.w.ctx.render_receipt

        def work() -> Committed:
            receipt = commit()
            try:  # the sale is saved: a preview problem must not look like a failed sale
                text: str | None = render(receipt)
            except Exception:
                log.exception("receipt %s could not be rendered", receipt.receipt_no)
                text = None
            return Committed(receipt, text)

        TillOp("complete", work).success(self._on_committed).failure(
            self._on_commit_failed).run(self.w.worker)

    def _on_committed(self, outcome: Committed) -> None:
        receipt, text = outcome.receipt, outcome.preview
        self.last_receipt = receipt
        if self.dialog is not None:
            self.dialog.set_committing(False)
            self.dialog.accept()
            self.dialog.deleteLater()
            self.dialog = None
        self.w.session.commit_done()
        self.w.refocus()
        self._show_sale_done(receipt)
        if text is None:
            text = self.tr("Receipt {number} is saved; its preview could not be drawn.").format(
                number=receipt.receipt_no)
        from ui.receipt_preview import PreviewKind

        self.show_preview(PreviewKind.RECEIPT, receipt.receipt_no, text)
        self.w.refocus()
        self.w.saleCompleted.emit(receipt)

    def _on_commit_failed(self, exc: Exception) -> None:
        self.w.session.commit_failed()  # spent or refused: the next try asks the manager again
        QApplication.beep()
        if self.dialog is not None:
            self.dialog.commit_failed(self.w.error_text(exc))
        else:
            self.w.fail(exc)

    def _show_sale_done(self, receipt: Receipt) -> None:
        change = fmt.baht(receipt.change) if receipt.change else ""
        self.w.last_line.show_sale(receipt.receipt_no, fmt.baht(receipt.total), change)
        self.w.show_message(self.tr("Sale {number} saved").format(number=receipt.receipt_no),
                            MessageLevel.OK)

    def show_preview(self, kind: PreviewKind, number: str, text: str) -> None:
        """A receipt, report or refund slip in the preview window (it never keeps the
        keyboard); its title says which document it is."""
        if self.preview is None:
            from ui.receipt_preview import ReceiptPreview

            self.preview = ReceiptPreview(self.w.window())
            self.preview.finished.connect(lambda _r: self.w.refocus())
            self.preview.activated.connect(lambda: QTimer.singleShot(0, self.w.refocus))
        self.preview.show_document(kind, number, text)

    def close_preview(self) -> None:
        """Esc or the next scan: the preview goes, the cart is in full view again."""
        if self.preview is not None and self.preview.isVisible():
            self.preview.close()
