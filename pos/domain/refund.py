"""Returns and refunds: what of a sale is still returnable, and the money and stock of a refund."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from pos.domain.bilingual import Bilingual
from pos.domain.cart import ProductKind
from pos.domain.errors import ShopError
from pos.domain.money import ZERO, round_satang, vat_included
from pos.domain.sale import ReceiptNote

REFUND_METHODS = ("cash", "promptpay")
METHOD_NAMES = {"cash": ("Cash", "เงินสด"), "promptpay": ("PromptPay", "พร้อมเพย์")}

# The fields of a refund (and its lines) that its journal entry covers: a fixed list, so a
# column added later does not change the hash of old entries.
REFUND_FIELDS = (
    "id", "terminal_id", "seq", "refund_no", "sale_id", "receipt_no", "refunded_at",
    "cashier_id", "cashier_name", "approval_id", "approver_id", "approver_name", "reason",
    "method", "total", "vatable", "exempt", "vat", "vat_rate",
)  # fmt: skip
REFUND_LINE_FIELDS = (
    "id", "sale_line_id", "line_no", "product_id", "sku", "name_th", "name_en", "quantity",
    "amount", "vat_exempt", "basket_id",
)  # fmt: skip


class RefundError(ShopError):
    """A refund the till refuses: unknown receipt or line, more than was sold, no reason …"""


def refund_number(prefix: str, seq: int) -> str:
    """KK01-R-000001: a refund's own gapless number per terminal."""
    return f"{prefix}-R-{seq:06d}"


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    """A sold line, what was already refunded of it, and what is left to refund."""

    line_no: int
    sale_line_id: str
    product_id: str
    sku: str
    name_th: str
    name_en: str
    quantity_sold: Decimal
    quantity_refunded: Decimal
    paid: Decimal  # the line's share of the sale after line and sale discounts (VAT incl.)
    amount_refunded: Decimal
    vat_exempt: bool
    basket_id: str | None = None
    basket_name_th: str = ""
    basket_name_en: str = ""
    basket_ready: bool = False  # a ready-made basket: it returns whole, to its own stock
    kind: ProductKind = ProductKind.GOODS  # only goods go back on the shelf
    ref: str | None = None  # the sale line's ref (a drink, a fee, a booking's payment)
    detail: Bilingual | None = None  # printed under the line (a drink's options)

    @property
    def quantity_returnable(self) -> Decimal:
        return self.quantity_sold - self.quantity_refunded

    @property
    def amount_refundable(self) -> Decimal:
        return self.paid - self.amount_refunded

    @property
    def unit_price_paid(self) -> Decimal:
        """One unit's price as paid, after discounts (shown; refunds use the exact share)."""
        return round_satang(self.paid / self.quantity_sold) if self.quantity_sold else ZERO


@dataclass(frozen=True, slots=True)
class ReturnableBasket:
    basket_id: str
    name_th: str
    name_en: str
    count: int
    ready_product_id: str | None


@dataclass(frozen=True, slots=True)
class ReturnableSale:
    """A sale found for a return: its lines with what is still returnable."""

    sale_id: str
    terminal_id: str
    receipt_no: str
    sold_at: datetime
    cashier_name: str
    total: Decimal
    vat_rate: Decimal
    lines: tuple[ReturnableLine, ...]
    baskets: tuple[ReturnableBasket, ...] = ()
    status: str = "completed"  # "voided": the sale was cancelled, nothing to refund
    notes: tuple[ReceiptNote, ...] = ()  # printed after the sale's total (a tea order's no.)

    def check_refundable(self) -> None:
        if self.status != "completed":
            raise RefundError(
                f"Receipt {self.receipt_no} was voided: there is nothing to refund",
                f"ใบเสร็จ {self.receipt_no} ถูกยกเลิกแล้ว ไม่มีรายการให้คืนเงิน",
            )

    @property
    def refunded(self) -> Decimal:
        return sum((ln.amount_refunded for ln in self.lines), ZERO)

    @property
    def refundable(self) -> Decimal:
        return sum((ln.amount_refundable for ln in self.lines), ZERO)

    @property
    def fully_refunded(self) -> bool:
        return all(ln.quantity_returnable <= 0 for ln in self.lines)

    def line(self, line_no: int) -> ReturnableLine:
        for ln in self.lines:
            if ln.line_no == line_no:
                return ln
        raise RefundError(
            f"Receipt {self.receipt_no} has no line {line_no}",
            f"ใบเสร็จ {self.receipt_no} ไม่มีรายการที่ {line_no}",
        )


