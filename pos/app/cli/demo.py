"""`otop-pos demo`: the demo store, and demo sales over past days."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import Services


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings, create=True) as services:  # the one command that makes one
        store = services.store
        if store.is_empty():
            n = services.load_demo(args.products or 0)
            print(f"demo store: {n} products")
        elif args.products:
            print("the store already has a catalogue; --products adds nothing", file=sys.stderr)
        _demo_room(services)
        if args.sales:
            from pos.services.demo import demo_sales

            demo_sales(services.checkout, store.uow, args.sales, args.days, seed=args.seed)
            print(f"demo sales: {args.sales} over {args.days} day(s)")
    return 0


def _demo_room(services: Services) -> None:
    """The demo centre's co-working room, as `otop-pos rooms demo` makes it (the demo
    manager makes it; a store whose manager has another PIN is left as it is)."""
    from pos.domain.errors import ShopError

    if services.rooms.rooms():
        return  # made already (or the shop has its own)
    try:
        manager = services.auth.login("manager", "9999")
        room = services.rooms.ensure_demo_room(manager)
    except ShopError as exc:
        print(f"no demo room: {exc.message('en')}", file=sys.stderr)
        return
    print(f"demo room: {room.code} {room.name_th}, {room.capacity} seats")


def add_commands(sub: Commands) -> None:
    demo = sub.add_parser("demo", help="create the demo store; add demo sales")
    db_arg(demo)
    demo.add_argument("--products", type=int, default=0, help="add N synthetic products")
    demo.add_argument("--sales", type=int, default=0, help="ring up N demo sales")
    demo.add_argument("--days", type=int, default=30, help="spread the sales over D days")
    demo.add_argument("--seed", type=int, default=11, help=argparse.SUPPRESS)
    demo.set_defaults(func=cmd_demo)
