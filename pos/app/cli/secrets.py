"""`otop-pos secrets status | set NAME | clear NAME`: the channels' tokens and keys (admin).

A value is read from standard input (one line; typed unseen at a terminal), never from the
command line, where the shell's history and the process list would keep it.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.secrets import SECRET_NAMES, env_name
from pos.domain.settings import Settings
from pos.domain.shop_time import local


def cmd_secrets_status(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        statuses = services.secrets.status()
    width = max(len(n) for n in statuses)
    for name, s in statuses.items():
        if s.from_env:
            state = f"set by the environment ({env_name(name)})"
        elif s.set and s.updated_at is not None:
            state = f"set on {local(s.updated_at):%Y-%m-%d %H:%M} by {s.updated_by}"
        else:
            state = "not set"
        print(f"{name:<{width}}  {state}")
    return 0


def _read_value(name: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"{name} (not shown): ")
    return sys.stdin.readline().rstrip("\r\n")


def cmd_secrets_set(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        services.secrets.set(args.name, _read_value(args.name), actor)
    print(f"{args.name}: saved")
    return 0


def cmd_secrets_clear(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        services.secrets.clear(args.name, actor)
    print(f"{args.name}: cleared")
    return 0


def add_commands(sub: Commands) -> None:
    group = sub.add_parser(
        "secrets", help="the LINE, Facebook and carrier tokens and keys (admin; values never shown)"
    )
    actions = group.add_subparsers(dest="secrets_command", required=True)
    status = actions.add_parser("status", help="each secret: set or not, when and by whom")
    db_arg(status)
    status.set_defaults(func=cmd_secrets_status)
    for verb, func, text in (
        ("set", cmd_secrets_set, "store a new value, read from standard input (one line)"),
        ("clear", cmd_secrets_clear, "remove the stored value"),
    ):
        action = actions.add_parser(verb, help=text)
        db_arg(action)
        action.add_argument("name", choices=SECRET_NAMES, help="the secret's name")
        action.add_argument("--user", required=True, help="an admin's username")
        action.add_argument("--pin", required=True, help="their PIN")
        action.set_defaults(func=func)
