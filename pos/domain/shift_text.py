"""An X or Z report as plain text lines for the receipt preview (Thai or English)."""

from __future__ import annotations

import textwrap
from datetime import datetime

from pos.domain.bilingual import pick
from pos.domain.cashup import ShiftReport
from pos.domain.settings import Settings
from pos.domain.shop_time import local, year_for
from pos.domain.taxinvoice import branch_label_en, branch_label_th

_LABELS: dict[str, tuple[str, str]] = {
    "x": ("X REPORT (shift so far)", "รายงาน X (ระหว่างกะ)"),
    "z": ("Z REPORT", "รายงาน Z (ปิดกะ)"),
    "pos": ("POS ID", "หมายเลขเครื่อง"),
    "tax_id": ("Tax ID", "เลขประจำตัวผู้เสียภาษี"),
    "opened": ("Opened", "เปิดกะ"),
    "closed": ("Closed", "ปิดกะ"),
    "by": ("by", "โดย"),
    "sales": ("Sales", "จำนวนบิล"),
    "receipts": ("Receipts", "เลขที่ใบเสร็จ"),
    "gross": ("Gross", "ยอดก่อนส่วนลด"),
    "discounts": ("Discounts", "ส่วนลด"),
    "total": ("Total", "ยอดขายสุทธิ"),
    "vatable": ("VAT-able", "ยอดที่มี VAT"),
    "exempt": ("VAT exempt", "ยอดยกเว้น VAT"),
    "vat": ("VAT", "ภาษีมูลค่าเพิ่ม"),
    "tenders": ("Payments", "การชำระเงิน"),
    "voided": ("Voided sales", "บิลที่ยกเลิก"),
    "refunds": ("Refunds", "คืนเงิน"),
    "net": ("Sales less refunds", "ยอดขายหักคืนเงิน"),
    "cash_refunds": ("Cash refunds", "คืนเงินสด"),
    "float": ("Opening float", "เงินทอนตั้งต้น"),
    "cash_sales": ("Cash sales", "ขายเงินสด"),
    "paid_in": ("Paid in", "นำเงินเข้า"),
    "paid_out": ("Paid out", "นำเงินออก"),
    "expected": ("Expected in drawer", "เงินที่ควรมีในลิ้นชัก"),
    "counted": ("Counted", "นับได้"),
    "difference": ("Difference", "ผลต่าง"),
    "counts": ("Drawer count", "การนับเงิน"),
    "head": ("Journal head", "หัวบันทึก"),
    "cash": ("cash", "เงินสด"),
    "promptpay": ("PromptPay", "พร้อมเพย์"),
    "card": ("card", "บัตร"),
}


def _t(key: str, lang: str) -> str:
    en, th = _LABELS[key]
    return pick(lang, th, en)


def label(key: str, lang: str = "th") -> str:
    """A report label in Thai or English (a tender kind not known is given back as is)."""
    return _t(key, lang) if key in _LABELS else key


def _when(at: datetime | None, lang: str) -> str:
    if at is None:
        return "-"
    at_local = local(at)
    year = year_for(at_local.year, lang)
    return f"{at_local:%d/%m}/{year} {at_local:%H:%M}"


def _money(amount: object) -> str:
    return f"{amount:,.2f}"


def _centred(text: str, width: int) -> str:
    """Centred in `width` columns; a line as wide still starts with a space, which the
    preview reads as centred."""
    return text.center(width) if len(text) < width - 1 else f" {text}"


def shop_header(settings: Settings, lang: str = "th", width: int = 42) -> list[str]:
    """The shop as the printed report heads it: its name (both languages), company and
    address, its tax ID and branch, centred in `width` columns."""
    first, second = (
        pick(lang, settings.shop_name_th, settings.shop_name_en),
        pick(lang, settings.shop_name_en, settings.shop_name_th),
    )
    out = [_centred(first, width)]
    if second:
        out.append(_centred(second, width))
    if settings.company_th:
        out.append(_centred(settings.company_th, width))
    address = pick(lang, settings.address_th, settings.address_en) or settings.address_th
    out += [_centred(part, width) for part in textwrap.wrap(address, width - 2)]
    if settings.tax_id:
        branch = pick(lang, branch_label_th(settings.branch), branch_label_en(settings.branch))
        out.append(_centred(f"{_t('tax_id', lang)} {settings.tax_id} ({branch})", width))
    return out


