"""Tenders and how they settle a sale: cash with change, PromptPay, card, split."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from pos.domain.errors import PaymentError
from pos.domain.money import ZERO, round_satang

THAI_DENOMINATIONS: tuple[Decimal, ...] = tuple(
    Decimal(d) for d in ("1000", "500", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.25")
)


class TenderKind(Enum):
    CASH = "cash"
    PROMPTPAY = "promptpay"
    CARD = "card"
    COD = "cod"  # cash on delivery: the carrier collects it for the shop (online orders)


@dataclass(frozen=True, slots=True)
class Tender:
    """One payment. `amount` is what it pays of the sale; cash may hand over more (`tendered`)."""

    kind: TenderKind
    amount: Decimal
    tendered: Decimal | None = None
    reference: str = ""

    @property
    def handed(self) -> Decimal:
        return self.tendered if self.tendered is not None else self.amount


@dataclass(frozen=True, slots=True)
class Settlement:
    due: Decimal
    paid: Decimal
    remaining: Decimal
    change: Decimal

    @property
    def settled(self) -> bool:
        return self.remaining == ZERO


def cash_tender(due: Decimal, handed: Decimal) -> Tender:
    """Cash handed over for (part of) `due`: pays at most what is due, the rest is change."""
    handed = round_satang(handed)
    if handed <= 0:
        raise PaymentError("Cash must be more than zero", "จำนวนเงินสดต้องมากกว่าศูนย์")
    return Tender(TenderKind.CASH, min(handed, round_satang(due)), tendered=handed)


def settle(due: Decimal, tenders: Sequence[Tender]) -> Settlement:
    """Check tenders against the amount due; non-cash tenders may never exceed what is left."""
    due = round_satang(due)
    remaining = due
    change = ZERO
    for tender in tenders:
        if tender.amount <= 0:
            raise PaymentError("A payment must be more than zero", "ยอดชำระต้องมากกว่าศูนย์")
        if tender.amount > remaining:
            raise PaymentError(
                f"{tender.kind.value} {tender.amount} is more than the {remaining} still due",
                f"ยอด {tender.amount} มากกว่ายอดค้างชำระ {remaining}",
            )
        if tender.kind is TenderKind.CARD and not tender.reference.strip():
            raise PaymentError(
                "A card payment needs the terminal's approval code",
                "การชำระด้วยบัตรต้องมีรหัสอนุมัติจากเครื่องรูดบัตร",
            )
        if tender.kind is not TenderKind.CASH and tender.tendered not in (None, tender.amount):
            raise PaymentError("Only cash gives change", "ทอนเงินได้เฉพาะเงินสด")
        remaining -= tender.amount
        change += tender.handed - tender.amount
    return Settlement(due=due, paid=due - remaining, remaining=remaining, change=change)


def quick_cash_amounts(due: Decimal) -> list[Decimal]:
    """Exact, then the next round notes a customer is likely to hand over: at most four, the
    larger notes' first (for ฿10,141 the ฿11,000 of eleven ฿1,000 notes, not ฿10,160)."""
    due = round_satang(due)
    options = [due]
    for note in (Decimal(1000), Decimal(500), Decimal(100), Decimal(50), Decimal(20)):
        up = ((due // note) + (1 if due % note else 0)) * note
        if up > due and up not in options and len(options) < 5:
            options.append(up.quantize(Decimal("0.01")))
    return sorted(options)
