"""A completed sale as the rest of the shop sees it: the receipt's content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartTotals, SoldBy
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
    detail: Bilingual | None = None  # printed small under the line
    ref: str | None = None  # what the capability that put the line there reads back


@dataclass(frozen=True, slots=True)
class ReceiptNote:
    """A text printed after the total (big: double size, e.g. a tea order's number)."""

    text_th: str
    text_en: str
    big: bool = False

    @property
    def text(self) -> Bilingual:
        return Bilingual(self.text_th, self.text_en)


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
    notes: tuple[ReceiptNote, ...] = ()

    @property
    def item_count(self) -> Decimal:
        return sum(
            (line.quantity for line in self.lines if not line.sold_by_weight), Decimal(0)
        ) + sum((Decimal(1) for line in self.lines if line.sold_by_weight), Decimal(0))


def build_receipt(draft: SaleDraft, receipt_no: str, pos_id: str, terminal_name: str) -> Receipt:
    """The receipt of a sale as it is committed under its receipt number at this terminal."""
    cart, totals = draft.cart, draft.totals
    lines = []
    for a in totals.lines:
        p = a.line.product
        group = cart.groups.get(a.line.group_id) if a.line.group_id else None
        lines.append(
            ReceiptLine(
                sku=p.sku,
                name_th=p.name_th,
                name_en=p.name_en,
                quantity=a.line.quantity,
                unit_th=p.unit_th,
                unit_price=a.line.unit_price,
                gross=a.gross,
                discount=a.line_discount,
                discount_reason=a.line.discount.reason if a.line.discount else "",
                total=a.total,
                vat_exempt=p.vat_exempt,
                sold_by_weight=p.sold_by is SoldBy.WEIGHT,
                basket_id=a.line.group_id,
                basket_name_th=group.name_th if group else "",
                basket_name_en=group.name_en if group else "",
                basket_count=group.count if group else 0,
                basket_message=group.message if group else "",
                detail=a.line.detail,
                ref=a.line.ref,
            )
        )
    return Receipt(
        sale_id=draft.sale_id,
        receipt_no=receipt_no,
        sold_at=draft.sold_at,
        pos_id=pos_id,
        terminal_name=terminal_name,
        cashier_name=draft.cashier_name,
        lines=tuple(lines),
        subtotal=totals.subtotal,
        sale_discount=totals.sale_discount,
        sale_discount_reason=cart.sale_discount.reason if cart.sale_discount else "",
        total=totals.total,
        vatable=totals.vatable,
        exempt=totals.exempt,
        vat=totals.vat,
        vat_rate=cart.vat_rate,
        payments=tuple(
            ReceiptPayment(t.kind.value, t.amount, t.handed, t.reference) for t in draft.tenders
        ),
        change=draft.settlement.change,
    )
