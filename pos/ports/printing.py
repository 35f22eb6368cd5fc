"""Printers, the print queue's unit of work, and full tax invoices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pos.ports.sales import SalesUnitOfWork

if TYPE_CHECKING:
    from pos.domain.cashup import ShiftReport
    from pos.domain.channels import Channel
    from pos.domain.refund import RefundReceipt
    from pos.domain.sale import Receipt
    from pos.domain.settings import PrinterProfile, Settings
    from pos.domain.taxinvoice import Buyer, TaxInvoice
    from pos.ports.print_jobs import PrintJobRepository
    from pos.ports.returns import RefundRepository
    from pos.ports.shifts import ShiftRepository
    from pos.ports.stock import StockDocumentRecord, StockRepository
    from pos.ports.terminals import TerminalInfo


@dataclass(frozen=True, slots=True)
class TaxInvoiceRecord:
    number: str
    issued_at: datetime
    receipt_no: str
    buyer: Buyer


class TaxInvoiceRepository(Protocol):
    def issue(
        self, receipt_no: str, terminal: TerminalInfo, buyer: Buyer, at: datetime
    ) -> TaxInvoiceRecord:
        """Take the next number of the terminal's 'tax_invoice' series (caller commits)."""
        ...

    def sale_channel_terminal(self, receipt_no: str) -> tuple[TerminalInfo, Channel] | None:
        """The terminal that recorded the sale, with its channel (None: no such sale)."""
        ...

    def for_receipt(self, receipt_no: str) -> TaxInvoiceRecord | None: ...
    def by_number(self, number: str) -> TaxInvoiceRecord | None: ...
    def buyers(self, text: str, limit: int = 8) -> list[Buyer]:
        """Earlier invoices' buyers by tax ID prefix or part of the name, each once, newest
        first."""
        ...


class PrintingUnitOfWork(SalesUnitOfWork, Protocol):
    @property
    def print_jobs(self) -> PrintJobRepository: ...
    @property
    def tax_invoices(self) -> TaxInvoiceRepository: ...
    @property
    def refunds(self) -> RefundRepository: ...  # refund slips in the queue
    @property
    def shifts(self) -> ShiftRepository: ...  # Z reports in the queue
    @property
    def stock(self) -> StockRepository: ...  # receiving and return slips in the queue


class PrinterPort(Protocol):
    """Documents to a printer; raises PrinterUnavailable when the printer cannot take them."""

    def print_receipt(
        self, receipt: Receipt, settings: Settings, profile: PrinterProfile, *, open_drawer: bool
    ) -> None: ...
    def print_tax_invoice(
        self, invoice: TaxInvoice, settings: Settings, profile: PrinterProfile
    ) -> None: ...
    def print_test_page(self, settings: Settings, profile: PrinterProfile) -> None: ...
    def print_refund(
        self, refund: RefundReceipt, settings: Settings, profile: PrinterProfile, *,
        open_drawer: bool,
    ) -> None: ...  # fmt: skip
    def print_shift_report(
        self, report: ShiftReport, settings: Settings, profile: PrinterProfile, *,
        copy: bool = False,
    ) -> None: ...  # fmt: skip
    def print_stock_document(
        self, doc: StockDocumentRecord, settings: Settings, profile: PrinterProfile
    ) -> None: ...


class TestPageRenderer(Protocol):
    """The printer set-up's test page as the printer of a profile would get it."""

    def test_page_png(self, settings: Settings, profile: PrinterProfile) -> bytes:
        """The test page's raster at the profile's paper width, as a PNG."""
        ...


class TaxInvoiceWriter(Protocol):
    """A full tax invoice as an A4 PDF file."""

    def write_pdf(self, invoice: TaxInvoice, settings: Settings, path: Path) -> Path: ...
