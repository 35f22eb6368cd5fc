"""The cart: lines, quantities, discounts and the receipt's VAT split."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING

from pos.domain.bilingual import Bilingual
from pos.domain.errors import CartError
from pos.domain.money import DEFAULT_VAT_RATE, ZERO, round_satang, vat_included

if TYPE_CHECKING:
    from pos.domain.settings import Settings

QTY_STEP = Decimal("0.001")
REF_MAX = 80  # sale_lines.ref
DETAIL_MAX = 300  # sale_lines.detail_th / detail_en


class ProductKind(StrEnum):
    """What selling a product does to stock."""

    GOODS = "goods"  # a shelf product: its own stock moves
    SERVICE = "service"  # no stock at all: a delivery fee, a room booking's payment
    MENU = "menu"  # made to order: stock moves only through the line's recipe (`uses`)


class SoldBy(Enum):
    UNIT = "unit"
    WEIGHT = "weight"


class DiscountKind(Enum):
    AMOUNT = "amount"
    PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class Discount:
    kind: DiscountKind
    value: Decimal
    reason: str

    def __post_init__(self) -> None:
        if self.value < 0:
            raise CartError("A discount cannot be negative", "ส่วนลดต้องไม่ติดลบ")
        if self.kind is DiscountKind.PERCENT and self.value > 100:
            raise CartError("A discount cannot exceed 100%", "ส่วนลดต้องไม่เกิน 100%")
        if not self.reason.strip():
            raise CartError("A discount needs a reason", "กรุณาระบุเหตุผลของส่วนลด")

    def amount_off(self, gross: Decimal) -> Decimal:
        if self.kind is DiscountKind.PERCENT:
            return round_satang(gross * self.value / 100)
        return min(round_satang(self.value), gross)


@dataclass(frozen=True, slots=True)
class ProductInfo:
    """What the cart needs to know about a product, copied at scan time."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    unit_price: Decimal
    vat_exempt: bool = False
    sold_by: SoldBy = SoldBy.UNIT
    unit_th: str = "ชิ้น"
    unit_en: str = "piece"
    barcode: str | None = None
    category: str = ""
    curation: str = "approved"  # the selection committee's verdict: only approved sells
    cert_expires: date | None = None  # the first expiry of its (or its producer's) certificates
    kind: ProductKind = ProductKind.GOODS

    @property
    def name(self) -> Bilingual:
        return Bilingual(self.name_th, self.name_en)

    @property
    def unit(self) -> Bilingual:
        return Bilingual(self.unit_th, self.unit_en)


@dataclass(slots=True)
class CartLine:
    product: ProductInfo
    quantity: Decimal
    unit_price: Decimal
    scanned_code: str | None = None
    discount: Discount | None = None
    line_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # a scale's price label: the printed amount is charged exactly, the weight is derived
    fixed_gross: Decimal | None = None
    # the gift basket (CartGroup) this line is a component of; None for a line of its own
    group_id: str | None = None
    # printed under the line (a drink's options, a booking's room and time)
    detail: Bilingual | None = None
    # opaque, at most REF_MAX characters: what the capability that put it here reads back
    ref: str | None = None
    # stock taken per unit of quantity (a MENU line's recipe): (stock product id, quantity)
    uses: tuple[tuple[str, Decimal], ...] = ()

    @property
    def merges(self) -> bool:
        """A rescan may add to this line: plain lines only (no detail, ref, basket, discount)."""
        return (
            self.detail is None
            and self.ref is None
            and self.group_id is None
            and self.discount is None
            and self.fixed_gross is None
        )

    @property
    def gross(self) -> Decimal:
        if self.fixed_gross is not None:
            return self.fixed_gross
        return round_satang(self.unit_price * self.quantity)

    @property
    def discount_amount(self) -> Decimal:
        return self.discount.amount_off(self.gross) if self.discount else ZERO

    @property
    def net(self) -> Decimal:
        return self.gross - self.discount_amount


