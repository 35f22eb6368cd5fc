"""Composition root of gift baskets for the manager: `basket list|assemble|disassemble`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pos.domain.errors import CartError
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app import Store
    from pos.services.baskets import Baskets


def _baskets(args: argparse.Namespace, settings: Settings) -> tuple[Store, Baskets]:
    from pos.app import open_store

    store = open_store(args.db, settings)
    return store, store.baskets()


def _template_id(baskets: Baskets, code: str) -> str:
    for choice in baskets.choices():
        if choice.template.code == code:
            return choice.template.template_id
    raise CartError(f"No basket template {code}", f"ไม่พบตะกร้ารหัส {code}")


def cmd_basket_list(args: argparse.Namespace, settings: Settings) -> int:
    store, baskets = _baskets(args, settings)
    try:
        for c in baskets.choices():
            t = c.template
            season = "" if c.active else f"  (sells {t.active_from} to {t.active_to})"
            print(
                f"{t.code:<12} {t.barcode or '-':<13} {c.price:>10,.2f}  "
                f"can make {c.can_make:>4}  ready {c.ready:>4,.0f}  {t.name_th}{season}"
            )
    finally:
        store.close()
    return 0


def cmd_basket_assemble(args: argparse.Namespace, settings: Settings) -> int:
    store, baskets = _baskets(args, settings)
    try:
        ready = baskets.assemble(_template_id(baskets, args.code), args.count)
        print(f"assembled {args.count} x {args.code}: ready-made {ready.sku}, "
              f"barcode {ready.barcode or '-'}")
    finally:
        store.close()
    return 0


def cmd_basket_disassemble(args: argparse.Namespace, settings: Settings) -> int:
    store, baskets = _baskets(args, settings)
    try:
        baskets.disassemble(_template_id(baskets, args.code), args.count)
        print(f"took apart {args.count} x {args.code}: components back in stock")
    finally:
        store.close()
    return 0


def add_basket_commands(
    sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]
) -> None:
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
        sp.add_argument("count", type=int, help="how many baskets")
        sp.set_defaults(func=func)
