"""Online orders: what the web shop and the orders window read, and the orders' storage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol

from pos.ports.sales import SalesUnitOfWork

if TYPE_CHECKING:
    from pos.domain.channels import Channel
    from pos.domain.orders import CustomerDetails, OrderStatus, PaymentMethod
    from pos.ports.audit import AuditRepository
    from pos.ports.printing import TaxInvoiceRepository


@dataclass(frozen=True, slots=True)
class Certificate:
    kind: str
    number: str
    expires: date | None
    valid: bool


@dataclass(frozen=True, slots=True)
class WebProduct:
    """A product as the web shop shows it."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    price: Decimal
    unit_th: str
    unit_en: str
    category_code: str
    category_th: str
    category_en: str
    producer_th: str
    producer_en: str
    district_th: str
    district_en: str
    province_th: str
    province_en: str
    stars: int | None
    star_year: int | None
    story_th: str
    story_en: str
    photo: str | None
    certificates: tuple[Certificate, ...]
    available: int
    barcode: str | None
    vat_exempt: bool = False

    def with_available(self, available: int) -> WebProduct:
        """This product with `available` pieces (a search's 40 products a request: the
        constructor at half the cost of dataclasses.replace)."""
        if available == self.available:
            return self
        values = list(_FIELDS(self))
        values[_AVAILABLE] = available
        return WebProduct(*values)


_NAMES = [f.name for f in fields(WebProduct)]
_FIELDS = attrgetter(*_NAMES)
_AVAILABLE = _NAMES.index("available")


@dataclass(frozen=True, slots=True)
class WebBasketItem:
    name_th: str
    name_en: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class WebBasket:
    template_id: str
    code: str
    name_th: str
    name_en: str
    price: Decimal
    items: tuple[WebBasketItem, ...]
    available: int


@dataclass(frozen=True, slots=True)
class OrderLineView:
    kind: str  # "product" | "basket" | "booking" (pos.domain.orders.BOOKING_LINE)
    ref: str  # SKU, basket code or booking number
    name_th: str
    name_en: str
    quantity: int
    unit_price: Decimal
    amount: Decimal
    product_id: str | None = None  # a product line's product
    template_id: str | None = None  # a basket line's template


@dataclass(frozen=True, slots=True)
class BookingOrder:
    """A held room booking's deposit to pay online: one order line of kind "booking"."""

    booking_no: str
    name_th: str  # the line's text: the room, the time, the booking number
    name_en: str
    amount: Decimal
    name: str  # who booked
    phone: str
    hold_until: datetime  # the order's reservation ends with the booking's hold


@dataclass(frozen=True, slots=True)
class StockFigure:
    """A product's stock as a counter shows it: on hand, and the pieces of it that online
    orders hold (not for sale at the counter)."""

    on_hand: Decimal
    reserved: int


@dataclass(frozen=True, slots=True)
class OrderEvent:
    status: OrderStatus
    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class OrderView:
    order_id: str
    order_no: str
    status: OrderStatus
    channel: Channel
    created_at: datetime
    reserved_until: datetime | None
    customer: CustomerDetails
    payment: PaymentMethod
    lines: tuple[OrderLineView, ...]
    subtotal: Decimal
    shipping_fee: Decimal
    total: Decimal
    vat: Decimal
    promptpay_payload: str | None
    slip_path: str | None
    receipt_no: str | None
    carrier: str
    tracking_no: str
    history: tuple[OrderEvent, ...]
    fingerprint: str = ""  # the lines asked for (an idempotency key reused must match it)
    sale_id: str | None = None
    packed: Mapping[str, int] = field(default_factory=dict)  # product id -> units scanned
    cancel_reason: str = ""


@dataclass(frozen=True, slots=True)
class OrderSummary:
    """One row of the orders window's list."""

    order_no: str
    status: OrderStatus
    created_at: datetime
    name: str
    phone: str
    payment: PaymentMethod
    fulfilment: str
    total: Decimal
    items: int
    slip: bool


@dataclass(frozen=True, slots=True)
class QuoteLine:
    kind: str
    ref: str
    name_th: str
    name_en: str
    quantity: int
    unit_price: Decimal
    amount: Decimal
    available: int


@dataclass(frozen=True, slots=True)
class Quote:
    lines: tuple[QuoteLine, ...]
    subtotal: Decimal
    shipping_fee: Decimal
    total: Decimal
    vat: Decimal
    shortages: Mapping[str, int]  # ref -> available, for lines above what is available


