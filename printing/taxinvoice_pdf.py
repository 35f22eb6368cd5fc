"""The full tax invoice as an A4 PDF, laid out by Qt (which shapes Thai correctly)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from pos.domain.bahttext import bahttext
from pos.domain.money import format_baht
from pos.domain.sale import ReceiptNote
from pos.domain.settings import Settings
from pos.domain.taxinvoice import (
    InvoiceRow,
    TaxInvoice,
    branch_label_en,
    branch_label_th,
    invoice_rows,
)
from printing.document import COPY_MARK, quantity_text, rate_text, thai_date_long
from printing.pdf_text import complete_text_layer
from printing.qt import FAMILY, font

A4_POINTS = QSizeF(595.0, 842.0)
MARGIN_MM = 15.0
_MM_TO_PT = 72 / 25.4


def _money(value: Decimal) -> str:
    return escape(format_baht(value))


def _detail_html(row: InvoiceRow) -> str:
    """A line's detail under its names (a drink's options), Thai then English if it differs."""
    d = row.detail
    if d is None or not (d.th or d.en):
        return ""
    text = escape(d.th or d.en)
    if d.en and d.th and d.en != d.th:
        text += f" / {escape(d.en)}"
    return f"<br/><small><i>{text}</i></small>"


def _notes_html(notes: Sequence[ReceiptNote]) -> str:
    """The sale's notes after the total, as the receipt prints them (big ones larger)."""
    out = []
    for n in notes:
        size = "12px" if n.big else "9px"
        text = escape(n.text_th)
        if n.text_en and n.text_en != n.text_th:
            text += f" / {escape(n.text_en)}"
        weight = "bold" if n.big else "normal"
        out.append(f"<p align='center' style='font-size:{size}; font-weight:{weight};'>{text}</p>")
    return "".join(out)


def _row_html(row: InvoiceRow) -> str:
    """A row of the lines table: a line or a basket with its money, or a basket's content
    (indented under its basket, quantity only)."""
    exempt = " (E)" if row.vat_exempt else ""
    qty = f"{quantity_text(row.quantity, row.sold_by_weight)} {escape(row.unit_th)}"
    if row.in_basket:
        return (
            "<tr><td></td>"
            f"<td><small>{escape(row.sku)}</small></td>"
            f"<td>&nbsp;&nbsp;&nbsp;- {escape(row.name_th)}{exempt}"
            f"<br/>&nbsp;&nbsp;&nbsp;&nbsp;<small>{escape(row.name_en)}</small></td>"
            f"<td align='right'><small>{qty}</small></td>"
            "<td></td><td></td><td></td></tr>"
        )
    name = escape(row.name_th) + exempt
    if not row.sku:  # a gift basket: its name over its contents
        name = f"<b>{name}</b>"
    if row.message:
        name += f"<br/><small>การ์ด / Card: “{escape(row.message)}”</small>"
    return (
        "<tr>"
        f"<td align='center'>{row.number}</td>"
        f"<td>{escape(row.sku)}</td>"
        f"<td>{name}<br/><small>{escape(row.name_en)}</small>{_detail_html(row)}</td>"
        f"<td align='right'>{qty}</td>"
        f"<td align='right'>{_money(row.unit_price)}</td>"
        f"<td align='right'>{_money(row.discount) if row.discount else '-'}</td>"
        f"<td align='right'>{_money(row.amount)}</td>"
        "</tr>"
    )


