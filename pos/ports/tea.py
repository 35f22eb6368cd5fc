"""The tea corner's storage: its menu, the day's orders, their drink lines and tickets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.settings import PrinterProfile, Settings
    from pos.domain.tea import ChosenOption, MenuItem, TeaReport, Ticket, TicketKind
    from pos.ports.catalog import CatalogRepository
    from pos.ports.print_jobs import PrintJobRepository


@dataclass(frozen=True, slots=True)
class TeaLineDraft:
    """A drink line of a sale, as its order keeps it."""

    sale_line_no: int
    product_id: str
    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    amount: Decimal
    detail_th: str
    detail_en: str
    options: tuple[ChosenOption, ...]


@dataclass(frozen=True, slots=True)
class TeaLineView:
    line_id: str
    sale_line_no: int
    product_id: str
    name_th: str
    name_en: str
    quantity: Decimal
    cancelled: Decimal  # refunded or cancelled of it
    detail_th: str
    detail_en: str
    sent: bool  # its order ticket was printed

    @property
    def open_quantity(self) -> Decimal:
        return self.quantity - self.cancelled


@dataclass(frozen=True, slots=True)
class TeaOrderView:
    """An order as the tea counter's window lists it."""

    order_id: str
    number: int
    day: date
    sale_id: str
    receipt_no: str
    status: str  # pos.domain.tea.OrderStatus
    created_at: datetime
    ready_at: datetime | None
    done_at: datetime | None
    lines: tuple[TeaLineView, ...]


@dataclass(frozen=True, slots=True)
class TicketRecord:
    """A stored ticket, what it prints, and whether it has been printed."""

    ticket: Ticket
    line_id: str
    job_id: str | None
    sent_at: datetime | None


class TeaRepository(Protocol):
    # --- the menu ------------------------------------------------------------------------
    def items(self, *, active_only: bool = False) -> list[MenuItem]: ...
    def item(self, product_id: str) -> MenuItem | None: ...
    def save_item(self, item: MenuItem) -> None:
        """Store the item's options and recipe; its products row (made by the catalogue's
        ensure_centre_product) takes its names, price and active flag (caller commits)."""
        ...

    def set_active(self, product_id: str, active: bool) -> bool: ...
    def prepare_stock_item(
        self, product_id: str, unit_th: str, unit_en: str, opening: Decimal, terminal_id: str
    ) -> None:
        """A recipe's stock item: its unit, and an opening stock when it has never moved."""
        ...

    # --- orders --------------------------------------------------------------------------
    def take_number(self, day: date) -> int:
        """The next order number of a business day (1, 2, 3 ...), in the caller's
        transaction: two sales never get the same number."""
        ...

    def add_order(
        self,
        order_id: str,
        day: date,
        number: int,
        sale_id: str,
        receipt_no: str,
        at: datetime,
        lines: Sequence[TeaLineDraft],
    ) -> list[str]:
        """Write the order (status new) and its lines; returns the lines' ids in order."""
        ...  # fmt: skip

    def add_ticket(
        self, ticket_id: str, line_id: str, kind: TicketKind, quantity: Decimal, at: datetime,
        job_id: str | None,
    ) -> str: ...  # fmt: skip
    def ticket(self, ticket_id: str) -> TicketRecord | None: ...
    def mark_sent(self, ticket_id: str, at: datetime) -> bool:
        """Mark the ticket printed; False when it already was (atomic)."""
        ...

    def order(self, day: date, number: int) -> TeaOrderView | None: ...
    def order_of_sale(self, sale_id: str) -> TeaOrderView | None: ...
    def orders(self, day: date | None, status: str | None) -> list[TeaOrderView]: ...
    def set_status(self, order_id: str, status: str, at: datetime, *, was: Sequence[str]) -> bool:
        """Move an order to `status` if it is in one of `was`; False otherwise."""
        ...

    def cancel_quantity(self, line_id: str, quantity: Decimal) -> None: ...
    def refund_line(self, line_id: str, quantity: Decimal, amount: Decimal) -> None: ...
    def ready_since(self, since: datetime) -> list[int]:
        """Numbers of orders marked ready at or after `since` and not collected yet."""
        ...

    def report(self, day_from: date, day_to: date) -> TeaReport: ...


class TeaUnitOfWork(Transaction, Protocol):
    @property
    def tea(self) -> TeaRepository: ...
    @property
    def catalog(self) -> CatalogRepository: ...
    @property
    def print_jobs(self) -> PrintJobRepository: ...


@runtime_checkable
class HasTea(Protocol):
    """A unit of work of another capability (a sale's, a refund's) that reaches the tea
    corner's storage in the same transaction."""

    @property
    def tea(self) -> TeaRepository: ...


class TeaTicketPrinter(Protocol):
    """Tickets to the tea counter's printer; raises PrinterUnavailable when it cannot."""

    def print_tea_ticket(
        self, ticket: Ticket, settings: Settings, profile: PrinterProfile
    ) -> None: ...
