"""The till's other keys: help (F1), find (F2), printer setup (Ctrl+P), tax invoice (Ctrl+T)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.till import actions

if TYPE_CHECKING:
    from ui.find_dialog import FindDialog
    from ui.till.host import TillHost


class ToolsFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self.find: FindDialog | None = None

    def show_help(self) -> None:
        from ui.dialogs import HelpDialog

        self.w.open_dialog(HelpDialog(actions.help_rows, self.w.window()))

    def find_product(self) -> None:
        if self.find is None:
            from ui.find_dialog import FindDialog

            self.find = FindDialog(self.w.window())
            self.find.productChosen.connect(lambda row: self.w.submit_scan(row.sku))
            self.find.finished.connect(lambda _r: self.w.refocus())
        self.find.set_index(self.w.index)
        typed = self.w.scan_field.text().strip()
        self.w.scan_field.clear()
        self.find.start("" if typed.isdigit() else typed)

    def printer_setup(self) -> None:
        """Ctrl+P: printer profiles, the test page's preview, a test print."""
        ctx = self.w.store.context
        if ctx is None or ctx.test_pages is None:
            return
        from ui.printer_dialog import PrinterSetupDialog

        self.w.open_dialog(PrinterSetupDialog(self.w.settings, ctx.test_pages, self.w.worker,
                                              self.w.window()))

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
