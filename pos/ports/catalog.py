"""The catalogue: products by code, the search index's rows, and writing the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pos.domain.money import ZERO

if TYPE_CHECKING:  # the domain types are only named in annotations here
    from pos.domain.cart import ProductInfo, ProductKind
    from pos.domain.catalog import BasketEntry, ProducerEntry, ProductEntry


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
class CatalogMarker:
    """A cheap mark of the catalogue's state: it changes when products are added, changed
    (their updated_at) or get a barcode. A till compares it to see an import or a pull."""

    products: int
    barcodes: int
    updated_at: datetime | None


class TextIndex(Protocol):
    """Two folded texts a product (its Thai name; its ASCII text: English name, SKU,
    barcodes), numbered in the order given, searched for a substring of at least
    MIN_INDEXED characters by code that runs outside Python's global lock."""

    def starting(self, latin: bool, text: str, limit: int) -> list[int]:
        """The first `limit` numbers, ascending, whose Thai (or ASCII) text starts with
        `text`: `text` of at least MIN_INDEXED - 1 characters (its start counts as one)."""
        ...

    def containing(self, latin: bool, text: str, limit: int) -> list[int]:
        """The first `limit` numbers, ascending, whose text contains `text` (at least
        MIN_INDEXED characters)."""
        ...


MIN_INDEXED = 3  # a text index finds substrings of three characters or more

# builds a TextIndex over (Thai, ASCII) texts; None where the machine's SQLite cannot
TextIndexBuilder = Callable[[Iterable[tuple[str, str]]], TextIndex | None]


class CatalogRepository(Protocol):
    def product_by_barcode(self, code: str) -> ProductInfo | None: ...
    def product_by_sku(self, sku: str) -> ProductInfo | None: ...
    def product_by_plu(self, plu: str) -> ProductInfo | None: ...
    def products_by_ids(self, ids: Iterable[str]) -> list[ProductInfo]: ...
    def iter_search_rows(self) -> Iterator[SearchRow]: ...
    def count_products(self) -> int: ...
    def catalog_marker(self) -> CatalogMarker: ...
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
    def ensure_centre_product(
        self,
        sku: str,
        name_th: str,
        name_en: str,
        kind: ProductKind,
        *,
        vat_exempt: bool = False,
        unit_price: Decimal = ZERO,
    ) -> ProductInfo:
        """The centre's own product `sku` (producer CENTRE, category SVC), found or created
        in the caller's transaction with whatever of those is missing."""
        ...
