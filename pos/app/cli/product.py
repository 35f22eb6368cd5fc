"""`otop-pos product add|edit|deactivate|reactivate`: the back office's products, scripted.

The same service as the back-office window (the same checks, the same audit), the actor from
`--user NAME --pin PIN`; a refused value is its message in English and Thai, exit 2.
`--web-buffer N` keeps N pieces of the product back from the web shop (`shop`: the shop's
setting again).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import Services
    from pos.domain.auth import Actor
    from pos.ports.products import ProductRecord
    from pos.services.products import ProductDraft

SHOP_BUFFER = "shop"  # --web-buffer shop: the product follows the shop's setting again


def _actor(services: Services, args: argparse.Namespace) -> Actor:
    return services.auth.login(args.user, args.pin)


def _changed(draft: ProductDraft, args: argparse.Namespace) -> ProductDraft:
    """`draft` with every field the command line gives."""
    given = {
        "name_th": args.name_th, "name_en": args.name_en, "category": args.category,
        "producer": args.producer, "price": args.price, "unit_th": args.unit_th,
        "unit_en": args.unit_en, "story_th": args.story_th, "story_en": args.story_en,
        "story_url": args.story_url, "photo": args.photo, "commission_pct": args.commission,
        "stars": args.stars, "star_year": args.star_year,
    }  # fmt: skip
    draft = replace(draft, **{k: v for k, v in given.items() if v is not None})
    if args.sold_by is not None:
        draft = replace(draft, sold_by=args.sold_by)
    if args.vat_exempt is not None:
        draft = replace(draft, vat_exempt=args.vat_exempt == "yes")
    if args.web_buffer is not None:  # "shop": back to the shop's setting
        buffer = "" if args.web_buffer.strip().lower() == SHOP_BUFFER else args.web_buffer
        draft = replace(draft, web_safety_buffer=buffer)
    return draft


def _report(product: ProductRecord, verb: str) -> None:
    codes = " ".join(product.barcodes) or "-"
    print(f"{verb} {product.sku}: {product.price:,.2f} baht, barcodes {codes} / "
          f"{product.name_th} {product.price:,.2f} บาท", file=sys.stderr)  # fmt: skip
    if product.web_safety_buffer is not None:
        print(f"{product.web_safety_buffer} piece(s) kept back from the web shop / "
              f"กันไว้ไม่ขายออนไลน์ {product.web_safety_buffer} ชิ้น", file=sys.stderr)  # fmt: skip
    print(f"{product.sku}\t{codes}")


def cmd_product_add(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.products import ProductDraft

    with opened(args, settings) as services:
        actor = _actor(services, args)
        products = services.products
        codes = tuple(args.barcode or ())
        if not codes:  # no barcode of its own: the shop's next in-store code
            codes = (products.new_in_store_code(),)
        draft = _changed(ProductDraft(sku=args.sku, barcodes=codes), args)
        product = products.add(actor, draft)
    _report(product, "added")
    return 0


def cmd_product_edit(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.products import draft_of

    with opened(args, settings) as services:
        actor = _actor(services, args)
        products = services.products
        draft = _changed(draft_of(products.get(args.sku)), args)
        codes = [c for c in draft.barcodes if c not in (args.remove_barcode or ())]
        codes += [c for c in (args.barcode or ()) if c not in codes]
        if args.new_in_store_code:
            codes.append(products.new_in_store_code())
        product = products.edit(actor, args.sku, replace(draft, barcodes=tuple(codes)))
    _report(product, "saved")
    return 0


def cmd_product_active(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        actor = _actor(services, args)
        product = services.products.set_active(actor, args.sku, args.active)
    _report(product, "on sale" if product.active else "deactivated")
    return 0


def _who(parser: argparse.ArgumentParser) -> None:
    db_arg(parser)
    parser.add_argument("--user", required=True, help="who makes the change (a manager or admin)")
    parser.add_argument("--pin", required=True, help="their PIN")


def _fields(parser: argparse.ArgumentParser, *, new: bool) -> None:
    parser.add_argument("--name-th", required=new, help="the Thai name")
    parser.add_argument("--name-en", required=new, help="the English name")
    parser.add_argument("--price", required=new, help="price in baht, VAT included (> 0)")
    parser.add_argument("--category", required=new, help="a category code (e.g. textile)")
    parser.add_argument("--producer", required=new, help="a producer's code")
    parser.add_argument("--weight", dest="sold_by", action="store_const", const="weight",
                        help="sold by weight (kg)")  # fmt: skip
    parser.add_argument("--piece", dest="sold_by", action="store_const", const="unit",
                        help="sold by the piece (the default)")  # fmt: skip
    parser.add_argument("--unit-th", help="the unit in Thai (default ชิ้น, or กก. by weight)")
    parser.add_argument("--unit-en", help="the unit in English (default piece, or kg)")
    parser.add_argument("--vat-exempt", choices=("yes", "no"), help="VAT-exempt goods")
    parser.add_argument("--barcode", action="append", metavar="CODE",
                        help="an EAN-13/EAN-8/UPC-A code (repeat for several)")  # fmt: skip
    parser.add_argument("--story-th", help="the product's story in Thai")
    parser.add_argument("--story-en", help="the product's story in English")
    parser.add_argument("--story-url", help="its story page (http:// or https://)")
    parser.add_argument("--photo", help="a picture file (resized and kept in the data folder)")
    parser.add_argument("--commission", help="consignment commission %% (0-100)")
    parser.add_argument("--stars", help="OTOP stars (1-5)")
    parser.add_argument("--star-year", help="the year of the stars (C.E. or B.E.)")
    parser.add_argument("--web-buffer", metavar="N",
                        help="pieces never offered on the web shop (0-10000; 'shop': the "
                             "shop's setting web_safety_buffer, the default)")  # fmt: skip


def add_commands(sub: Commands) -> None:
    product = sub.add_parser("product", help="add, edit, deactivate products (a manager)")
    psub = product.add_subparsers(dest="product_command", required=True)
    add = psub.add_parser(
        "add", help="add a product (no --barcode: the shop's next in-store code, printed)"
    )
    add.add_argument("--sku", required=True, help="the product's SKU (A-Z, 0-9, - _ .)")
    _fields(add, new=True)
    _who(add)
    add.set_defaults(func=cmd_product_add)
    edit = psub.add_parser("edit", help="change a product's fields (a new price is kept)")
    edit.add_argument("sku")
    _fields(edit, new=False)
    edit.add_argument("--remove-barcode", action="append", metavar="CODE",
                      help="take this code off the product")  # fmt: skip
    edit.add_argument("--new-in-store-code", action="store_true",
                      help="give it the shop's next in-store code")  # fmt: skip
    _who(edit)
    edit.set_defaults(func=cmd_product_edit)
    for name, active, text in (
        ("deactivate", False, "take a product off sale (never deleted)"),
        ("reactivate", True, "put a deactivated product on sale again"),
    ):
        cmd = psub.add_parser(name, help=text)
        cmd.add_argument("sku")
        _who(cmd)
        cmd.set_defaults(func=cmd_product_active, active=active)
