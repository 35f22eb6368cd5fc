"""`otop-pos sales export`: sale lines as CSV, for a span of Bangkok days."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from pos.app.cli.common import Commands, db_arg, opened, parse_day, text_out
from pos.domain.settings import Settings
from pos.domain.shop_time import day_start_utc


def cmd_sales_export(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.reports import export_sales_csv

    first = parse_day(args.date_from, "--from")
    last = parse_day(args.date_to, "--to")
    start = None if first is None else day_start_utc(first)
    # --to is inclusive
    end = None if last is None else day_start_utc(last + timedelta(days=1))
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
