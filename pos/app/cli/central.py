"""`otop-pos central init`: the central PostgreSQL database and the counters' role."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands
from pos.domain.settings import Settings


def cmd_central_init(args: argparse.Namespace, settings: Settings) -> int:
    from db.central import CentralShop, init_central
    from db.engine import make_engine

    engine = make_engine(args.url)
    try:
        init_central(
            engine,
            CentralShop(
                code=args.shop_code,
                name_th=settings.shop_name_th,
                name_en=settings.shop_name_en,
                tax_id=settings.tax_id or None,
                branch=settings.branch,
                address_th=settings.address_th,
            ),
            role=args.role,
            password=args.counter_password,
        )
    finally:
        engine.dispose()
    print(f"central database ready; counters connect as role {args.role}")
    return 0


def add_commands(sub: Commands) -> None:
    central = sub.add_parser("central", help="the central PostgreSQL database")
    csub = central.add_subparsers(dest="central_command", required=True)
    init = csub.add_parser(
        "init",
        help="create or migrate the central schema and the counters' role (idempotent)",
    )
    init.add_argument("--url", required=True, help="postgresql:// URL of an administrator")
    init.add_argument("--role", default="otop_counter", help="the counters' role")
    init.add_argument("--counter-password", help="set the counters' role password")
    init.add_argument("--shop-code", default="KKOTOP", help="the shop's code")
    init.set_defaults(func=cmd_central_init)