def shift_report_text(
    report: ShiftReport, lang: str = "th", width: int = 42, *, settings: Settings | None = None
) -> str:
    """The report laid out in `width` columns: totals, payments, the drawer and its count;
    headed by the shop (`shop_header`) when its `settings` are given."""

    def row(label: str, value: str) -> str:
        gap = max(1, width - len(label) - len(value))
        return f"{label}{' ' * gap}{value}"

    s, c = report.sales, report.cash
    title = _t(report.kind, lang)
    if report.kind == "z":
        title += f" {report.number:06d}"
    out = [] if settings is None else [*shop_header(settings, lang, width), "-" * width]
    out += [title.center(width), row(_t("pos", lang), report.pos_id), "-" * width]
    out.append(row(_t("opened", lang), _when(report.opened_at, lang)))
    out.append(f"  {_t('by', lang)} {report.opened_by}")
    if report.kind == "z":
        out.append(row(_t("closed", lang), _when(report.closed_at, lang)))
        out.append(f"  {_t('by', lang)} {report.closed_by}")
    out.append("-" * width)
    out.append(row(_t("sales", lang), str(s.count)))
    if s.count:
        out.append(row(_t("receipts", lang), ""))
        out.append(f"  {s.first_receipt} - {s.last_receipt}")
    out += [
        row(_t("gross", lang), _money(s.gross)),
        row(_t("discounts", lang), _money(-s.discounts) if s.discounts else _money(s.discounts)),
        row(_t("total", lang), _money(s.total)),
        row(_t("vatable", lang), _money(s.vatable)),
        row(_t("exempt", lang), _money(s.exempt)),
        row(_t("vat", lang), _money(s.vat)),
    ]
    if s.voided:
        out.append(row(_t("voided", lang), str(s.voided)))
    if s.refund_count:
        out.append(row(f"{_t('refunds', lang)} ({s.refund_count})", _money(-s.refunded)))
        for kind, amount in sorted(s.refund_tenders.items()):
            label = _t(kind, lang) if kind in _LABELS else kind
            out.append(row(f"  {label}", _money(-amount)))
        out.append(row(_t("net", lang), _money(s.net)))
    if s.tenders:
        out.append(_t("tenders", lang))
        for kind, amount in sorted(s.tenders.items()):
            label = _t(kind, lang) if kind in _LABELS else kind
            out.append(row(f"  {label}", _money(amount)))
    out.append("-" * width)
    out += [
        row(_t("float", lang), _money(c.opening_float)),
        row(_t("cash_sales", lang), _money(c.cash_sales)),
        row(_t("paid_in", lang), _money(c.paid_in)),
        row(_t("paid_out", lang), _money(-c.paid_out) if c.paid_out else _money(c.paid_out)),
        *([row(_t("cash_refunds", lang), _money(-c.cash_refunds))] if c.cash_refunds else []),
        row(_t("expected", lang), _money(c.expected)),
    ]
    if c.counted is not None and c.difference is not None:
        sign = "+" if c.difference > 0 else ""
        out.append(row(_t("counted", lang), _money(c.counted)))
        out.append(row(_t("difference", lang), sign + _money(c.difference)))
    if report.counts:
        out.append("-" * width)
        out.append(_t("counts", lang))
        for d, n in sorted(report.counts.items(), reverse=True):
            out.append(row(f"  {d:g} x {n}", _money(d * n)))
    if report.journal_head:
        out.append("-" * width)
        out.append(row(_t("head", lang), report.journal_head))
    return "\n".join(out)
