"""Cash-up arithmetic: the drawer counted by denomination, expected cash, X and Z report totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos.domain.errors import ShopError
from pos.domain.money import ZERO
from pos.domain.payment import THAI_DENOMINATIONS

CENT = Decimal("0.01")


class ShiftError(ShopError):
    """A shift operation the till refuses (no open shift, one already open, bad amount …)."""


def denomination_key(value: Decimal | str | int) -> Decimal:
    """A denomination as THAI_DENOMINATIONS spells it (0.5 and 0.50 are one coin)."""
    d = Decimal(str(value))
    for known in THAI_DENOMINATIONS:
        if known == d:
            return known
    raise ShiftError(f"{value} baht is not a Thai note or coin", f"ไม่มีธนบัตรหรือเหรียญ {value} บาท")


def counted_total(counts: Mapping[Decimal, int]) -> Decimal:
    """The cash in the drawer: each note and coin times how many were counted."""
    total = ZERO
    seen: set[Decimal] = set()
    for denomination, n in counts.items():
        key = denomination_key(denomination)
        if key in seen:
            raise ShiftError(f"{key} counted twice", f"นับ {key} บาทซ้ำ")
        seen.add(key)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ShiftError(
                f"the count of {key} baht must be a whole number, 0 or more",
                f"จำนวน {key} บาทต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป",
            )
        total += key * n
    return total.quantize(CENT)


def check_amount(amount: Decimal, what_en: str, what_th: str, *, zero_ok: bool = False) -> Decimal:
    if not amount.is_finite() or amount < 0 or (amount == 0 and not zero_ok):
        raise ShiftError(f"{what_en} must be more than zero", f"{what_th}ต้องมากกว่าศูนย์")
    if amount != amount.quantize(CENT):
        raise ShiftError(f"{what_en} has more than 2 decimals", f"{what_th}มีทศนิยมเกิน 2 ตำแหน่ง")
    return amount.quantize(CENT)


@dataclass(frozen=True, slots=True)
class SalesTotals:
    """What the sales of a shift add up to (completed sales only)."""

    count: int = 0
    first_receipt: str = ""
    last_receipt: str = ""
    gross: Decimal = ZERO  # before discounts
    discounts: Decimal = ZERO
    total: Decimal = ZERO
    vatable: Decimal = ZERO
    exempt: Decimal = ZERO
    vat: Decimal = ZERO
    tenders: Mapping[str, Decimal] = field(default_factory=dict)  # kind -> amount paid
    voided: int = 0
    refund_count: int = 0  # refunds made in the shift (of any day's sales)
    refunded: Decimal = ZERO
    refund_tenders: Mapping[str, Decimal] = field(default_factory=dict)  # method -> refunded

    @property
    def net(self) -> Decimal:
        """Sales less refunds."""
        return self.total - self.refunded

    @property
    def cash(self) -> Decimal:
        """Cash the sales left in the drawer (what cash paid of them; change went back)."""
        return self.tenders.get("cash", ZERO)


@dataclass(frozen=True, slots=True)
class CashUp:
    opening_float: Decimal
    cash_sales: Decimal
    paid_in: Decimal
    paid_out: Decimal
    counted: Decimal | None  # None in an X report: nobody counted
    cash_refunds: Decimal = ZERO  # refunds paid back in cash, out of the drawer

    @property
    def expected(self) -> Decimal:
        cash_in = self.opening_float + self.cash_sales + self.paid_in
        return (cash_in - self.paid_out - self.cash_refunds).quantize(CENT)

    @property
    def difference(self) -> Decimal | None:
        """Counted minus expected: negative is a shortage, positive an overage."""
        return None if self.counted is None else (self.counted - self.expected).quantize(CENT)


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """An X report (shift still open, `number` 0) or a Z report (closed, its own number)."""

    kind: str  # "x" | "z"
    number: int
    terminal_id: str
    pos_id: str
    shift_id: str
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    closed_by: str
    sales: SalesTotals
    cash: CashUp
    counts: Mapping[Decimal, int] = field(default_factory=dict)
    document_no: str = ""  # a stored Z report's number, e.g. Z-KK01-000001 (not journalled)
    # the journal chain's head once the Z report is in it, short form "seq:hash" (not
    # journalled: it is the hash over this report), printed to anchor the chain on paper
    journal_head: str = ""

    @property
    def title(self) -> str:
        return f"Z {self.number:06d}" if self.kind == "z" else "X"

    def record(self) -> dict[str, Any]:
        """The report as the journal covers it (plain values; the canonical form does the rest)."""
        s, c = self.sales, self.cash
        return {
            "kind": self.kind,
            "number": self.number,
            "terminal_id": self.terminal_id,
            "pos_id": self.pos_id,
            "shift_id": self.shift_id,
            "opened_at": self.opened_at,
            "opened_by": self.opened_by,
            "closed_at": self.closed_at,
            "closed_by": self.closed_by,
            "sales": {
                "count": s.count,
                "first_receipt": s.first_receipt,
                "last_receipt": s.last_receipt,
                "gross": s.gross,
                "discounts": s.discounts,
                "total": s.total,
                "vatable": s.vatable,
                "exempt": s.exempt,
                "vat": s.vat,
                "tenders": dict(sorted(s.tenders.items())),
                "voided": s.voided,
                "refunds": {
                    "count": s.refund_count,
                    "total": s.refunded,
                    "tenders": dict(sorted(s.refund_tenders.items())),
                },
            },
            "cash": {
                "opening_float": c.opening_float,
                "cash_sales": c.cash_sales,
                "paid_in": c.paid_in,
                "paid_out": c.paid_out,
                "cash_refunds": c.cash_refunds,
                "expected": c.expected,
                "counted": c.counted,
                "difference": c.difference,
            },
            "counts": {str(d): n for d, n in sorted(self.counts.items(), reverse=True)},
        }

    @classmethod
    def from_record(
        cls, record: Mapping[str, Any], document_no: str = "", journal_head: str = ""
    ) -> ShiftReport:
        """The report back from its stored (canonical) record: a Z report printed again."""

        def when(value: Any) -> datetime | None:
            return None if value is None else datetime.fromisoformat(str(value))

        def money(value: Any) -> Decimal:
            return Decimal(str(value)).quantize(CENT)

        def amounts(values: Mapping[str, Any]) -> dict[str, Decimal]:
            return {k: money(v) for k, v in values.items()}

        s, c = record["sales"], record["cash"]
        refunds = s.get("refunds", {})
        # a Z stored before the gross was fixed holds the net there: gross - discounts = total
        gross = money(s["total"]) + money(s["discounts"])
        opened_at = when(record["opened_at"])
        assert opened_at is not None
        return cls(
            kind=str(record["kind"]),
            number=int(record["number"]),
            terminal_id=str(record["terminal_id"]),
            pos_id=str(record["pos_id"]),
            shift_id=str(record["shift_id"]),
            opened_at=opened_at,
            opened_by=str(record["opened_by"]),
            closed_at=when(record.get("closed_at")),
            closed_by=str(record.get("closed_by", "")),
            sales=SalesTotals(
                count=int(s["count"]),
                first_receipt=str(s["first_receipt"]),
                last_receipt=str(s["last_receipt"]),
                gross=gross,
                discounts=money(s["discounts"]),
                total=money(s["total"]),
                vatable=money(s["vatable"]),
                exempt=money(s["exempt"]),
                vat=money(s["vat"]),
                tenders=amounts(s.get("tenders", {})),
                voided=int(s.get("voided", 0)),
                refund_count=int(refunds.get("count", 0)),
                refunded=money(refunds.get("total", 0)),
                refund_tenders=amounts(refunds.get("tenders", {})),
            ),
            cash=CashUp(
                opening_float=money(c["opening_float"]),
                cash_sales=money(c["cash_sales"]),
                paid_in=money(c["paid_in"]),
                paid_out=money(c["paid_out"]),
                counted=None if c.get("counted") is None else money(c["counted"]),
                cash_refunds=money(c.get("cash_refunds", 0)),
            ),
            counts={denomination_key(d): int(n) for d, n in record.get("counts", {}).items()},
            document_no=document_no,
            journal_head=journal_head,
        )
