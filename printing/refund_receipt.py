"""The refund slip (ใบคืนสินค้า / REFUND): raster and text, like the sale's receipt."""

from __future__ import annotations

from PySide6.QtGui import QImage

from pos.domain.money import format_baht
from pos.domain.refund import METHOD_NAMES, RefundReceipt, RefundReceiptLine
from pos.domain.settings import PrinterProfile, Settings
from printing.document import (
    COPY_MARK,
    Align,
    Barcode,
    Block,
    Document,
    Row,
    Rule,
    Size,
    Space,
    Text,
    _seller_header,
    keep_units,
    note_blocks,
    quantity_text,
    rate_text,
    thai_datetime,
)
from printing.text_receipt import _preview, layout_text

REFUND_TITLE = "ใบคืนสินค้า / REFUND"


def refund_document(refund: RefundReceipt, settings: Settings) -> Document:
    """The slip of a committed refund: the original receipt's number and date, the returned
    lines (each with its detail, as the receipt printed it), the total refunded and how it
    was paid back, then the sale's notes."""
    out: list[Block] = _seller_header(settings, vat_id=True)
    if settings.vat_registered and refund.pos_id:
        out.append(Text(f"POS ID: {refund.pos_id}", Align.CENTER, size=Size.SMALL))
    out.append(Rule())
    out.append(Text(REFUND_TITLE, Align.CENTER, bold=True, size=Size.LARGE))
    if refund.copy:
        out.append(Text(f"*** {COPY_MARK} ***", Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Row(f"เลขที่ {refund.refund_no}", thai_datetime(refund.refunded_at)))
    out.append(Text("อ้างอิงใบเสร็จ / Original receipt", size=Size.SMALL))
    out.append(Row(refund.receipt_no, thai_datetime(refund.sold_at), indent=2))
    out.append(Row(f"พนักงาน: {refund.cashier_name}", refund.terminal_name))
    if refund.approver_name:
        out.append(Text(f"ผู้อนุมัติ / approved by: {refund.approver_name}", size=Size.SMALL))
    out.append(Text(f"เหตุผล / reason: {refund.reason}", size=Size.SMALL))
    out.append(Rule())
    for ln in refund.lines:
        mark = " (E)" if ln.vat_exempt and settings.vat_registered else ""
        basket = f"{keep_units(ln.basket_name_th)}: " if ln.basket_name_th else ""
        out.append(Row(f"{basket}{keep_units(ln.name_th)}{mark}", f"-{format_baht(ln.amount)}"))
        out.extend(_what_back(ln))
        if ln.detail is not None and ln.detail.th:  # a drink's options, as on the receipt
            out.append(Text(ln.detail.th, indent=2, size=Size.SMALL))
    out.append(Rule())
    out.append(Row("ยอดคืนเงิน / Refunded", format_baht(refund.total), bold=True, size=Size.LARGE))
    if settings.vat_registered:
        if refund.exempt:
            out.append(Row("มูลค่าสินค้าที่ยกเว้นภาษี (E)", format_baht(refund.exempt)))
        out.append(Row("มูลค่าก่อนภาษี", format_baht(refund.vatable - refund.vat)))
        out.append(Row(f"ภาษีมูลค่าเพิ่ม {rate_text(refund.vat_rate)}%", format_baht(refund.vat)))
    en, th = METHOD_NAMES.get(refund.method, (refund.method, refund.method))
    out.append(Row(f"คืนเป็น{th} / {en}", format_baht(refund.total)))
    out.append(Rule())
    out.extend(note_blocks(refund.notes))  # the sale's (a tea order's number)
    out.append(Text("ลายมือชื่อลูกค้า / Customer ......................", size=Size.SMALL))
    out.append(Space())
    out.append(Barcode(refund.refund_no))
    return tuple(out)


def _what_back(ln: RefundReceiptLine) -> list[Block]:
    """Under a returned line: its quantity, or for a part given back by amount (a booking's
    deposit) the money and what was paid, in Thai and English, never a share like 0.333."""
    if ln.part_of is None:
        what = f"คืน {quantity_text(ln.quantity, False)} (รายการที่ {ln.line_no})"
        return [Text(what, indent=2, size=Size.SMALL)]
    back, paid = format_baht(ln.amount, symbol=True), format_baht(ln.part_of, symbol=True)
    return [
        Text(f"คืนเงิน {back} จาก {paid} (รายการที่ {ln.line_no})", indent=2, size=Size.SMALL),
        Text(f"Refunded {back} of {paid}", indent=2, size=Size.SMALL),
    ]


def render_refund_text(refund: RefundReceipt, settings: Settings, columns: int = 48) -> str:
    """The refund slip as lines of at most `columns` display columns."""
    items = layout_text(refund_document(refund, settings), columns)
    return "\n".join(_preview(items, columns)) + "\n"


def refund_image(refund: RefundReceipt, settings: Settings, profile: PrinterProfile) -> QImage:
    """The refund slip as a raster printer of `profile` prints it (1 bit, paper width)."""
    from printing.escpos_job import render_body  # python-escpos: only when printing

    return render_body(refund_document(refund, settings), profile)


__all__ = [
    "REFUND_TITLE",
    "refund_document",
    "refund_image",
    "render_refund_text",
]