@dataclass(frozen=True, slots=True)
class CartGroup:
    """A gift basket in the cart: its component lines share `group_id` and its price."""

    group_id: str
    name_th: str
    name_en: str
    count: int = 1  # baskets of this kind in the group
    template_id: str | None = None  # None: a custom basket made at the counter
    message: str = ""  # the gift card's message
    ready_product_id: str | None = None  # pre-assembled: stock moves on the ready basket
    price: Decimal = ZERO
    set_price: bool = False  # a price typed at the counter (a manager approves it later)

    @property
    def name(self) -> Bilingual:
        return Bilingual(self.name_th, self.name_en)


@dataclass(frozen=True, slots=True)
class LineAmounts:
    """One line's share of the receipt, after the sale discount is spread over lines."""

    line: CartLine
    gross: Decimal
    line_discount: Decimal
    sale_discount: Decimal
    total: Decimal
    vat: Decimal


@dataclass(frozen=True, slots=True)
class CartTotals:
    subtotal: Decimal  # sum of line nets (after line discounts)
    sale_discount: Decimal
    total: Decimal
    vatable: Decimal
    exempt: Decimal
    vat: Decimal
    line_discounts: Decimal
    item_count: Decimal
    lines: tuple[LineAmounts, ...]

    @property
    def net_of_vat(self) -> Decimal:
        return self.vatable - self.vat


