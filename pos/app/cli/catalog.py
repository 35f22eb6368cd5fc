"""`otop-pos catalog export|import`: the catalogue as CSV."""

from __future__ import annotations

import argparse
import sys

from pos.app.cli.common import Commands, db_arg, opened, text_out
from pos.domain.errors import ShopError
from pos.domain.settings import Settings


def cmd_catalog_export(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.catalog import export_csv

    with opened(args, settings) as services, text_out(args.output) as out:
        n = export_csv(services.store.uow, out)
    print(f"exported {n} products", file=sys.stderr)
    return 0


def cmd_catalog_import(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app.cli.sync import refuse_local_catalogue
    from pos.services.catalog import import_csv

    with opened(args, settings) as services:
        store = services.store
        refuse_local_catalogue(store)
        try:
            with open(args.file, encoding="utf-8-sig", newline="") as source:
                n = import_csv(store.uow, source, store.terminal.terminal_id)
        except UnicodeDecodeError:
            # e.g. Thai Excel's plain "CSV" is Windows-874, not UTF-8
            raise ShopError(
                f"{args.file} is not UTF-8 text: save it as 'CSV UTF-8'; nothing imported",
                f"ไฟล์ {args.file} ไม่ใช่ UTF-8 กรุณาบันทึกเป็น 'CSV UTF-8' ไม่ได้นำเข้าข้อมูลใดเลย",
            ) from None
    print(f"imported {n} products")
    return 0


def add_commands(sub: Commands) -> None:
    catalog = sub.add_parser("catalog", help="catalogue import and export")
    csub = catalog.add_subparsers(dest="catalog_command", required=True)
    exp = csub.add_parser("export", help="write the catalogue as CSV")
    db_arg(exp)
    exp.add_argument("-o", "--output", help="CSV file (default: standard output)")
    exp.set_defaults(func=cmd_catalog_export)
    imp = csub.add_parser("import", help="import a CSV: all rows or none")
    db_arg(imp)
    imp.add_argument("file")
    imp.set_defaults(func=cmd_catalog_import)
