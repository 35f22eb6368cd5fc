"""Stock movements: the append-only facts the on-hand figure is summed from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from pos.domain.settings import Settings
from pos.domain.stock import DocumentKind, ProductFacts, StockLine
from pos.ports.uow import Transaction


@dataclass(frozen=True, slots=True)
class StockMove:
    """One stock movement to append (positive in, negative out)."""

    product_id: str
    quantity: Decimal
    reason: str  # assembly | disassembly | ...
    note: str = ""


# --- stock documents (deliveries, returns to producers, adjustments, counts) ----------------
@dataclass(frozen=True, slots=True)
class NewStockDocument:
    """A document to number and write; `post` writes its movements (and its outbox row) now.

    A count is written open (`post=False`): its lines grow as goods are counted, and it is
    posted later with its variances as the movements."""

    document_id: str  # the client's UUID: the document is the same row everywhere
    kind: DocumentKind
    terminal_id: str
    doc_date: date
    lines: tuple[StockLine, ...]
    created_by: str
    created_name: str
    at: datetime
    producer_id: str | None = None
    reference: str = ""
    reason: str = ""
    note: str = ""
    scope: str = ""
    approved_by: str | None = None
    approved_name: str = ""
    post: bool = True


@dataclass(frozen=True, slots=True)
class StockDocumentLine:
    product_id: str
    sku: str
    name_th: str
    name_en: str
    unit_th: str
    quantity: Decimal
    unit_price: Decimal
    expected: Decimal | None = None
    cost: Decimal | None = None
    best_before: date | None = None
    counted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StockDocumentRecord:
    document_id: str
    kind: DocumentKind
    number: str
    doc_date: date
    status: str  # open | posted
    producer_id: str | None
    producer_code: str
    producer_name_th: str
    producer_name_en: str
    reference: str
    reason: str
    note: str
    scope: str
    created_name: str
    approved_name: str
    created_at: datetime
    posted_at: datetime | None
    lines: tuple[StockDocumentLine, ...]


@dataclass(frozen=True, slots=True)
class OnHandRow:
    product_id: str
    sku: str
    name_th: str
    name_en: str
    producer_code: str
    category: str
    unit_price: Decimal
    on_hand: Decimal
    low: Decimal | None  # the product's low-stock line, if set
    sold_since_delivery: Decimal  # for the reorder list
    last_delivery: datetime | None
    best_before: date | None  # the soonest best-before of goods received and not yet sold

    @property
    def is_low(self) -> bool:
        return self.low is not None and self.on_hand <= self.low


@dataclass(frozen=True, slots=True)
class MovementTotal:
    """A product's movements summed by reason, before and inside a statement's period."""

    product_id: str
    reason: str
    before: Decimal  # before the period: the opening stock is the sum of these
    within: Decimal


class StockRepository(Protocol):
    def product_facts(self, product_ids: Iterable[str]) -> dict[str, ProductFacts]: ...
    def find_product(self, code: str) -> ProductFacts | None:
        """By SKU or barcode; None when no product has it."""
        ...

    def add_document(self, doc: NewStockDocument, prefix: str) -> StockDocumentRecord:
        """Number (the terminal's series of the kind), write the lines and, when posted, the
        movements and the outbox row (caller commits)."""
        ...

    def document(self, number_or_id: str) -> StockDocumentRecord | None: ...
    def open_counts(self, terminal_id: str) -> list[StockDocumentRecord]: ...
    def count_line(
        self, document_id: str, product_id: str, quantity: Decimal, at: datetime, *, add: bool
    ) -> Decimal:
        """Add to (or set) a product's counted quantity on an open count; the new figure."""
        ...

    def expected_at(self, when: Mapping[str, datetime]) -> dict[str, Decimal]:
        """Each product's stock as its movements stood at its own moment in `when`."""
        ...

    def post_count(
        self,
        document_id: str,
        expected: Mapping[str, Decimal],
        at: datetime,
        approved_by: str,
        approved_name: str,
    ) -> StockDocumentRecord:
        """Write each line's expected figure, a movement for each difference, the outbox row;
        the count becomes posted (caller commits)."""
        ...

    def on_hand(
        self, *, producer_id: str | None = None, category: str | None = None
    ) -> list[OnHandRow]: ...
    def set_threshold(self, product_id: str, low: Decimal | None) -> None: ...
    def delivery_history(self, product_ids: Iterable[str], last: int) -> dict[str, list[Decimal]]:
        """Each product's last `last` quantities received (deliveries and its opening stock),
        newest first: what it usually comes in as."""
        ...

    def movement_totals(
        self,
        start: datetime,
        end: datetime,
        producer_id: str | None = None,
        *,
        cached: bool = True,
    ) -> list[MovementTotal]:
        """Movements by product and reason before `start` and inside [start, end); `cached`:
        the summarised months read from their summaries."""
        ...

    def unsummarised_months(self, until: datetime, now: datetime) -> list[str]:
        """The months over by `now` and ending by `until` that have no summary yet."""
        ...

    def summarise_months(self, months: Sequence[str], now: datetime) -> int:
        """Summarise those months' movements (the caller commits); how many were new."""
        ...

    def statement_money(
        self, start: datetime, end: datetime, producer_id: str | None = None
    ) -> list[tuple[str, Decimal | None, Decimal]]:
        """(product id, commission rate, sales less refunds) of the period."""
        ...

    def producers(self) -> list[tuple[str, str, str, str]]:
        """(id, code, name_th, name_en) of every producer."""
        ...


class StockUnitOfWork(Transaction, Protocol):
    @property
    def stock(self) -> StockRepository: ...


class StockSlipWriter(Protocol):
    """A stock document (a receiving slip to sign, a count report ...) as an A4 PDF file."""

    def write_pdf(self, doc: StockDocumentRecord, settings: Settings, path: Path) -> int: ...
