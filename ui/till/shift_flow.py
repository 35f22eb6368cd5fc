"""The counter's shift (open, paid in/out, X report, close), refunds and manager approvals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from pos.domain.bilingual import pick
from ui import format as fmt
from ui.till.messages import MessageLevel
from ui.till.ops import CloseCheck, TillOp

if TYPE_CHECKING:
    from pos.domain.auth import Action
    from pos.domain.cashup import ShiftReport
    from pos.domain.refund import RefundReceipt
    from pos.services.auth import Approval
    from ui.till.host import TillHost


class ShiftFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host

    def run(self, fn: Callable[[], Any], ok: Callable[[Any], None],
            fail: Callable[[Exception], None]) -> None:
        """How the shift's dialogs run their work: on the till's ordered worker."""
        TillOp("shift", fn).success(ok).failure(fail).run(self.w.worker)

    def _tools(self) -> bool:
        if not self.w.cart_free():
            return False
        if self.w.actor is None or self.w.ctx.shifts is None:
            self.w.warn(self.tr("Shifts are not set up on this till"))
            return False
        return not self.w.dialog_open

    def open_shift(self) -> None:
        if not self._tools():
            return
        if self.w.session.shift_open:
            self.w.show_message(self.tr("A shift is already open at this counter"),
                                MessageLevel.INFO)
            return
        from ui.shift_dialogs import OpenShiftDialog

        shifts, actor = self.w.ctx.shifts, self.w.actor
        assert shifts is not None
        assert actor is not None
        dialog = OpenShiftDialog(shifts, actor, self.run, self.w.window())
        dialog.opened.connect(self._on_opened)
        self.w.open_dialog(dialog)

    def _on_opened(self, _shift: object) -> None:
        self.w.session.set_shift_open(True)
        self.w.show_message(self.tr("Shift opened: ready to sell"), MessageLevel.OK)

    def paid_in(self) -> None:
        self.cash_move("paid_in")

    def paid_out(self) -> None:
        self.cash_move("paid_out")

    def cash_move(self, kind: str) -> None:
        """Ctrl+I paid in, Ctrl+O paid out: an amount and a reason into the shift's cash."""
        if not self._tools():
            return
        from ui.shift_dialogs import CashMoveDialog

        shifts, actor = self.w.ctx.shifts, self.w.actor
        assert shifts is not None
        assert actor is not None
        dialog = CashMoveDialog(kind, shifts, actor, self.run, self.w.window())
        dialog.moved.connect(self._on_cash_moved)
        self.w.open_dialog(dialog)

    def _on_cash_moved(self, kind: str, amount: Decimal) -> None:
        text = (self.tr("Paid in {amount}") if kind == "paid_in"
                else self.tr("Paid out {amount}"))
        self.w.show_message(text.format(amount=fmt.baht(amount)), MessageLevel.OK)

    def x_report(self) -> None:
        """F10: the shift so far, in the receipt preview."""
        if not self._tools():
            return
        shifts, actor = self.w.ctx.shifts, self.w.actor
        assert shifts is not None
        assert actor is not None
        TillOp("x_report", lambda: shifts.x_report(actor)).success(self._show_x_report).failure(
            self.w.fail).run(self.w.worker)

    def _show_x_report(self, report: ShiftReport) -> None:
        """The X report in the preview, and on the receipt printer when there is one."""
        self.w.last_line.clear_sale()  # the last sale's change is not the report's
        self.show_report(report)
        queue = self.w.ctx.print_queue
        if queue is not None and not self.w.settings.receipt_printer.is_preview:
            TillOp("print_x_report", lambda: queue.print_x(report)).failure(self.w.fail).run(
                self.w.worker)

    def show_report(self, report: ShiftReport) -> None:
        from pos.domain.shift_text import shift_report_text
        from ui.receipt_preview import PreviewKind

        settings = self.w.settings
        text = shift_report_text(report, self.w.language, settings.receipt_printer.text_columns,
                                 settings=settings)
        if report.kind == "z":
            number = report.document_no or f"{report.number:06d}"
            self.w.payment.show_preview(PreviewKind.Z_REPORT, number, text)
        else:
            self.w.payment.show_preview(PreviewKind.X_REPORT, "", text)

    def close_shift(self) -> None:
        """F11: warn about unsent sales, then count the drawer; the Z report when closed."""
        if not self._tools():
            return
        if not self.w.cart.is_empty:
            self.w.warn(self.tr("Finish or park (F5) the current sale first"))
            return
        shifts, actor, sync = self.w.ctx.shifts, self.w.actor, self.w.ctx.sync
        assert shifts is not None
        assert actor is not None
        language = self.w.language

        def work() -> CloseCheck:
            warning = ""
            if sync is not None:
                check = sync.shift_close_check()
                if not check.ok:
                    warning = pick(language, check.message_th, check.message_en)
            return CloseCheck(shifts.x_report(actor), warning)

        TillOp("close_check", work).success(self._show_close).failure(self.w.fail).run(
            self.w.worker)

    def _show_close(self, check: CloseCheck) -> None:
        from ui.shift_dialogs import CloseShiftDialog

        shifts, actor = self.w.ctx.shifts, self.w.actor
        if self.w.dialog_open or actor is None or shifts is None:
            return
        dialog = CloseShiftDialog(shifts, actor, check.report, check.warning, self.run,
                                  self.w.window())
        dialog.closed.connect(self._on_closed)
        self.w.open_dialog(dialog)

    def _on_closed(self, report: ShiftReport) -> None:
        self.w.session.set_shift_open(False)
        self.w.last_line.clear_sale()
        self.show_report(report)
        self.w.show_message(self.tr("Shift closed: {title}").format(title=report.title),
                            MessageLevel.OK)

    def refund(self) -> None:
        """Ctrl+R: refund some or all of a sale, found by its receipt."""
        if not self.w.cart_free() or self.w.dialog_open or self.w.actor is None:
            return
        returns, auth = self.w.ctx.returns, self.w.ctx.auth
        if returns is None or auth is None:
            self.w.warn(self.tr("Refunds are not set up on this till"))
            return
        from ui.refund_dialog import RefundDialog

        dialog = RefundDialog(returns, auth, self.w.actor, self.run, self.w.window())
        dialog.refunded.connect(self._on_refunded)
        self.w.open_dialog(dialog)

    def _on_refunded(self, refund: RefundReceipt) -> None:
        self.w.last_line.clear_sale()  # the change given for the last sale is not this refund's
        self.w.show_message(self.tr("Refund {number}: {amount} back to the customer").format(
            number=refund.refund_no, amount=fmt.baht(refund.total)), MessageLevel.OK)
        render = self.w.ctx.render_refund
        if render is not None:
            from ui.receipt_preview import PreviewKind

            TillOp("refund_text", lambda: render(refund)).success(
                lambda text: self.w.payment.show_preview(PreviewKind.REFUND, refund.refund_no,
                                                         text)).failure(
                self.w.fail).run(self.w.worker)

    def ask_approval(self, action: Action, ref: str, then: Callable[[Approval], None],
                     reason: str = "") -> None:
        """A manager's PIN for one action of this cashier; `then` runs once approved. A
        `reason` the cashier already gave (a discount's) is shown, not asked again."""
        from ui.shift_dialogs import ApprovalDialog

        auth, actor = self.w.ctx.auth, self.w.actor
        assert auth is not None
        assert actor is not None
        dialog = ApprovalDialog(auth, actor, action, ref, self.run, self.w.window(), reason)
        dialog.approved.connect(then)
        self.w.open_dialog(dialog)
