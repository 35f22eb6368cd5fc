"""`otop-pos shop serve`: the web shop on the store (the central database or the local one)."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
from pathlib import Path

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings

SECRET_FILE = "shop-secret"


def shop_secret(folder: Path) -> bytes:
    """The key that signs the shop's cookies, made once and kept in `folder` (owner only):
    a restart keeps the customers' baskets."""
    path = folder / SECRET_FILE
    if path.exists():
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    folder.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return data


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from pos.config import data_dir
    from web.app import create_app

    logging.getLogger("web").setLevel(logging.INFO)
    with opened(args, settings) as services:
        folder = data_dir()
        app = create_app(services, secret=shop_secret(folder), photos=folder / "photos")
        print(f"the shop: http://{args.host}:{args.port}/", flush=True)
        config = uvicorn.Config(
            app, host=args.host, port=args.port, access_log=False, log_level="warning",
            workers=1, timeout_graceful_shutdown=5,
        )  # fmt: skip
        uvicorn.Server(config).run()
    return 0


def add_commands(sub: Commands) -> None:
    shop = sub.add_parser("shop", help="the web shop")
    commands = shop.add_subparsers(dest="shop_command", required=True)
    serve = commands.add_parser("serve", help="serve the web shop (uvicorn)")
    db_arg(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on")
    serve.add_argument("--settings", type=Path, default=argparse.SUPPRESS, help="settings file")
    serve.set_defaults(func=cmd_serve)
