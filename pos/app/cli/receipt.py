"""`otop-pos receipt`: (a copy of) a committed sale's receipt, or a test page, on a printer."""

from __future__ import annotations

import argparse
import sys

from pos.app.cli.common import PRINTER_SPEC_HELP, Commands, db_arg, opened, printing_now
from pos.domain.errors import ShopError
from pos.domain.settings import Settings


def cmd_receipt(args: argparse.Namespace, settings: Settings) -> int:
    """Print (a copy of) a committed sale's receipt, or a printer test page, on a printer."""
    from dataclasses import replace as _replace

    from printing.printer import EscPosPrinter, receipt_image, save_png
    from printing.spec import parse_spec

    spec = parse_spec(
        args.printer,
        settings,
        mode=args.mode,
        codepage=args.codepage,
        paper_mm=args.paper,
        status_check=False if args.no_status else None,
    )
    printer = EscPosPrinter()
    if args.test_page:
        if spec.png is not None:
            from printing.document import printer_test_page
            from printing.escpos_job import render_body

            p = spec.profile
            page = printer_test_page(settings, p.mode, p.codepage, p.paper_mm)
            save_png(render_body(page, p), spec.png)
            print(f"test page: {spec.png}", file=sys.stderr)
            return 0
        with printing_now("the test page", "หน้าทดสอบ"):
            printer.print_test_page(settings, spec.profile)
        print(f"test page sent to {spec.profile.describe()}", file=sys.stderr)
        return 0
    if not args.receipt_no:
        raise ShopError("Give a receipt number (or --test-page)", "กรุณาระบุเลขที่ใบเสร็จ")
    with opened(args, settings) as services, services.store.uow() as read:
        receipt = read.sales.receipt(args.receipt_no)
    if receipt is None:
        raise ShopError(f"No receipt {args.receipt_no}", f"ไม่พบใบเสร็จเลขที่ {args.receipt_no}")
    receipt = _replace(receipt, copy=not args.original)
    if spec.png is not None:
        save_png(receipt_image(receipt, settings, spec.profile), spec.png)
        print(f"receipt {receipt.receipt_no}: {spec.png}", file=sys.stderr)
        return 0
    with printing_now(f"receipt {receipt.receipt_no}", f"ใบเสร็จ {receipt.receipt_no}"):
        printer.print_receipt(receipt, settings, spec.profile, open_drawer=False)
    print(f"receipt {receipt.receipt_no} sent to {spec.profile.describe()}", file=sys.stderr)
    return 0


def add_commands(sub: Commands) -> None:
    rc = sub.add_parser(
        "receipt",
        help="print a receipt (a copy) or a test page on a printer",
        description="Print a committed sale's receipt, marked สำเนา / COPY unless --original.",
    )
    db_arg(rc)
    rc.add_argument("receipt_no", nargs="?", help="receipt number, e.g. KK01-00000123")
    rc.add_argument("--printer", required=True, metavar="SPEC", help=PRINTER_SPEC_HELP)
    rc.add_argument("--mode", choices=("raster", "text"), help="raster image or CP874 text")
    rc.add_argument("--codepage", type=int, help="the printer's Thai code page (ESC t n)")
    rc.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    rc.add_argument("--original", action="store_true", help="do not mark it as a copy")
    rc.add_argument(
        "--no-status",
        action="store_true",
        help="do not ask the printer for its status first (DLE EOT): for printers that never "
        "answer it, as the printer profile's status_check = false",
    )
    rc.add_argument("--test-page", action="store_true", help="print the printer test page")
    rc.set_defaults(func=cmd_receipt)
