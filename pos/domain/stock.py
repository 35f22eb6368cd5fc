"""Stock documents and the rules they follow (pure: no storage, no clock).

Stock on hand is the sum of a product's append-only movements. Every movement that is not a
sale, a refund or a basket assembly belongs to one stock document, numbered per counter:

- a delivery (ใบรับสินค้า) from a producer: goods in, each line with its quantity and, for goods
  bought outright, its cost and an optional best-before date;
- a return to a producer (ใบคืนสินค้าให้ผู้ผลิต): unsold, expired or damaged goods out;
- an adjustment (ใบปรับปรุงสต็อก): damage, samples/tasting, internal use, expiry — out, with a
  reason, approved by a manager when the value lost is above the shop's limit;
- a stock count (ใบตรวจนับสต็อก): counted quantities against what the movements say, posted as
  one adjustment movement per product that differs.

A count started while the till sells stays right: each product's expected quantity is what its
movements say at the moment it was last counted, so a sale between the count start and the
counting of that product is not counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pos.domain.errors import ShopError
from pos.domain.money import round_satang

ZERO = Decimal(0)
QTY_PLACES = Decimal("0.001")
MAX_LINE_QTY = Decimal(1_000_000)


class MoveReason(StrEnum):
    """`stock_movements.reason` (stored: never rename one)."""

    OPENING = "opening"
    SALE = "sale"
    REFUND = "return"  # a customer's refund puts goods back
    ASSEMBLY = "assembly"
    DELIVERY = "receive"
    PRODUCER_RETURN = "return_producer"
    COUNT = "count"
    DAMAGE = "damage"
    SAMPLE = "sample"
    INTERNAL = "internal"
    EXPIRED = "expired"


class DocumentKind(StrEnum):
    DELIVERY = "delivery"
    PRODUCER_RETURN = "producer_return"
    ADJUSTMENT = "adjustment"
    COUNT = "count"


# the number series of each kind (db/numbering) and its letters in the document number
NUMBER_LETTERS: dict[DocumentKind, str] = {
    DocumentKind.DELIVERY: "GR",
    DocumentKind.PRODUCER_RETURN: "RP",
    DocumentKind.ADJUSTMENT: "AD",
    DocumentKind.COUNT: "SC",
}
TITLES: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.DELIVERY: ("ใบรับสินค้า", "Goods received"),
    DocumentKind.PRODUCER_RETURN: ("ใบคืนสินค้าให้ผู้ผลิต", "Return to producer"),
    DocumentKind.ADJUSTMENT: ("ใบปรับปรุงสต็อก", "Stock adjustment"),
    DocumentKind.COUNT: ("ใบตรวจนับสต็อก", "Stock count"),
}


class ReturnReason(StrEnum):
    UNSOLD = "unsold"
    EXPIRED = "expired"
    DAMAGED = "damaged"


class AdjustReason(StrEnum):
    DAMAGE = "damage"
    SAMPLE = "sample"
    INTERNAL = "internal"
    EXPIRED = "expired"


REASON_NAMES: dict[str, tuple[str, str]] = {
    ReturnReason.UNSOLD: ("ขายไม่ออก", "unsold"),
    ReturnReason.EXPIRED: ("หมดอายุ", "expired"),
    ReturnReason.DAMAGED: ("ชำรุด", "damaged"),
    AdjustReason.DAMAGE: ("ชำรุดเสียหาย", "damaged"),
    AdjustReason.SAMPLE: ("ตัวอย่าง/ชิม", "sample or tasting"),
    AdjustReason.INTERNAL: ("ใช้ภายใน", "internal use"),
    "count": ("ตรวจนับ", "stock count"),
}
_ADJUST_MOVES = {
    AdjustReason.DAMAGE: MoveReason.DAMAGE,
    AdjustReason.SAMPLE: MoveReason.SAMPLE,
    AdjustReason.INTERNAL: MoveReason.INTERNAL,
    AdjustReason.EXPIRED: MoveReason.EXPIRED,
}


class StockError(ShopError):
    """A stock document that cannot be taken as it is (nothing was written)."""


@dataclass(frozen=True, slots=True)
class StockLine:
    """One product on a stock document, as typed or scanned (quantity > 0, always)."""

    product_id: str
    quantity: Decimal
    cost: Decimal | None = None  # goods bought outright: the unit cost paid
    best_before: date | None = None


@dataclass(frozen=True, slots=True)
class ProductFacts:
    """What the rules need to know of a product on a document."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    producer_id: str
    sold_by_weight: bool
    unit_price: Decimal
    active: bool = True
    curation: str = "approved"  # pending | rejected: not in the shop's range (yet)