@dataclass(frozen=True, slots=True)
class PlannedLine:
    line: ReturnableLine
    quantity: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class RefundPlan:
    """What a refund gives back: lines, money (VAT derived once), and stock to put back."""

    lines: tuple[PlannedLine, ...]
    total: Decimal
    vatable: Decimal
    exempt: Decimal
    vat: Decimal
    vat_rate: Decimal
    stock: tuple[tuple[str, Decimal], ...]  # (product id, quantity back on the shelf)


def check_method(method: str) -> str:
    if method not in REFUND_METHODS:
        raise RefundError(
            f"A refund is paid in cash or by PromptPay, not {method!r}",
            f"คืนเงินได้เป็นเงินสดหรือพร้อมเพย์เท่านั้น ไม่ใช่ {method!r}",
        )
    return method


def check_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise RefundError("A refund needs a reason", "การคืนเงินต้องระบุเหตุผล")
    if len(text) > 200:
        raise RefundError("The reason is too long (200 characters)", "เหตุผลยาวเกิน 200 ตัวอักษร")
    return text


def line_amount(line: ReturnableLine, quantity: Decimal) -> Decimal:
    """The money `quantity` of a line gives back: its paid share, exact to the satang.

    The last of a line takes whatever of its paid amount is left, so partial refunds of one
    line always add up to exactly what was paid for it.
    """
    if quantity == line.quantity_returnable:
        return line.amount_refundable
    # the line's paid amount shared out by the running quantity, so that one-by-one refunds
    # give what a single refund of them all gives (to the satang)
    upto = round_satang(line.paid * (line.quantity_refunded + quantity) / line.quantity_sold)
    return min(max(upto - line.amount_refunded, ZERO), line.amount_refundable)


def _bad_qty(sale: ReturnableSale, line: ReturnableLine, quantity: Decimal) -> RefundError:
    left = line.quantity_returnable.normalize()
    return RefundError(
        f"Line {line.line_no} ({line.name_en}) of {sale.receipt_no}: {quantity.normalize()} "
        f"cannot be returned, {left} is left to return",
        f"รายการที่ {line.line_no} ({line.name_th}) ของ {sale.receipt_no}: คืน "
        f"{quantity.normalize()} ไม่ได้ เหลือให้คืนได้ {left}",
    )


_MILLI = Decimal("0.001")  # the quantity column's step


def amount_share(line: ReturnableLine, amount: Decimal) -> Decimal:
    """The quantity an amount refunded of a service line of one stands for: its share of
    what was paid, to the thousandth, never all of what is left unless the amount is."""
    if amount == line.amount_refundable:
        return line.quantity_returnable
    share = (amount * line.quantity_sold / line.paid).quantize(_MILLI, rounding=ROUND_HALF_UP)
    return min(max(share, _MILLI), line.quantity_returnable - _MILLI)


def _by_amount(sale: ReturnableSale, no: int, value: Decimal) -> PlannedLine:
    """A part of a service line of one given back by amount (a booking's deposit by the
    cancellation rule): exact to the satang, within what is left of it."""
    line = sale.line(no)
    amount = Decimal(value)
    if line.kind is not ProductKind.SERVICE or line.quantity_sold != 1:
        raise RefundError(
            f"Line {line.line_no} ({line.name_en}) of {sale.receipt_no} is refunded by "
            "quantity: only a service line of one (a booking's payment) is refunded by amount",
            f"รายการที่ {line.line_no} ({line.name_th}) ของ {sale.receipt_no} คืนตามจำนวน "
            "คืนเป็นจำนวนเงินได้เฉพาะรายการบริการจำนวน 1 (เช่น ค่าจองห้อง)",
        )
    left = line.amount_refundable
    if not amount.is_finite() or amount <= 0 or amount != round_satang(amount) or amount > left:
        raise RefundError(
            f"Line {line.line_no} ({line.name_en}) of {sale.receipt_no}: {amount} baht cannot "
            f"be refunded, up to {left:.2f} baht (to the satang) is left",
            f"รายการที่ {line.line_no} ({line.name_th}) ของ {sale.receipt_no}: คืน {amount} บาท"
            f"ไม่ได้ คืนได้ไม่เกิน {left:.2f} บาท (ถึงหลักสตางค์)",
        )
    return PlannedLine(line, amount_share(line, amount), amount)


