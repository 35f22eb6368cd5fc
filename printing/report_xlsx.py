"""End-of-day and consignment reports as XLSX workbooks: a sheet per section, numbers as numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from pos.domain.eod import EodReport, GroupRow, Settlement, TargetProgress
from pos.domain.shop_time import BANGKOK

BAHT = "#,##0.00"
QTY = "#,##0.###"
PCT = '0.00"%"'  # shares are stored as percentages (12.5 is 12.5 %)
BOLD = Font(bold=True)

# (sheet title, header of the key column, the report's rows)
GROUP_HEADERS = ("ชื่อ / Name", "จำนวน / Quantity", "ยอดขาย / Sales (THB)", "สัดส่วน / Share %")


def _sheet(wb: Workbook, title: str, header: Sequence[str], widths: Sequence[int]) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = BOLD
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    return ws


def _row(ws: Worksheet, values: Sequence[Any], formats: Sequence[str | None]) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":  # openpyxl reads "=..." as a formula: a typed name stays text
            cell.data_type = "s"
    for cell, fmt in zip(ws[ws.max_row], formats, strict=False):
        if fmt:
            cell.number_format = fmt


# goods: pieces and kilograms in a column each, never added up
GOODS_HEADERS = ("ชื่อ / Name", "ชิ้น / Pieces", "กก. / Kilograms", *GROUP_HEADERS[2:])
PIECES, KG = "#,##0", "#,##0.000"


def _groups(wb: Workbook, title: str, key_header: str, rows: Sequence[GroupRow]) -> None:
    if any(r.goods for r in rows):
        ws = _sheet(wb, title, (key_header, *GOODS_HEADERS), (16, 40, 12, 14, 18, 14))
        for r in rows:
            values = (r.key, r.name, r.quantity, r.kg, r.sales, r.share)
            _row(ws, values, (None, None, PIECES, KG, BAHT, PCT))
        return
    ws = _sheet(wb, title, (key_header, *GROUP_HEADERS), (16, 40, 14, 18, 14))
    for r in rows:
        _row(ws, (r.key, r.name, r.quantity, r.sales, r.share), (None, None, QTY, BAHT, PCT))


def eod_summary(report: EodReport) -> list[tuple[str, str, Any, str | None]]:
    """The summary sheet's rows: (key, label, value, number format)."""
    return [
        ("from", "ตั้งแต่วันที่ / From", report.first_day, "yyyy-mm-dd"),
        ("to", "ถึงวันที่ / To", report.last_day, "yyyy-mm-dd"),
        ("counter", "เครื่องขาย / Counter", report.counter or "ทุกเครื่อง / all counters", None),
        ("sales", "จำนวนบิล / Receipts", report.sales_count, "#,##0"),
        ("gross", "ยอดก่อนส่วนลด / Gross", report.gross, BAHT),
        ("discounts", "ส่วนลด / Discounts", report.discounts, BAHT),
        ("line_discounts", "ส่วนลดรายการ / Line discounts", report.line_discounts, BAHT),
        ("sale_discounts", "ส่วนลดท้ายบิล / Sale discounts", report.sale_discounts, BAHT),
        ("total", "ยอดขายสุทธิ / Net sales", report.total, BAHT),
        ("vatable", "มูลค่าที่ต้องเสียภาษี / VAT-able", report.vatable, BAHT),
        ("exempt", "มูลค่าที่ได้รับยกเว้น / VAT-exempt", report.exempt, BAHT),
        ("vat", "ภาษีมูลค่าเพิ่ม / VAT", report.vat, BAHT),
        ("net_of_vat", "มูลค่าก่อนภาษี / VAT-able less VAT", report.net_of_vat, BAHT),
        ("voided", "บิลที่ยกเลิก / Voided receipts", report.voided, "#,##0"),
        ("refunded", "คืนเงิน / Refunds", report.refunded, BAHT),
        ("net_total", "ยอดขายหักคืนเงิน / Sales less refunds", report.net_total, BAHT),
    ]


def eod_sections(report: EodReport) -> list[tuple[str, str, tuple[GroupRow, ...]]]:
    """(sheet title, key header, rows) of every breakdown, in the order of the PDF."""
    out = [
        ("Tenders", "ประเภท / Kind", report.tenders),
        ("Categories", "หมวด / Category", report.by_category),
        ("Hours", "ชั่วโมง / Hour", report.by_hour),
        ("Districts", "อำเภอ / District", report.by_district),
        ("Producers", "ผู้ผลิต / Producer", report.by_producer),
        ("Top products", "SKU", report.top_products),
        ("Baskets", "แบบตะกร้า / Template", report.baskets),
        ("Discounts", "ชนิด / Kind (line|sale)", report.discount_reasons),
    ]
    if report.by_counter:
        out.append(("Counters", "เครื่อง / Counter", report.by_counter))
    return out


CHANNEL_HEADERS = (
    "ช่องทาง / Channel", "ชื่อ / Name", "บิล / Receipts", "ยอดก่อนส่วนลด / Gross (THB)",
    "ส่วนลด / Discounts (THB)", "ยอดขาย / Sales (THB)", "จำนวนคืนเงิน / Refunds",
    "คืนเงิน / Refunded (THB)", "หักคืนเงิน / Net (THB)", "ภาษี / VAT (THB)", "สัดส่วน / Share %",
)  # fmt: skip


