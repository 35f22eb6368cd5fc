"""`otop-pos basket list|assemble|disassemble|label|card`: gift baskets for the manager."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened, printing_now
from pos.domain.errors import CartError
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.services.baskets import Baskets


def _template_id(baskets: Baskets, code: str) -> str:
    for choice in baskets.choices():
        if choice.template.code == code:
            return choice.template.template_id
    raise CartError(f"No basket template {code}", f"ไม่พบตะกร้ารหัส {code}")


MAX_BASKETS = 10_000  # one assembly order; more is a typing mistake


def _count(text: str) -> int:
    """A count of baskets to make or take apart: a whole number from 1 to MAX_BASKETS."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 6) or not (
        1 <= int(digits) <= MAX_BASKETS
    ):
        raise argparse.ArgumentTypeError(
            f"{text[:24]!r} is not a whole number from 1 to {MAX_BASKETS:,} "
            f"/ ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {MAX_BASKETS:,}"
        )
    return int(digits)


def cmd_basket_list(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        for c in services.baskets.choices():
            t = c.template
            season = "" if c.active else f"  (sells {t.active_from} to {t.active_to})"
            print(
                f"{t.code:<12} {t.barcode or '-':<13} {c.price:>10,.2f}  "
                f"can make {c.can_make:>4}  ready {c.ready:>4,.0f}  {t.name_th}{season}"
            )
    return 0


def cmd_basket_assemble(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        baskets = services.baskets
        ready = baskets.assemble(_template_id(baskets, args.code), args.count)
        print(
            f"assembled {args.count} x {args.code}: ready-made {ready.sku}, "
            f"barcode {ready.barcode or '-'}"
        )
    return 0


def cmd_basket_disassemble(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        baskets = services.baskets
        baskets.disassemble(_template_id(baskets, args.code), args.count)
        print(f"took apart {args.count} x {args.code}: components back in stock")
    return 0


def cmd_basket_label(args: argparse.Namespace, settings: Settings) -> int:
    """A template basket's label as PDF: contents, price, barcode, story QR codes."""
    from pos.domain.basket_print import basket_label_data
    from printing.basket_label import render_basket_label

    with opened(args, settings) as services:
        baskets = services.baskets
        template = baskets.template(_template_id(baskets, args.code))
        if not template.barcode and template.ready_product is None:
            baskets.assign_codes()
            template = baskets.template(template.template_id)
        data = basket_label_data(template, settings)
    out = Path(args.output)
    tmp = out.with_name(out.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            pages = render_basket_label(data, fh, args.page, copies=args.copies)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    print(
        f"basket label {data.code} ({len(data.lines)} item(s), barcode {data.barcode}) "
        f"on {pages} page(s) [{args.page}] -> {out}"
    )
    return 0


def cmd_basket_card(args: argparse.Namespace, settings: Settings) -> int:
    """The gift card(s) of a sold basket with a message: to the receipt printer, or a file."""
    from pos.domain.basket_print import gift_cards
    from printing.gift_card import print_gift_cards, save_gift_cards
    from printing.spec import parse_spec

    if not args.output and not args.printer:
        raise CartError(
            "Say where the card goes: --printer SPEC or -o FILE.png",
            "ระบุที่พิมพ์การ์ด: --printer SPEC หรือ -o FILE.png",
        )
    with opened(args, settings) as services, services.store.uow() as read:
        receipt = read.sales.receipt(args.receipt)
    if receipt is None:
        raise CartError(f"No receipt {args.receipt}", f"ไม่พบใบเสร็จเลขที่ {args.receipt}")
    cards = gift_cards(receipt, settings)
    spec = parse_spec(args.printer or f"png:{args.output}", settings, paper_mm=args.paper)
    if args.output:
        path = save_gift_cards(cards, spec.profile, Path(args.output))
        print(f"{len(cards)} gift card(s) of {receipt.receipt_no} -> {path}", file=sys.stderr)
        return 0
    if spec.png is not None:
        save_gift_cards(cards, spec.profile, spec.png)
        print(f"{len(cards)} gift card(s) of {receipt.receipt_no} -> {spec.png}", file=sys.stderr)
        return 0
    with printing_now("the gift card", "การ์ดอวยพร"):
        print_gift_cards(cards, spec.profile)
    print(
        f"{len(cards)} gift card(s) of {receipt.receipt_no} sent to {spec.profile.describe()}",
        file=sys.stderr,
    )
    return 0


def add_commands(sub: Commands) -> None:
    basket = sub.add_parser("basket", help="gift baskets: availability, assembly orders")
    bsub = basket.add_subparsers(dest="basket_command", required=True)
    ls = bsub.add_parser("list", help="templates with price, what can be made, ready-made")
    db_arg(ls)
    ls.set_defaults(func=cmd_basket_list)
    for name, func, text in (
        ("assemble", cmd_basket_assemble, "make N ready baskets from component stock"),
        ("disassemble", cmd_basket_disassemble, "take N ready baskets apart"),
    ):
        sp = bsub.add_parser(name, help=text)
        db_arg(sp)
        sp.add_argument("code", help="template code, e.g. GB-NY-01")
        sp.add_argument("count", type=_count, help=f"how many baskets (1-{MAX_BASKETS:,})")
        sp.set_defaults(func=func)
    from printing.spec import SPEC_HELP

    lb = bsub.add_parser("label", help="a basket's label as PDF (contents, price, QR codes)")
    db_arg(lb)
    lb.add_argument("code", help="template code, e.g. GB-NY-01")
    lb.add_argument("-o", "--output", required=True, help="PDF file")
    lb.add_argument(
        "--page", choices=("a6", "roll-100x150", "a4"), default="a6", help="paper (default a6)"
    )
    lb.add_argument("--copies", type=int, default=1, help="one page a copy")
    lb.set_defaults(func=cmd_basket_label)
    card = bsub.add_parser("card", help="the gift card of a sold basket with a message")
    db_arg(card)
    card.add_argument("--receipt", required=True, metavar="RECEIPT_NO", help="e.g. KK01-00000123")
    where = card.add_mutually_exclusive_group(required=True)
    where.add_argument("--printer", metavar="SPEC", help=SPEC_HELP)
    where.add_argument("-o", "--output", help="PNG or PDF file")
    card.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    card.set_defaults(func=cmd_basket_card)
