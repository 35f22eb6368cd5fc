"""End-of-day report and consignment settlement per producer: build them, write them as CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TextIO

from pos.domain.auth import Action, Actor, denied
from pos.domain.eod import BANGKOK, EodReport, Settlement, bangkok_day, settle_producers
from pos.domain.refund import voids_refunds_csv_rows
from pos.ports import ReportUnitOfWork, ReportUnitOfWorkFactory


def eod_report(
    uow: ReportUnitOfWorkFactory, day: date, actor: Actor | None = None, top: int = 10
) -> EodReport:
    """The day's report (Bangkok calendar day). `actor` None: the back-office command line."""
    if actor is not None and not actor.may(Action.REPORTS):
        raise denied(actor, Action.REPORTS)
    start, end = bangkok_day(day)
    with uow() as read:
        return with_voids_and_refunds(read, read.reports.eod(start, end, top))


def producer_settlements(
    uow: ReportUnitOfWorkFactory, first: date, last: date, actor: Actor | None = None
) -> list[Settlement]:
    """What each producer is owed for sales from `first` to `last` (inclusive, Bangkok days)."""
    if actor is not None and not actor.may(Action.REPORTS):
        raise denied(actor, Action.REPORTS)
    start, _ = bangkok_day(first)
    _, end = bangkok_day(last)
    with uow() as read:
        return settle_producers(read.reports.producer_groups(start, end))


def write_eod_csv(report: EodReport, out: TextIO) -> None:
    """One CSV of sections: section, key, name, quantity, amount, share %."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "key", "name", "quantity", "amount", "share_pct"])
    day = report.start.astimezone(BANGKOK).date().isoformat()
    for key, value in (
        ("date", day),
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
        w.writerow(["totals", key, "", "", value, ""])
    for section, rows in (
        ("tender", report.tenders),
        ("category", report.by_category),
        ("producer", report.by_producer),
        ("district", report.by_district),
        ("hour", report.by_hour),
        ("top_product", report.top_products),
    ):
        for r in rows:
            w.writerow([section, r.key, r.name, r.quantity, r.sales, r.share])
    w.writerows(voids_refunds_csv_rows(report.refunds, report.approvals))


SETTLEMENT_COLUMNS = (
    "producer_code", "producer_name", "district", "quantity", "sales", "commission_pct",
    "commission", "owed",
)  # fmt: skip


def write_producers_csv(rows: list[Settlement], out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(SETTLEMENT_COLUMNS)
    for s in rows:
        w.writerow(
            [s.producer_code, s.producer_name, s.district, s.quantity, s.sales,
             "/".join(str(r) for r in s.rates), s.commission, s.owed]
        )  # fmt: skip


def with_voids_and_refunds(
    read: ReportUnitOfWork, report: EodReport, terminal_ids: Sequence[str] | None = None
) -> EodReport:
    """The report with the period's refunds and the approvals audit (voids and refunds)."""
    refunds = read.refunds.between(report.start, report.end, terminal_ids)
    approvals = read.refunds.approvals_between(report.start, report.end, terminal_ids)
    return replace(report, refunds=tuple(refunds), approvals=tuple(approvals))
