"""Ports: what the services need from storage, printers and the clock (adapters implement them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, Self

if TYPE_CHECKING:  # the domain types are only named in annotations here
    from pos.domain.basket import BasketTemplate
    from pos.domain.cart import ProductInfo
    from pos.domain.cashup import SalesTotals, ShiftReport
    from pos.domain.catalog import BasketEntry, ProducerEntry, ProductEntry
    from pos.domain.eod import EodReport, ProducerLineGroup
    from pos.domain.journal import Verification
    from pos.domain.labels import (
        LabelBatch,
        LabelData,
        LabelProduct,
        LabelQuery,
        LabelTemplate,
        Placement,
    )
    from pos.domain.refund import (
        ApprovalRow,
        RefundPlan,
        RefundReceipt,
        RefundRow,
        ReturnableSale,
    )
    from pos.domain.sale import Receipt, SaleDraft
    from pos.domain.settings import PrinterProfile, Settings
    from pos.domain.stories import ShopLinks, StoryPage
    from pos.domain.taxinvoice import Buyer, TaxInvoice


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TerminalInfo:
    terminal_id: str
    name: str
    pos_id: str
    receipt_prefix: str


@dataclass(frozen=True, slots=True)
class SearchRow:
    """One product as the search index sees it."""

    product_id: str
    sku: str
    barcodes: str
    name_th: str
    name_en: str
    price: Decimal


@dataclass(frozen=True, slots=True)
class ParkedCart:
    parked_id: str
    label: str
    parked_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SaleExportRow:
    receipt_no: str
    sold_at: datetime
    status: str
    sku: str
    name_th: str
    qty: Decimal
    unit_price: Decimal
    discount: Decimal
    line_total: Decimal
    vat_exempt: bool
    line_vat: Decimal
    sale_total: Decimal
    vat: Decimal
    payment_methods: str
    cashier: str


class CatalogRepository(Protocol):
    def product_by_barcode(self, code: str) -> ProductInfo | None: ...
    def product_by_sku(self, sku: str) -> ProductInfo | None: ...
    def product_by_plu(self, plu: str) -> ProductInfo | None: ...
    def products_by_ids(self, ids: Iterable[str]) -> list[ProductInfo]: ...
    def iter_search_rows(self) -> Iterator[SearchRow]: ...
    def count_products(self) -> int: ...
    def stock_on_hand(self, product_ids: Iterable[str]) -> dict[str, Decimal]: ...
    # writing the catalogue (demo store, import, in-store codes)
    def ensure_categories(self) -> None: ...
    def producer_codes(self) -> set[str]: ...
    def upsert_producers(self, entries: Iterable[ProducerEntry]) -> None: ...
    def upsert_products(self, entries: Iterable[ProductEntry], terminal_id: str | None) -> int: ...
    def upsert_baskets(self, entries: Iterable[BasketEntry]) -> None: ...
    def barcode_owners(self) -> dict[str, str]: ...
    def skus_without_barcode(self) -> list[str]: ...
    def add_barcode(self, sku: str, code: str, kind: str) -> None: ...
    def export_entries(self) -> Iterator[tuple[ProductEntry, ProducerEntry]]: ...
    def unit_products(self, limit: int) -> list[ProductInfo]: ...


class TerminalRepository(Protocol):
    def local(self) -> TerminalInfo | None: ...
    def create_local(
        self, name: str, pos_id: str, receipt_prefix: str, shop: ShopInfo
    ) -> TerminalInfo: ...


class SalesRepository(Protocol):
    def record(self, draft: SaleDraft, terminal: TerminalInfo) -> Receipt: ...
    def receipt(self, receipt_no: str) -> Receipt | None: ...
    def count(self) -> int: ...
    def export_rows(
        self, date_from: datetime | None, date_to: datetime | None
    ) -> Iterator[SaleExportRow]: ...


class ParkingRepository(Protocol):
    def park(self, terminal_id: str, label: str, payload: dict[str, Any], at: datetime) -> str: ...
    def list(self, terminal_id: str) -> list[ParkedCart]: ...
    def take(self, parked_id: str) -> ParkedCart | None: ...


@dataclass(frozen=True, slots=True)
class ShopInfo:
    code: str
    name_th: str
    name_en: str
    tax_id: str | None
    branch: str
    address_th: str


@dataclass(frozen=True, slots=True)
class StockMove:
    """One stock movement to append (positive in, negative out)."""

    product_id: str
    quantity: Decimal
    reason: str  # assembly | disassembly | ...
    note: str = ""


class BasketRepository(Protocol):
    def templates(self) -> list[BasketTemplate]: ...
    def template(self, template_id: str) -> BasketTemplate | None: ...
    def template_by_barcode(self, code: str) -> BasketTemplate | None: ...
    def template_by_ready_product(self, product_id: str) -> BasketTemplate | None: ...
    def packaging(self) -> list[ProductInfo]: ...
    def template_barcodes(self) -> dict[str, str]: ...
    def set_template_barcode(self, code: str, barcode: str) -> None: ...
    def lock_products(self, product_ids: Sequence[str]) -> None: ...
    def add_movements(self, moves: Sequence[StockMove], terminal_id: str, at: datetime) -> None: ...
    def ensure_ready_product(self, template_id: str, barcode: str, price: Decimal) -> str: ...


class Transaction(Protocol):
    """One unit of work: rolled back on leaving unless committed."""

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWork(Transaction, Protocol):
    @property
    def terminals(self) -> TerminalRepository: ...
    @property
    def catalog(self) -> CatalogRepository: ...
    @property
    def sales(self) -> SalesRepository: ...
    @property
    def parking(self) -> ParkingRepository: ...
    @property
    def print_jobs(self) -> PrintJobRepository: ...
    @property
    def baskets(self) -> BasketRepository: ...
    @property
    def shifts(self) -> ShiftRepository: ...  # a sale needs the counter's open shift
    @property
    def users(self) -> UserRepository: ...  # voids and cancellations go to the approvals audit
    @property
    def journal(self) -> JournalRepository: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> UnitOfWork: ...


class ReceiptSink(Protocol):
    """Where a committed receipt goes: a printer queue, or the preview window."""

    def stage(self, uow: UnitOfWork, receipt: Receipt) -> None:
        """Inside the sale's own transaction: record what must be printed (a print job), so
        that a crash between the commit and the printer leaves a job to retry, never none."""
        ...

    def submit(self, receipt: Receipt) -> None:
        """After the commit: print (or show) the receipt."""
        ...


# --- shelf labels and story pages ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LabelChoices:
    """What the label desk can filter by: (code, Thai, English) and (Thai, English) tuples."""

    categories: tuple[tuple[str, str, str], ...]
    producers: tuple[tuple[str, str, str], ...]
    districts: tuple[tuple[str, str], ...]


class LabelRepository(Protocol):
    def find_for_labels(self, query: LabelQuery) -> list[LabelProduct]: ...
    def record_label_batch(self, batch: LabelBatch) -> None: ...
    def label_choices(self) -> LabelChoices: ...
    def label_batches(self, limit: int) -> list[LabelBatch]: ...


class LabelUnitOfWork(UnitOfWork, Protocol):
    @property
    def labels(self) -> LabelRepository: ...


class LabelUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> LabelUnitOfWork: ...


@dataclass(frozen=True, slots=True)
class RenderedLabels:
    pages: int
    labels: int


class LabelRenderer(Protocol):
    """Draws labels at their placements on the template's pages (a PDF, a preview image)."""

    def render(
        self,
        labels: Sequence[LabelData],
        placements: Sequence[Placement],
        template: LabelTemplate,
        out: BinaryIO,
    ) -> RenderedLabels: ...


