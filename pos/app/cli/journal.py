"""`otop-pos journal verify`: the tamper-evident journal's hash chain, checked."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.errors import CentralUnavailable, ShopError, StoreUnavailable
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from db.uow import SqlUnitOfWorkFactory


def _z_head(text: str | None) -> tuple[int, str] | None:
    from pos.domain.journal import parse_head

    if text is None:
        return None
    try:
        return parse_head(text)
    except ValueError:
        raise ShopError(
            f"--z-head {text!r} is not a chain head: write it as the Z report prints it, "
            "e.g. 128:3f2a9c1d0b7e5a44",
            f"--z-head {text!r} ไม่ใช่หัวบันทึก: พิมพ์ตามที่รายงาน Z แสดง เช่น 128:3f2a9c1d0b7e5a44",
        ) from None


@contextmanager
def _central(url: str) -> Iterator[SqlUnitOfWorkFactory]:
    """The central database at `url`, for reading this counter's copy of the chain."""
    from db.engine import make_engine
    from db.uow import SqlUnitOfWorkFactory

    engine = make_engine(url, connect_args={"connect_timeout": 5})
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        engine.dispose()


def cmd_journal_verify(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import DBAPIError

    from pos.services.journal import central_copy, verify_journal

    z_head = _z_head(args.z_head)
    url = None if args.no_central else (args.central or settings.central_url or None)
    with opened(args, settings) as services:
        tid = services.store.terminal.terminal_id
        uow = services.store.uow
        theirs = None
        if url:
            from db.sync import as_counter_login

            # as this counter's own login: central shows a counter its own chain only
            with _central(as_counter_login(services.store.engine, url)) as central:
                try:
                    theirs = central_copy(central, tid)
                except (DBAPIError, StoreUnavailable) as exc:
                    why = " ".join(str(getattr(exc, "orig", None) or exc).split())
                    fault = CentralUnavailable(
                        "The central database cannot be read, so this counter's chain was "
                        f"not compared with its copy there: {why}",
                        "อ่านฐานข้อมูลกลางไม่ได้ จึงยังไม่ได้เทียบบันทึกของเครื่องนี้กับสำเนาที่นั่น: " + why,
                    )
                    if args.central:  # asked for by name: no answer is no verification
                        raise fault from None
                    print(f"otop-pos: {fault.message_en}\n          {fault.message_th}",
                          file=sys.stderr)  # fmt: skip
        result = verify_journal(uow, terminal_id=tid, central=theirs, z_head=z_head)
    if result.ok:
        print(f"journal intact: {result.entries} entries / บันทึกครบถ้วน {result.entries} รายการ")
        for line in result.anchored:
            print(f"  {line}")
        return 0
    first = result.first
    assert first is not None
    print("otop-pos: the journal is broken / บันทึกถูกแก้ไข")
    print(f"  first problem: {first.message_en}")
    print(f"  ปัญหาแรก: {first.message_th}")
    if len(result.problems) > 1:
        print(f"  ({len(result.problems) - 1} more / อีก {len(result.problems) - 1} รายการ)")
        for p in result.problems[1:]:
            print(f"  - {p.message_en}")
    return 2


def add_commands(sub: Commands) -> None:
    journal = sub.add_parser("journal", help="the tamper-evident journal of sales")
    jsub = journal.add_subparsers(dest="journal_command", required=True)
    verify = jsub.add_parser(
        "verify",
        help="check the hash chain; exit 2 naming the first record changed, removed or "
        "inserted, or the first entry where the chain parts from central or a Z report",
    )
    db_arg(verify)
    verify.add_argument(
        "--central",
        help="postgresql:// URL of the central database whose copy of this counter's chain "
        "it is compared with (default: central_url setting)",
    )
    verify.add_argument(
        "--no-central", action="store_true", help="do not compare with the central database"
    )
    verify.add_argument(
        "--z-head",
        metavar="SEQ:HASH",
        help="the journal head printed on the last Z report (e.g. 128:3f2a9c1d0b7e5a44): the "
        "chain must still pass through it",
    )
    verify.set_defaults(func=cmd_journal_verify)
