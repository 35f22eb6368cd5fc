"""`otop-pos sync`: one sync round with the central database."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.errors import ShopError
from pos.domain.settings import Settings


def _central_url(args: argparse.Namespace, settings: Settings) -> str:
    url = getattr(args, "central", None) or settings.central_url
    if not url:
        raise ShopError(
            "No central database: give --central URL or set central_url in the settings",
            "ยังไม่ได้ตั้งฐานข้อมูลกลาง: ระบุ --central URL หรือ central_url ในค่าตั้ง",
        )
    return str(url)


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app.bootstrap import sync_service

    url = _central_url(args, settings)
    with opened(args, settings) as services:
        service = sync_service(services.store, url)
        try:
            r = service.sync_once()
        finally:
            service.close()
    print(
        f"sent {r.pushed} sale(s) in {r.batches} batch(es); received {r.pulled} catalogue "
        f"change(s), {r.tombstones} deletion(s), stock of {r.stock_rows} product(s); "
        f"{r.pending} waiting; catalogue at change {r.catalog_seq}"
    )
    return 0


def add_commands(sub: Commands) -> None:
    sync = sub.add_parser("sync", help="one sync round: send sales, receive the catalogue")
    db_arg(sync)
    sync.add_argument("--central", help="postgresql:// URL (default: central_url setting)")
    sync.set_defaults(func=cmd_sync)
