"""A receipt laid out as fixed-width text (preview and text-mode printers)."""

from __future__ import annotations

from datetime import timedelta, timezone

from pos.domain.money import format_baht
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from printing.textwidth import display_width, pad_left, two_columns, wrap

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
PAYMENT_NAMES = {"cash": "เงินสด", "promptpay": "พร้อมเพย์", "card": "บัตร"}


def receipt_title(settings: Settings) -> str:
    """A VAT-registered shop issues an abbreviated tax invoice; others a plain receipt only."""
    if settings.vat_registered:
        return "ใบเสร็จรับเงิน/ใบกำกับภาษีอย่างย่อ"
    return "ใบเสร็จรับเงิน"


def thai_datetime(receipt: Receipt) -> str:
    local = receipt.sold_at.astimezone(BANGKOK)
    return f"{local.day} {THAI_MONTHS[local.month - 1]} {local.year + 543} {local:%H:%M:%S}"


def render_text(receipt: Receipt, settings: Settings, columns: int = 48) -> str:
    """The receipt as lines of at most `columns` display columns (48 on 80 mm, 32 on 58 mm)."""
    rule = "-" * columns
    out: list[str] = []

    def center(text: str) -> None:
        for line in wrap(text, columns):
            out.append(pad_left(line, (columns + display_width(line)) // 2))

    center(settings.shop_name_th)
    if settings.company_th:
        center(settings.company_th)
    center(settings.address_th)
    if settings.tax_id:
        branch = "สำนักงานใหญ่" if settings.branch == "00000" else f"สาขาที่ {settings.branch}"
        center(f"เลขประจำตัวผู้เสียภาษี {settings.tax_id} ({branch})")
    if receipt.pos_id:
        center(f"POS ID: {receipt.pos_id}")
    out.append(rule)
    center(receipt_title(settings) + (" (สำเนา / COPY)" if receipt.copy else ""))
    out.extend(two_columns(f"เลขที่ {receipt.receipt_no}", thai_datetime(receipt), columns))
    if receipt.cashier_name:
        out.append(f"พนักงาน: {receipt.cashier_name}")
    out.append(rule)
    for line in receipt.lines:
        qty = f"{line.quantity:.3f}" if line.sold_by_weight else f"{line.quantity:.0f}"
        mark = "" if not line.vat_exempt else " (E)"
        out.extend(two_columns(f"{line.name_th}{mark}", format_baht(line.gross), columns))
        out.append(f"  {qty} {line.unit_th} x {format_baht(line.unit_price)}")
        if line.discount:
            out.extend(
                two_columns(
                    f"  ส่วนลด {line.discount_reason}", f"-{format_baht(line.discount)}", columns
                )
            )
    out.append(rule)
    out.extend(two_columns("รวม", format_baht(receipt.subtotal), columns))
    if receipt.sale_discount:
        out.extend(
            two_columns(
                f"ส่วนลดท้ายบิล {receipt.sale_discount_reason}",
                f"-{format_baht(receipt.sale_discount)}",
                columns,
            )
        )
    out.extend(two_columns("ยอดสุทธิ", format_baht(receipt.total), columns))
    if settings.vat_registered:
        out.extend(two_columns("มูลค่าสินค้าที่มีภาษี", format_baht(receipt.vatable), columns))
        if receipt.exempt:
            out.extend(two_columns("มูลค่าสินค้าที่ยกเว้นภาษี (E)", format_baht(receipt.exempt), columns))
        out.extend(
            two_columns(f"ภาษีมูลค่าเพิ่ม {receipt.vat_rate:.0f}%", format_baht(receipt.vat), columns)
        )
        out.append("ราคารวมภาษีมูลค่าเพิ่มแล้ว")
    out.append(rule)
    for p in receipt.payments:
        name = PAYMENT_NAMES.get(p.kind, p.kind)
        ref = f" {p.reference}" if p.reference and p.kind == "card" else ""
        out.extend(two_columns(f"{name}{ref}", format_baht(p.tendered), columns))
    if receipt.change:
        out.extend(two_columns("เงินทอน", format_baht(receipt.change), columns))
    out.append(rule)
    center("ขอบคุณที่อุดหนุนสินค้า OTOP")
    center("Thank you for supporting OTOP producers")
    return "\n".join(out) + "\n"
