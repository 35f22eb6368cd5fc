"""`otop-pos shop serve`: the web shop on the store (the central database or the local one)."""

from __future__ import annotations

import argparse
import atexit
import importlib
import json
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

SECRET_FILE = "shop-secret"
EXPIRY_LOCK_FILE = "shop-expiry.lock"
WORKER_ENV = "OTOP_POS_SHOP_WORKER"  # what a worker process needs, from `shop serve`
log = logging.getLogger(__name__)
_held: list[IO[bytes]] = []  # the expiry lock's file, held for the life of the process


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


def hold_expiry_lock(folder: Path) -> bool:
    """True when this process now holds the data folder's expiry lock (kept until it ends):
    of several workers only the holder runs the minute task that releases unpaid orders'
    reservations; a worker that dies lets go of it, and the one started in its place takes it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / EXPIRY_LOCK_FILE).open("ab")
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _held.append(handle)
    return True


def _shop_app(db: str, settings: Settings, *, https: bool, expire: bool) -> FastAPI:
    """The shop on its own services (closed when the process ends)."""
    from pos.app.bootstrap import Services, open_store
    from pos.config import data_dir
    from web.app import EXPIRE_EVERY_S, create_app

    logging.getLogger("web").setLevel(logging.INFO)
    services = Services(open_store(db, settings, create=False, counter=False), queue_prints=False)
    atexit.register(services.close)
    folder = data_dir()
    return create_app(
        services, secret=shop_secret(folder), photos=folder / "photos",
        expire_every_s=EXPIRE_EVERY_S if expire else None, secure_cookies=https,
        tracking=services.tracking,
        carrier_secret=services.chat_secrets("carrier_webhook_secret") or "",
        tracking_every_s=settings.tracking_poll_minutes * 60.0 if expire else None,
    )  # fmt: skip


def worker_app() -> FastAPI:
    """One worker's app under `shop serve --workers N` (uvicorn's factory, in a new process):
    its own connections to the store and its own caches; the cookie secret is the data
    folder's, so any worker reads any customer's basket."""
    given: dict[str, Any] = json.loads(os.environ[WORKER_ENV])
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from pos.config import data_dir

    settings = Settings.from_dict(given["settings"])
    expire = hold_expiry_lock(data_dir())
    return _shop_app(given["db"], settings, https=bool(given["https"]), expire=expire)


def fast_server() -> dict[str, str]:
    """uvicorn's C HTTP parser (httptools) and event loop (uvloop) where they import, else its
    pure-Python defaults (h11, asyncio), with a log line saying which one is missing (uvloop
    does not run on Windows)."""
    chosen: dict[str, str] = {}
    for option, module, fast in (("http", "httptools", "httptools"), ("loop", "uvloop", "uvloop")):
        try:
            importlib.import_module(module)
        except ImportError:
            log.warning("%s is not importable: uvicorn's default %s is used", module, option)
        else:
            chosen[option] = fast
    return chosen


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from pos.config import data_dir

    with opened(args, settings) as services:  # the store is there and migrated
        db = services.store.url
    shop_secret(data_dir())  # made once here, before the workers read it
    common: dict[str, Any] = {
        "host": args.host, "port": args.port, "access_log": False, "log_level": "warning",
        "timeout_graceful_shutdown": 5, "proxy_headers": True,
        "forwarded_allow_ips": args.forwarded_allow_ips, **fast_server(),
    }  # fmt: skip
    engine = ", ".join(f"{k} {v}" for k, v in fast_server().items()) or "defaults"
    print(
        f"the shop: http{'s' if args.https else ''}://{args.host}:{args.port}/ (uvicorn: {engine})",
        flush=True,
    )
    if args.workers <= 1:
        app = _shop_app(db, settings, https=args.https, expire=hold_expiry_lock(data_dir()))
        uvicorn.Server(uvicorn.Config(app, workers=1, **common)).run()
        return 0
    os.environ[WORKER_ENV] = json.dumps(
        {"db": db, "settings": settings.to_dict(), "https": args.https}
    )
    uvicorn.run(f"{__name__}:worker_app", factory=True, workers=args.workers, **common)
    return 0


def add_commands(sub: Commands) -> None:
    shop = sub.add_parser("shop", help="the web shop")
    commands = shop.add_subparsers(dest="shop_command", required=True)
    serve = commands.add_parser("serve", help="serve the web shop (uvicorn)")
    db_arg(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on")
    serve.add_argument("--settings", type=Path, default=argparse.SUPPRESS, help="settings file")
    serve.add_argument(
        "--workers", type=int, default=1,
        help="worker processes (uvicorn; about one per core): each keeps its own caches and "
        "its own order rate limit per client address, so a client whose connections land "
        "on different workers may place up to N times the limit",
    )  # fmt: skip
    serve.add_argument(
        "--https", action="store_true",
        help="the shop is reached over https (a TLS proxy in front): its cookies are Secure",
    )  # fmt: skip
    serve.add_argument(
        "--forwarded-allow-ips", default="127.0.0.1",
        help="proxies trusted for X-Forwarded-For/-Proto (a request forwarded as https by "
        "one of them gets Secure cookies; its client address counts for the rate limit)",
    )  # fmt: skip
    serve.set_defaults(func=cmd_serve)
