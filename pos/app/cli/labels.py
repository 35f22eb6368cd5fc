"""`otop-pos labels`: shelf labels as a PDF to print, or the labels window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.labels import (
    A4_MM,
    BUILTIN_TEMPLATES,
    DEFAULT_TEMPLATE,
    LabelError,
    LabelQuery,
    LabelTemplate,
    custom_template,
    parse_sku_copies,
    template_by_name,
)
from pos.domain.settings import Settings

MAX_MM = 2000.0  # no sheet or roll of labels is 2 m across


def _numbers(text: str, count: int, what: str, sep: str = ",") -> tuple[float, ...]:
    """`count` sizes in mm, each a plain number from 0 to MAX_MM (not nan, inf or 1e308)."""
    try:
        values = tuple(float(v) for v in text.replace("x", sep).split(sep))
    except ValueError:
        values = ()
    if len(values) == 1 and count > 1:
        values = values * count
    shown = repr(text[:40])
    if len(values) != count:
        raise LabelError(
            f"{what} {shown}: give {count} numbers in mm",
            f"{what} {shown}: ใส่ตัวเลข {count} ค่า (มม.)",
        )
    if not all(0 <= v <= MAX_MM for v in values):  # false for nan too
        raise LabelError(
            f"{what} {shown}: each size must be from 0 to {MAX_MM:,.0f} mm",
            f"{what} {shown}: แต่ละขนาดต้องอยู่ระหว่าง 0 ถึง {MAX_MM:,.0f} มม.",
        )
    return values


def template_from_args(args: argparse.Namespace) -> LabelTemplate:
    """--template NAME, or --template custom with --rows/--cols/--margins/--gaps/..."""
    name = (args.template or DEFAULT_TEMPLATE).strip().casefold()
    if name != "custom":
        return template_by_name(name)
    if not args.rows or not args.cols:
        raise LabelError(
            "A custom template needs --rows and --cols", "แบบฉลากกำหนดเองต้องระบุ --rows และ --cols"
        )
    top, right, bottom, left = _numbers(args.margins or "0", 4, "--margins")
    gap_x, gap_y = _numbers(args.gaps or "0", 2, "--gaps")
    page = _numbers(args.page, 2, "--page", "x") if args.page else A4_MM
    size = _numbers(args.label_size, 2, "--label-size", "x") if args.label_size else None
    return custom_template(
        args.rows,
        args.cols,
        margins=(top, right, bottom, left),
        gaps=(gap_x, gap_y),
        page=(page[0], page[1]),
        label_size=None if size is None else (size[0], size[1]),
    )


def query_from_args(args: argparse.Namespace) -> tuple[LabelQuery, dict[str, int]]:
    picked = [
        args.all,
        bool(args.sku),
        args.changed,
        args.new,
        bool(args.search),
        bool(args.category),
        bool(args.producer),
        bool(args.district),
    ]
    if not any(picked):
        raise LabelError(
            "Say what to label: --all, --sku SKU..., --changed, --new, --search, --category, "
            "--producer or --district",
            "ระบุสินค้าที่จะพิมพ์ฉลาก: --all, --sku, --changed, --new, --search, --category, "
            "--producer หรือ --district",
        )
    if args.all and sum(picked) > 1:
        raise LabelError("--all cannot be combined with a filter", "--all ใช้ร่วมกับตัวกรองอื่นไม่ได้")
    sku_copies: dict[str, int] = {}
    skus: list[str] = []
    for item in args.sku or ():
        sku, n = parse_sku_copies(item, args.copies)
        if sku not in sku_copies:
            skus.append(sku)
        sku_copies[sku] = n
    query = LabelQuery(
        text=args.search or "",
        category=args.category,
        producer=args.producer,
        district=args.district,
        skus=tuple(skus),
        changed=args.changed,
        new=args.new,
    )
    return query, sku_copies


def cmd_labels_window(args: argparse.Namespace, settings: Settings) -> int:
    from ui.labels_window import run_labels

    with opened(args, settings) as services:
        return run_labels(
            services.label_desk, language=args.lang or settings.language, auth=services.auth
        )


def cmd_labels(args: argparse.Namespace, settings: Settings) -> int:
    if args.window:
        return cmd_labels_window(args, settings)
    if args.list_templates:
        for t in BUILTIN_TEMPLATES.values():
            print(f"{t.name:12} {t.title_en}: {t.description}")
        print("roll-WxH     any roll label size in mm, e.g. roll-40x25")
        print(
            "custom       --rows R --cols C [--margins T,R,B,L] [--gaps X,Y] "
            "[--label-size WxH] [--page WxH]"
        )
        return 0
    if not args.output:
        raise LabelError("Say where to write the PDF: -o FILE.pdf", "ระบุไฟล์ PDF: -o FILE.pdf")
    template = template_from_args(args)
    query, sku_copies = query_from_args(args)

    from pos.services.catalog import assign_in_store_codes
    from pos.services.labels import (
        find_labels,
        placeholder_warning,
        preview_labels,
        print_labels,
    )
    from printing.labels import PdfLabelRenderer

    with opened(args, settings) as services:
        store = services.store
        if args.assign_codes:
            assigned = assign_in_store_codes(store.uow, settings.in_store_prefix)
            print(f"assigned {len(assigned)} in-store barcode(s)", file=sys.stderr)
        items = find_labels(store.uow, settings, query, copies=args.copies, sku_copies=sku_copies)
        if not items:
            print("no product matches: nothing printed", file=sys.stderr)
            return 1
        warning = placeholder_warning(items)
        if warning:
            print(f"\n{'!' * 72}\n{warning}\n{'!' * 72}\n", file=sys.stderr)
        out = Path(args.output)
        tmp = out.with_name(out.name + ".part")
        renderer = PdfLabelRenderer(outline=args.outline, links=args.links)
        with open(tmp, "wb") as fh:
            if args.no_log:
                rendered = preview_labels(renderer, items, template, fh, start=args.start)
                count, pages, note = rendered.labels, rendered.pages, "not logged"
            else:
                printed = print_labels(
                    store.uow, renderer, services.clock, items, template, fh, start=args.start
                )
                count, pages = printed.labels, printed.pages
                note = f"batch {printed.batch.batch_id}"
        os.replace(tmp, out)
    print(
        f"{count} label(s) of {len(items)} product(s) on {pages} page(s) "
        f"[{template.name}] -> {out} ({note})"
    )
    return 0


def add_commands(sub: Commands) -> None:
    labels = sub.add_parser(
        "labels",
        help="print shelf labels to PDF",
        description="Shelf labels with price, barcode and story QR code, as a PDF to print.",
    )
    db_arg(labels)
    pick = labels.add_argument_group("what to label (at least one; filters combine)")
    pick.add_argument("--all", action="store_true", help="every active product")
    pick.add_argument("--sku", nargs="+", metavar="SKU[:N]", help="these SKUs (N copies each)")
    pick.add_argument(
        "--changed", action="store_true", help="prices changed since their last label"
    )
    pick.add_argument("--new", action="store_true", help="products never labelled")
    pick.add_argument("--search", metavar="TEXT", help="SKU, barcode or name contains TEXT")
    pick.add_argument("--category", help="OTOP category: food, beverage, textile, ...")
    pick.add_argument("--producer", metavar="CODE", help="producer code")
    pick.add_argument("--district", help="producer's district (Thai or English)")
    sheet = labels.add_argument_group("sheet")
    sheet.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        help=f"{', '.join(BUILTIN_TEMPLATES)}, roll-WxH or custom (default {DEFAULT_TEMPLATE})",
    )
    sheet.add_argument("--start", type=int, default=1, help="first free position on the sheet")
    sheet.add_argument("--copies", type=int, default=1, help="copies of each label")
    sheet.add_argument("--rows", type=int, help="custom: rows")
    sheet.add_argument("--cols", type=int, help="custom: columns")
    sheet.add_argument("--margins", help="custom: top,right,bottom,left in mm")
    sheet.add_argument("--gaps", help="custom: horizontal,vertical gap in mm")
    sheet.add_argument("--label-size", help="custom: WxH in mm (default: fill the page)")
    sheet.add_argument("--page", help="custom: page WxH in mm (default A4)")
    sheet.add_argument("--outline", action="store_true", help="draw label edges (plain paper)")
    sheet.add_argument("--links", action="store_true", help="make QR codes clickable in the PDF")
    labels.add_argument("-o", "--output", metavar="FILE.pdf", help="the PDF to write")
    labels.add_argument(
        "--assign-codes",
        action="store_true",
        help="first give unit-sold products without a barcode an in-store EAN-13",
    )
    labels.add_argument(
        "--no-log", action="store_true", help="a test print: do not record it in the print log"
    )
    labels.add_argument("--list-templates", action="store_true", help="list the sheet templates")
    labels.add_argument(
        "--window", action="store_true", help="open the labels window (choose, preview, print)"
    )
    labels.set_defaults(func=cmd_labels)
