"""The full tax invoice (ใบกำกับภาษี, Revenue Code §86/4) issued for a sale on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos.domain.errors import TaxInvoiceError
from pos.domain.sale import Receipt
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
