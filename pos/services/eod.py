"""End-of-day report and consignment settlement per producer: build them, write them as CSV."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TextIO

from pos.domain.auth import Action, Actor, denied
from pos.domain.csv_safe import csv_writer, safe_row
from pos.domain.eod import (
    CENT,
    EodReport,
    Settlement,
    TargetProgress,
    channel_totals,
    settle_producers,
    with_channel_refunds,
)
from pos.domain.errors import ShopError, StoreUnavailable
from pos.domain.money import ZERO
from pos.domain.refund import voids_refunds_csv_rows
from pos.domain.shop_time import BANGKOK, day_bounds, period_bounds
from pos.domain.tea import TeaReport
from pos.ports.reports import ReportUnitOfWork
from pos.ports.uow import UnitOfWorkFactory


def eod_report(
    uow: UnitOfWorkFactory[ReportUnitOfWork],
    day: date,
    actor: Actor | None = None,
    top: int = 10,
    *,
    last: date | None = None,
    terminal: str | None = None,
) -> EodReport:
    """The report of Bangkok days `day` to `last` (inclusive; None: that one day), of one
    counter (`terminal`: its name, POS ID or receipt prefix) or of all counters (None).
    `actor` None: the back-office command line."""
    if actor is not None and not actor.may(Action.REPORTS):
        raise denied(actor, Action.REPORTS)
    last = day if last is None else last
    if last < day:
        raise ShopError("--to is before --from", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น")
    start, end = period_bounds(day, last)
    with uow() as read:
        if terminal is None:
            report = with_voids_and_refunds(read, read.reports.eod(start, end, top))
        else:
            ids, label = _counter(read.reports.terminals(), terminal)
            report = replace(read.reports.eod(start, end, top, ids), counter=label)
            report = with_voids_and_refunds(read, report, ids)
        tea = read.tea.report(day, last)  # the tea corner is the centre's, whatever counter
        if not tea.empty:
            report = replace(report, tea=tea)
        # keep the closed days' summaries the report wrote (a cache: losing it costs time)
        with suppress(StoreUnavailable):
            read.commit()
        return report


def _counter(rows: list[tuple[str, str, str, str]], wanted: str) -> tuple[list[str], str]:
    """The ids of the counters named `wanted` (name, POS ID or receipt prefix) and a label."""
    key = wanted.strip().casefold()
    hits = [r for r in rows if key and key in (r[1].casefold(), r[2].casefold(), r[3].casefold())]
    if not hits:
        known = ", ".join(f"{name} ({prefix})" for _, name, _, prefix in rows) or "-"
        raise ShopError(
            f"No counter is named {wanted!r}; counters: {known}",
            f"ไม่มีเครื่องขายชื่อ {wanted!r}; เครื่องที่มี: {known}",
        )
    return [r[0] for r in hits], ", ".join(f"{r[1]} ({r[3]})" for r in hits)


def target_progress(
    uow: UnitOfWorkFactory[ReportUnitOfWork],
    target: int | Decimal,
    year: int,
    as_of: date,
    actor: Actor | None = None,
) -> TargetProgress:
    """Completed sales of `year` from 1 January to `as_of` (inclusive) against the target."""
    if actor is not None and not actor.may(Action.REPORTS):
        raise denied(actor, Action.REPORTS)
    if target <= 0:
        raise ShopError(
            "No yearly target is set (setting yearly_target)",
            "ยังไม่ได้ตั้งเป้ายอดขายรายปี (ค่าตั้ง yearly_target)",
        )
    first = date(year, 1, 1)
    last = min(as_of, date(year, 12, 31))
    to_date = ZERO.quantize(CENT)
    per_channel: dict[str, tuple[int, Decimal]] = {}
    if last >= first:
        start, end = period_bounds(first, last)
        with uow() as read:
            per_channel = read.reports.sales_by_channel(start, end)
        to_date = sum((v for _n, v in per_channel.values()), to_date)
    return TargetProgress(
        year, Decimal(target).quantize(CENT), to_date, as_of, channel_totals(per_channel)
    )


def producer_settlements(
    uow: UnitOfWorkFactory[ReportUnitOfWork], first: date, last: date, actor: Actor | None = None
) -> list[Settlement]:
    """What each producer is owed for sales from `first` to `last` (inclusive, Bangkok days)."""
    if actor is not None and not actor.may(Action.REPORTS):
        raise denied(actor, Action.REPORTS)
    start, _ = day_bounds(first)
    _, end = day_bounds(last)
    with uow() as read:
        return settle_producers(read.reports.producer_groups(start, end))


# the channel rows fill the last six columns too: quantity is their receipts, amount their
# sales (after discounts), refunds the number of refunds, net the sales less refunds
EOD_CSV_COLUMNS = (
    "section", "key", "name", "quantity", "amount", "share_pct", "pieces", "kg",
    "gross", "discounts", "refunds", "refunded", "net", "vat",
)  # fmt: skip


def write_eod_csv(report: EodReport, out: TextIO) -> None:
    """One CSV of sections: section, key, name, quantity, amount, share %, pieces, kg. A row
    of goods (categories, producers, districts, top products) gives its pieces and its
    kilograms in their own columns and no quantity; the other rows count (receipts, payments,
    discounts, baskets) in the quantity column. The "channel" rows (counter, web, LINE,
    Facebook) give gross, discounts, refunds, refunded, net and VAT in columns of their own."""
    w = csv_writer(out)
    w.writerow(EOD_CSV_COLUMNS)
    day = report.start.astimezone(BANGKOK).date().isoformat()
    for key, value in (
        ("date", day),
        ("last_date", report.last_day.isoformat()),
        ("counter", report.counter or "all"),
        ("sales", report.sales_count),
        ("gross", report.gross),
        ("discounts", report.discounts),
        ("total", report.total),
        ("vatable", report.vatable),
        ("exempt", report.exempt),
        ("vat", report.vat),
        ("net_of_vat", report.net_of_vat),
        ("voided", report.voided),
        ("refunded", report.refunded),
        ("net_total", report.net_total),
    ):
        w.writerow(safe_row(["totals", key, "", "", value, ""]))
    for section, rows in (
        ("tender", report.tenders),
        ("category", report.by_category),
        ("producer", report.by_producer),
        ("district", report.by_district),
        ("hour", report.by_hour),
        ("top_product", report.top_products),
        ("basket", report.baskets),
        ("discount", report.discount_reasons),
        ("counter", report.by_counter),
    ):
        for r in rows:
            counted = ["", r.quantity, r.kg] if r.kg is not None else [r.quantity, "", ""]
            w.writerow(safe_row(
                [section, r.key, r.name, counted[0], r.sales, r.share, *counted[1:]]
            ))  # fmt: skip
    for c in report.by_channel:
        w.writerow(safe_row(
            ["channel", c.key, c.label.th, c.receipts, c.sales, c.share, "", "", c.gross,
             c.discounts, c.refunds, c.refunded, c.net, c.vat]
        ))  # fmt: skip
    w.writerows(safe_row(r) for r in voids_refunds_csv_rows(report.refunds, report.approvals))
    if report.tea is not None:
        w.writerows(safe_row(r) for r in tea_csv_rows(report.tea))


def tea_csv_rows(tea: TeaReport) -> list[list[object]]:
    """The tea corner's rows of the EOD CSV: "tea" totals, then by item, option and hour
    (quantity: drinks, amount: their sales after discounts and refunds)."""

    def n(q: Decimal) -> str:
        return f"{q.normalize():f}"

    rows: list[list[object]] = [
        ["tea", "orders", "", tea.orders, "", ""],
        ["tea", "drinks", "", n(tea.quantity), tea.amount, ""],
    ]
    rows += [["tea_item", r.sku, r.name_th, n(r.quantity), r.amount, ""] for r in tea.by_item]
    rows += [
        ["tea_option", f"{r.group}={r.code}", r.name_th, n(r.quantity), "", ""]
        for r in tea.by_option
    ]
    rows += [
        ["tea_hour", f"{r.hour:02d}", f"{r.orders} คิว", n(r.quantity), r.amount, ""]
        for r in tea.by_hour
    ]
    return rows


# pieces (sold by the piece), kg (sold by weight) and sales are net of the period's refunds;
# refunded: what the refunds took off; online_sales: the part of sales sold through the web
# shop, LINE or Facebook
SETTLEMENT_COLUMNS = (
    "producer_code", "producer_name", "district", "pieces", "kg", "sales", "commission_pct",
    "commission", "owed", "refunded", "online_sales",
)  # fmt: skip


def write_producers_csv(rows: list[Settlement], out: TextIO) -> None:
    w = csv_writer(out)
    w.writerow(SETTLEMENT_COLUMNS)
    for s in rows:
        w.writerow(safe_row(
            [s.producer_code, s.producer_name, s.district, s.quantity, s.kg, s.sales,
             "/".join(str(r) for r in s.rates), s.commission, s.owed, s.refunded, s.online]
        ))  # fmt: skip


def with_voids_and_refunds(
    read: ReportUnitOfWork, report: EodReport, terminal_ids: Sequence[str] | None = None
) -> EodReport:
    """The report with the period's refunds and the approvals audit (voids and refunds), and
    the refunds in its by-channel rows (under the channel of the sale refunded)."""
    refunds = read.refunds.between(report.start, report.end, terminal_ids)
    approvals = read.refunds.approvals_between(report.start, report.end, terminal_ids)
    by_channel = with_channel_refunds(
        report.by_channel, read.reports.refunds_by_channel(report.start, report.end, terminal_ids)
    )
    return replace(
        report, refunds=tuple(refunds), approvals=tuple(approvals), by_channel=by_channel
    )
