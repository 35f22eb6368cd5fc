"""`otop-pos report eod|month|tea|messages|producers|target|z`: end-of-day, period, tea
corner, chat messages sent, consignment, target, Z."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pos.app.cli.common import (
    PRINTER_SPEC_HELP,
    Commands,
    checked_suffix,
    db_arg,
    opened,
    parse_day,
    printing_now,
    reports_opened,
    text_out,
)
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.domain.shop_time import buddhist_year, shop_day


def _day(text: str | None, what: str) -> date:
    """The day of an option (default: today in Bangkok)."""
    return parse_day(text, what) or shop_day(datetime.now(UTC))


def _eod_days(args: argparse.Namespace) -> tuple[date, date]:
    """--date DAY, or --from DAY [--to DAY] (inclusive; --to alone: that one day)."""
    if args.date and (args.date_from or args.date_to):
        raise ShopError(
            "Give --date or --from/--to, not both", "ระบุ --date หรือ --from/--to อย่างใดอย่างหนึ่ง"
        )
    if args.date_from or args.date_to:
        first = _day(args.date_from or args.date_to, "--from" if args.date_from else "--to")
        last = _day(args.date_to, "--to") if args.date_to else first
    else:
        first = last = _day(args.date, "--date")
    if last < first:
        raise ShopError("--to is before --from", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น")
    _check_year(first.year)
    _check_year(last.year)  # 9999-12-31: a day whose end in Bangkok no clock can hold
    return first, last


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2200:
        raise ShopError(
            f"{year} is not a year to report (2000-2200, Common Era)",
            f"{year} ไม่ใช่ปีที่รายงานได้ (ค.ศ. 2000-2200)",
        )


def _month_days(text: str | None) -> tuple[date, date]:
    """--month YYYY-MM (default: this month in Bangkok) as its first and last day."""
    if text is None:
        first = shop_day(datetime.now(UTC)).replace(day=1)
    else:
        try:
            year, month = (int(part) for part in text.strip().split("-"))
            _check_year(year)
            first = date(year, month, 1)
        except ValueError:
            raise ShopError(
                f"--month {text!r} is not a month (YYYY-MM, e.g. 2026-11)",
                f"--month {text!r} ไม่ใช่เดือน (ปี-เดือน ค.ศ. เช่น 2026-11)",
            ) from None
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, after - timedelta(days=1)


def cmd_report_month(args: argparse.Namespace, settings: Settings) -> int:
    """The calendar month's sales report: `report eod` from its first day to its last."""
    first, last = _month_days(args.month)
    return _write_eod(args, settings, first, last)


def cmd_report_eod(args: argparse.Namespace, settings: Settings) -> int:
    first, last = _eod_days(args)
    return _write_eod(args, settings, first, last)


def _write_eod(args: argparse.Namespace, settings: Settings, first: date, last: date) -> int:
    from pos.services.eod import eod_report, target_progress, write_eod_csv

    out = Path(args.output)
    kind = checked_suffix(out, ("pdf", "csv", "xlsx"))
    with reports_opened(args, settings) as store:
        report = eod_report(store.uow, first, last=last, terminal=args.terminal)
        target = None
        if settings.yearly_target:
            target = target_progress(store.uow, settings.yearly_target, last.year, last)
    if kind == "csv":
        with text_out(args.output) as f:
            write_eod_csv(report, f)
    elif kind == "xlsx":
        from printing.report_xlsx import write_eod_xlsx

        write_eod_xlsx(report, out, target)
    else:
        from printing.report_pdf import eod_html, write_report_pdf

        title = f"End of day {first.isoformat()}"
        if last != first:
            title = f"Sales report {first.isoformat()} - {last.isoformat()}"
        write_report_pdf(eod_html(report, settings, target), title, out)
    period = first.isoformat() if last == first else f"{first.isoformat()} - {last.isoformat()}"
    channels = ", ".join(f"{c.label.en} {c.receipts} / {c.sales:,.2f}" for c in report.by_channel)
    print(
        f"end of day {period} ({report.counter or 'all counters'}): {report.sales_count} "
        f"receipts, {report.total:,.2f} baht (by channel: {channels}) -> {out}",
        file=sys.stderr,
    )
    return 0


