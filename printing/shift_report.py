"""The X and Z reports on the receipt printer: raster (Thai shaped by Qt) or text, like receipts."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QImage

from pos.domain.cashup import ShiftReport
from pos.domain.money import format_baht
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.shift_text import label
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
    thai_datetime,
)
from printing.text_receipt import _preview, layout_text

X_TITLE = "รายงาน X (ระหว่างกะ) / X REPORT"
Z_TITLE = "รายงาน Z (ปิดกะ) / Z REPORT"


def _minus(amount: Decimal) -> str:
    return f"-{format_baht(amount)}" if amount else format_baht(amount)


def shift_report_document(
    report: ShiftReport, settings: Settings, *, copy: bool = False
) -> Document:
    """The report as printed: shop, counter, shift, sales totals and VAT, payments, refunds,
    the drawer (expected, counted, difference) and the count by note and coin; a Z report
    printed again is marked สำเนา / COPY."""
    s, c = report.sales, report.cash
    out: list[Block] = _seller_header(settings, vat_id=False)
    if report.pos_id:
        out.append(Text(f"POS ID: {report.pos_id}", Align.CENTER, size=Size.SMALL))
    out.append(Rule())
    out.append(Text(Z_TITLE if report.kind == "z" else X_TITLE, Align.CENTER, bold=True))
    if report.kind == "z":
        number = report.document_no or f"{report.number:06d}"
        out.append(Text(f"เลขที่ {number}", Align.CENTER, bold=True, size=Size.LARGE))
    if copy:
        out.append(Text(f"*** {COPY_MARK} ***", Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Row(label("opened"), thai_datetime(report.opened_at)))
    out.append(Text(f"{label('by')} {report.opened_by}", indent=2, size=Size.SMALL))
    if report.kind == "z" and report.closed_at is not None:
        out.append(Row(label("closed"), thai_datetime(report.closed_at)))
        out.append(Text(f"{label('by')} {report.closed_by}", indent=2, size=Size.SMALL))
    out.append(Rule())
    out.append(Row(label("sales"), str(s.count)))
    if s.count:
        out.append(Text(label("receipts")))
        out.append(Text(f"{s.first_receipt} - {s.last_receipt}", indent=2))
    out += [
        Row(label("gross"), format_baht(s.gross)),
        Row(label("discounts"), _minus(s.discounts)),
        Row(label("total"), format_baht(s.total), bold=True),
        Row(label("vatable"), format_baht(s.vatable)),
        Row(label("exempt"), format_baht(s.exempt)),
        Row(label("vat"), format_baht(s.vat)),
    ]
    if s.voided:
        out.append(Row(label("voided"), str(s.voided)))
    if s.refund_count:
        out.append(Row(f"{label('refunds')} ({s.refund_count})", _minus(s.refunded)))
        for kind, amount in sorted(s.refund_tenders.items()):
            out.append(Row(label(kind), _minus(amount), indent=2))
        out.append(Row(label("net"), format_baht(s.net), bold=True))
    if s.tenders:
        out.append(Text(label("tenders")))
        for kind, amount in sorted(s.tenders.items()):
            out.append(Row(label(kind), format_baht(amount), indent=2))
    out.append(Rule())
    out += [
        Row(label("float"), format_baht(c.opening_float)),
        Row(label("cash_sales"), format_baht(c.cash_sales)),
        Row(label("paid_in"), format_baht(c.paid_in)),
        Row(label("paid_out"), _minus(c.paid_out)),
    ]
    if c.cash_refunds:
        out.append(Row(label("cash_refunds"), _minus(c.cash_refunds)))
    out.append(Row(label("expected"), format_baht(c.expected), bold=True))
    if c.counted is not None and c.difference is not None:
        sign = "+" if c.difference > 0 else ""
        out.append(Row(label("counted"), format_baht(c.counted), bold=True))
        out.append(Row(label("difference"), sign + format_baht(c.difference), bold=True))
    if report.counts:
        out.append(Rule())
        out.append(Text(label("counts")))
        for d, n in sorted(report.counts.items(), reverse=True):
            out.append(Row(f"{d:g} x {n}", format_baht(d * n), indent=2))
    if report.journal_head:  # the chain's anchor on paper: `journal verify --z-head`
        out.append(Rule())
        out.append(Row(label("head"), report.journal_head, size=Size.SMALL))
    if report.kind == "z" and report.document_no:
        out.append(Rule())
        out.append(Text("ลายมือชื่อผู้ตรวจ / Checked by ..................", size=Size.SMALL))
        out.append(Space())
        out.append(Barcode(report.document_no))
    return tuple(out)


def render_shift_report_text(
    report: ShiftReport, settings: Settings, columns: int = 48, *, copy: bool = False
) -> str:
    """The report as a text printer prints it: lines of at most `columns` display columns."""
    items = layout_text(shift_report_document(report, settings, copy=copy), columns)
    return "\n".join(_preview(items, columns)) + "\n"


def shift_report_image(
    report: ShiftReport, settings: Settings, profile: PrinterProfile, *, copy: bool = False
) -> QImage:
    """The report as a raster printer of `profile` prints it (1 bit, paper width)."""
    from printing.escpos_job import render_body  # python-escpos: only when printing

    return render_body(shift_report_document(report, settings, copy=copy), profile)


__all__ = [
    "X_TITLE",
    "Z_TITLE",
    "render_shift_report_text",
    "shift_report_document",
    "shift_report_image",
]
