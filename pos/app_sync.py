"""Composition root of the central sync: `central init`, `terminal register`, `sync`."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock

if TYPE_CHECKING:
    from pos.app import Store
    from pos.services.sync import SyncService

log = logging.getLogger(__name__)


def _central_url(args: argparse.Namespace, settings: Settings) -> str:
    url = getattr(args, "central", None) or settings.central_url
    if not url:
        raise ShopError(
            "No central database: give --central URL or set central_url in the settings",
            "ยังไม่ได้ตั้งฐานข้อมูลกลาง: ระบุ --central URL หรือ central_url ในค่าตั้ง",
        )
    return str(url)


def sync_service(store: Store, central_url: str) -> SyncService:
    """The sync service of an open store (the till's background loop uses the same)."""
    from db.engine import make_engine
    from db.sync import CentralSync
    from pos.services.sync import SyncService

    central = make_engine(central_url, connect_args={"connect_timeout": 5})
    transport = CentralSync(store.engine, central, store.terminal.terminal_id)
    return SyncService(transport, SystemClock())


def first_pull(store: Store, central_url: str) -> bool:
    """A new counter's catalogue, prices, users and stock from the central database.

    False (and logged) when the central server cannot be reached: the till then opens with
    no catalogue, never the demo one, and its background sync pulls it once it answers.
    """
    from pos.domain.errors import CentralUnavailable

    service = sync_service(store, central_url)
    try:
        result = service.sync_once()
    except CentralUnavailable as exc:
        log.warning("first start: no catalogue from the central database yet: %s", exc)
        return False
    finally:
        service.close()
    log.info("first start: %d catalogue rows from the central database", result.pulled)
    return True


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


def cmd_terminal_register(args: argparse.Namespace, settings: Settings) -> int:
    from db.central import register_terminal
    from db.engine import make_engine
    from db.sync import adopt_registration
    from pos.app import open_store

    store = open_store(args.db, settings)
    central = make_engine(args.central, connect_args={"connect_timeout": 5})
    try:
        reg = register_terminal(
            central,
            store.terminal.terminal_id,
            args.name,
            args.pos_id if args.pos_id is not None else store.terminal.pos_id,
            args.shop_code,
            args.prefix_base,
        )
        adopt_registration(store.engine, reg.terminal_id, reg.name, reg.pos_id, reg.receipt_prefix)
    finally:
        central.dispose()
        store.close()
    print(
        f"terminal {reg.terminal_id}: name {reg.name}, receipt prefix {reg.receipt_prefix}, "
        f"POS ID {reg.pos_id or '-'}"
    )
    return 0


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app import open_store

    url = _central_url(args, settings)
    store = open_store(args.db, settings)
    service = sync_service(store, url)
    try:
        r = service.sync_once()
    finally:
        service.close()
        store.close()
    print(
        f"sent {r.pushed} sale(s) in {r.batches} batch(es); received {r.pulled} catalogue "
        f"change(s), {r.tombstones} deletion(s), stock of {r.stock_rows} product(s); "
        f"{r.pending} waiting; catalogue at change {r.catalog_seq}"
    )
    return 0


def add_sync_commands(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    db_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
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

    term = sub.add_parser("terminal", help="this counter's identity")
    tsub = term.add_subparsers(dest="terminal_command", required=True)
    reg = tsub.add_parser(
        "register", help="register this counter centrally: UUID, receipt prefix, POS ID"
    )
    db_arg(reg)
    reg.add_argument("--central", required=True, help="postgresql:// URL (the counter role)")
    reg.add_argument("--name", required=True, help="the counter's name, e.g. 'Counter 2'")
    reg.add_argument("--pos-id", help="Revenue Department POS ID (default: keep the local one)")
    reg.add_argument("--shop-code", default="KKOTOP", help="the shop's code")
    reg.add_argument("--prefix-base", default="KK", help="receipt prefix letters")
    reg.set_defaults(func=cmd_terminal_register)

    sync = sub.add_parser("sync", help="one sync round: send sales, receive the catalogue")
    db_arg(sync)
    sync.add_argument("--central", help="postgresql:// URL (default: central_url setting)")
    sync.set_defaults(func=cmd_sync)
