"""Sales: recording a sale, parked carts, the export, and the checkout's unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from pos.ports.print_jobs import DocumentSink
from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.cart import Cart
    from pos.domain.sale import Receipt, ReceiptNote, SaleDraft
    from pos.ports.auth import UserRepository
    from pos.ports.baskets import BasketRepository
    from pos.ports.catalog import CatalogRepository
    from pos.ports.journal import JournalRepository
    from pos.ports.print_jobs import PrintJobRepository
    from pos.ports.rooms import RoomRepository
    from pos.ports.shifts import ShiftRepository
    from pos.ports.terminals import TerminalInfo, TerminalRepository


@dataclass(frozen=True, slots=True)
class ParkedCart:
    parked_id: str
    label: str
    parked_at: datetime
    payload: dict[str, Any]

    @property
    def owner(self) -> str:
        """Whose sale it is (the cashier's name), "" for a cart parked before it was kept."""
        return str(self.payload.get("owner") or "")

    @property
    def line_count(self) -> int:
        """The lines as the cart shows them: a gift basket is one."""
        lines = self.payload.get("lines", ())
        loose = sum(1 for line in lines if line.get("group_id") is None)
        return loose + len(self.payload.get("groups", ()))

    @property
    def total(self) -> Decimal | None:
        """The sale's total when parked (None for a cart parked before it was kept)."""
        total = self.payload.get("total")
        return None if total is None else Decimal(str(total))


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


class SalesRepository(Protocol):
    def record(self, draft: SaleDraft, terminal: TerminalInfo) -> Receipt: ...
    def receipt(self, receipt_no: str) -> Receipt | None: ...
    def add_notes(self, sale_id: str, notes: Sequence[ReceiptNote]) -> None:
        """Store the notes printed after a sale's total (after those it has; caller commits)."""
        ...

    def count(self) -> int: ...
    def export_rows(
        self, date_from: datetime | None, date_to: datetime | None
    ) -> Iterator[SaleExportRow]: ...


class ParkingRepository(Protocol):
    def park(self, terminal_id: str, label: str, payload: dict[str, Any], at: datetime) -> str: ...
    def list(self, terminal_id: str) -> list[ParkedCart]: ...
    def take(self, parked_id: str) -> ParkedCart | None: ...


class Reservations(Protocol):
    """Stock held by online orders not yet sold (pos.ports.orders.OrderRepository has it)."""

    def reserved(self, product_ids: Iterable[str]) -> dict[str, Decimal]: ...


class SalesUnitOfWork(Transaction, Protocol):
    """What selling reaches in one transaction (the counter's store implements all of it)."""

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
    @property
    def orders(self) -> Reservations: ...  # a counter's sale leaves online orders' stock alone
    @property
    def rooms(self) -> RoomRepository: ...  # a booking's payment confirms it (the sale hook)


# the name the sale hooks' contract (SaleHook) uses
SaleUnitOfWork = SalesUnitOfWork

# Runs inside a sale's write transaction, after the sale's rows are written and before commit
# (a counter's sale and an order's sale alike): what it writes commits with the sale or not at
# all; it may raise a ShopError to refuse the sale; the notes it returns print after the total.
SaleHook = Callable[["SalesUnitOfWork", "Receipt", "Cart"], "Sequence[ReceiptNote]"]


class ReceiptSink(DocumentSink["SalesUnitOfWork", "Receipt"], Protocol):
    """Where a committed sale's receipt goes: a printer queue, or the preview window."""
