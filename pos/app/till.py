"""The composition root's till: the print queue, PIN log-in and approvals, shifts, refunds,
stock, parked baskets, the checkout, tax invoices, sync, labels and the till window's context,
each built once from the settings (a part of `pos.app.bootstrap.Services`, which mixes it in)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos.app.store import Store
    from pos.domain.refund import RefundReceipt
    from pos.domain.sale import Receipt
    from pos.domain.settings import Settings
    from pos.ports.clock import Clock
    from pos.ports.returns import RefundHook
    from pos.ports.sales import SaleHook
    from pos.services.auth import Auth
    from pos.services.baskets import Baskets
    from pos.services.checkout import Checkout
    from pos.services.customer_display import Showcase
    from pos.services.labels import LabelDesk
    from pos.services.orders import Orders
    from pos.services.printing import PrintQueue, TaxInvoices, TestPages
    from pos.services.returns import Returns
    from pos.services.rooms import Rooms
    from pos.services.settings import LiveSettings, SettingsTaken
    from pos.services.shifts import Shifts
    from pos.services.stock import StockDesk
    from pos.services.sync import SyncService
    from pos.services.tea import TeaCorner
    from pos.services.till import TillContext


class TillServices:
    """What the till needs of the other services is declared here; `Services` provides it."""

    if TYPE_CHECKING:
        store: Store
        live: LiveSettings
        queue_prints: bool

        @property
        def settings(self) -> Settings: ...
        @property
        def clock(self) -> Clock: ...
        @property
        def central_copy(self) -> bool: ...
        @property
        def orders(self) -> Orders: ...
        @property
        def tea(self) -> TeaCorner: ...
        @property
        def rooms(self) -> Rooms: ...
        def take_settings(self, saved: Settings) -> SettingsTaken: ...
        def watch_settings(self, listener: Callable[[Settings], None]) -> None: ...

    @cached_property
    def print_queue(self) -> PrintQueue | None:
        """The queue on the ESC/POS printers of the settings (nothing opens yet); None when
        every printer is only a preview."""
        if not self.queue_prints or all(p.is_preview for p in self.settings.printers):
            return None
        from pos.services.printing import PrintQueue
        from printing.printer import EscPosPrinter

        return PrintQueue(self.store.uow, self.settings, EscPosPrinter(), self.clock)

    @cached_property
    def test_pages(self) -> TestPages:
        """The printer setup's test page: drawn by the ESC/POS adapter, printed by the queue."""
        from pos.services.printing import TestPages
        from printing.printer import EscPosPrinter

        return TestPages(self.settings, EscPosPrinter(), self.print_queue)

    @cached_property
    def receipt_sink(self) -> PrintQueue | None:
        """Receipts, refund slips and Z reports go to the print queue, unless the receipt
        printer is only a preview."""
        if self.settings.receipt_printer.is_preview:
            return None
        return self.print_queue

    @cached_property
    def auth(self) -> Auth:
        """PIN log-in and approvals: the approvals it gives are the ones the checkout, the
        shifts and the refunds accept."""
        from pos.services.auth import Auth

        tid = self.store.terminal_id
        central_pins = None
        if self.settings.central_url and self.central_copy:  # a PIN set after a reset: there
            from db.sync.pins import CentralPinChange

            central_pins = CentralPinChange(
                self.store.engine, self.settings.central_url, self.settings.sync_round_timeout_s
            )
        return Auth(
            self.store.uow, self.settings, self.clock, terminal_id=tid, central_pins=central_pins
        )

    @cached_property
    def shifts(self) -> Shifts:
        """This counter's shifts; a Z report is staged for the receipt printer in the
        transaction that closes the shift."""
        from pos.services.shifts import Shifts

        sink = None
        if self.receipt_sink is not None:
            from pos.services.printing import ZReports

            sink = ZReports(self.receipt_sink)
        return Shifts(self.store.uow, self.auth, self.store.terminal, self.clock, sink)

    @cached_property
    def returns(self) -> Returns:
        """Refunds at this counter; the refund slip goes to the receipt printer's queue."""
        from pos.services.returns import RefundSlips, Returns

        sink = None if self.receipt_sink is None else RefundSlips(self.receipt_sink)
        store = self.store
        return Returns(
            store.uow, self.auth, self.settings, store.terminal, self.clock, sink,
            self.refund_hooks,
        )  # fmt: skip

    @cached_property
    def stock_desk(self) -> StockDesk:
        """Deliveries, returns to producers, adjustments and counts at this counter; their
        slips as PDFs, or on the receipt printer through the print queue."""
        from pos.services.stock import StockDesk
        from printing.stock_pdf import QtStockSlipWriter

        store = self.store
        return StockDesk(
            store.uow, self.settings, store.terminal, self.clock, self.auth, QtStockSlipWriter(),
            self.print_queue,
        )  # fmt: skip

    @cached_property
    def baskets(self) -> Baskets:
        from pos.services.baskets import Baskets

        return Baskets(self.store.uow, self.settings, self.store.terminal, self.clock)

    @cached_property
    def sale_hooks(self) -> list[SaleHook]:
        """What runs inside every sale's transaction, the counter's and the orders' alike
        (pos.ports.sales.SaleHook): each capability that needs it adds its hook here."""
        hooks: list[SaleHook] = [self.tea.sale_hook, self.rooms.sale_hook]
        return hooks

    @cached_property
    def refund_hooks(self) -> list[RefundHook]:
        """What runs inside every refund's transaction (pos.ports.returns.RefundHook)."""
        hooks: list[RefundHook] = [self.tea.refund_hook, self.rooms.refund_hook]
        return hooks

    @cached_property
    def checkout(self) -> Checkout:
        """The till's checkout: receipts to the receipt sink, approvals checked by `auth`."""
        from pos.services.checkout import Checkout

        store = self.store
        return Checkout(
            store.uow, self.settings, store.terminal, self.clock, self.receipt_sink, self.auth,
            self.sale_hooks,
        )  # fmt: skip

    @cached_property
    def tax_invoices(self) -> TaxInvoices | None:
        """Full tax invoices (None: the shop is not VAT-registered)."""
        if not self.settings.vat_registered:
            return None
        from pos.services.printing import TaxInvoices
        from printing.taxinvoice_pdf import QtTaxInvoiceWriter

        store = self.store
        return TaxInvoices(
            store.uow, self.settings, store.terminal, self.clock, QtTaxInvoiceWriter(),
            self.print_queue,
        )  # fmt: skip

    @cached_property
    def sync(self) -> SyncService | None:
        """The central sync when a central server is configured (nothing connects yet)."""
        if not self.settings.central_url:
            return None
        from pos.app.store import sync_service

        return sync_service(
            self.store, self.settings.central_url, self.settings.sync_round_timeout_s
        )

    @cached_property
    def label_desk(self) -> LabelDesk:
        """The labels window's services."""
        from pos.services.labels import LabelDesk
        from printing.label_qt import page_image, paint_pages
        from printing.labels import PdfLabelRenderer

        return LabelDesk(
            uow=self.store.uow,
            settings=self.settings,
            clock=self.clock,
            pdf_renderer=PdfLabelRenderer,
            page_image=page_image,
            paint_pages=paint_pages,
        )

    def till_context(self) -> TillContext:
        """Everything the till window needs (GUI, tests, benchmarks)."""
        from pos.services.till import TillContext
        from printing.refund_receipt import render_refund_text
        from printing.text_receipt import render_text

        live = self.live

        def render_receipt(receipt: Receipt) -> str:
            settings = live.current  # once: one set of settings for the whole receipt
            return render_text(receipt, settings, settings.receipt_printer.text_columns)

        def render_refund(refund: RefundReceipt) -> str:
            settings = live.current
            return render_refund_text(refund, settings, settings.receipt_printer.text_columns)

        if self.receipt_sink is not None:
            self.receipt_sink.recover()  # jobs a crash left "printing" go back to the queue
        if self.print_queue is not None and self.settings.tea_printer:
            if self.receipt_sink is None:
                self.print_queue.recover()
            self.tea.resume()  # the tea tickets a stop left: printed once, aside
        return TillContext(
            checkout=self.checkout,
            settings=self.settings,
            terminal=self.store.terminal,
            load_index=self.store.load_index,
            catalog_marker=self.store.catalog_marker,
            render_receipt=render_receipt,
            store_label=self.store.url,
            baskets=self.baskets,
            print_queue=self.print_queue,
            test_pages=self.test_pages,
            tax_invoices=self.tax_invoices,
            sync=self.sync,
            auth=self.auth,
            shifts=self.shifts,
            returns=self.returns,
            render_refund=render_refund,
            back_office=self,
            take_settings=self.take_settings,
            watch_settings=self.watch_settings,
            load_showcase=self.load_showcase,
            orders=self.orders,
            tea=self.tea,
            rooms=self.rooms,
        )

    def load_showcase(self) -> Showcase:
        """The customer display's stories and photos (photos under the data folder's photos/)."""
        from pos.config import data_dir
        from pos.services.customer_display import load_showcase

        return load_showcase(self.store.uow, self.settings, data_dir() / "photos", self.tea.menu)