def check_lines(
    lines: Iterable[StockLine], products: Mapping[str, ProductFacts], producer_id: str | None
) -> list[StockLine]:
    """The lines merged per product (a product scanned three times is one line of 3), each
    checked: a known product, of the document's producer, a quantity above zero that fits how
    it is sold (whole pieces; kilograms to the gram), a cost not below zero."""
    merged: dict[str, StockLine] = {}
    for line in lines:
        p = products.get(line.product_id)
        if p is None:
            raise StockError(
                f"Unknown product {line.product_id}: add it to the catalogue (or start a "
                "curation application) first",
                f"ไม่พบสินค้า {line.product_id} กรุณาเพิ่มในรายการสินค้า (หรือยื่นใบสมัครคัดสรร) ก่อน",
            )
        if producer_id is not None and p.producer_id != producer_id:
            raise StockError(
                f"{p.name_en} ({p.sku}) is another producer's product: it cannot be on this "
                "producer's document",
                f"{p.name_th} ({p.sku}) เป็นสินค้าของผู้ผลิตรายอื่น ใส่ในเอกสารของผู้ผลิตรายนี้ไม่ได้",
            )
        _check_quantity(p, line.quantity)
        if line.cost is not None and (not line.cost.is_finite() or line.cost < 0):
            raise StockError(f"{p.sku}: the cost must be 0 or more", f"{p.sku}: ต้นทุนต้องไม่ต่ำกว่า 0")
        seen = merged.get(p.product_id)
        if seen is None:
            merged[p.product_id] = line
        else:
            merged[p.product_id] = StockLine(
                p.product_id,
                seen.quantity + line.quantity,
                line.cost if line.cost is not None else seen.cost,
                line.best_before or seen.best_before,
            )
            _check_quantity(p, merged[p.product_id].quantity)
    if not merged:
        raise StockError("The document has no lines", "เอกสารยังไม่มีรายการสินค้า")
    return list(merged.values())


def _check_quantity(p: ProductFacts, quantity: Decimal) -> None:
    if not quantity.is_finite() or quantity <= 0 or quantity > MAX_LINE_QTY:
        raise StockError(
            f"{p.sku}: the quantity must be above 0 and at most 1,000,000",
            f"{p.sku}: จำนวนต้องมากกว่า 0 และไม่เกิน 1,000,000",
        )
    if p.sold_by_weight:
        if quantity != quantity.quantize(QTY_PLACES):
            raise StockError(
                f"{p.sku} is sold by weight: kilograms with at most 3 decimals",
                f"{p.sku} ขายตามน้ำหนัก: กิโลกรัม ทศนิยมไม่เกิน 3 ตำแหน่ง",
            )
    elif quantity != quantity.to_integral_value():
        raise StockError(
            f"{p.sku} is sold by the piece: a whole number", f"{p.sku} ขายเป็นชิ้น: ต้องเป็นจำนวนเต็ม"
        )


def move_reason(kind: DocumentKind, reason: str) -> MoveReason:
    """The movements' reason of a document's lines."""
    if kind is DocumentKind.DELIVERY:
        return MoveReason.DELIVERY
    if kind is DocumentKind.PRODUCER_RETURN:
        return MoveReason.PRODUCER_RETURN
    if kind is DocumentKind.COUNT:
        return MoveReason.COUNT
    try:
        return _ADJUST_MOVES[AdjustReason(reason)]
    except ValueError:
        raise StockError(
            f"An adjustment's reason is one of {', '.join(r.value for r in AdjustReason)}",
            "เหตุผลการปรับปรุงสต็อกต้องเป็น ชำรุด ตัวอย่าง ใช้ภายใน หรือหมดอายุ",
        ) from None


def signed(kind: DocumentKind, quantity: Decimal) -> Decimal:
    """A line's movement: deliveries in, returns and adjustments out (counts carry their sign)."""
    return quantity if kind in (DocumentKind.DELIVERY, DocumentKind.COUNT) else -quantity


