"""`otop-pos sales export`: sale lines as CSV, for a span of Bangkok days."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time, timedelta

from pos.app.cli.common import Commands, db_arg, opened, parse_day, text_out
from pos.domain.settings import Settings

BANGKOK = timedelta(hours=7)


def _midnight(day: date | None) -> datetime | None:
    """The UTC instant of a Bangkok day's midnight."""
    if day is None:
        return None
    return datetime.combine(day, time(0), tzinfo=UTC) - BANGKOK


def cmd_sales_export(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.reports import export_sales_csv

    start = _midnight(parse_day(args.date_from, "--from"))
    end = _midnight(parse_day(args.date_to, "--to"))
    if end is not None:
        end += timedelta(days=1)  # --to is inclusive
    with opened(args, settings) as services, text_out(args.output) as out:
        n = export_sales_csv(services.store.uow, out, start, end)
    print(f"exported {n} sale lines", file=sys.stderr)
    return 0


def add_commands(sub: Commands) -> None:
    sales = sub.add_parser("sales", help="sales tools")
    ssub = sales.add_subparsers(dest="sales_command", required=True)
    sexp = ssub.add_parser("export", help="write sale lines as CSV")
    db_arg(sexp)
    sexp.add_argument("--from", dest="date_from", help="first day (YYYY-MM-DD, Bangkok)")
    sexp.add_argument("--to", dest="date_to", help="last day, inclusive")
    sexp.add_argument("-o", "--output", help="CSV file (default: standard output)")
    sexp.set_defaults(func=cmd_sales_export)