def plan_refund(
    sale: ReturnableSale,
    quantities: Mapping[int, Decimal],
    amounts: Mapping[int, Decimal] | None = None,
) -> RefundPlan:
    """The refund of `quantities` (line no -> quantity) and `amounts` (line no -> baht, a
    service line of one only: `_by_amount`); both empty: everything still returnable.

    Never more than was sold, across every earlier refund. A ready-made basket returns whole
    (to the ready basket's own stock); a basket made up at the counter returns as a whole or
    component by component (each to its product's stock).
    """
    amounts = amounts or {}
    both = set(quantities) & set(amounts)
    if both:
        no = min(both)
        raise RefundError(
            f"Line {no} of {sale.receipt_no}: give a quantity or an amount, not both",
            f"รายการที่ {no} ของ {sale.receipt_no}: ระบุจำนวนหรือจำนวนเงินอย่างใดอย่างหนึ่ง",
        )
    if not quantities and not amounts:
        wanted = {ln.line_no: ln.quantity_returnable for ln in sale.lines}
        wanted = {no: q for no, q in wanted.items() if q > 0}
        if not wanted:
            raise RefundError(
                f"Everything on {sale.receipt_no} has been refunded already",
                f"สินค้าในใบเสร็จ {sale.receipt_no} คืนเงินไปครบแล้ว",
            )
    else:
        wanted = {}
        for no, q in quantities.items():
            qty = Decimal(q)
            line = sale.line(no)
            if not qty.is_finite() or qty <= 0 or qty > line.quantity_returnable:
                raise _bad_qty(sale, line, qty)
            wanted[no] = qty
    planned = sorted(
        [PlannedLine(sale.line(no), q, line_amount(sale.line(no), q)) for no, q in wanted.items()]
        + [_by_amount(sale, no, a) for no, a in amounts.items()],
        key=lambda p: p.line.line_no,
    )
    stock = _stock_back(sale, planned)
    total = sum((p.amount for p in planned), ZERO)
    if total <= 0:
        raise RefundError("Nothing to refund: the amount is 0", "ไม่มียอดเงินให้คืน (0 บาท)")
    exempt = sum((p.amount for p in planned if p.line.vat_exempt), ZERO)
    vatable = total - exempt
    return RefundPlan(
        lines=tuple(planned),
        total=total,
        vatable=vatable,
        exempt=exempt,
        vat=vat_included(vatable, sale.vat_rate),
        vat_rate=sale.vat_rate,
        stock=stock,
    )


def _stock_back(
    sale: ReturnableSale, planned: Sequence[PlannedLine]
) -> tuple[tuple[str, Decimal], ...]:
    baskets = {b.basket_id: b for b in sale.baskets}
    back: dict[str, Decimal] = {}
    ready: dict[str, list[PlannedLine]] = {}
    for p in planned:
        if p.line.kind is not ProductKind.GOODS:
            continue  # a refunded fee, booking payment or drink puts nothing back on a shelf
        b = baskets.get(p.line.basket_id or "")
        if b is not None and b.ready_product_id:
            ready.setdefault(b.basket_id, []).append(p)
        else:
            back[p.line.product_id] = back.get(p.line.product_id, ZERO) + p.quantity
    for basket_id, parts in ready.items():
        b = baskets[basket_id]
        assert b.ready_product_id is not None
        members = [ln for ln in sale.lines if ln.basket_id == basket_id]
        given = {p.line.line_no: p.quantity for p in parts}
        whole = _whole_baskets(b, members, given)
        if whole is None:
            raise RefundError(
                f"{b.name_en} was sold ready-made: return whole baskets, every item in them",
                f"{b.name_th} ขายเป็นกระเช้าสำเร็จรูป ต้องคืนทั้งกระเช้าพร้อมสินค้าทุกชิ้น",
            )
        back[b.ready_product_id] = back.get(b.ready_product_id, ZERO) + whole
    return tuple(back.items())


def _whole_baskets(
    basket: ReturnableBasket, members: Iterable[ReturnableLine], given: Mapping[int, Decimal]
) -> Decimal | None:
    """How many whole ready baskets `given` returns (None: not whole baskets)."""
    counts: set[Decimal] = set()
    for ln in members:
        q = given.get(ln.line_no, ZERO)
        per_basket = ln.quantity_sold / basket.count
        n = q / per_basket if per_basket else ZERO
        if n != n.to_integral_value() or n <= 0:
            return None
        counts.add(n)
    if len(counts) != 1:
        return None
    return Decimal(int(counts.pop()))


@dataclass(frozen=True, slots=True)
class RefundReceiptLine:
    line_no: int
    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    amount: Decimal
    vat_exempt: bool
    basket_name_th: str = ""
    detail: Bilingual | None = None  # the sold line's detail, printed under it
    part_of: Decimal | None = None  # given back by amount: what was paid for the line