def value_lost(lines: Iterable[StockLine], products: Mapping[str, ProductFacts]) -> Decimal:
    """The shelf value (selling price) of goods an adjustment takes out of stock."""
    return round_satang(
        sum((ln.quantity * products[ln.product_id].unit_price for ln in lines), ZERO)
    )


# --- counts --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CountEntry:
    """One product of a count: the quantity counted and when it was last counted."""

    product_id: str
    counted: Decimal
    counted_at: datetime


@dataclass(frozen=True, slots=True)
class Variance:
    product_id: str
    expected: Decimal  # what the movements said when the product was (last) counted
    counted: Decimal
    unit_price: Decimal

    @property
    def difference(self) -> Decimal:
        return self.counted - self.expected

    @property
    def value(self) -> Decimal:
        return round_satang(self.difference * self.unit_price)


def variances(
    entries: Iterable[CountEntry],
    expected: Mapping[str, Decimal],
    prices: Mapping[str, Decimal],
) -> list[Variance]:
    """Each counted product with its expected quantity (as of its counting) and difference."""
    return [
        Variance(e.product_id, expected.get(e.product_id, ZERO), e.counted,
                 prices.get(e.product_id, ZERO))
        for e in entries
    ]  # fmt: skip


# --- producer statements -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StatementLine:
    """One product of a producer over a period: quantities by kind of movement."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    unit_price: Decimal
    opening: Decimal = ZERO
    delivered: Decimal = ZERO
    sold: Decimal = ZERO  # as a positive quantity
    refunded: Decimal = ZERO
    returned: Decimal = ZERO  # to the producer, positive
    adjusted: Decimal = ZERO  # counts, damage, samples...: signed
    other: Decimal = ZERO  # basket assembly and disassembly: signed
    closing: Decimal = ZERO
    sales: Decimal = ZERO  # money: what the sold lines brought in, less refunds

    @property
    def reconciles(self) -> bool:
        return (
            self.opening + self.delivered - self.sold + self.refunded - self.returned
            + self.adjusted + self.other == self.closing
        )  # fmt: skip

    @property
    def closing_value(self) -> Decimal:
        return round_satang(self.closing * self.unit_price)


@dataclass(frozen=True, slots=True)
class ProducerStatement:
    producer_id: str
    producer_code: str
    name_th: str
    name_en: str
    start: date
    end: date
    lines: tuple[StatementLine, ...] = field(default_factory=tuple)
    # the centre's commission: per rate on the period's sales less refunds, half-up to the
    # satang (as the consignment settlement rounds it)
    commission: Decimal = ZERO

    @property
    def sales(self) -> Decimal:
        return sum((ln.sales for ln in self.lines), ZERO)

    @property
    def owed(self) -> Decimal:
        """What the centre owes the producer for the period: sales less refunds less its
        commission."""
        return self.sales - self.commission

    @property
    def reconciles(self) -> bool:
        return all(ln.reconciles for ln in self.lines)


# how each movement reason counts on a statement line
STATEMENT_COLUMN: dict[str, str] = {
    MoveReason.DELIVERY: "delivered",
    MoveReason.SALE: "sold",
    MoveReason.REFUND: "refunded",
    MoveReason.PRODUCER_RETURN: "returned",
    MoveReason.COUNT: "adjusted",
    MoveReason.DAMAGE: "adjusted",
    MoveReason.SAMPLE: "adjusted",
    MoveReason.INTERNAL: "adjusted",
    MoveReason.EXPIRED: "adjusted",
    MoveReason.ASSEMBLY: "other",
    # an opening balance is the shop's stock at its start: opening stock whenever written
    MoveReason.OPENING: "opening",
    "disassembly": "other",
    "adjust": "adjusted",
}
# columns that show a quantity going out as a positive number
OUTGOING = frozenset({"sold", "returned"})


# --- over-delivery -------------------------------------------------------------------------
# There are no purchase orders to hold a delivery against, so a delivery line is compared with
# what the product usually comes in as: the median of its last USUAL_DELIVERIES deliveries (the
# opening stock counts as its first). A line above OVER_DELIVERY_FACTOR times that, and at
# least OVER_DELIVERY_MARGIN more (so 1 -> 4 pieces is not questioned), is likely a mistyped
# quantity (30*CODE for 3*CODE) or goods sent that were not asked for: the receiver is told
# which and asked once to confirm. A product never delivered before is not checked.
OVER_DELIVERY_FACTOR = 3
OVER_DELIVERY_MARGIN = 10
USUAL_DELIVERIES = 5


@dataclass(frozen=True, slots=True)
class OverDelivery:
    """A delivery line far above the product's usual delivery."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    usual: Decimal


