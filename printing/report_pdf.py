"""End-of-day and producer settlement reports as A4 PDFs, laid out by Qt (Thai shaped)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from pos.domain.auth import ACTION_NAMES, Action
from pos.domain.eod import (
    EodReport,
    GroupRow,
    Settlement,
    TargetProgress,
    with_shares,
)
from pos.domain.money import ZERO, format_baht
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK, buddhist_year
from pos.domain.tea import TeaReport
from printing.pdf_text import complete_text_layer
from printing.qt import FAMILY, font
from printing.taxinvoice_pdf import _MM_TO_PT, A4_POINTS, MARGIN_MM, _paint_pages, page_images

TENDER_NAMES = {"cash": "เงินสด / Cash", "promptpay": "พร้อมเพย์ / PromptPay", "card": "บัตร / Card"}


def _m(v: Decimal) -> str:
    return escape(format_baht(v))


COUNT_TITLE = "จำนวน / Qty"  # goods' cells name their units: "12 ชิ้น · 6.750 กก."


def _table(
    title: str,
    rows: Sequence[GroupRow],
    key_title: str,
    *,
    bars: bool = False,
    count_title: str = COUNT_TITLE,
) -> str:
    """A breakdown: goods rows give their pieces and kilograms apart ("12 ชิ้น · 6.750 กก.")."""
    if not rows:
        return f"<h3>{escape(title)}</h3><p>-</p>"
    top = max(r.sales for r in rows) or Decimal(1)
    body = []
    for r in rows:
        bar = ""
        if bars:
            width = max(1, int(r.sales * 100 / top))
            bar = (
                "<td width='35%'><table cellspacing='0' cellpadding='0' width='100%'><tr>"
                f"<td width='{width}%' bgcolor='#3b7dd8'>&nbsp;</td><td></td></tr></table></td>"
            )
        body.append(
            f"<tr><td>{escape(r.key)}</td><td>{escape(r.name)}</td>"
            f"<td align='right'>{escape(r.amounts.th)}</td><td align='right'>{_m(r.sales)}</td>"
            f"<td align='right'>{r.share}%</td>{bar}</tr>"
        )
    extra = "<th>กราฟ / Chart</th>" if bars else ""
    return (
        f"<h3>{escape(title)}</h3>"
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        "style='border-collapse:collapse;'>"
        f"<tr style='background-color:#e8e8e8;'><th>{escape(key_title)}</th><th>ชื่อ / Name</th>"
        f"<th>{escape(count_title)}</th><th>ยอดขาย / Sales</th><th>%</th>{extra}</tr>"
        + "".join(body)
        + "</table>"
    )


def _hm(when: datetime) -> str:
    return when.astimezone(BANGKOK).strftime("%H:%M")


def _action(value: str) -> str:
    try:
        en, th = ACTION_NAMES[Action(value)]
    except ValueError:
        return escape(value)
    return f"{escape(th)} / {escape(en)}"


def voids_refunds_html(report: EodReport) -> str:
    """Voids and refunds with approvers: each refund, then each approval of the audit log."""
    head = "<tr style='background-color:#e8e8e8;'>"
    table = (
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        "style='border-collapse:collapse;'>"
    )
    out = ["<h3>การยกเลิกและคืนเงิน / Voids and refunds</h3>"]
    if report.refunds:
        out.append(
            f"{table}{head}<th>เวลา / Time</th><th>เลขที่ / Refund</th>"
            "<th>ใบเสร็จเดิม / Receipt</th><th>ยอด / Amount</th><th>วิธี / Method</th>"
            "<th>พนักงาน / Cashier</th><th>ผู้อนุมัติ / Approver</th><th>เหตุผล / Reason</th></tr>"
        )
        for r in report.refunds:
            out.append(
                f"<tr><td>{_hm(r.refunded_at)}</td><td>{escape(r.refund_no)}</td>"
                f"<td>{escape(r.receipt_no)}</td><td align='right'>{_m(r.amount)}</td>"
                f"<td>{escape(TENDER_NAMES.get(r.method, r.method))}</td>"
                f"<td>{escape(r.cashier)}</td><td>{escape(r.approver or '-')}</td>"
                f"<td>{escape(r.reason)}</td></tr>"
            )
        out.append(
            f"<tr><td colspan='3'><b>รวมคืนเงิน / Refunded</b></td>"
            f"<td align='right'><b>{_m(report.refunded)}</b></td><td colspan='4'></td></tr>"
            "</table>"
        )
    else:
        out.append("<p>ไม่มีการคืนเงิน / No refunds</p>")
    if report.approvals:
        out.append(
            f"<h3>การอนุมัติของผู้จัดการ / Manager approvals</h3>{table}{head}"
            "<th>เวลา / Time</th><th>รายการ / Action</th><th>ผู้ขอ / Requested by</th>"
            "<th>ผู้อนุมัติ / Approved by</th><th>เหตุผล / Reason</th><th>อ้างอิง / Ref</th></tr>"
        )
        for a in report.approvals:
            out.append(
                f"<tr><td>{_hm(a.approved_at)}</td><td>{_action(a.action)}</td>"
                f"<td>{escape(a.requested_by)}</td><td>{escape(a.approved_by)}</td>"
                f"<td>{escape(a.reason)}</td><td>{escape(a.ref or '-')}</td></tr>"
            )
        out.append("</table>")
    return "".join(out)


def _thai_date(day: date) -> str:
    return f"{day.day}/{day.month}/{buddhist_year(day.year)}"


def _period(report: EodReport) -> str:
    """The report's days (Buddhist era, then ISO) and the counter it covers."""
    first, last = report.first_day, report.last_day
    if first == last:
        text = f"วันที่ / Date: {_thai_date(first)} ({first.isoformat()})"
    else:
        text = (
            f"ช่วงวันที่ / Period: {_thai_date(first)} – {_thai_date(last)} "
            f"({first.isoformat()} – {last.isoformat()})"
        )
    counter = escape(report.counter) if report.counter else "ทุกเครื่อง / all counters"
    return f"{text}<br/>เครื่องขาย / Counter: {counter}"


