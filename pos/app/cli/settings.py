"""`otop-pos settings show | set KEY VALUE`: the shop's settings, read and changed by the admin."""

from __future__ import annotations

import argparse
import json

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings


def cmd_settings_show(args: argparse.Namespace, settings: Settings) -> int:
    from pos.domain.setting_fields import FIELDS, shown_value

    shown = {key: shown_value(key, getattr(settings, key)) for key in FIELDS}
    if args.json:
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    width = max(len(k) for k in shown)
    group = ""
    for key, value in shown.items():
        f = FIELDS[key]
        if f.group != group:
            group = f.group
            print(f"[{group}]")
        when = "" if f.live else "  (at the till's next start)"
        print(f"  {key:<{width}}  {value}    # {f.label_en} / {f.label_th}{when}")
    return 0


def cmd_settings_set(args: argparse.Namespace, settings: Settings) -> int:
    from pos.domain.setting_fields import shown_value

    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        admin = services.settings_admin(args.settings)
        new = admin.set_text(actor, args.key, args.value)
    print(f"{args.key} = {shown_value(args.key, getattr(new, args.key))}")
    return 0


def add_commands(sub: Commands) -> None:
    group = sub.add_parser("settings", help="show or change the shop's settings (admin)")
    actions = group.add_subparsers(dest="settings_command", required=True)
    show = actions.add_parser("show", help="every setting with its value (passwords hidden)")
    show.add_argument("--json", action="store_true", help="as one JSON object")
    show.set_defaults(func=cmd_settings_show)
    change = actions.add_parser(
        "set", help="change one setting: checked like the settings file, saved at once, audited"
    )
    db_arg(change)
    change.add_argument("key", help="the setting's name, as `settings show` lists it")
    change.add_argument("value", help="its new value (yes/no, a number, text; printers as JSON)")
    change.add_argument("--user", required=True, help="an admin's username")
    change.add_argument("--pin", required=True, help="their PIN")
    change.set_defaults(func=cmd_settings_set)