def spread(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split `amount` over `weights` in whole satang, largest remainder first; sums exactly."""
    if not weights:
        return []
    total_weight = sum(weights, ZERO)
    satang = int(round_satang(amount) * 100)
    if total_weight <= 0:
        shares = [0] * len(weights)
        shares[0] = satang
        return [Decimal(s) / 100 for s in shares]
    exact = [Decimal(satang) * w / total_weight for w in weights]
    floors = [int(e) for e in exact]
    left = satang - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (exact[i] - floors[i], -i), reverse=True)
    for i in order[:left]:
        floors[i] += 1
    return [(Decimal(s) / 100).quantize(Decimal("0.01")) for s in floors]


def check_line_text(detail: Bilingual | None, ref: str | None) -> None:
    """A line's detail and ref fit where the sale stores them."""
    if ref is not None and not 0 < len(ref) <= REF_MAX:
        raise CartError(
            f"A line's reference must be 1 to {REF_MAX} characters",
            f"รหัสอ้างอิงของรายการต้องยาว 1 ถึง {REF_MAX} ตัวอักษร",
        )
    if detail is not None and max(len(detail.th), len(detail.en)) > DETAIL_MAX:
        raise CartError(
            f"A line's detail must be at most {DETAIL_MAX} characters",
            f"รายละเอียดของรายการต้องไม่เกิน {DETAIL_MAX} ตัวอักษร",
        )


class Cart:
    """An open sale being rung up. Pure state; persistence is the services' business."""

    def __init__(self, vat_rate: Decimal = DEFAULT_VAT_RATE, max_quantity: int = 9999) -> None:
        self.vat_rate = vat_rate
        self.max_quantity = max_quantity
        self._lines: list[CartLine] = []
        self.groups: dict[str, CartGroup] = {}
        self.sale_discount: Discount | None = None
        self.cart_id = str(uuid.uuid4())

    def __iter__(self) -> Iterator[CartLine]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def lines(self) -> tuple[CartLine, ...]:
        return tuple(self._lines)

    @property
    def is_empty(self) -> bool:
        return not self._lines

    def index_of(self, line_id: str) -> int:
        for i, line in enumerate(self._lines):
            if line.line_id == line_id:
                return i
        raise CartError(f"No such line: {line_id}", "ไม่พบรายการนี้ในตะกร้า")

    def _check_quantity(self, quantity: Decimal, product: ProductInfo) -> Decimal:
        if quantity <= 0:
            raise CartError("Quantity must be more than zero", "จำนวนต้องมากกว่าศูนย์")
        if quantity > self.max_quantity:
            raise CartError(
                f"Quantity {quantity} is more than {self.max_quantity}",
                f"จำนวน {quantity} มากเกิน {self.max_quantity}",
            )
        if product.sold_by is SoldBy.UNIT and quantity != quantity.to_integral_value():
            raise CartError(
                f"{product.name_en} is sold by the piece", f"{product.name_th} ขายเป็นชิ้น"
            )
        quantity = quantity.quantize(QTY_STEP)
        if quantity <= 0:  # e.g. 0.0004 kg: would make a zero line
            raise CartError("Quantity must be more than zero", "จำนวนต้องมากกว่าศูนย์")
        return quantity

    def add(
        self,
        product: ProductInfo,
        quantity: Decimal = Decimal(1),
        *,
        unit_price: Decimal | None = None,
        scanned_code: str | None = None,
        merge: bool = True,
        fixed_gross: Decimal | None = None,
    ) -> CartLine:
        """Add goods; the same product at the same price adds to its line (returned).

        `merge=False` always makes a new line (restoring a parked cart line by line).
        """
        quantity = self._check_quantity(quantity, product)
        price = round_satang(product.unit_price if unit_price is None else unit_price)
        if price < 0:
            raise CartError("A price cannot be negative", "ราคาต้องไม่ติดลบ")
        if fixed_gross is not None:
            fixed_gross = round_satang(fixed_gross)
            if fixed_gross < 0:
                raise CartError("A price cannot be negative", "ราคาต้องไม่ติดลบ")
            line = CartLine(product, quantity, price, scanned_code, fixed_gross=fixed_gross)
            self._lines.append(line)
            return line
        if merge and product.sold_by is SoldBy.UNIT:
            for line in self._lines:
                if (
                    line.product.product_id == product.product_id
                    and line.unit_price == price
                    and line.merges
                ):
                    new_qty = self._check_quantity(line.quantity + quantity, product)
                    line.quantity = new_qty
                    return line
        line = CartLine(product, quantity, price, scanned_code)
        self._lines.append(line)
        return line

    def add_line(self, line: CartLine) -> int:
        """Add a ready-made line (a drink with its options, a booking's payment) as a line of
        its own, never merged; returns its row."""
        line.quantity = self._check_quantity(line.quantity, line.product)
        line.unit_price = round_satang(line.unit_price)
        if line.unit_price < 0:
            raise CartError("A price cannot be negative", "ราคาต้องไม่ติดลบ")
        if line.fixed_gross is not None:
            line.fixed_gross = round_satang(line.fixed_gross)
            if line.fixed_gross < 0:
                raise CartError("A price cannot be negative", "ราคาต้องไม่ติดลบ")
        if line.group_id is not None:
            raise CartError("Add a basket with its group", "เพิ่มตะกร้าของขวัญทั้งตะกร้า")
        check_line_text(line.detail, line.ref)
        if any(qty <= 0 for _, qty in line.uses):
            raise CartError("A recipe quantity must be more than zero", "ปริมาณในสูตรต้องมากกว่าศูนย์")
        if any(ln.line_id == line.line_id for ln in self._lines):
            raise CartError("That line is already in the cart", "รายการนี้อยู่ในตะกร้าแล้ว")
        self._lines.append(line)
        return len(self._lines) - 1

    def add_group(
        self, group: CartGroup, items: Sequence[tuple[ProductInfo, Decimal, Decimal]]
    ) -> list[CartLine]:
        """Add a gift basket: (product, quantity, share of the basket price) per component."""
        if group.group_id in self.groups:
            raise CartError("That basket is already in the cart", "ตะกร้านี้อยู่ในรายการแล้ว")
        if not items:
            raise CartError("A basket needs at least one item", "ตะกร้าต้องมีสินค้าอย่างน้อยหนึ่งรายการ")
        lines = []
        for product, quantity, share in items:
            qty = self._check_quantity(quantity, product)
            if share < 0:
                raise CartError("A price cannot be negative", "ราคาต้องไม่ติดลบ")
            lines.append(
                CartLine(
                    product,
                    qty,
                    round_satang(product.unit_price),
                    fixed_gross=round_satang(share),
                    group_id=group.group_id,
                )
            )
        self.groups[group.group_id] = group
        self._lines.extend(lines)
        return lines

    def group_lines(self, group_id: str) -> list[CartLine]:
        return [line for line in self._lines if line.group_id == group_id]

    def remove_group(self, group_id: str) -> list[CartLine]:
        gone = self.group_lines(group_id)
        self._lines = [line for line in self._lines if line.group_id != group_id]
        self.groups.pop(group_id, None)
        return gone

    def set_quantity(self, line_id: str, quantity: Decimal) -> CartLine:
        line = self._lines[self.index_of(line_id)]
        if line.group_id is not None:
            raise CartError(
                "This item is part of a gift basket: remove the basket and make it again",
                "สินค้านี้อยู่ในตะกร้าของขวัญ กรุณาลบตะกร้าแล้วจัดใหม่",
            )
        if line.fixed_gross is not None:
            raise CartError(
                "A scale label's amount cannot be changed: scan the label again",
                "แก้จำนวนของฉลากตาชั่งไม่ได้ กรุณาสแกนฉลากใหม่",
            )
        line.quantity = self._check_quantity(quantity, line.product)
        return line

    def set_unit_price(self, line_id: str, price: Decimal) -> CartLine:
        """A unit price typed at the counter (a price override: a manager approves it at
        payment, and the checkout refuses it without that approval)."""
        line = self._lines[self.index_of(line_id)]
        if line.group_id is not None:
            raise CartError(
                "This item is part of a gift basket: change the basket's price instead",
                "สินค้านี้อยู่ในตะกร้าของขวัญ กรุณาแก้ราคาตะกร้าแทน",
            )
        if line.fixed_gross is not None:
            raise CartError(
                "A scale label's price cannot be changed: weigh and label it again",
                "แก้ราคาของฉลากตาชั่งไม่ได้ กรุณาชั่งและพิมพ์ฉลากใหม่",
            )
        if line.ref is not None:
            raise CartError(
                "This line's price is set where it was made (a drink, a fee, a booking)",
                "ราคาของรายการนี้กำหนดจากที่มาของรายการ (เครื่องดื่ม ค่าบริการ การจอง) แก้ไม่ได้",
            )
        price = round_satang(price)
        if price <= 0:
            raise CartError("A price must be more than zero", "ราคาต้องมากกว่าศูนย์")
        line.unit_price = price
        return line

    def remove(self, line_id: str) -> CartLine:
        """Take a line off; a basket's component takes the whole basket off with it."""
        line = self._lines[self.index_of(line_id)]
        if line.group_id is not None:
            self.remove_group(line.group_id)
            return line
        return self._lines.pop(self.index_of(line_id))

    def set_line_discount(self, line_id: str, discount: Discount | None) -> CartLine:
        line = self._lines[self.index_of(line_id)]
        line.discount = discount
        return line

    def set_sale_discount(self, discount: Discount | None) -> None:
        self.sale_discount = discount

    def clear(self) -> None:
        self._lines.clear()
        self.groups.clear()
        self.sale_discount = None

    def copy_lines(self) -> list[CartLine]:
        return [replace(line) for line in self._lines]

    def totals(self) -> CartTotals:
        lines = self._lines
        nets = [line.net for line in lines]
        subtotal = sum(nets, ZERO)
        sale_disc = self.sale_discount.amount_off(subtotal) if self.sale_discount else ZERO
        sale_shares = spread(sale_disc, nets)
        finals = [net - share for net, share in zip(nets, sale_shares, strict=True)]
        vatable = sum(
            (f for f, line in zip(finals, lines, strict=True) if not line.product.vat_exempt),
            ZERO,
        )
        exempt = sum(
            (f for f, line in zip(finals, lines, strict=True) if line.product.vat_exempt), ZERO
        )
        vat = vat_included(vatable, self.vat_rate)
        vat_weights = [
            ZERO if line.product.vat_exempt else f for f, line in zip(finals, lines, strict=True)
        ]
        vat_shares = spread(vat, vat_weights) if vatable > 0 else [ZERO] * len(lines)
        amounts = tuple(
            LineAmounts(line, line.gross, line.discount_amount, share, final, line_vat)
            for line, share, final, line_vat in zip(
                lines, sale_shares, finals, vat_shares, strict=True
            )
        )
        return CartTotals(
            subtotal=subtotal,
            sale_discount=sale_disc,
            total=subtotal - sale_disc,
            vatable=vatable,
            exempt=exempt,
            vat=vat,
            line_discounts=sum((line.discount_amount for line in lines), ZERO),
            item_count=sum((line.quantity for line in lines), ZERO),
            lines=amounts,
        )


def new_cart(settings: Settings) -> Cart:
    """An empty cart under the shop's settings (VAT only when the shop is VAT-registered)."""
    return Cart(
        vat_rate=settings.vat_rate if settings.vat_registered else Decimal(0),
        max_quantity=settings.max_quantity,
    )