def _heading(report: EodReport) -> str:
    if report.first_day == report.last_day:
        return "รายงานสรุปยอดขายประจำวัน / End-of-day report"
    return "รายงานสรุปยอดขายตามช่วงวันที่ / Sales report for a period"


def _discounts_html(report: EodReport) -> str:
    kinds = {"line": "ส่วนลดรายการ / Line", "sale": "ส่วนลดท้ายบิล / Sale"}
    rows = [
        GroupRow(kinds.get(r.key, r.key), r.name or "-", r.quantity, r.sales)
        for r in report.discount_reasons
    ]
    title = (
        f"ส่วนลดตามเหตุผล / Discounts by reason (รายการ / line {_m(report.line_discounts)}, "
        f"ท้ายบิล / sale {_m(report.sale_discounts)})"
    )
    return _table(title, with_shares(rows, report.discounts), "ชนิด / Kind")


def _counters_html(report: EodReport) -> str:
    if not report.by_counter:
        return ""
    return _table("ตามเครื่องขาย / By counter", report.by_counter, "เครื่อง / Counter")


def channels_html(report: EodReport) -> str:
    """Sales by channel (counter, web shop, LINE, Facebook) and their total: the report's."""
    head = "".join(  # Thai over English: a narrow column never breaks a word
        f"<th>{h.replace(' / ', '<br/>')}</th>"
        for h in (
            "ช่องทาง / Channel", "บิล / Receipts", "ยอดก่อนส่วนลด / Gross", "ส่วนลด / Discounts",
            "ยอดขาย / Sales", "คืนเงิน / Refunds", "หักคืนเงิน / Net", "ภาษี / VAT", "%",
        )
    )  # fmt: skip
    rows = report.by_channel

    def cells(name: str, values: Sequence[str]) -> str:  # amounts never wrap mid-number
        keep = "style='white-space:nowrap;'"
        return f"<tr><td {keep}>{name}</td>" + "".join(
            f"<td align='right' {keep}>{v}</td>" for v in values
        )

    body = [
        cells(
            f"{escape(r.label.th)} / {escape(r.label.en)}",
            [
                f"{r.receipts:,}",
                _m(r.gross),
                _m(r.discounts),
                _m(r.sales),
                _m(r.refunded),
                _m(r.net),
                _m(r.vat),
                f"{r.share}%",
            ],
        )
        for r in rows
    ]
    total = [
        f"{sum(r.receipts for r in rows):,}",
        *(_m(sum((getattr(r, k) for r in rows), Decimal(0)))
          for k in ("gross", "discounts", "sales", "refunded", "net", "vat")),
        "",
    ]  # fmt: skip
    body.append(cells("<b>รวม / Total</b>", [f"<b>{v}</b>" if v else "" for v in total]))
    return (
        "<h3>ยอดขายตามช่องทาง / Sales by channel</h3>"
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        f"style='border-collapse:collapse;'><tr style='background-color:#e8e8e8;'>{head}</tr>"
        + "".join(body)
        + "</table>"
    )