class StorySiteWriter(Protocol):
    """Writes the static story site into `folder`; returns the files written."""

    def write(
        self, pages: Sequence[StoryPage], shop: ShopLinks, url_template: str, folder: Path
    ) -> list[Path]: ...


# --- printing: the print queue, printers and tax invoices ------------------------------------
JOB_KINDS = ("receipt", "tax_invoice", "test", "refund", "z_report", "x_report")


@dataclass(frozen=True, slots=True)
class PrintJob:
    """A stored print job: written before anything is sent, so a fault never loses a print."""

    job_id: str
    created_at: datetime
    printer: str  # printer profile name
    kind: str  # receipt | tax_invoice | test | refund | z_report | x_report
    document_ref: str  # receipt number, tax invoice number, or "" for a test page
    copy: bool
    status: str  # pending | printing | done | failed
    attempts: int
    last_error: str
    printed_at: datetime | None

    @property
    def queued(self) -> bool:
        """Still to print: never tried, or tried and failed (a retry will print it)."""
        return self.status in ("pending", "failed")


class PrintJobRepository(Protocol):
    def add(
        self, printer: str, kind: str, document_ref: str, copy: bool, at: datetime
    ) -> PrintJob: ...
    def get(self, job_id: str) -> PrintJob | None: ...
    def claim(self, job_id: str, printer: str | None = None) -> PrintJob | None:
        """Mark a queued job as printing (optionally moving it to another printer).

        Atomic: of two retries of one job only one gets it; None if it is not queued.
        """
        ...

    def finish(self, job_id: str, at: datetime) -> None: ...
    def fail(self, job_id: str, error: str) -> None: ...
    def open_jobs(self) -> list[PrintJob]: ...
    def recover_interrupted(self, error: str) -> int: ...
    def for_document(self, kind: str, document_ref: str) -> list[PrintJob]: ...


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

    def for_receipt(self, receipt_no: str) -> TaxInvoiceRecord | None: ...
    def by_number(self, number: str) -> TaxInvoiceRecord | None: ...


