"""`otop-pos producer add|edit|deactivate|list`: the back office's producers from a script."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import Services
    from pos.domain.auth import Actor

# the options that are ProducerForm fields of the same name
_FIELDS = ("name_th", "name_en", "kind", "district", "district_en", "province", "contact",
           "tax_id", "bank", "account", "account_name")  # fmt: skip


def _actor(services: Services, args: argparse.Namespace) -> Actor:
    return services.auth.login(args.user, args.pin)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    return {f: getattr(args, f) for f in _FIELDS if getattr(args, f, None) is not None}


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.producers import ProducerForm

    form = ProducerForm(code=args.code, name_th="", name_en="", kind="", district="")
    form = dataclasses.replace(form, **_given(args))
    with opened(args, settings) as services:
        producer = services.producers.add(_actor(services, args), form)
    print(f"producer {producer.code} added / เพิ่มผู้ผลิต {producer.code} แล้ว", file=sys.stderr)
    print(producer.code)
    return 0


def cmd_edit(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.producers import form_of

    with opened(args, settings) as services:
        actor = _actor(services, args)
        current = services.producers.get(args.code)
        given = _given(args)
        if ("province" in given or "district" in given) and "district_en" not in given:
            given["district_en"] = ""  # a district named anew: its English name as typed
        form = dataclasses.replace(form_of(current), **given)
        producer = services.producers.edit(actor, args.code, form)
    print(f"producer {producer.code} saved / บันทึกผู้ผลิต {producer.code} แล้ว", file=sys.stderr)
    print(producer.code)
    return 0


def cmd_deactivate(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        producer = services.producers.set_active(_actor(services, args), args.code, False)
    print(f"producer {producer.code} deactivated / ปิดใช้งานผู้ผลิต {producer.code} แล้ว",
          file=sys.stderr)  # fmt: skip
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        producers = services.producers.all()
    for p in producers:
        if p.active or args.all:
            state = "" if p.active else "\tinactive"
            print(f"{p.code}\t{p.kind}\t{p.name_th}\t{p.name_en}\t{p.district_en}, "
                  f"{p.province_en}{state}")  # fmt: skip
    return 0


def _fields(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--name-th", dest="name_th", required=required, help="Thai name")
    parser.add_argument("--name-en", dest="name_en", required=required, help="English name")
    parser.add_argument("--kind", required=required, help="group | individual | sme")
    parser.add_argument(
        "--district", required=required,
        help="a district of Khon Kaen (Thai or English), or the district in --province",
    )  # fmt: skip
    parser.add_argument("--province", help="the province (default: Khon Kaen)")
    parser.add_argument("--district-en", dest="district_en",
                        help="outside Khon Kaen: the district's English name")  # fmt: skip
    parser.add_argument("--contact", help="telephone, LINE, e-mail")
    parser.add_argument("--tax-id", dest="tax_id", help="13-digit tax ID")
    parser.add_argument("--bank", help="payout bank: its code (004), short name (KBANK) or name")
    parser.add_argument("--account", help="payout account number (10-12 digits)")
    parser.add_argument("--account-name", dest="account_name", help="the account's name")


def _actor_args(parser: argparse.ArgumentParser) -> None:
    db_arg(parser)
    parser.add_argument("--user", required=True, help="who changes it (a manager or admin)")
    parser.add_argument("--pin", required=True, help="their PIN")


def add_commands(sub: Commands) -> None:
    producer = sub.add_parser("producer", help="add, edit, deactivate or list producers")
    commands = producer.add_subparsers(dest="producer_command", required=True)
    add = commands.add_parser("add", help="add a producer")
    add.add_argument("--code", required=True, help="the producer's code, e.g. P067")
    _fields(add, required=True)
    _actor_args(add)
    add.set_defaults(func=cmd_add)
    edit = commands.add_parser("edit", help="change the fields given")
    edit.add_argument("code", help="the producer's code")
    _fields(edit, required=False)
    _actor_args(edit)
    edit.set_defaults(func=cmd_edit)
    deactivate = commands.add_parser("deactivate", help="deactivate a producer")
    deactivate.add_argument("code", help="the producer's code")
    _actor_args(deactivate)
    deactivate.set_defaults(func=cmd_deactivate)
    listing = commands.add_parser("list", help="the active producers (--all: every one)")
    listing.add_argument("--all", action="store_true", help="the inactive ones too")
    db_arg(listing)
    listing.set_defaults(func=cmd_list)