def target_html(t: TargetProgress) -> str:
    """Sales of the year so far against the yearly target, with a progress bar."""
    width = max(1, min(100, int(t.reached_pct)))
    rows = [
        ("เป้ายอดขายปี / Target for", f"{t.year} (พ.ศ. {buddhist_year(t.year)})"),
        ("เป้ายอดขาย / Target", _m(t.target)),
        (f"ยอดขายสะสมถึง {_thai_date(t.as_of)} / Year to date", _m(t.to_date)),
        ("ถึงเป้าแล้ว / Reached", f"{t.reached_pct}%"),
        ("ยังขาด / Remaining", _m(t.remaining)),
        ("จำนวนวันที่เหลือ / Days left", str(t.days_left)),
        ("ต้องขายต่อวัน / Needed per day", _m(t.pace_needed)),
    ]
    body = "".join(f"<tr><td>{a}</td><td align='right'>{b}</td></tr>" for a, b in rows)
    return (
        "<h3>ยอดขายเทียบเป้ารายปี / Sales against the yearly target</h3>"
        "<table width='60%' border='1' cellspacing='0' cellpadding='3' "
        f"style='border-collapse:collapse;'>{body}</table>"
        "<table cellspacing='0' cellpadding='0' width='60%'><tr>"
        f"<td width='{width}%' bgcolor='#2e9d5b'>&nbsp;</td>"
        "<td bgcolor='#dddddd'></td></tr></table>"
        + _table(
            "ยอดขายสะสมตามช่องทาง / Year to date by channel",
            t.by_channel,
            "ช่องทาง / Channel",
            count_title="บิล / Receipts",
        )
    )


def tea_html(tea: TeaReport | None) -> str:
    """The tea corner's section: its drinks by item, by option and by hour."""
    if tea is None or tea.empty:
        return ""
    drinks = f"{tea.quantity.normalize():f}"
    items = [
        GroupRow(r.sku, f"{r.name_th} / {r.name_en}", r.quantity, r.amount) for r in tea.by_item
    ]
    options = [
        GroupRow(f"{r.group}={r.code}", f"{r.name_th} / {r.name_en}", r.quantity, ZERO)
        for r in tea.by_option
    ]
    hours = [
        GroupRow(f"{r.hour:02d}:00", f"{r.orders} คิว / orders", r.quantity, r.amount)
        for r in tea.by_hour
    ]
    head = (
        f"<h3>ร้านชาใบหม่อน / Tea corner: {tea.orders} คิว / orders, {drinks} รายการ / drinks, "
        f"{_m(tea.amount)}</h3>"
    )
    return (
        head
        + _table("ชา: ตามเมนู / Tea by item", with_shares(items, tea.amount), "SKU")
        + _options_table(options)
        + _table(
            "ชา: ตามช่วงเวลา / Tea by hour",
            with_shares(hours, tea.amount),
            "ชั่วโมง / Hour",
            bars=True,
        )
    )


def tea_report_html(tea: TeaReport, settings: Settings) -> str:
    """The tea corner's report of a period on its own (`otop-pos report tea -o FILE.pdf`)."""
    period = f"{_thai_date(tea.day_from)} - {_thai_date(tea.day_to)}"
    body = tea_html(tea) or "<p>ไม่มีการขาย / No sales</p>"
    return f"""
<html><body style="font-family:'{FAMILY}'; font-size:9px;">
<p><span style="font-size:16px; font-weight:bold;">
รายงานร้านชาใบหม่อน / Tea corner report</span><br/>
{escape(settings.shop_name_th)}<br/>{period}</p>
{body}
</body></html>
"""


def tea_report_text(tea: TeaReport) -> str:
    """The tea corner's report as plain text lines (the command line without -o)."""
    out = [f"orders {tea.orders}  drinks {tea.quantity.normalize():f}  sales {tea.amount:.2f}"]
    out += [
        f"item\t{r.sku}\t{r.quantity.normalize():f}\t{r.amount:.2f}\t{r.name_th}"
        for r in tea.by_item
    ]
    out += [
        f"option\t{r.group}={r.code}\t{r.quantity.normalize():f}\t{r.name_th}"
        for r in tea.by_option
    ]
    out += [
        f"hour\t{r.hour:02d}\t{r.orders}\t{r.quantity.normalize():f}\t{r.amount:.2f}"
        for r in tea.by_hour
    ]
    return "\n".join(out)