class PrintingUnitOfWork(UnitOfWork, Protocol):
    @property
    def print_jobs(self) -> PrintJobRepository: ...
    @property
    def tax_invoices(self) -> TaxInvoiceRepository: ...
    @property
    def refunds(self) -> RefundRepository: ...  # refund slips in the queue
    @property
    def shifts(self) -> ShiftRepository: ...  # Z reports in the queue


class PrintingUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> PrintingUnitOfWork: ...


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


class TaxInvoiceWriter(Protocol):
    """A full tax invoice as an A4 PDF file."""

    def write_pdf(self, invoice: TaxInvoice, settings: Settings, path: Path) -> Path: ...


# --- sync with the central database --------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PushResult:
    events: int  # outbox events the central database acknowledged
    batches: int


@dataclass(frozen=True, slots=True)
class PullResult:
    changes: int  # catalogue rows upserted
    tombstones: int  # catalogue rows deleted (or deactivated)
    stock_rows: int  # products in the central stock copy
    catalog_seq: int  # the central change number the counter has now applied


class SyncTransport(Protocol):
    """Moves outbox events up and catalogue changes down; raises CentralUnavailable."""

    def pending(self) -> int: ...
    def push(self, batch_size: int = 1000, max_batches: int | None = None) -> PushResult: ...
    def pull(self) -> PullResult: ...


# --- the tamper-evident journal ---------------------------------------------------------------
class JournalRepository(Protocol):
    def verify(self) -> Verification:
        """Check every terminal's hash chain against the records as they are stored now."""
        ...


class JournalUnitOfWork(Transaction, Protocol):
    @property
    def journal(self) -> JournalRepository: ...


class JournalUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> JournalUnitOfWork: ...


# --- users, roles and manager approvals ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UserRecord:
    user_id: str
    username: str
    display_name: str
    role: str  # a pos.domain.auth.Role value
    pin_hash: str  # argon2; never the PIN
    active: bool
    failed_attempts: int
    locked_until: datetime | None


@dataclass(frozen=True, slots=True)
class ApprovalRecord:
    """One manager approval of one action, as the audit log keeps it."""

    approval_id: str
    terminal_id: str | None
    action: str  # a pos.domain.auth.Action value
    reason: str
    requested_by: str  # user id
    requested_name: str
    approved_by: str  # user id
    approved_name: str
    approved_at: datetime
    ref: str = ""  # what it was for: a receipt number, a product …


class UserRepository(Protocol):
    def by_username(self, username: str) -> UserRecord | None: ...
    def all(self) -> list[UserRecord]: ...
    def add(self, username: str, display_name: str, role: str, pin_hash: str) -> UserRecord: ...
    def set_attempts(self, user_id: str, failed: int, locked_until: datetime | None) -> None: ...
    def set_pin_hash(self, user_id: str, pin_hash: str) -> None: ...
    def add_approval(self, approval: ApprovalRecord, journal: bool = False) -> None: ...
    def approvals(self) -> list[ApprovalRecord]: ...


class AuthUnitOfWork(Transaction, Protocol):
    @property
    def users(self) -> UserRepository: ...


class AuthUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> AuthUnitOfWork: ...


class PinHasher(Protocol):
    """Slow, salted hashing of PINs (argon2): only the hash is stored."""

    def hash(self, pin: str) -> str: ...
    def verify(self, pin_hash: str, pin: str) -> bool: ...
    def needs_rehash(self, pin_hash: str) -> bool: ...


# --- shifts, cash and Z reports --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ShiftRecord:
    shift_id: str
    terminal_id: str
    opened_at: datetime
    opened_by: str  # user id
    opened_by_name: str
    opening_float: Decimal
    first_sale_seq: int  # the shift covers the terminal's sales from this number on


