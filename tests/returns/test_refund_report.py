"""The end-of-day report's voids and refunds: each refund and approval, sales less refunds."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from pos.app.bootstrap import Store
from pos.domain.auth import Action, Actor
from pos.services.auth import Auth
from pos.services.eod import eod_report, write_eod_csv
from pos.services.returns import Returns
from pos.services.shifts import Shifts
from printing.report_pdf import eod_html, write_report_pdf
from printing.report_xlsx import write_eod_xlsx
from tests.integration.conftest import FixedClock
from tests.returns.conftest import BALM, JAEW, SILK, sell

D = Decimal
DAY = date(2026, 11, 27)  # FixedClock's day in Bangkok


def test_eod_lists_refunds_with_approvers_and_nets_them_off(
    store: Store,
    clock: FixedClock,
    auth: Auth,
    returns: Returns,
    shifts: Shifts,
    cashier: Actor,
    manager: Actor,
    tmp_path: Path,
) -> None:
    shifts.open(cashier, D("500"))
    first = sell(store, clock, cashier, [SILK, "2*" + JAEW])
    second = sell(store, clock, cashier, [BALM], promptpay=True)
    clock.current += timedelta(minutes=30)
    approval = auth.approve(cashier, Action.REFUND, "torn", "manager", "9999", first.receipt_no)
    by_cashier = returns.refund(cashier, first.receipt_no, {1: D(1)}, "cash", "torn", approval)
    by_manager = returns.refund(manager, second.receipt_no, {}, "promptpay", "allergy")
    clock.current += timedelta(minutes=1)
    auth.approve(cashier, Action.OPEN_DRAWER, "change for a customer", "manager", "9999")
    clock.current += timedelta(days=1)  # a refund on the next day is not in this day's report
    returns.refund(manager, first.receipt_no, {2: D(1)}, "cash", "next day")

    report = eod_report(store.uow, DAY)
    assert [(r.refund_no, r.receipt_no, r.amount, r.method, r.cashier, r.approver, r.reason)
            for r in report.refunds] == [
        (by_cashier.refund_no, first.receipt_no, D("1290.00"), "cash", cashier.display_name,
         manager.display_name, "torn"),
        (by_manager.refund_no, second.receipt_no, D("45.00"), "promptpay",
         manager.display_name, "", "allergy"),
    ]  # fmt: skip
    audit = [(a.action, a.requested_by, a.approved_by, a.reason, a.ref) for a in report.approvals]
    assert audit == [
        ("refund", cashier.display_name, manager.display_name, "torn", first.receipt_no),
        ("open_drawer", cashier.display_name, manager.display_name, "change for a customer", ""),
    ]  # fmt: skip
    assert report.total == first.total + second.total
    assert report.refunded == D("1335.00")
    assert report.net_total == report.total - D("1335.00")

    out = io.StringIO()
    write_eod_csv(report, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    totals = {r[1]: r[4] for r in rows if r[0] == "totals"}
    assert D(totals["refunded"]) == D("1335.00")
    assert D(totals["net_total"]) == report.net_total
    refunds = [r for r in rows if r[0] == "refund"]
    assert [r[1] for r in refunds] == [by_cashier.refund_no, by_manager.refund_no]
    assert manager.display_name in refunds[0][2]
    assert [r[1] for r in rows if r[0] == "approval"] == ["refund", "open_drawer"]

    xlsx = tmp_path / "eod.xlsx"
    write_eod_xlsx(report, xlsx)
    wb = load_workbook(xlsx)
    summary = {row[0]: row[2] for row in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert D(str(summary["refunded"])) == D("1335.00")
    refund_rows = list(wb["Refunds"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], D(str(r[3])), r[6]) for r in refund_rows] == [
        (by_cashier.refund_no, first.receipt_no, D("1290.00"), manager.display_name),
        (by_manager.refund_no, second.receipt_no, D("45.00"), "-"),
    ]
    assert refund_rows[0][2].hour == 12  # 05:00 UTC is 12:00 in Bangkok
    assert [r[1] for r in wb["Approvals"].iter_rows(min_row=2, values_only=True)] == [
        "refund",
        "open_drawer",
    ]

    html = eod_html(report, store.settings)
    assert "Voids and refunds" in html
    assert by_cashier.refund_no in html
    assert "เปิดลิ้นชักโดยไม่มีการขาย" in html  # the approval's action, in Thai
    assert write_report_pdf(html, "End of day", tmp_path / "eod.pdf") >= 1
