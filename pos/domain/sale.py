"""A completed sale as the rest of the shop sees it: the receipt's content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pos.domain.cart import Cart, CartTotals
from pos.domain.payment import Settlement, Tender


@dataclass(frozen=True, slots=True)
class SaleDraft:
    """Everything needed to commit a sale; the receipt number is taken at commit."""

    sale_id: str
    cart: Cart
    totals: CartTotals
    tenders: tuple[Tender, ...]
    settlement: Settlement
    sold_at: datetime
    cashier_id: str | None
    cashier_name: str


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    unit_th: str
    unit_price: Decimal
    gross: Decimal
    discount: Decimal
    discount_reason: str
    total: Decimal
    vat_exempt: bool
    sold_by_weight: bool = False
    # a gift basket's component: the lines of one basket share basket_id and its name
    basket_id: str | None = None
    basket_name_th: str = ""
    basket_name_en: str = ""
    basket_count: int = 0
    basket_message: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptPayment:
    kind: str
    amount: Decimal
    tendered: Decimal
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Receipt:
    """A committed sale, ready to print or preview."""

    sale_id: str
    receipt_no: str
    sold_at: datetime
    pos_id: str
    terminal_name: str
    cashier_name: str
    lines: tuple[ReceiptLine, ...]
    subtotal: Decimal
    sale_discount: Decimal
    sale_discount_reason: str
    total: Decimal
    vatable: Decimal
    exempt: Decimal
    vat: Decimal
    vat_rate: Decimal
    payments: tuple[ReceiptPayment, ...]
    change: Decimal
    copy: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def item_count(self) -> Decimal:
        return sum(
            (line.quantity for line in self.lines if not line.sold_by_weight), Decimal(0)
        ) + sum((Decimal(1) for line in self.lines if line.sold_by_weight), Decimal(0))