class ShiftRepository(Protocol):
    def current(self, terminal_id: str) -> ShiftRecord | None: ...
    def open(
        self, terminal_id: str, user_id: str, user_name: str, opening_float: Decimal, at: datetime
    ) -> ShiftRecord: ...
    def add_cash_movement(
        self, shift_id: str, kind: str, amount: Decimal, reason: str, user_id: str,
        user_name: str, at: datetime,
    ) -> None: ...  # fmt: skip
    def cash_movements(self, shift_id: str) -> tuple[Decimal, Decimal]:
        """(paid in, paid out) of the shift."""
        ...

    def last_sale_seq(self, terminal_id: str) -> int: ...
    def sales_totals(self, terminal_id: str, first_seq: int, last_seq: int) -> SalesTotals: ...
    def close(
        self, shift: ShiftRecord, report: ShiftReport, closed_by: str, last_sale_seq: int
    ) -> str:
        """Store the report (numbered by next_z_number), close the shift and append the report
        to the journal, in the caller's transaction; returns the Z report's document number."""
        ...

    def next_z_number(self, terminal_id: str) -> int:
        """Take the terminal's next Z number (gapless, in the caller's transaction)."""
        ...

    def refunds(self, shift_id: str) -> dict[str, tuple[int, Decimal]]:
        """The shift's refunds by method: (count, amount refunded)."""
        ...

    def z_report(self, number: str) -> ShiftReport | None:
        """A stored Z report by its number (e.g. Z-KK01-000001), as it was closed."""
        ...


class ShiftUnitOfWork(AuthUnitOfWork, Protocol):
    @property
    def shifts(self) -> ShiftRepository: ...
    @property
    def print_jobs(self) -> PrintJobRepository: ...  # the Z report's print job


class ShiftReportSink(Protocol):
    """Where Z reports go: staged in the closing transaction, printed after commit."""

    def stage(self, uow: ShiftUnitOfWork, report: ShiftReport) -> None: ...
    def submit(self, report: ShiftReport) -> None: ...


class ShiftUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> ShiftUnitOfWork: ...


# --- end-of-day and consignment reports ---------------------------------------------------
class ReportRepository(Protocol):
    def eod(
        self,
        start: datetime,
        end: datetime,
        top: int = 10,
        terminal_ids: Sequence[str] | None = None,
    ) -> EodReport:
        """Completed sales sold in [start, end) on those counters (None: all), as aggregates."""
        ...

    def terminals(self) -> list[tuple[str, str, str, str]]:
        """Every counter in the database: (id, name, POS ID, receipt prefix)."""
        ...

    def sales_total(self, start: datetime, end: datetime) -> Decimal:
        """The total of completed sales sold in [start, end), all counters."""
        ...

    def producer_groups(self, start: datetime, end: datetime) -> list[ProducerLineGroup]: ...


class ReportUnitOfWork(Transaction, Protocol):
    @property
    def reports(self) -> ReportRepository: ...
    @property
    def refunds(self) -> RefundRepository: ...  # the report's voids and refunds


class ReportUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> ReportUnitOfWork: ...


# --- returns and refunds ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RefundRequest:
    """A checked refund, ready to store: the sale, the plan, who and why."""

    sale: ReturnableSale
    plan: RefundPlan
    method: str  # cash | promptpay
    reason: str
    cashier_id: str
    cashier_name: str
    approval_id: str | None
    approver_id: str | None
    approver_name: str
    shift_id: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class RefundEntry:
    terminal_id: str
    refund_no: str
    refund_id: str


class RefundRepository(Protocol):
    def returnable(self, receipt_no: str, *, lock: bool = False) -> ReturnableSale | None: ...
    def receipt(self, refund_no: str) -> RefundReceipt | None: ...
    def record(self, request: RefundRequest, terminal: TerminalInfo) -> RefundReceipt:
        """Store the refund with its stock moves, outbox row and journal link (caller commits)."""
        ...

    def shift_totals(self, shift_id: str) -> dict[str, tuple[int, Decimal]]: ...
    def between(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> list[RefundRow]: ...
    def approvals_between(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> list[ApprovalRow]: ...


class ReturnsUnitOfWork(Transaction, Protocol):
    @property
    def refunds(self) -> RefundRepository: ...
    @property
    def shifts(self) -> ShiftRepository: ...
    @property
    def print_jobs(self) -> PrintJobRepository: ...


class ReturnsUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> ReturnsUnitOfWork: ...


class RefundSink(Protocol):
    """Where refund receipts go: staged in the refund's transaction, printed after commit."""

    def stage(self, uow: ReturnsUnitOfWork, refund: RefundReceipt) -> None: ...
    def submit(self, refund: RefundReceipt) -> None: ...
