"""`otop-pos sync`: one sync round with the central database.

Exit codes: 0 when the round worked and central refuses nothing; 2 when it needs the shop's
attention: central refused some sales or refunds (the rest were delivered; each refused one is
printed, no traceback: which receipt, why, what to do; they stay on the counter and are sent
again every round), or central cannot be reached or does not answer within
`sync_round_timeout_s` (a ShopError: a plain message).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.errors import ShopError
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import Store


def _central_url(args: argparse.Namespace, settings: Settings) -> str:
    url = getattr(args, "central", None) or settings.central_url
    if not url:
        raise ShopError(
            "No central database: give --central URL or set central_url in the settings",
            "ยังไม่ได้ตั้งฐานข้อมูลกลาง: ระบุ --central URL หรือ central_url ในค่าตั้ง",
        )
    return str(url)


def refuse_local_catalogue(store: Store) -> None:
    """A counter that takes its catalogue from the central database creates none of its own:
    a product central does not know could be sold but never delivered (docs/SCALING.md)."""
    from db.sync import takes_catalogue_from_central

    if store.engine.dialect.name == "sqlite" and takes_catalogue_from_central(store.engine):
        raise ShopError(
            "This counter takes its catalogue from the central database: import the file "
            "there (catalog import --db CENTRAL_URL); the counter gets it on its next sync. "
            "Nothing imported",
            "เครื่องนี้รับรายการสินค้าจากฐานข้อมูลกลาง ให้นำเข้าไฟล์ที่ฐานข้อมูลกลาง "
            "(catalog import --db CENTRAL_URL) แล้วเครื่องนี้จะได้รับในการซิงก์ครั้งถัดไป "
            "ไม่ได้นำเข้าข้อมูลใดเลย",
        )


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from pos.app.bootstrap import sync_service

    url = _central_url(args, settings)
    with opened(args, settings) as services:
        service = sync_service(services.store, url, settings.sync_round_timeout_s)
        try:
            r = service.sync_once()
            problems = service.problems()
        finally:
            service.close()
    print(
        f"sent {r.pushed} sale(s) in {r.batches} batch(es); received {r.pulled} catalogue "
        f"change(s), {r.tombstones} deletion(s), stock of {r.stock_rows} product(s); "
        f"{r.pending} waiting; catalogue at change {r.catalog_seq}"
    )
    if not problems:
        return 0
    print(f"{len(problems)} refused by the central database (kept here, sent again next round):")
    for p in problems:
        print(f"- {p.reason_en} (tried {p.attempts}x since {p.first_seen[:19]})")
        print(f"  {p.reason_th}")
        print(f"  what to do: {p.advice_en}")
        print(f"  ต้องทำอย่างไร: {p.advice_th}")
    return 2


def add_commands(sub: Commands) -> None:
    sync = sub.add_parser("sync", help="one sync round: send sales, receive the catalogue")
    db_arg(sync)
    sync.add_argument("--central", help="postgresql:// URL (default: central_url setting)")
    sync.set_defaults(func=cmd_sync)
