"""`otop-pos backoffice`: the back-office window on a store (a counter's or the central one)."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings


def cmd_backoffice(args: argparse.Namespace, settings: Settings) -> int:
    from ui.app import ensure_app
    from ui.backoffice.window import run_backoffice

    ensure_app()
    with opened(args, settings) as services:
        services.settings_file = args.settings  # the settings editor changes this file
        return run_backoffice(services, language=args.lang or settings.language)


def add_commands(sub: Commands) -> None:
    backoffice = sub.add_parser(
        "backoffice",
        help="the back office: products, producers, curation, users (a manager logs in)",
    )
    db_arg(backoffice)
    backoffice.add_argument(
        "--lang", choices=("th", "en"), default=argparse.SUPPRESS, help="language of the window"
    )
    backoffice.set_defaults(func=cmd_backoffice)
