"""The full tax invoice (ใบกำกับภาษี, Revenue Code §86/4) issued for a sale on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos.domain.bilingual import Bilingual
from pos.domain.errors import TaxInvoiceError
from pos.domain.money import ZERO, round_satang
from pos.domain.sale import Receipt, ReceiptLine
from pos.domain.taxid import is_valid_tax_id

HEAD_OFFICE = "00000"


def branch_label_th(branch: str) -> str:
    """00000 → สำนักงานใหญ่, 00001 → สาขาที่ 00001."""
    return "สำนักงานใหญ่" if branch == HEAD_OFFICE else f"สาขาที่ {branch}"


def branch_label_en(branch: str) -> str:
    return "Head office" if branch == HEAD_OFFICE else f"Branch {branch}"


@dataclass(frozen=True, slots=True)
class Buyer:
    """The buyer printed on a full tax invoice: a company or a person (citizen ID)."""

    name: str
    address: str
    tax_id: str
    branch: str = HEAD_OFFICE

    @classmethod
    def checked(cls, name: str, address: str, tax_id: str, branch: str = "") -> Buyer:
        """Tidy what the cashier typed (spaces, dashes, blank branch), then validate it."""
        buyer = cls(
            name=" ".join(name.split()),
            address=" ".join(address.split()),
            tax_id=tax_id.replace("-", "").replace(" ", ""),
            branch=branch.strip().zfill(5) if branch.strip() else HEAD_OFFICE,
        )
        problems = buyer.problems()
        if problems:
            raise TaxInvoiceError(
                "Buyer details: " + "; ".join(en for en, _ in problems),
                "ข้อมูลผู้ซื้อ: " + "; ".join(th for _, th in problems),
            )
        return buyer

    def problems(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if not self.name.strip():
            out.append(("the buyer's name is missing", "ไม่มีชื่อผู้ซื้อ"))
        if not self.address.strip():
            out.append(("the buyer's address is missing", "ไม่มีที่อยู่ผู้ซื้อ"))
        if len(self.name) > 300 or len(self.address) > 600:
            out.append(("name or address is too long", "ชื่อหรือที่อยู่ยาวเกินไป"))
        if not (len(self.tax_id) == 13 and self.tax_id.isascii() and self.tax_id.isdigit()):
            out.append(
                (
                    f"tax ID {self.tax_id!r} must have 13 digits",
                    f"เลขประจำตัวผู้เสียภาษี {self.tax_id!r} ต้องมี 13 หลัก",
                )
            )
        elif not is_valid_tax_id(self.tax_id):
            out.append(
                (
                    f"tax ID {self.tax_id} has a wrong check digit (mistyped?)",
                    f"เลขประจำตัวผู้เสียภาษี {self.tax_id} หลักตรวจสอบไม่ถูกต้อง (พิมพ์ผิดหรือไม่)",
                )
            )
        if len(self.branch) != 5 or not self.branch.isdigit():
            out.append(
                (
                    "branch must be 5 digits (00000 = head office)",
                    "รหัสสาขาต้องเป็นตัวเลข 5 หลัก (00000 = สำนักงานใหญ่)",
                )
            )
        return out


@dataclass(frozen=True, slots=True)
class TaxInvoice:
    """An issued full tax invoice: its own running number, the buyer, and the sale it covers."""

    number: str
    issued_at: datetime
    buyer: Buyer
    receipt: Receipt
    copy: bool = False


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    """One row of the invoice's table. A row with money (not `in_basket`) adds up:
    quantity x unit price - discount = amount, and those rows add up to the receipt's subtotal.
    A gift basket is one such row (its count, its price each) followed by its contents, rows
    without money (`in_basket`) that say what is in it."""

    number: str  # "1", "2" ... for rows with money; "" for a basket's contents
    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    unit_th: str
    sold_by_weight: bool
    vat_exempt: bool
    unit_price: Decimal = ZERO
    discount: Decimal = ZERO
    amount: Decimal = ZERO
    in_basket: bool = False
    message: str = ""  # a basket's gift-card message
    detail: Bilingual | None = None  # printed under the line (a drink's options, a booking)


def _basket_row(number: int, group: list[ReceiptLine]) -> InvoiceRow:
    head = group[0]
    gross = sum((ln.gross for ln in group), ZERO)
    discount = sum((ln.discount for ln in group), ZERO)
    count = Decimal(max(head.basket_count, 1))
    each = round_satang(gross / count)
    if each * count != gross:  # a price that does not split evenly: one row of the whole
        count, each = Decimal(1), gross
    return InvoiceRow(
        number=str(number),
        sku="",
        name_th=head.basket_name_th,
        name_en=head.basket_name_en,
        quantity=count,
        unit_th="ชุด",
        sold_by_weight=False,
        vat_exempt=all(ln.vat_exempt for ln in group),
        unit_price=each,
        discount=discount,
        amount=gross - discount,
        message=head.basket_message,
    )


def invoice_rows(receipt: Receipt) -> tuple[InvoiceRow, ...]:
    """The invoice's table: each line as sold, each gift basket as one row of its price with
    its contents beneath it (in the order the receipt lists them)."""
    out: list[InvoiceRow] = []
    done: set[str] = set()
    number = 0
    for line in receipt.lines:
        if line.basket_id is not None:
            if line.basket_id in done:
                continue
            done.add(line.basket_id)
            group = [ln for ln in receipt.lines if ln.basket_id == line.basket_id]
            number += 1
            out.append(_basket_row(number, group))
            out += [
                InvoiceRow("", ln.sku, ln.name_th, ln.name_en, ln.quantity, ln.unit_th,
                           ln.sold_by_weight, ln.vat_exempt, in_basket=True)
                for ln in group
            ]  # fmt: skip
            continue
        number += 1
        out.append(
            InvoiceRow(
                number=str(number),
                sku=line.sku,
                name_th=line.name_th,
                name_en=line.name_en,
                quantity=line.quantity,
                unit_th=line.unit_th,
                sold_by_weight=line.sold_by_weight,
                vat_exempt=line.vat_exempt,
                unit_price=line.unit_price,
                discount=line.discount,
                amount=line.gross - line.discount,
                detail=line.detail,
            )
        )
    return tuple(out)