def usual_delivery(quantities: Iterable[Decimal]) -> Decimal | None:
    """The median of a product's recent delivered quantities; None when it has none."""
    ordered = sorted(q for q in quantities if q > 0)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def over_deliveries(
    lines: Iterable[StockLine],
    products: Mapping[str, ProductFacts],
    history: Mapping[str, Iterable[Decimal]],
) -> list[OverDelivery]:
    """The lines above OVER_DELIVERY_FACTOR times their product's usual delivery (and at least
    OVER_DELIVERY_MARGIN above it)."""
    out = []
    for ln in lines:
        usual = usual_delivery(history.get(ln.product_id, ()))
        if usual is None:
            continue
        if (
            ln.quantity > usual * OVER_DELIVERY_FACTOR
            and ln.quantity - usual >= OVER_DELIVERY_MARGIN
        ):
            p = products[ln.product_id]
            out.append(OverDelivery(p.product_id, p.sku, p.name_th, p.name_en, ln.quantity, usual))
    return out


def _n(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


class OverDeliveryError(StockError):
    """A delivery with lines far above the usual: received only once the receiver confirms."""

    def __init__(self, found: Iterable[OverDelivery]) -> None:
        self.lines = tuple(found)
        en = ", ".join(f"{o.sku} {_n(o.quantity)} (usually {_n(o.usual)})" for o in self.lines)
        th = ", ".join(f"{o.sku} {_n(o.quantity)} (ปกติ {_n(o.usual)})" for o in self.lines)
        super().__init__(
            f"More than {OVER_DELIVERY_FACTOR} times the usual delivery: {en}. Check the "
            "goods and the quantities; confirm to receive them as they are",
            f"จำนวนเกิน {OVER_DELIVERY_FACTOR} เท่าของที่ส่งตามปกติ: {th} กรุณาตรวจสอบสินค้าและจำนวน "
            "หากถูกต้องให้ยืนยันเพื่อรับสินค้า",
        )


class NotCurated(StockError):
    """Goods of a product the curation committee has not approved (yet): kept aside."""

    def __init__(self, product: ProductFacts) -> None:
        self.product = product
        if product.curation == "rejected":
            en, th = "was not approved by the curation committee", "ไม่ผ่านการคัดสรร"
        else:
            en, th = "is waiting for the curation committee", "รอคณะกรรมการคัดสรรพิจารณา"
        super().__init__(
            f"{product.name_en} ({product.sku}) {en}: keep its goods aside, they cannot be "
            "received until it is approved",
            f"{product.name_th} ({product.sku}) {th} ให้แยกสินค้าไว้ รับเข้าสต็อกได้เมื่อผ่านการคัดสรรแล้ว",
        )


def check_curated(lines: Iterable[StockLine], products: Mapping[str, ProductFacts]) -> None:
    """Refuse (NotCurated) a delivery line of a product not approved by the committee."""
    for ln in lines:
        p = products[ln.product_id]
        if p.curation != "approved":
            raise NotCurated(p)


def confirmed_note(note: str, found: Iterable[OverDelivery], limit: int = 200) -> str:
    """The delivery's note with the over-delivery the receiver confirmed written after it
    (the slip and the document keep it), cut to the note's `limit`."""
    marks = ", ".join(f"{o.sku} {_n(o.quantity)} ({_n(o.usual)})" for o in found)
    if not marks:
        return note
    mark = f"เกินปกติ ยืนยันแล้ว / over usual, confirmed: {marks}"
    return (f"{note} · {mark}" if note else mark)[:limit]


class UnknownCode(StockError):
    """A scanned or typed code no product has (nothing is received for it)."""

    def __init__(self, code: str) -> None:
        self.code = code.strip()
        super().__init__(
            f"No product has the code {self.code!r}: add it to the catalogue (or start a "
            "curation application for it)",
            f"ไม่พบสินค้ารหัส {self.code!r} กรุณาเพิ่มในรายการสินค้า (หรือยื่นใบสมัครคัดสรร)",
        )
