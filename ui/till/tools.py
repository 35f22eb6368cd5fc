"""The till's other keys: help (F1), find (F2), printer setup (Ctrl+P), reprint (Ctrl+Shift+P),
tax invoice (Ctrl+T), the back office (Ctrl+Shift+B, a manager's)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt

from ui.till import actions
from ui.till.ops import TillOp

if TYPE_CHECKING:
    from pos.domain.auth import Actor
    from ui.backoffice.window import BackOfficeWindow
    from ui.find_dialog import FindDialog
    from ui.reprint_dialog import Reprinted
    from ui.till.host import TillHost


log = logging.getLogger(__name__)


class ToolsFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self.find: FindDialog | None = None
        self.back_office_window: BackOfficeWindow | None = None

    def show_help(self) -> None:
        from ui.dialogs import HelpDialog

        self.w.open_dialog(HelpDialog(actions.help_rows, self.w.window()))

    def find_product(self) -> None:
        if self.find is None:
            from ui.find_dialog import FindDialog

            self.find = FindDialog(self.w.window())
            self.find.productChosen.connect(lambda row: self.w.submit_scan(row.sku))
            self.find.finished.connect(lambda _r: self.w.refocus())
            self.find.rowsShown.connect(self._find_stock)
        self.find.set_index(self.w.index)
        typed = self.w.scan_field.text().strip()
        self.w.scan_field.clear()
        self.find.start("" if typed.isdigit() else typed)

    def _find_stock(self, product_ids: list[str]) -> None:
        """The listed products' stock and what online orders hold, on the worker."""
        ctx, find = self.w.store.context, self.find
        if ctx is None or ctx.orders is None or find is None or self.w.worker.closed:
            return
        orders = ctx.orders
        self.w.worker.run(lambda: orders.stock_figures(product_ids), find.set_stock,
                          lambda exc: log.warning("no stock figures: %s", exc),
                          name="find_stock")  # fmt: skip

    def printer_setup(self) -> None:
        """Ctrl+P: printer profiles, the test page's preview, a test print."""
        ctx = self.w.store.context
        if ctx is None or ctx.test_pages is None:
            return
        from ui.printer_dialog import PrinterSetupDialog

        self.w.open_dialog(PrinterSetupDialog(self.w.settings, ctx.test_pages, self.w.worker,
                                              self.w.window()))

    def reprint(self) -> None:
        """Ctrl+Shift+P: a copy of the last receipt (or a typed one), on the receipt printer
        and in the preview (only the preview when the receipt printer is a preview)."""
        ctx = self.w.store.context
        if ctx is None or self.w.dialog_open or self.w.actor is None:
            return
        from functools import partial

        from ui.reprint_dialog import ReprintDialog, reprint_copy

        printer = None if self.w.settings.receipt_printer.is_preview else ctx.print_queue
        work = partial(reprint_copy, ctx.checkout, ctx.render_receipt, printer)
        last = self.w.last_receipt
        dialog = ReprintDialog(work, self._run, last.receipt_no if last is not None else "",
                               self.w.window())
        dialog.reprinted.connect(self._reprinted)
        self.w.open_dialog(dialog)

    def _run(self, fn: Callable[[], Any], ok: Callable[[Any], None],
             fail: Callable[[Exception], None]) -> None:
        TillOp("reprint", fn).success(ok).failure(fail).run(self.w.worker)

    def _reprinted(self, copy: Reprinted) -> None:
        from ui.receipt_preview import PreviewKind
        from ui.till.messages import MessageLevel

        number = copy.receipt.receipt_no
        self.w.show_message((self.tr("Copy of {number} printed") if copy.printed
                             else self.tr("Copy of {number}")).format(number=number),
                            MessageLevel.OK)
        self.w.payment.show_preview(PreviewKind.RECEIPT, number, copy.text)

    def tax_invoice(self, receipt_no: str | None = None) -> None:
        """Ctrl+T: a full tax invoice for the last receipt (or a typed receipt number)."""
        ctx = self.w.store.context
        if ctx is None:
            return
        if ctx.tax_invoices is None:
            self.w.warn(self.tr("This shop is not VAT-registered: it issues receipts, never "
                                "tax invoices."))
            return
        from ui.tax_invoice_dialog import TaxInvoiceDialog

        last = self.w.last_receipt
        if receipt_no is None and last is not None:
            receipt_no = last.receipt_no
        self.w.open_dialog(TaxInvoiceDialog(ctx.tax_invoices, self.w.worker,
                                            lambda: self.w.language, receipt_no or "",
                                            self.w.window()))

    def show_back_office(self, actor: Actor | None) -> None:
        """The menu's "Back office" is there for a manager or admin only."""
        action = self.w.action_set.actions.get("back_office")
        if action is None:
            return
        if actor is None:  # the first frame: nobody logged in, nothing more imported
            action.setVisible(False)
            return
        from ui.backoffice.window import may_use_back_office

        action.setVisible(may_use_back_office(actor))

    def back_office(self) -> None:
        """Ctrl+Shift+B: the back office, with the manager logged in at the till as its actor."""
        ctx = self.w.store.context
        actor = self.w.actor
        if ctx is None or ctx.back_office is None or actor is None:
            return
        from ui.backoffice.window import BackOfficeServices, BackOfficeWindow, may_use_back_office

        if not may_use_back_office(actor):
            self.w.warn(self.tr("Only a manager or an admin may open the back office"))
            return
        window = self.back_office_window
        if window is None or window.actor != actor:
            if window is not None:
                window.close()
            services = cast("BackOfficeServices", ctx.back_office)
            window = BackOfficeWindow(services, actor, self.w.language, self.w.window())
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            self.back_office_window = window
        window.show()
        window.raise_()
        window.activateWindow()
