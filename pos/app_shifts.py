"""Command line of the journal and end-of-day: `journal verify`, `report eod|producers`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pos.domain.errors import ShopError
from pos.domain.settings import Settings

BANGKOK = timedelta(hours=7)


def _day(text: str | None) -> date:
    if not text:
        return (datetime.now(UTC) + BANGKOK).date()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ShopError(
            f"{text!r} is not a date (YYYY-MM-DD)", f"{text!r} ไม่ใช่วันที่ (ปปปป-ดด-วว ค.ศ.)"
        ) from exc


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise ShopError(
            f"The output must end in {' or '.join('.' + a for a in allowed)}",
            f"ไฟล์ผลลัพธ์ต้องลงท้ายด้วย {' หรือ '.join('.' + a for a in allowed)}",
        )
    return suffix


def cmd_report_eod(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app import open_store
    from pos.services.eod import eod_report, write_eod_csv

    out = Path(args.output)
    kind = _suffix(out, ("pdf", "csv"))
    day = _day(args.date)
    store = open_store(args.db, settings)
    try:
        report = eod_report(store.uow, day)
    finally:
        store.close()
    if kind == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as f:
            write_eod_csv(report, f)
    else:
        from printing.report_pdf import eod_html, write_report_pdf

        write_report_pdf(eod_html(report, settings), f"End of day {day.isoformat()}", out)
    print(
        f"end of day {day.isoformat()}: {report.sales_count} receipts, {report.total:,.2f} baht "
        f"-> {out}",
        file=sys.stderr,
    )
    return 0


def cmd_report_producers(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app import open_store
    from pos.services.eod import producer_settlements, write_producers_csv

    out = Path(args.output)
    kind = _suffix(out, ("pdf", "csv"))
    first, last = _day(args.date_from), _day(args.date_to)
    if last < first:
        raise ShopError("--to is before --from", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น")
    store = open_store(args.db, settings)
    try:
        rows = producer_settlements(store.uow, first, last)
    finally:
        store.close()
    if kind == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as f:
            write_producers_csv(rows, f)
    else:
        from printing.report_pdf import producers_html, write_report_pdf

        title = f"Consignment {first.isoformat()} - {last.isoformat()}"
        write_report_pdf(producers_html(rows, first, last, settings), title, out)
    print(f"{len(rows)} producers -> {out}", file=sys.stderr)
    return 0


def cmd_journal_verify(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app import open_store
    from pos.services.journal import verify_journal

    store = open_store(args.db, settings)
    try:
        result = verify_journal(store.uow)
    finally:
        store.close()
    if result.ok:
        print(f"journal intact: {result.entries} entries / บันทึกครบถ้วน {result.entries} รายการ")
        return 0
    first = result.first
    assert first is not None
    print("otop-pos: the journal is broken / บันทึกถูกแก้ไข")
    print(f"  first problem: {first.message_en}")
    print(f"  ปัญหาแรก: {first.message_th}")
    if len(result.problems) > 1:
        print(f"  ({len(result.problems) - 1} more / อีก {len(result.problems) - 1} รายการ)")
        for p in result.problems[1:]:
            print(f"  - {p.message_en}")
    return 2


def add_shift_commands(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    journal = sub.add_parser("journal", help="the tamper-evident journal of sales")
    jsub = journal.add_subparsers(dest="journal_command", required=True)
    verify = jsub.add_parser(
        "verify",
        help="check the hash chain; exit 2 naming the first record changed, removed or inserted",
    )
    db_arg(verify)
    verify.set_defaults(func=cmd_journal_verify)

    report = sub.add_parser("report", help="end-of-day and consignment reports (PDF or CSV)")
    rsub = report.add_subparsers(dest="report_command", required=True)
    eod = rsub.add_parser("eod", help="one day's totals, tenders, categories, producers, hours")
    db_arg(eod)
    eod.add_argument("--date", help="the day (YYYY-MM-DD, Bangkok; default today)")
    eod.add_argument("-o", "--output", required=True, help="FILE.pdf or FILE.csv")
    eod.set_defaults(func=cmd_report_eod)
    prod = rsub.add_parser("producers", help="consignment settlement per producer for a period")
    db_arg(prod)
    prod.add_argument("--from", dest="date_from", required=True, help="first day (YYYY-MM-DD)")
    prod.add_argument("--to", dest="date_to", required=True, help="last day, inclusive")
    prod.add_argument("-o", "--output", required=True, help="FILE.pdf or FILE.csv")
    prod.set_defaults(func=cmd_report_producers)