def invoice_html(invoice: TaxInvoice, settings: Settings) -> str:
    """The invoice as simple HTML (QTextDocument's subset): header, buyer, lines, totals."""
    r = invoice.receipt
    b = invoice.buyer
    mark = COPY_MARK if invoice.copy else "ต้นฉบับ / ORIGINAL"
    rows = [_row_html(row) for row in invoice_rows(r)]
    totals = [("รวมเงิน / Subtotal", r.subtotal)]
    if r.sale_discount:
        totals.append((f"ส่วนลด / Discount {escape(r.sale_discount_reason)}", -r.sale_discount))
    if r.exempt:
        totals.append(("มูลค่าสินค้าที่ยกเว้นภาษี / VAT-exempt goods (E)", r.exempt))
    totals.append(("มูลค่าสินค้าก่อนภาษี / Value before VAT", r.vatable - r.vat))
    totals.append(
        (f"ภาษีมูลค่าเพิ่ม / VAT {rate_text(r.vat_rate)}%", r.vat),
    )
    total_rows = "".join(
        f"<tr><td align='right'>{label}</td><td align='right' width='22%'>{_money(v)}</td></tr>"
        for label, v in totals
    )
    seller_branch = f"{branch_label_th(settings.branch)} / {branch_label_en(settings.branch)}"
    buyer_branch = f"{branch_label_th(b.branch)} / {branch_label_en(b.branch)}"
    seller = escape(settings.company_th or settings.shop_name_th)
    dots = "." * 46
    return f"""
<html><body style="font-family:'{FAMILY}'; font-size:9px;">
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td width="62%">
  <span style="font-size:14px; font-weight:bold;">{seller}</span><br/>
  {escape(settings.shop_name_th)}<br/>
  {escape(settings.shop_name_en)}<br/>
  {escape(settings.address_th)}<br/>
  เลขประจำตัวผู้เสียภาษี / Tax ID {escape(settings.tax_id)} ({escape(seller_branch)})
</td>
<td width="38%" align="right">
  <span style="font-size:20px; font-weight:bold;">ใบกำกับภาษี</span><br/>
  <span style="font-size:11px;">TAX INVOICE</span><br/>
  <b>{escape(mark)}</b><br/>
  เลขที่ / No. <b>{escape(invoice.number)}</b><br/>
  วันที่ / Date {escape(thai_date_long(invoice.issued_at))}<br/>
  อ้างอิงใบกำกับภาษีอย่างย่อ / Ref. {escape(r.receipt_no)}
</td></tr></table>
<hr/>
<table width="100%" cellspacing="0" cellpadding="2">
<tr><td width="30%"><b>ผู้ซื้อ / Buyer</b></td><td>{escape(b.name)}</td></tr>
<tr><td><b>ที่อยู่ / Address</b></td><td>{escape(b.address)}</td></tr>
<tr><td><b>เลขประจำตัวผู้เสียภาษี / Tax ID</b></td>
<td>{escape(b.tax_id)} ({escape(buyer_branch)})</td></tr>
</table>
<p></p>
<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;">
<tr style="background-color:#e8e8e8;">
<th width="6%">ลำดับ<br/>No.</th><th width="12%">รหัส<br/>Code</th><th>รายการ<br/>Description</th>
<th width="10%">จำนวน<br/>Qty</th><th width="11%">ราคา/หน่วย<br/>Unit price</th>
<th width="10%">ส่วนลด<br/>Discount</th><th width="12%">จำนวนเงิน<br/>Amount</th>
</tr>
{"".join(rows)}
</table>
<table width="100%" cellspacing="0" cellpadding="3">
{total_rows}
<tr><td align='right'><b style="font-size:11px;">จำนวนเงินรวมทั้งสิ้น / Total</b></td>
<td align='right'><b style="font-size:11px;">{_money(r.total)}</b></td></tr>
</table>
<p align="center" style="font-size:10px;"><b>({escape(bahttext(r.total))})</b></p>
{_notes_html(r.notes)}
<p>ราคาสินค้ารวมภาษีมูลค่าเพิ่มแล้ว ชำระเงินครบถ้วนตามใบเสร็จรับเงินเลขที่ {escape(r.receipt_no)}<br/>
Prices include VAT. Paid in full under receipt {escape(r.receipt_no)}.</p>
<p></p><p></p>
<table width="100%" cellspacing="0" cellpadding="4"><tr>
<td width="50%" align="center">{dots}<br/>ผู้รับเงิน / Received by</td>
<td width="50%" align="center">{dots}<br/>ผู้มีอำนาจลงนาม / Authorised signature</td>
</tr></table>
</body></html>
"""


def _document(invoice: TaxInvoice, settings: Settings) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(font(9))
    doc.setUseDesignMetrics(True)
    doc.setDocumentMargin(0)
    margin = MARGIN_MM * _MM_TO_PT
    doc.setPageSize(A4_POINTS - QSizeF(2 * margin, 2 * margin))
    doc.setHtml(invoice_html(invoice, settings))
    return doc


def _paint_pages(
    doc: QTextDocument, painter: QPainter, scale: float, new_page: Callable[[], bool]
) -> int:
    """Paint the document page by page (A4 points scaled to the device) while `new_page`
    gives a fresh page; returns the pages painted."""
    pages = doc.pageCount()
    for i in range(pages):
        if i and not new_page():
            return i
        _paint_page(doc, painter, scale, i)
    return pages


def _paint_page(doc: QTextDocument, painter: QPainter, scale: float, i: int) -> None:
    """Page `i` of the document, in A4 points scaled to the device, inside the margins."""
    margin = MARGIN_MM * _MM_TO_PT
    page = doc.pageSize()
    painter.save()
    painter.scale(scale, scale)
    painter.translate(margin, margin - i * page.height())
    doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
    painter.restore()


class QtTaxInvoiceWriter:
    """Implements pos.ports.printing.TaxInvoiceWriter with Qt's PDF writer (font embedded)."""

    def write_pdf(self, invoice: TaxInvoice, settings: Settings, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = _document(invoice, settings)  # starts Qt and loads the bundled font
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        writer.setTitle(f"ใบกำกับภาษี {invoice.number}")
        writer.setCreator("OTOP POS")
        painter = QPainter(writer)
        try:
            _paint_pages(doc, painter, writer.resolution() / 72, writer.newPage)
        finally:
            painter.end()
        complete_text_layer(path)
        return path


def tax_invoice_image(invoice: TaxInvoice, settings: Settings, dpi: int = 110) -> QImage:
    """The first A4 page as a picture (for people to look at; the PDF is the document)."""
    return first_page_image(_document(invoice, settings), dpi)


def first_page_image(doc: QTextDocument, dpi: int) -> QImage:
    """The first A4 page of a laid-out document, painted as a white-backed picture."""
    return page_images(doc, dpi, limit=1)[0]


def page_images(doc: QTextDocument, dpi: int, limit: int | None = None) -> list[QImage]:
    """Each A4 page of a laid-out document (the first `limit` of them), as white-backed
    pictures (for people to look at; the PDF is the document)."""
    scale = dpi / 72
    count = doc.pageCount() if limit is None else min(limit, doc.pageCount())
    images = []
    for i in range(count):
        image = QImage(
            round(A4_POINTS.width() * scale),
            round(A4_POINTS.height() * scale),
            QImage.Format.Format_RGB32,
        )
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            _paint_page(doc, painter, scale, i)
        finally:
            painter.end()
        images.append(image)
    return images
