"""`otop-pos journal verify`: the tamper-evident journal's hash chain, checked."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings


def cmd_journal_verify(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.journal import verify_journal

    with opened(args, settings) as services:
        result = verify_journal(services.store.uow)
    if result.ok:
        print(f"journal intact: {result.entries} entries / บันทึกครบถ้วน {result.entries} รายการ")
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
        help="check the hash chain; exit 2 naming the first record changed, removed or inserted",
    )
    db_arg(verify)
    verify.set_defaults(func=cmd_journal_verify)
