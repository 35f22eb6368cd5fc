"""The back office's products: a product as it is edited, its price history, the photo store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal, Protocol

from pos.ports.audit import AuditUnitOfWork, Snapshot

# who owns the catalogue of the store the back office opened: the central database (its
# changes reach every counter), a counter that takes it from central (never changed there),
# or a stand-alone store
CatalogueOwner = Literal["central", "counter", "local"]


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """One product, every field the back office edits, as stored (already validated)."""

    sku: str
    name_th: str
    name_en: str
    category: str  # a code of the categories table
    producer: str  # a producer's code
    price: Decimal
    sold_by: str = "unit"  # unit | weight
    unit_th: str = "ชิ้น"
    unit_en: str = "piece"
    vat_exempt: bool = False
    barcodes: tuple[str, ...] = ()
    story_th: str = ""
    story_en: str = ""
    story_url: str = ""
    photo: str | None = None  # the stored photo's path
    commission_pct: Decimal | None = None
    stars: int | None = None
    star_year: int | None = None
    active: bool = True
    web_safety_buffer: int | None = None  # kept back from the web shop (None: the shop's)

    def snapshot(self) -> Snapshot:
        """The record as the audit log keeps it (JSON values; money as text)."""
        return {
            "sku": self.sku,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "category": self.category,
            "producer": self.producer,
            "price": f"{self.price:.2f}",
            "sold_by": self.sold_by,
            "unit_th": self.unit_th,
            "unit_en": self.unit_en,
            "vat_exempt": self.vat_exempt,
            "barcodes": list(self.barcodes),
            "story_th": self.story_th,
            "story_en": self.story_en,
            "story_url": self.story_url,
            "photo": self.photo,
            "commission_pct": None if self.commission_pct is None else f"{self.commission_pct:.2f}",
            "stars": self.stars,
            "star_year": self.star_year,
            "active": self.active,
            "web_safety_buffer": self.web_safety_buffer,
        }


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One line of the back office's product list."""

    sku: str
    name_th: str
    name_en: str
    category: str
    producer: str
    price: Decimal
    active: bool
    barcodes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductFilter:
    text: str = ""  # SKU, Thai or English name, barcode (a part of any)
    category: str | None = None
    producer: str | None = None
    active: bool | None = None  # None: both
    limit: int = 500


@dataclass(frozen=True, slots=True)
class Choice:
    """A category or a producer as a list offers it."""

    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True, slots=True)
class PriceChange:
    sku: str
    old: Decimal
    new: Decimal
    at: datetime
    by: str  # the username


@dataclass(frozen=True, slots=True)
class StockFigures:
    """A product's stock as its page shows it: on hand, held by web orders not yet sold, and
    its own web safety buffer (None: the shop's setting)."""

    on_hand: Decimal
    reserved: Decimal
    own_buffer: int | None


@dataclass(frozen=True, slots=True)
class ProductChoices:
    categories: list[Choice] = field(default_factory=list)
    producers: list[Choice] = field(default_factory=list)


class ProductRepository(Protocol):
    def get(self, sku: str) -> ProductRecord | None: ...
    def search(self, query: ProductFilter) -> list[ProductRow]: ...
    def categories(self) -> list[Choice]: ...
    def producers(self) -> list[Choice]: ...
    def code_owners(self, codes: Sequence[str]) -> dict[str, str]:
        """Each code already taken: the SKU of its product, or "basket CODE"."""
        ...

    def codes_with_prefix(self, prefix: str) -> set[str]:
        """Every product's and basket's barcode that starts with `prefix`."""
        ...

    def add(self, record: ProductRecord, kinds: Mapping[str, str]) -> None: ...
    def update(self, record: ProductRecord, kinds: Mapping[str, str]) -> None:
        """Every field of the product `record.sku`, its barcodes replaced by the record's."""
        ...

    def set_active(self, sku: str, active: bool) -> None: ...
    def add_price_change(self, change: PriceChange) -> None: ...
    def price_history(self, sku: str) -> list[PriceChange]:
        """The newest first."""
        ...

    def catalogue_owner(self) -> CatalogueOwner: ...
    def stock_figures(self, sku: str) -> StockFigures | None: ...


class ProductsUnitOfWork(AuditUnitOfWork, Protocol):
    @property
    def products(self) -> ProductRepository: ...


class PhotoStore(Protocol):
    def store(self, source: Path, name: str) -> str:
        """Keep a copy of the picture at `source` (resized) as `name`; its stored path.
        Raises ShopError when `source` is not a picture it can read."""
        ...
