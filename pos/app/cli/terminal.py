"""`otop-pos terminal register`: this counter's identity, given by the central database."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings


def cmd_terminal_register(args: argparse.Namespace, settings: Settings) -> int:
    from db.central import register_terminal
    from db.engine import make_engine
    from db.sync import adopt_registration

    # registering is how a new counter's store is made (as the till and `demo` may)
    with opened(args, settings, create=True) as services:
        store = services.store
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
            adopt_registration(
                store.engine,
                reg.terminal_id,
                reg.name,
                reg.pos_id,
                reg.receipt_prefix,
                role=reg.role,
                password=reg.password,
                pin_key=reg.pin_key,
            )
        finally:
            central.dispose()
    print(
        f"terminal {reg.terminal_id}: name {reg.name}, receipt prefix {reg.receipt_prefix}, "
        f"POS ID {reg.pos_id or '-'}; connects to central as {reg.role}"
        + ("" if reg.password is not None else " (registered before: its login is kept)")
    )
    return 0


def add_commands(sub: Commands) -> None:
    term = sub.add_parser("terminal", help="this counter's identity")
    tsub = term.add_subparsers(dest="terminal_command", required=True)
    reg = tsub.add_parser(
        "register", help="register this counter centrally: UUID, receipt prefix, POS ID"
    )
    db_arg(reg)
    reg.add_argument(
        "--central",
        required=True,
        help="postgresql:// URL as the counters' enrolment role; the counter's own login "
        "is made and kept locally",
    )
    reg.add_argument("--name", required=True, help="the counter's name, e.g. 'Counter 2'")
    reg.add_argument("--pos-id", help="Revenue Department POS ID (default: keep the local one)")
    reg.add_argument("--shop-code", default="KKOTOP", help="the shop's code")
    reg.add_argument("--prefix-base", default="KK", help="receipt prefix letters")
    reg.set_defaults(func=cmd_terminal_register)
