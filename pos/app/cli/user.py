"""`otop-pos user add|role|reset-pin|unlock|deactivate|list`: user administration (an admin).

The admin doing it is `--as USER --as-pin PIN` (`--pin` is the new user's PIN)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import Services
    from pos.domain.auth import Actor


def _admin(services: Services, args: argparse.Namespace) -> Actor:
    return services.auth.login(args.as_user, args.as_pin)


def _done(en: str, th: str) -> int:
    print(f"{en} / {th}", file=sys.stderr)
    return 0


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        user = services.users.add(
            _admin(services, args), args.name, args.display_name or args.name, args.role,
            args.pin,
        )  # fmt: skip
    print(user.username)
    return _done(f"user {user.username} added", f"เพิ่มผู้ใช้ {user.username} แล้ว")


def cmd_role(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        services.users.set_role(_admin(services, args), args.name, args.role)
    return _done(f"{args.name} is now {args.role}", f"{args.name} มีบทบาท {args.role} แล้ว")


def cmd_reset_pin(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        pin = services.users.reset_pin(_admin(services, args), args.name, args.temp_pin)
    print(pin)  # the temporary PIN, to tell the user
    return _done(
        f"{args.name}'s PIN was reset: they set a new one at their next log-in",
        f"รีเซ็ต PIN ของ {args.name} แล้ว ผู้ใช้ต้องตั้ง PIN ใหม่เมื่อเข้าสู่ระบบครั้งถัดไป",
    )


def cmd_unlock(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        was_locked = services.users.unlock(_admin(services, args), args.name)
    if not was_locked:
        return _done(f"{args.name} was not locked", f"{args.name} ไม่ได้ถูกล็อก")
    return _done(f"{args.name} is unlocked", f"ปลดล็อก {args.name} แล้ว")


def cmd_deactivate(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        services.users.set_active(_admin(services, args), args.name, False)
    return _done(f"{args.name} is deactivated", f"ปิดบัญชี {args.name} แล้ว")


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        users = services.users.all(_admin(services, args))
    for u in users:
        flags = [f for f, on in (("inactive", not u.active), ("locked", u.locked),
                                 ("must-change-pin", u.must_change_pin)) if on]  # fmt: skip
        print("\t".join([u.username, u.role.value, u.display_name, *flags]))
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    db_arg(parser)
    parser.add_argument("--as", dest="as_user", required=True, help="the admin doing it")
    parser.add_argument("--as-pin", dest="as_pin", required=True, help="the admin's PIN")


def add_commands(sub: Commands) -> None:
    user = sub.add_parser("user", help="add users, change roles, reset PINs, unlock (an admin)")
    commands = user.add_subparsers(dest="user_command", required=True)
    roles = ("cashier", "labels", "manager", "admin")
    add = commands.add_parser("add", help="add a user")
    add.add_argument("name", help="the user name they log in with")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument("--pin", required=True, help="their PIN (4-8 digits, not a demo PIN)")
    add.add_argument("--display-name", help="the name shown on receipts and screens")
    _common(add)
    add.set_defaults(func=cmd_add)
    role = commands.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=roles)
    _common(role)
    role.set_defaults(func=cmd_role)
    reset = commands.add_parser(
        "reset-pin", help="a temporary PIN (printed); the user sets a new one at next log-in"
    )
    reset.add_argument("name")
    reset.add_argument("--temp-pin", help="the temporary PIN (default: six random digits)")
    _common(reset)
    reset.set_defaults(func=cmd_reset_pin)
    for name, func, what in (
        ("unlock", cmd_unlock, "clear a lockout after wrong PINs"),
        ("deactivate", cmd_deactivate, "a deactivated user logs in nowhere"),
    ):
        parser = commands.add_parser(name, help=what)
        parser.add_argument("name")
        _common(parser)
        parser.set_defaults(func=func)
    listing = commands.add_parser("list", help="every user, their role and state")
    _common(listing)
    listing.set_defaults(func=cmd_list)