@dataclass(frozen=True, slots=True)
class NewOrder:
    """An order as `place` writes it (with its lines and the stock it reserves)."""

    order_id: str
    idempotency_key: str
    fingerprint: str
    day: date
    status: OrderStatus
    channel: Channel
    created_at: datetime
    reserved_until: datetime | None
    customer: CustomerDetails
    payment: PaymentMethod
    lines: tuple[OrderLineView, ...]
    subtotal: Decimal
    shipping_fee: Decimal
    total: Decimal
    vat: Decimal
    promptpay_payload: str | None
    reservations: Mapping[str, Decimal]  # product id -> quantity held
    client: str = ""


@dataclass(frozen=True, slots=True)
class PickLine:
    category_code: str
    category_th: str
    category_en: str
    sku: str
    name_th: str
    name_en: str
    quantity: int
    orders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PickList:
    order_nos: tuple[str, ...]
    lines: tuple[PickLine, ...]


@dataclass(frozen=True, slots=True)
class PackItem:
    product_id: str
    sku: str
    name_th: str
    name_en: str
    needed: int
    scanned: int


@dataclass(frozen=True, slots=True)
class PackProgress:
    order_no: str
    items: tuple[PackItem, ...]
    last_sku: str = ""

    @property
    def complete(self) -> bool:
        return all(i.scanned >= i.needed for i in self.items)

    @property
    def remaining(self) -> int:
        return sum(max(0, i.needed - i.scanned) for i in self.items)


class SlipStore(Protocol):
    """Where the customers' payment slips are kept (the data folder's slips/)."""

    def save(self, name: str, data: bytes) -> str:
        """Store `data` under `name` (a plain file name); returns the path the order notes."""
        ...


class OrderRepository(Protocol):
    # the catalogue as the web shows it
    def web_products(
        self,
        *,
        skus: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        category: str | None = None,
        district: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        today: date | None = None,
    ) -> list[WebProduct]: ...
    def categories(self) -> list[tuple[str, str, str, int]]: ...
    def districts(self) -> list[tuple[str, str, int]]: ...
    def product_ids_by_sku(self, skus: Iterable[str]) -> dict[str, str]: ...
    def reserved(self, product_ids: Iterable[str]) -> dict[str, Decimal]: ...
    # (on hand, reserved, own safety buffer or None) per product found, in one statement
    def web_stock(
        self, product_ids: Iterable[str]
    ) -> dict[str, tuple[Decimal, Decimal, int | None]]: ...
    # the products' own web safety buffers (a product without one is not in the answer)
    def safety_buffers(self, product_ids: Iterable[str]) -> dict[str, int]: ...
    def lock_products(self, product_ids: Iterable[str]) -> None: ...
    def pick_rows(
        self, product_ids: Iterable[str]
    ) -> list[tuple[str, str, str, str, str, str, str]]: ...
    # orders
    def by_key(self, idempotency_key: str) -> OrderView | None: ...
    def add(self, order: NewOrder) -> OrderView | None: ...
    def get(self, order_no: str) -> OrderView | None: ...
    def lock(self, order_no: str) -> OrderView | None: ...
    def move(
        self, order_id: str, status: OrderStatus, at: datetime, by: str, note: str = ""
    ) -> None: ...
    def release(self, order_id: str, at: datetime) -> Mapping[str, Decimal]: ...
    def expired(self, now: datetime) -> list[str]: ...
    def set_slip(self, order_id: str, path: str, at: datetime) -> None: ...
    def set_sale(self, order_id: str, sale_id: str, receipt_no: str) -> None: ...
    def set_shipment(self, order_id: str, carrier: str, tracking_no: str) -> None: ...
    def set_packed(self, order_id: str, packed: Mapping[str, int]) -> None: ...
    def set_cancel_reason(self, order_id: str, reason: str) -> None: ...
    def summaries(self, status: OrderStatus | None, search: str) -> list[OrderSummary]: ...
    def counts(self) -> dict[OrderStatus, int]: ...
    def ensure_web_terminal(self, receipt_prefix: str, channel: Channel) -> str: ...
    def terminal_info(self, terminal_id: str) -> tuple[str, str, str, str]: ...


class OrdersUnitOfWork(SalesUnitOfWork, Protocol):
    """The orders with what placing and selling them reaches in the same transaction."""

    @property
    def orders(self) -> OrderRepository: ...
    @property
    def audit(self) -> AuditRepository: ...
    @property
    def tax_invoices(self) -> TaxInvoiceRepository: ...  # asked for at checkout: with the sale


def lines_fingerprint(lines: Sequence[tuple[str, str, int]]) -> str:
    """The lines asked for, in one comparable text (kind:ref:qty, sorted)."""
    return ";".join(f"{k}:{r}:{q}" for k, r, q in sorted(lines))