def cmd_report_tea(args: argparse.Namespace, settings: Settings) -> int:
    """The tea corner's sales of a period by item, option and hour: CSV, PDF or text."""
    from pos.services.tea import tea_report

    first, last = _eod_days(args)
    with reports_opened(args, settings) as store:
        report = tea_report(store.uow, first, last)
    if args.output:
        out = Path(args.output)
        kind = checked_suffix(out, ("pdf", "csv"))
        if kind == "csv":
            from pos.domain.csv_safe import csv_writer, safe_row
            from pos.services.eod import EOD_CSV_COLUMNS, tea_csv_rows

            with text_out(args.output) as f:
                w = csv_writer(f)
                w.writerow(EOD_CSV_COLUMNS[:6])
                w.writerows(safe_row(r) for r in tea_csv_rows(report))
        else:
            from printing.report_pdf import tea_report_html, write_report_pdf

            title = f"Tea corner {first.isoformat()} - {last.isoformat()}"
            write_report_pdf(tea_report_html(report, settings), title, out)
    else:
        from printing.report_pdf import tea_report_text

        print(tea_report_text(report))
    print(
        f"tea corner {first.isoformat()} - {last.isoformat()}: {report.orders} orders, "
        f"{report.quantity.normalize():f} drinks, {report.amount:,.2f} baht",
        file=sys.stderr,
    )
    return 0


def cmd_report_messages(args: argparse.Namespace, settings: Settings) -> int:
    """LINE and Facebook messages sent per month: text, or CSV with -o FILE.csv."""
    from pos.services.chat import messages_report

    first = _month_days(args.date_from)[0]
    last = _month_days(args.date_to or args.date_from)[1]
    if last < first:
        raise ShopError("--to is before --from", "เดือนสิ้นสุดอยู่ก่อนเดือนเริ่มต้น")
    with reports_opened(args, settings) as store:
        rows = messages_report(store.uow, first, last)
    table = [(r.month, r.channel.label.en, str(r.sent)) for r in rows]
    if args.output:
        from pos.domain.csv_safe import csv_writer, safe_row

        checked_suffix(Path(args.output), ("csv",))
        with text_out(args.output) as f:
            w = csv_writer(f)
            w.writerow(("month", "channel", "messages_sent"))
            w.writerows(safe_row(r) for r in table)
    else:
        print("\n".join("\t".join(r) for r in table))
    return 0