def _options_table(rows: Sequence[GroupRow]) -> str:
    """Options chosen: how many drinks had each (options have no sales of their own)."""
    body = "".join(
        f"<tr><td>{escape(r.key)}</td><td>{escape(r.name)}</td>"
        f"<td align='right'>{r.quantity.normalize():f}</td></tr>"
        for r in rows
    )
    return (
        "<h3>ชา: ตามตัวเลือก / Tea by option</h3>"
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        "style='border-collapse:collapse;'>"
        "<tr style='background-color:#e8e8e8;'><th>ตัวเลือก / Option</th><th>ชื่อ / Name</th>"
        f"<th>แก้ว / Drinks</th></tr>{body or '<tr><td>-</td></tr>'}</table>"
    )


def eod_html(report: EodReport, settings: Settings, target: TargetProgress | None = None) -> str:
    totals = [
        ("จำนวนบิล / Receipts", str(report.sales_count)),
        ("ยอดก่อนส่วนลด / Gross", _m(report.gross)),
        ("ส่วนลด / Discounts", _m(report.discounts)),
        ("ยอดขายสุทธิ / Net sales", _m(report.total)),
        ("มูลค่าที่ต้องเสียภาษี / VAT-able", _m(report.vatable)),
        ("มูลค่าที่ได้รับยกเว้น / VAT-exempt", _m(report.exempt)),
        ("ภาษีมูลค่าเพิ่ม / VAT", _m(report.vat)),
        ("มูลค่าก่อนภาษี / VAT-able less VAT", _m(report.net_of_vat)),
        ("บิลที่ยกเลิก / Voided receipts", str(report.voided)),
        ("คืนเงิน / Refunds", _m(report.refunded)),
        ("ยอดขายหักคืนเงิน / Sales less refunds", _m(report.net_total)),
    ]
    rows = "".join(
        f"<tr><td>{label}</td><td align='right'>{value}</td></tr>" for label, value in totals
    )
    tenders = [
        GroupRow(r.key, TENDER_NAMES.get(r.key, r.key), r.quantity, r.sales, r.share)
        for r in report.tenders
    ]
    baskets = _table("ตะกร้าของขวัญ / Gift baskets", report.baskets, "แบบ / Template",
                     count_title="จำนวนตะกร้า / Baskets")  # fmt: skip
    return f"""
<html><body style="font-family:'{FAMILY}'; font-size:9px;">
<p><span style="font-size:16px; font-weight:bold;">
{_heading(report)}</span><br/>
{escape(settings.shop_name_th)}<br/>{escape(settings.shop_name_en)}<br/>
{_period(report)}</p>
<table width="60%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;">
{rows}</table>
{channels_html(report)}
{_table("การชำระเงิน / Tenders", tenders, "ประเภท / Kind")}
{_table("ตามหมวดสินค้า / By category", report.by_category, "หมวด / Code")}
{_table("ตามช่วงเวลา / By hour", report.by_hour, "ชั่วโมง / Hour", bars=True)}
{_table("ตามอำเภอ / By district", report.by_district, "อำเภอ / District", bars=True)}
{_table("ตามผู้ผลิต / By producer", report.by_producer, "ผู้ผลิต / Producer")}
{_table("สินค้าขายดี / Top products", report.top_products, "SKU")}
{baskets}
{_discounts_html(report)}
{_counters_html(report)}
{tea_html(report.tea)}
{target_html(target) if target is not None else ""}
{voids_refunds_html(report)}
</body></html>
"""


_PRODUCERS_HEAD = "".join(  # Thai over English: nine columns leave none room for both side by side
    ["<thead><tr style='background-color:#e8e8e8;'>"]
    + [
        f"<th>{h.replace(' / ', '<br/>')}</th>"
        for h in (
            "รหัส / Code", "ผู้ผลิต / Producer", "อำเภอ / District", COUNT_TITLE,
            "ยอดขาย / Sales", "ขายออนไลน์ / Online", "ค่าคอม % / Rate",
            "ค่าคอมมิชชั่น / Commission", "ยอดที่ต้องจ่าย / Owed",
        )
    ]
    + ["</tr></thead>"]
)  # fmt: skip
_TABLE = (
    "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
    "style='border-collapse:collapse;{}'>"
)
KEEP_WITH_TOTAL = 2  # producer rows that go to a new page with the total row


