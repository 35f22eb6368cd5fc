"""Stock documents on the receipt printer: the receiving slip and the return slip (ESC/POS).

The same blocks as the receipts (printing/document.py), so a raster printer gets Qt's Thai and
a text-mode one CP874 lines: the shop, the document's title and number, the producer, the
delivery note, each line's quantity, and a line for each signature."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pos.domain.money import format_baht, round_satang
from pos.domain.settings import Settings
from pos.domain.shop_time import buddhist_year
from pos.domain.stock import REASON_NAMES, TITLES, DocumentKind
from pos.ports.stock import StockDocumentLine, StockDocumentRecord
from printing.document import (
    THAI_MONTHS,
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
    thai_datetime,
)
from printing.text_receipt import _preview, layout_text

SIGN_LINE = "ลงชื่อ " + "." * 24  # fits 32 columns (58 mm paper)
# who signs each slip: (the producer's side, the shop's side)
SIGNERS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.DELIVERY: ("ผู้ส่งสินค้า / Delivered by", "ผู้รับสินค้า / Received by"),
    DocumentKind.PRODUCER_RETURN: ("ผู้รับคืน / Taken back by", "ผู้คืนสินค้า / Returned by"),
}


def thai_date(day: date) -> str:
    """27 พ.ย. 2569."""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {buddhist_year(day.year)}"


def _quantity(q: Decimal) -> str:
    return f"{q.normalize():f}" if q == q.to_integral_value() else f"{q:.3f}"


def _line(i: int, ln: StockDocumentLine, kind: DocumentKind) -> list[Block]:
    qty = f"{_quantity(ln.quantity)} {ln.unit_th}".strip()
    out: list[Block] = [Row(f"{i}. {keep_units(ln.name_th)}", qty)]
    detail = [ln.sku]
    if kind is DocumentKind.COUNT and ln.expected is not None:
        detail.append(f"ตามระบบ / expected {_quantity(ln.expected)}")
    elif ln.cost is not None:
        detail.append(f"ทุน / cost {format_baht(ln.cost)}")
    else:
        detail.append(f"@{format_baht(ln.unit_price)}")
    if ln.best_before is not None:
        detail.append(f"หมดอายุ / best before {thai_date(ln.best_before)}")
    out.append(Text(" · ".join(detail), indent=3, size=Size.SMALL))
    return out


def stock_slip_document(doc: StockDocumentRecord, settings: Settings) -> Document:
    """A stock document as a slip: a delivery's receiving slip and a return's slip carry a
    line for the producer's signature and one for the shop's."""
    out: list[Block] = _seller_header(settings, vat_id=False)
    out.append(Rule())
    th, en = TITLES[doc.kind]
    out.append(Text(th, Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Text(en, Align.CENTER))
    if doc.status != "posted":
        out.append(Text("(ยังไม่ยืนยัน / open)", Align.CENTER))
    out.append(Row(f"เลขที่ {doc.number}", thai_date(doc.doc_date)))
    if doc.producer_code:
        out.append(Text(f"ผู้ผลิต / Producer: {doc.producer_code} {doc.producer_name_th}"))
    if doc.reference:
        out.append(Text(f"เลขที่ใบส่งของ / Delivery note: {doc.reference}"))
    reason = REASON_NAMES.get(doc.reason)
    if reason:
        out.append(Text(f"เหตุผล / Reason: {reason[0]} / {reason[1]}"))
    if doc.scope:
        out.append(Text(f"ขอบเขต / Counted: {doc.scope}"))
    if doc.note:
        out.append(Text(f"หมายเหตุ / Note: {doc.note}", size=Size.SMALL))
    out.append(Row("บันทึก / Recorded", thai_datetime(doc.created_at), size=Size.SMALL))
    if doc.approved_name:
        out.append(Text(f"ผู้อนุมัติ / Approved by: {doc.approved_name}", size=Size.SMALL))
    out.append(Rule())
    for i, ln in enumerate(doc.lines, 1):
        out.extend(_line(i, ln, doc.kind))
    out.append(Rule())
    value = round_satang(sum(
        (ln.quantity * (ln.cost if ln.cost is not None else ln.unit_price) for ln in doc.lines),
        Decimal(0),
    ))  # fmt: skip
    out.append(Row("รวม / Total", f"{len(doc.lines)} รายการ / lines", bold=True))
    if doc.kind is not DocumentKind.COUNT:
        out.append(Row("มูลค่า / Value", format_baht(value)))
    signers = SIGNERS.get(doc.kind)
    if signers is not None:
        producer_side, shop_side = signers
        out.append(Space(1.5))
        out.append(Text(SIGN_LINE))
        out.append(Text(producer_side, size=Size.SMALL))
        out.append(Text(f"({doc.producer_name_th})", size=Size.SMALL))
        out.append(Space(1.5))
        out.append(Text(SIGN_LINE))
        out.append(Text(shop_side, size=Size.SMALL))
        out.append(Text(f"({doc.created_name})", size=Size.SMALL))
    out.append(Space())
    out.append(Barcode(doc.number))
    return tuple(out)


def render_stock_text(doc: StockDocumentRecord, settings: Settings, columns: int = 48) -> str:
    """The slip as lines of at most `columns` display columns (48 on 80 mm, 32 on 58 mm)."""
    items = layout_text(stock_slip_document(doc, settings), columns)
    return "\n".join(_preview(items, columns)) + "\n"


__all__ = ["SIGNERS", "SIGN_LINE", "render_stock_text", "stock_slip_document", "thai_date"]
