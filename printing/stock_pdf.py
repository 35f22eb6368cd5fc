"""Stock documents and producer statements as A4 PDFs (Qt lays the Thai out) and XLSX.

A delivery's receiving slip has a line for the producer's and the receiver's signatures; a
posted count's report lists each product expected, counted, the difference and its value."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from pathlib import Path

from pos.domain.money import format_baht
from pos.domain.settings import Settings
from pos.domain.stock import REASON_NAMES, TITLES, DocumentKind, ProducerStatement
from pos.ports.stock import StockDocumentRecord
from printing.qt import FAMILY
from printing.report_pdf import write_report_pdf

_TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="3" '
    'style="border-collapse:collapse;">'
)
_HEAD = 'style="background-color:#e8e8e8;"'
_NOWRAP = "white-space:nowrap"


def _q(v: Decimal) -> str:
    text = f"{v.normalize():f}"
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _m(v: Decimal) -> str:
    return format_baht(v)


def _page(body: str) -> str:
    return f"<html><body style=\"font-family:'{FAMILY}'; font-size:9px;\">{body}</body></html>"


def _shop(settings: Settings) -> str:
    return (
        f"<b>{escape(settings.shop_name_th)}</b><br/>{escape(settings.shop_name_en)}<br/>"
        f"{escape(settings.address_th)}"
    )


def stock_document_html(doc: StockDocumentRecord, settings: Settings) -> str:
    th, en = TITLES[doc.kind]
    who = ""
    if doc.producer_code:
        who = (
            f"ผู้ผลิต / Producer: <b>{escape(doc.producer_code)} "
            f"{escape(doc.producer_name_th)}</b> ({escape(doc.producer_name_en)})<br/>"
        )
    reason = REASON_NAMES.get(doc.reason)
    extra = ""
    if doc.reference:
        extra += f"เลขที่ใบส่งของ / Delivery note: {escape(doc.reference)}<br/>"
    if reason:
        extra += f"เหตุผล / Reason: {escape(reason[0])} / {escape(reason[1])}<br/>"
    if doc.scope:
        extra += f"ขอบเขต / Counted: {escape(doc.scope)}<br/>"
    if doc.note:
        extra += f"หมายเหตุ / Note: {escape(doc.note)}<br/>"
    counting = doc.kind is DocumentKind.COUNT
    if counting:
        head = (
            "<th>#</th><th>รหัส / SKU</th><th width='40%'>สินค้า / Product</th>"
            "<th>ตามระบบ / Expected</th>"
            "<th>นับได้ / Counted</th><th>ผลต่าง / Difference</th><th>มูลค่า / Value</th>"
        )
    else:
        head = (
            "<th>#</th><th>รหัส / SKU</th><th width='38%'>สินค้า / Product</th><th>จำนวน / Qty</th>"
            "<th>หน่วย / Unit</th><th>ราคาขาย / Price</th><th>มูลค่า / Value</th>"
            "<th>หมดอายุ / Best before</th>"
        )
    rows = []
    total = Decimal(0)
    for i, ln in enumerate(doc.lines, 1):
        name = f"{escape(ln.name_th)}<br/><small>{escape(ln.name_en)}</small>"
        if counting:
            expected = ln.expected if ln.expected is not None else Decimal(0)
            diff = ln.quantity - expected
            value = (diff * ln.unit_price).quantize(Decimal("0.01"))
            total += value
            rows.append(
                f"<tr><td>{i}</td><td style='{_NOWRAP}'>{escape(ln.sku)}</td><td>{name}</td>"
                f"<td align='right'>{_q(expected) if ln.expected is not None else '-'}</td>"
                f"<td align='right'>{_q(ln.quantity)}</td><td align='right'>{_q(diff)}</td>"
                f"<td align='right'>{_m(value)}</td></tr>"
            )
        else:
            value = (ln.quantity * (ln.cost if ln.cost is not None else ln.unit_price)).quantize(
                Decimal("0.01")
            )
            total += value
            best = ln.best_before.isoformat() if ln.best_before else ""
            rows.append(
                f"<tr><td>{i}</td><td style='{_NOWRAP}'>{escape(ln.sku)}</td><td>{name}</td>"
                f"<td align='right'>{_q(ln.quantity)}</td><td>{escape(ln.unit_th)}</td>"
                f"<td align='right'>{_m(ln.cost if ln.cost is not None else ln.unit_price)}</td>"
                f"<td align='right'>{_m(value)}</td><td>{best}</td></tr>"
            )
    rows.append(
        f"<tr><td colspan='6'><b>รวม / Total ({len(doc.lines)} รายการ / lines)</b></td>"
        f"<td align='right'><b>{_m(total)}</b></td>{'' if counting else '<td></td>'}</tr>"
    )
    status = "" if doc.status == "posted" else " (ยังไม่ยืนยัน / open)"
    signed = (
        "<br/><br/><table width='100%'><tr>"
        "<td>ผู้ส่งสินค้า / Producer ...................................</td>"
        f"<td>ผู้รับสินค้า / Received by {escape(doc.created_name)} ......................</td>"
        "</tr></table>"
    )
    approved = f"ผู้อนุมัติ / Approved by: {escape(doc.approved_name)}<br/>" if doc.approved_name else ""
    return _page(
        f"<p>{_shop(settings)}</p>"
        f'<p><span style="font-size:16px; font-weight:bold;">{th} / {en}</span>{status}<br/>'
        f"เลขที่ / No. <b>{escape(doc.number)}</b> · วันที่ / Date {doc.doc_date.isoformat()}<br/>"
        f"{who}{extra}ผู้บันทึก / By: {escape(doc.created_name)}<br/>{approved}</p>"
        f"{_TABLE}<tr {_HEAD}>{head}</tr>{''.join(rows)}</table>"
        f"{signed if doc.kind in (DocumentKind.DELIVERY, DocumentKind.PRODUCER_RETURN) else ''}"
    )


def statements_html(statements: Sequence[ProducerStatement], settings: Settings) -> str:
    parts = []
    for n, s in enumerate(statements):
        rows = "".join(
            f"<tr><td style='{_NOWRAP}'>{escape(ln.sku)}</td><td>{escape(ln.name_th)}</td>"
            f"<td align='right'>{_q(ln.opening)}</td><td align='right'>{_q(ln.delivered)}</td>"
            f"<td align='right'>{_q(ln.sold)}</td><td align='right'>{_q(ln.refunded)}</td>"
            f"<td align='right'>{_q(ln.returned)}</td>"
            f"<td align='right'>{_q(ln.adjusted + ln.other)}</td>"
            f"<td align='right'><b>{_q(ln.closing)}</b></td>"
            f"<td align='right' style='{_NOWRAP}'>{_m(ln.closing_value)}</td>"
            f"<td align='right' style='{_NOWRAP}'>{_m(ln.sales)}</td></tr>"
            for ln in s.lines
        )
        if not s.lines:
            rows = "<tr><td colspan='11'>ไม่มีความเคลื่อนไหว / No movements</td></tr>"
        closing = sum((ln.closing_value for ln in s.lines), Decimal(0))
        brk = ' style="page-break-before:always;"' if n else ""
        parts.append(
            f"<div{brk}><p>{_shop(settings)}</p>"
            '<p><span style="font-size:16px; font-weight:bold;">'
            "ใบแจ้งยอดผู้ผลิต / Producer statement</span><br/>"
            f"<b>{escape(s.producer_code)} {escape(s.name_th)}</b> ({escape(s.name_en)})<br/>"
            f"ช่วงวันที่ / Period: {s.start.isoformat()} – {s.end.isoformat()}</p>"
            f"{_TABLE}<tr {_HEAD}><th>รหัส / SKU</th><th width='26%'>สินค้า / Product</th>"
            "<th>ยกมา<br/>Opening</th><th>รับเข้า<br/>In</th><th>ขาย<br/>Sold</th>"
            "<th>รับคืน<br/>Refunded</th><th>คืนผู้ผลิต<br/>Returned</th><th>ปรับปรุง<br/>Adjusted</th>"
            "<th>คงเหลือ<br/>Closing</th><th>มูลค่าคงเหลือ<br/>Value</th>"
            f"<th>ยอดขาย<br/>Sales</th></tr>{rows}</table>"
            f"<p>มูลค่าสินค้าคงเหลือ / Stock value (at price): <b>{_m(closing)}</b><br/>"
            f"ยอดขายสุทธิ / Sales less refunds: <b>{_m(s.sales)}</b><br/>"
            f"ค่าคอมมิชชั่น / Commission: <b>{_m(s.commission)}</b><br/>"
            f"ยอดที่ต้องจ่ายผู้ผลิต / Owed to the producer: <b>{_m(s.owed)}</b></p></div>"
        )
    return _page("".join(parts))


def write_stock_document_pdf(doc: StockDocumentRecord, settings: Settings, path: Path) -> int:
    en = TITLES[doc.kind][1]
    return write_report_pdf(stock_document_html(doc, settings), f"{en} {doc.number}", path)


def write_statements_pdf(
    statements: Sequence[ProducerStatement], settings: Settings, path: Path
) -> int:
    return write_report_pdf(statements_html(statements, settings), "Producer statements", path)


def statement_rows(statements: Sequence[ProducerStatement]) -> list[list[object]]:
    """One row per product of each statement (CSV and XLSX)."""
    out: list[list[object]] = []
    for s in statements:
        for ln in s.lines:
            out.append([
                s.producer_code, s.name_th, s.start.isoformat(), s.end.isoformat(), ln.sku,
                ln.name_th, ln.opening, ln.delivered, ln.sold, ln.refunded, ln.returned,
                ln.adjusted + ln.other, ln.closing, ln.closing_value, ln.sales,
            ])  # fmt: skip
        out.append([s.producer_code, s.name_th, s.start.isoformat(), s.end.isoformat(), "TOTAL",
                    "", "", "", "", "", "", "", "", "", s.sales, s.commission, s.owed])  # fmt: skip
    return out


STATEMENT_HEADER = [
    "producer", "producer_name", "from", "to", "sku", "name", "opening", "delivered", "sold",
    "refunded", "returned", "adjusted", "closing", "closing_value", "sales", "commission", "owed",
]  # fmt: skip


def write_statements_xlsx(statements: Sequence[ProducerStatement], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "statements"
    ws.append(STATEMENT_HEADER)
    for row in statement_rows(statements):
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


class QtStockSlipWriter:
    """pos.ports.stock.StockSlipWriter on Qt's PDF writer."""

    def write_pdf(self, doc: StockDocumentRecord, settings: Settings, path: Path) -> int:
        return write_stock_document_pdf(doc, settings, path)