def cmd_report_producers(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.eod import producer_settlements, write_producers_csv

    out = Path(args.output)
    kind = checked_suffix(out, ("pdf", "csv", "xlsx"))
    last = _day(args.date_to, "--to")  # default: this month, from its first day to today
    first = parse_day(args.date_from, "--from") or last.replace(day=1)
    if last < first:
        raise ShopError("--to is before --from", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น")
    with reports_opened(args, settings) as store:
        rows = producer_settlements(store.uow, first, last)
    if kind == "csv":
        with text_out(args.output) as f:
            write_producers_csv(rows, f)
    elif kind == "xlsx":
        from printing.report_xlsx import write_producers_xlsx

        write_producers_xlsx(rows, first, last, out)
    else:
        from printing.report_pdf import producers_html, write_report_pdf

        title = f"Consignment {first.isoformat()} - {last.isoformat()}"
        write_report_pdf(producers_html(rows, first, last, settings), title, out)
    print(f"{len(rows)} producers -> {out}", file=sys.stderr)
    return 0


def cmd_report_statement(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.stock import producer_statements
    from printing.stock_pdf import (
        STATEMENT_HEADER,
        statement_rows,
        write_statements_pdf,
        write_statements_xlsx,
    )

    out = Path(args.output)
    kind = checked_suffix(out, ("pdf", "csv", "xlsx"))
    last = _day(args.date_to, "--to")
    first = parse_day(args.date_from, "--from") or last.replace(day=1)
    with reports_opened(args, settings) as store:
        statements = producer_statements(store.stock, first, last, args.producer)
    if kind == "csv":
        from pos.domain.csv_safe import csv_writer

        with text_out(args.output) as f:
            w = csv_writer(f)
            w.writerow(STATEMENT_HEADER)
            w.writerows(statement_rows(statements))
    elif kind == "xlsx":
        write_statements_xlsx(statements, out)
    else:
        write_statements_pdf(statements, settings, out)
    unbalanced = [s.producer_code for s in statements if not s.reconciles]
    if unbalanced:  # cannot happen while stock moves only by movements; said if it ever does
        print(f"statements that do not add up: {', '.join(unbalanced)}", file=sys.stderr)
        return 1
    print(f"{len(statements)} producer statement(s) -> {out}", file=sys.stderr)
    return 0


def cmd_report_target(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.eod import target_progress

    today = _day(args.as_of, "--as-of")
    year = today.year if args.year is None else args.year
    _check_year(year)
    as_of = min(today, date(year, 12, 31)) if year >= today.year else date(year, 12, 31)
    with reports_opened(args, settings) as store:
        t = target_progress(store.uow, settings.yearly_target, year, as_of)
    print(f"yearly target {t.year} / เป้ายอดขายปี {buddhist_year(t.year)}")
    print(f"  target / เป้า:                  {t.target:>20,.2f}")
    print(f"  sales to {t.as_of.isoformat()} / ยอดสะสม: {t.to_date:>20,.2f}")
    print(f"  reached / ถึงเป้าแล้ว:           {t.reached_pct:>19}%")
    print(f"  remaining / ยังขาด:              {t.remaining:>20,.2f}")
    print(f"  days left / วันที่เหลือ:          {t.days_left:>20}")
    print(f"  needed per day / ต้องขายต่อวัน:   {t.pace_needed:>20,.2f}")
    for r in t.by_channel:
        print(f"  {r.name}: {r.quantity:,} receipts / บิล, {r.sales:,.2f} ({r.share}%)")
    return 0


def cmd_report_z(args: argparse.Namespace, settings: Settings) -> int:
    """Print a stored Z report again by its number (marked สำเนา / COPY), on a printer or as a
    PNG picture."""
    from printing.printer import EscPosPrinter, save_png
    from printing.shift_report import shift_report_image
    from printing.spec import parse_spec

    if not args.printer and not args.output:
        raise ShopError(
            "Say where the Z report goes: --printer SPEC or -o FILE.png",
            "ระบุที่พิมพ์รายงาน Z: --printer SPEC หรือ -o FILE.png",
        )
    if args.output:
        checked_suffix(Path(args.output), ("png",))
    spec = parse_spec(args.printer or f"png:{args.output}", settings)
    with opened(args, settings) as services, services.store.uow() as read:
        report = read.shifts.z_report(args.number.strip())
    if report is None:
        raise ShopError(f"No Z report {args.number}", f"ไม่พบรายงาน Z เลขที่ {args.number}")
    if spec.png is not None:
        save_png(shift_report_image(report, settings, spec.profile, copy=True), spec.png)
        print(f"Z report {report.document_no}: {spec.png}", file=sys.stderr)
        return 0
    with printing_now(f"Z report {args.number}", f"รายงาน Z {args.number}"):
        EscPosPrinter().print_shift_report(report, settings, spec.profile, copy=True)
    print(f"Z report {report.document_no} sent to {spec.profile.describe()}", file=sys.stderr)
    return 0


def add_commands(sub: Commands) -> None:
    report = sub.add_parser(
        "report", help="end-of-day, period, consignment and target reports (PDF, CSV or XLSX)"
    )
    rsub = report.add_subparsers(dest="report_command", required=True)
    eod = rsub.add_parser(
        "eod", help="a day's or a period's totals, tenders, categories, producers, hours, ..."
    )
    db_arg(eod)
    eod.add_argument("--date", help="the day (YYYY-MM-DD, Bangkok; default today)")
    eod.add_argument("--from", dest="date_from", help="first day of a period (YYYY-MM-DD)")
    eod.add_argument("--to", dest="date_to", help="last day of the period, inclusive")
    eod.add_argument(
        "--terminal",
        help="one counter (name, POS ID or receipt prefix); default all counters in the database",
    )
    eod.add_argument("-o", "--output", required=True, help="FILE.pdf, FILE.csv or FILE.xlsx")
    eod.set_defaults(func=cmd_report_eod)
    month = rsub.add_parser(
        "month", help="a calendar month's report (report eod from its first day to its last)"
    )
    db_arg(month)
    month.add_argument("--month", help="the month (YYYY-MM, Bangkok; default this month)")
    month.add_argument(
        "--terminal", help="one counter (name, POS ID or receipt prefix); default all counters"
    )
    month.add_argument("-o", "--output", required=True, help="FILE.pdf, FILE.csv or FILE.xlsx")
    month.set_defaults(func=cmd_report_month)
    tea = rsub.add_parser("tea", help="the tea corner's sales by item, option and hour")
    db_arg(tea)
    tea.add_argument("--date", help="the day (YYYY-MM-DD, Bangkok; default today)")
    tea.add_argument("--from", dest="date_from", help="first day of a period (YYYY-MM-DD)")
    tea.add_argument("--to", dest="date_to", help="last day of the period, inclusive")
    tea.add_argument("-o", "--output", help="FILE.pdf or FILE.csv (default: text on stdout)")
    tea.set_defaults(func=cmd_report_tea)
    messages = rsub.add_parser("messages", help="LINE and Facebook messages sent per month")
    db_arg(messages)
    messages.add_argument("--from", dest="date_from", help="first month (YYYY-MM; default this)")
    messages.add_argument("--to", dest="date_to", help="last month, inclusive (YYYY-MM)")
    messages.add_argument("-o", "--output", help="FILE.csv (default: text on stdout)")
    messages.set_defaults(func=cmd_report_messages)
    prod = rsub.add_parser("producers", help="consignment settlement per producer for a period")
    db_arg(prod)
    prod.add_argument(
        "--from", dest="date_from", help="first day (YYYY-MM-DD; default the 1st of --to's month)"
    )
    prod.add_argument("--to", dest="date_to", help="last day, inclusive (default today)")
    prod.add_argument("-o", "--output", required=True, help="FILE.pdf, FILE.csv or FILE.xlsx")
    prod.set_defaults(func=cmd_report_producers)
    statement = rsub.add_parser(
        "producer-statement",
        help="per producer: opening, delivered, sold, refunded, returned, adjusted, closing",
    )
    db_arg(statement)
    statement.add_argument("--from", dest="date_from", help="first day (default the 1st)")
    statement.add_argument("--to", dest="date_to", help="last day, inclusive (default today)")
    statement.add_argument("--producer", help="one producer (its code); default all, one batch")
    statement.add_argument("-o", "--output", required=True, help="FILE.pdf, FILE.csv or FILE.xlsx")
    statement.set_defaults(func=cmd_report_statement)
    target = rsub.add_parser("target", help="sales of a year so far against the yearly target")
    db_arg(target)
    target.add_argument("--year", type=int, help="the year (Common Era; default this year)")
    target.add_argument("--as-of", help="count sales up to this day (YYYY-MM-DD; default today)")
    target.set_defaults(func=cmd_report_target)
    z = rsub.add_parser("z", help="print a closed shift's Z report again, by its number")
    db_arg(z)
    z.add_argument("--number", required=True, help="the Z report's number, e.g. Z-KK01-000001")
    where = z.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--printer",
        metavar="SPEC",
        help=PRINTER_SPEC_HELP,
    )
    where.add_argument("-o", "--output", help="FILE.png: the report as the printer prints it")
    z.set_defaults(func=cmd_report_z)
