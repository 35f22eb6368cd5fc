"""Ports: what the services need from storage, printers and the clock (adapters implement them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Protocol, Self

from pos.domain.cart import ProductInfo
from pos.domain.catalog import BasketEntry, ProducerEntry, ProductEntry
from pos.domain.sale import Receipt, SaleDraft


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


class UnitOfWork(Protocol):
    @property
    def terminals(self) -> TerminalRepository: ...
    @property
    def catalog(self) -> CatalogRepository: ...
    @property
    def sales(self) -> SalesRepository: ...
    @property
    def parking(self) -> ParkingRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = False) -> UnitOfWork: ...


class ReceiptSink(Protocol):
    """Where a committed receipt goes: a printer queue, or the preview window."""

    def submit(self, receipt: Receipt) -> None: ...