def _settlement_row(s: Settlement) -> str:
    return (
        f"<tr><td>{escape(s.producer_code)}</td><td>{escape(s.producer_name)}</td>"
        f"<td>{escape(s.district)}</td><td align='right'>{escape(s.amounts.th)}</td>"
        f"<td align='right'>{_m(s.sales)}</td>"
        f"<td align='right'>{_m(s.online)}<br/>({s.online_pct}%)</td>"
        f"<td align='right'>{'/'.join(str(r) for r in s.rates)}%</td>"
        f"<td align='right'>{_m(s.commission)}</td><td align='right'><b>{_m(s.owed)}</b></td></tr>"
    )


def _producers_page(rows: Sequence[Settlement], first: date, last: date, settings: Settings,
                    split: int | None) -> str:  # fmt: skip
    """The settlement page; `split`: the rows from this one on (and the total) start a new
    page as a table of their own, under the column headings again."""
    total = sum((s.sales for s in rows), Decimal(0))
    commission = sum((s.commission for s in rows), Decimal(0))
    owed = sum((s.owed for s in rows), Decimal(0))
    online = sum((s.online for s in rows), Decimal(0))
    total_row = (
        f"<tr><td colspan='4'><b>รวม / Total</b></td><td align='right'><b>{_m(total)}</b></td>"
        f"<td align='right'><b>{_m(online)}</b></td>"
        f"<td></td><td align='right'><b>{_m(commission)}</b></td>"
        f"<td align='right'><b>{_m(owed)}</b></td></tr>"
    )
    cut = len(rows) if split is None else split
    tables = _TABLE.format("") + _PRODUCERS_HEAD + "".join(map(_settlement_row, rows[:cut]))
    if split is not None:
        tables += "</table>" + _TABLE.format(" page-break-before:always;") + _PRODUCERS_HEAD
        tables += "".join(map(_settlement_row, rows[cut:]))
    return f"""
<html><body style="font-family:'{FAMILY}'; font-size:9px;">
<p><span style="font-size:16px; font-weight:bold;">
รายงานยอดขายฝากขายตามผู้ผลิต / Consignment settlement</span><br/>
{escape(settings.shop_name_th)}<br/>
ช่วงวันที่ / Period: {first.isoformat()} – {last.isoformat()}</p>
{tables}{total_row}
</table>
</body></html>
"""


def _last_row_alone(html: str) -> bool:
    """Does the last row of the document's last table start a page its table's other rows
    are not on (a total row alone at the top of a page)?"""
    doc = _document(html)
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if not tables or tables[-1].rows() < 2:
        return False
    table, layout = tables[-1], doc.documentLayout()
    height = doc.pageSize().height()

    def page(row: int) -> int:
        block = table.cellAt(row, 0).firstCursorPosition().block()
        return int(layout.blockBoundingRect(block).top() // height)

    return page(table.rows() - 1) != page(table.rows() - 2)


def producers_html(rows: Sequence[Settlement], first: date, last: date, settings: Settings) -> str:
    """The settlement as one table and its total row; when the total would stand alone at the
    top of a page, the last producer rows go over with it (QTextDocument honours a page break
    before a table, not "keep with next")."""
    html = _producers_page(rows, first, last, settings, None)
    if len(rows) > KEEP_WITH_TOTAL and _last_row_alone(html):
        html = _producers_page(rows, first, last, settings, len(rows) - KEEP_WITH_TOTAL)
    return html


def _document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(font(9))
    doc.setUseDesignMetrics(True)
    doc.setDocumentMargin(0)
    margin = MARGIN_MM * _MM_TO_PT
    doc.setPageSize(A4_POINTS - QSizeF(2 * margin, 2 * margin))
    doc.setHtml(html)
    return doc


def write_report_pdf(html: str, title: str, path: Path) -> int:
    """An A4 PDF of the report HTML (font embedded); returns the page count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = _document(html)  # starts Qt and loads the bundled font
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setTitle(title)
    writer.setCreator("OTOP POS")
    painter = QPainter(writer)
    try:
        pages = _paint_pages(doc, painter, writer.resolution() / 72, writer.newPage)
    finally:
        painter.end()
    complete_text_layer(path)
    return pages


def report_page_images(html: str, dpi: int = 90) -> list[QImage]:
    """Every A4 page of the report as a white-backed picture (for docs/)."""
    return page_images(_document(html), dpi)