def part_of(kind: ProductKind, sold: Decimal, paid: Decimal, quantity: Decimal) -> Decimal | None:
    """What was paid for a line a refund gives back part of by amount (a service line of one,
    its refund line a share below one), for the slip to say "฿66.66 of ฿200.00"; else None."""
    if kind is ProductKind.SERVICE and sold == 1 and quantity < 1:
        return paid
    return None


@dataclass(frozen=True, slots=True)
class RefundReceipt:
    """A committed refund, ready to print: it names the sale it gives money back for."""

    refund_id: str
    refund_no: str
    refunded_at: datetime
    receipt_no: str  # the original sale's receipt
    sold_at: datetime
    pos_id: str
    terminal_name: str
    cashier_name: str
    approver_name: str
    reason: str
    method: str
    lines: tuple[RefundReceiptLine, ...]
    total: Decimal
    vatable: Decimal
    exempt: Decimal
    vat: Decimal
    vat_rate: Decimal
    copy: bool = False
    notes: tuple[ReceiptNote, ...] = ()  # the sale's notes, printed after the total


def build_refund_receipt(
    sale: ReturnableSale,
    plan: RefundPlan,
    *,
    refund_id: str,
    refund_no: str,
    at: datetime,
    pos_id: str,
    terminal_name: str,
    cashier_name: str,
    approver_name: str,
    reason: str,
    method: str,
) -> RefundReceipt:
    """The slip of a refund as it is committed under its number at this terminal."""
    basket_names = {b.basket_id: b.name_th for b in sale.baskets}
    return RefundReceipt(
        refund_id=refund_id,
        refund_no=refund_no,
        refunded_at=at,
        receipt_no=sale.receipt_no,
        sold_at=sale.sold_at,
        pos_id=pos_id,
        terminal_name=terminal_name,
        cashier_name=cashier_name,
        approver_name=approver_name,
        reason=reason,
        method=method,
        lines=tuple(
            RefundReceiptLine(
                p.line.line_no,
                p.line.sku,
                p.line.name_th,
                p.line.name_en,
                p.quantity,
                p.amount,
                p.line.vat_exempt,
                basket_names.get(p.line.basket_id or "", ""),
                p.line.detail,
                part_of(p.line.kind, p.line.quantity_sold, p.line.paid, p.quantity),
            )
            for p in plan.lines
        ),
        notes=sale.notes,
        total=plan.total,
        vatable=plan.vatable,
        exempt=plan.exempt,
        vat=plan.vat,
        vat_rate=plan.vat_rate,
    )


def _pick(row: Mapping[str, object], fields: Sequence[str]) -> dict[str, object]:
    return {f: row.get(f) for f in fields}


def refund_record(
    refund: Mapping[str, object], lines: Iterable[Mapping[str, object]]
) -> dict[str, object]:
    """What a refund's journal entry covers: the refund and its lines."""
    return {
        "refund": _pick(refund, REFUND_FIELDS),
        "lines": sorted(
            (_pick(r, REFUND_LINE_FIELDS) for r in lines), key=lambda r: str(r["line_no"]).zfill(9)
        ),
    }


# --- the end-of-day report's "voids and refunds" --------------------------------------------
@dataclass(frozen=True, slots=True)
class RefundRow:
    """One refund as the end-of-day report lists it."""

    refund_no: str
    receipt_no: str  # the original receipt
    refunded_at: datetime
    amount: Decimal
    method: str
    cashier: str
    approver: str  # "" when the refunder's own role allowed it
    reason: str


@dataclass(frozen=True, slots=True)
class ApprovalRow:
    """One manager approval from the approvals audit: who asked, who approved, what and why."""

    approved_at: datetime
    action: str  # a pos.domain.auth.Action value
    requested_by: str
    approved_by: str
    reason: str
    ref: str


def voids_refunds_csv_rows(
    refunds: Iterable[RefundRow], approvals: Iterable[ApprovalRow]
) -> list[list[object]]:
    """The report's section as CSV rows: section, key, name, quantity, amount, share (empty).

    A refund: key its number, name "original receipt | method | cashier | approver | reason",
    amount what was given back. An approval: key its action, name
    "requester | approver | reason | ref", quantity 1.
    """
    rows: list[list[object]] = []
    for r in refunds:
        name = " | ".join((r.receipt_no, r.method, r.cashier, r.approver or "-", r.reason))
        rows.append(["refund", r.refund_no, name, 1, r.amount, ""])
    for a in approvals:
        name = " | ".join((a.requested_by, a.approved_by, a.reason, a.ref or "-"))
        rows.append(["approval", a.action, name, 1, "", ""])
    return rows
