"""`otop-pos stories export`: the static site of the products' story pages."""

from __future__ import annotations

import argparse
from pathlib import Path

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings


def cmd_stories_export(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.labels import export_stories
    from printing.stories import StaticStorySite
    from resources import DEMO

    images = Path(args.images) if args.images else DEMO
    with opened(args, settings) as services:
        site = StaticStorySite(images)
        files = export_stories(services.store.uow, settings, site, Path(args.folder))
    pages = sum(1 for f in files if f.suffix == ".html") - 1
    print(f"story site: {pages} product page(s) and an index in {args.folder}")
    return 0


def add_commands(sub: Commands) -> None:
    stories = sub.add_parser("stories", help="product story pages")
    ssub = stories.add_subparsers(dest="stories_command", required=True)
    exp = ssub.add_parser(
        "export",
        help="write the static story site",
        description="Write one page per product and an index into DIR, for any static host.",
    )
    db_arg(exp)
    exp.add_argument("folder", metavar="DIR")
    exp.add_argument("--images", help="folder that product photo paths are relative to")
    exp.set_defaults(func=cmd_stories_export)