def _channels(wb: Workbook, report: EodReport) -> None:
    """The Channels sheet: a row per channel that sold (the counter always)."""
    ws = _sheet(wb, "Channels", CHANNEL_HEADERS, (12, 28, 10, 18, 16, 18, 10, 16, 18, 16, 12))
    formats = (None, None, "#,##0", BAHT, BAHT, BAHT, "#,##0", BAHT, BAHT, BAHT, PCT)
    for c in report.by_channel:
        label = f"{c.label.th} / {c.label.en}"
        values = (c.key, label, c.receipts, c.gross, c.discounts, c.sales, c.refunds,
                  c.refunded, c.net, c.vat, c.share)  # fmt: skip
        _row(ws, values, formats)


def target_rows(t: TargetProgress) -> list[tuple[str, str, Any, str | None]]:
    by_channel = [
        (f"to_date_{r.key}", f"ยอดขายสะสม / Year to date: {r.name}", r.sales, BAHT)
        for r in t.by_channel
    ]
    return [
        ("year", "ปี / Year", t.year, "0"),
        ("target", "เป้ายอดขาย / Target", t.target, BAHT),
        ("as_of", "ยอดถึงวันที่ / Sales up to", t.as_of, "yyyy-mm-dd"),
        ("to_date", "ยอดขายสะสม / Year to date", t.to_date, BAHT),
        ("reached_pct", "ถึงเป้าแล้ว / Reached", t.reached_pct, PCT),
        ("remaining", "ยังขาด / Remaining", t.remaining, BAHT),
        ("days_left", "จำนวนวันที่เหลือ / Days left", t.days_left, "#,##0"),
        ("pace_needed", "ต้องขายต่อวัน / Needed per day", t.pace_needed, BAHT),
        *by_channel,
    ]


def _pairs(wb: Workbook, title: str, rows: list[tuple[str, str, Any, str | None]]) -> None:
    ws = _sheet(wb, title, ("key", "รายการ / Item", "ค่า / Value"), (16, 40, 22))
    for key, label, value, fmt in rows:
        _row(ws, (key, label, value), (None, None, fmt))


def _voids_and_refunds(wb: Workbook, report: EodReport) -> None:
    """Voids and refunds with approvers: a Refunds and an Approvals sheet, when there are any."""
    if report.refunds:
        ws = _sheet(wb, "Refunds", (
            "เลขที่ / Refund", "ใบเสร็จเดิม / Receipt", "เวลา / Time (Bangkok)", "ยอด / Amount (THB)",
            "วิธี / Method", "พนักงาน / Cashier", "ผู้อนุมัติ / Approver", "เหตุผล / Reason",
        ), (16, 16, 20, 16, 12, 22, 22, 30))  # fmt: skip
        for r in report.refunds:
            when = r.refunded_at.astimezone(BANGKOK).replace(tzinfo=None)
            values = (r.refund_no, r.receipt_no, when, r.amount, r.method, r.cashier,
                      r.approver or "-", r.reason)  # fmt: skip
            _row(ws, values, (None, None, "yyyy-mm-dd hh:mm", BAHT))
    if report.approvals:
        ws = _sheet(wb, "Approvals", (
            "เวลา / Time (Bangkok)", "รายการ / Action", "ผู้ขอ / Requested by",
            "ผู้อนุมัติ / Approved by", "เหตุผล / Reason", "อ้างอิง / Ref",
        ), (20, 22, 22, 22, 30, 16))  # fmt: skip
        for a in report.approvals:
            when = a.approved_at.astimezone(BANGKOK).replace(tzinfo=None)
            _row(ws, (when, a.action, a.requested_by, a.approved_by, a.reason, a.ref),
                 ("yyyy-mm-dd hh:mm",))  # fmt: skip


def write_eod_xlsx(report: EodReport, path: Path, target: TargetProgress | None = None) -> None:
    """The report as a workbook: Summary, one sheet per breakdown, Channels (and Target)."""
    wb = Workbook()
    wb.remove(wb.active)
    _pairs(wb, "Summary", eod_summary(report))
    for title, key_header, rows in eod_sections(report):
        _groups(wb, title, key_header, rows)
    _channels(wb, report)
    _voids_and_refunds(wb, report)
    if target is not None:
        _pairs(wb, "Target", target_rows(target))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


SETTLEMENT_HEADERS = (
    "รหัส / Code", "ผู้ผลิต / Producer", "อำเภอ / District", "ชิ้น / Pieces", "กก. / Kilograms",
    "ยอดขาย / Sales (THB)", "ค่าคอม % / Rate", "ค่าคอมมิชชั่น / Commission (THB)",
    "ยอดที่ต้องจ่าย / Owed (THB)", "ขายออนไลน์ / Online (THB)",
)  # fmt: skip


def write_producers_xlsx(rows: Sequence[Settlement], first: date, last: date, path: Path) -> None:
    """One sheet of settlements per producer, a total row, and the period in the sheet title."""
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, "Producers", SETTLEMENT_HEADERS, (10, 36, 18, 10, 12, 18, 12, 18, 18, 18))
    formats = (None, None, None, PIECES, KG, BAHT, None, BAHT, BAHT, BAHT)
    for s in rows:
        rates = "/".join(str(r) for r in s.rates)
        _row(
            ws,
            (s.producer_code, s.producer_name, s.district, s.quantity, s.kg, s.sales, rates,
             s.commission, s.owed, s.online),
            formats,
        )  # fmt: skip
    total = (
        sum((s.sales for s in rows), Decimal(0)),
        sum((s.commission for s in rows), Decimal(0)),
        sum((s.owed for s in rows), Decimal(0)),
        sum((s.online for s in rows), Decimal(0)),
    )
    _row(ws, ("รวม / Total", "", "", None, None, total[0], "", *total[1:]), formats)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    period = wb.create_sheet("Period")
    period.append(["ตั้งแต่วันที่ / From", first])
    period.append(["ถึงวันที่ / To", last])
    for row in period.iter_rows():
        row[1].number_format = "yyyy-mm-dd"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
