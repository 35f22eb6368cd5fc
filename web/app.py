"""The web shop's ASGI app: `create_app(services)`; the composition root hands it the services."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from resources import FONTS
from web import catalogue, chat, orders, rooms
from web.carriers import webhook as carrier_webhook
from web.chat_links import VIA_PARAM, accept_via
from web.errors import error_page, install
from web.facebook import webhook as facebook_webhook
from web.i18n import LANG_COOKIE, language_of
from web.line import liff
from web.line import webhook as line_webhook
from web.line.webhook import LineChannel
from web.navigation import Navigation
from web.pages import STATIC, Renderer, Shop, cookies_secure
from web.security import SECURITY_HEADERS, SESSION_COOKIE, Session, Signer, TokenBucket

if TYPE_CHECKING:
    from pos.services.orders import Orders
    from pos.services.tracking import Tracking

log = logging.getLogger(__name__)
access_log = logging.getLogger("web.access")

MAX_BODY_BYTES = 6 * 1024 * 1024  # a slip of 5 MB and its form
EXPIRE_EVERY_S = 60.0
CHAT_EVERY_S = 1.0  # chat's events handled and its outbox sent this often (when set up)
# Routes run in a thread each (they wait on the store); no more at once than the store's
# connection pool keeps open (SQLAlchemy's 5): more threads only take turns at the GIL and
# make the pool open and close a connection per request beyond its five.
THREADS = 5


class ShopServices(Protocol):
    """What the web shop needs of the composition root's services."""

    @property
    def settings(self) -> Settings: ...
    @property
    def orders(self) -> Orders: ...


def create_app(
    services: ShopServices,
    *,
    secret: bytes | None = None,
    photos: Path | None = None,
    order_limit: TokenBucket | None = None,
    expire_every_s: float | None = EXPIRE_EVERY_S,
    secure_cookies: bool = False,
    threads: int = THREADS,
    chat_every_s: float | None = CHAT_EVERY_S,
    tracking: Tracking | None = None,
    tracking_every_s: float | None = None,
    carrier_secret: str = "",
    line: LineChannel | None = None,
) -> FastAPI:
    """The shop on `services`; `secret` signs its cookies (a new one each start if None),
    `photos` is the folder of product photos, `order_limit` the placement rate per client,
    and every `expire_every_s` seconds unpaid reservations past their time are released;
    at most `threads` requests run their route at once (the others wait their turn); with
    chat set up (`services.chat` and a sender in `services.chat_senders`), every
    `chat_every_s` seconds its events are handled and its outbox sent; `line` (else
    `services.line`) is the LINE Official Account's webhook and LIFF app, if set up;
    `tracking` takes the carriers' pushes (signed with `carrier_secret`) and, every
    `tracking_every_s` seconds, polls the shipped orders' parcels."""
    signer = Signer(secret or secrets.token_bytes(32))
    settings = services.settings
    render = Renderer(signer, (settings.shop_name_th, settings.shop_name_en))
    shop = Shop(
        orders=services.orders,
        settings=settings,
        render=render,
        signer=signer,
        order_limit=order_limit or TokenBucket(capacity=5, refill_s=12.0),
        navigation=Navigation(services.orders),
        secure_cookies=secure_cookies,
        rooms=getattr(services, "rooms", None),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = threads
        tasks = []
        if expire_every_s:
            tasks.append(asyncio.create_task(_expire_loop(shop.orders, expire_every_s)))
        chat_loop = _chat_loop_of(services, chat_every_s)
        if chat_loop is not None:
            tasks.append(asyncio.create_task(chat_loop))
        if tracking is not None and (
            tracking_every_s or (tracking_every_s is not None and tracking.subscriber)
        ):  # polling, or (polling off) the parcels' hook subscriptions tried again
            tasks.append(asyncio.create_task(_tracking_loop(tracking, tracking_every_s)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.shop = shop
    app.state.chat = getattr(services, "chat", None)  # LINE / Facebook (None: no chat)
    app.state.carriers = carrier_webhook.CarrierHooks(tracking, carrier_secret)
    app.state.line = line or getattr(services, "line", None)
    app.state.facebook = getattr(services, "facebook_hook", None)  # None: Messenger not set up
    app.state.via = getattr(app.state.chat, "contact_from_token", None)  # a chat link's token
    install(app, render)
    app.add_middleware(ShopMiddleware, shop=shop)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/fonts", StaticFiles(directory=FONTS), name="fonts")
    if photos is not None:
        app.mount("/photos", StaticFiles(directory=photos, check_dir=False), name="photos")
    app.include_router(catalogue.router)
    app.include_router(orders.router)
    app.include_router(rooms.router)
    app.include_router(chat.router)
    app.include_router(carrier_webhook.router)
    app.include_router(line_webhook.router)
    app.include_router(liff.router)
    app.include_router(facebook_webhook.router)
    return app


HOOK_EVERY_S = 60.0  # the tracking loop's tries of the parcels' due hook subscriptions


async def _expire_loop(service: Orders, every_s: float) -> None:
    """Unpaid reservations past their time go back to stock, now and every `every_s`."""
    while True:
        try:
            released = await run_in_threadpool(service.expire_reservations)
            if released:
                log.info("released the reservations of %d unpaid order(s)", released)
        except Exception:
            log.exception("expiring reservations failed; trying again in %.0f s", every_s)
        await asyncio.sleep(every_s)


class _ChatWork(Protocol):
    def process_pending(self, limit: int = 50) -> int: ...


class _ChatSending(Protocol):
    def send_due(self, limit: int = 20) -> int: ...


def _chat_loop_of(services: object, every_s: float | None) -> Coroutine[None, None, None] | None:
    """Chat's loop when the services have chat and a configured channel's sender."""
    chat = getattr(services, "chat", None)
    senders = getattr(services, "chat_senders", None)
    make_outbox = getattr(services, "chat_outbox", None)
    if not every_s or chat is None or not senders or make_outbox is None:
        return None
    return _chat_loop(chat, make_outbox(), every_s)


async def _chat_loop(chat: _ChatWork, outbox: _ChatSending, every_s: float) -> None:
    """Chat's recorded events handled and its due messages sent, now and every `every_s`
    (at once again while there is more to do); a failure is logged, the loop goes on."""
    while True:
        busy = False
        try:
            handled = await run_in_threadpool(chat.process_pending)
            sent = await run_in_threadpool(outbox.send_due)
            busy = bool(handled or sent)
        except Exception:
            log.exception("chat's events or outbox failed; trying again in %.0f s", every_s)
        await asyncio.sleep(0.01 if busy else every_s)


async def _tracking_loop(tracking: Tracking, every_s: float) -> None:
    """The shipped orders' parcels asked about, now and every `every_s` (0: never), and in
    between, every HOOK_EVERY_S, the parcels whose hook subscription is due subscribed
    (failures logged)."""
    clock = asyncio.get_running_loop().time
    next_poll = clock()
    while True:
        polling = bool(every_s) and clock() >= next_poll
        try:
            if polling:
                next_poll = clock() + every_s
                new = await run_in_threadpool(tracking.poll)  # subscribes the due ones too
                if new:
                    log.info("recorded %d new tracking event(s)", new)
            else:
                await run_in_threadpool(tracking.subscribe_pending)
        except ShopError as exc:  # the carrier's API down or refusing: said in words
            log.warning("polling the carriers: %s; trying again in %.0f s", exc.message_en, every_s)
        except Exception:
            log.exception("polling the carriers failed; trying again in %.0f s", every_s)
        await asyncio.sleep(min(every_s or HOOK_EVERY_S, HOOK_EVERY_S))


class ShopMiddleware:
    """Per request: the session and language in, security headers, the session cookie and
    one access-log line out (client, method, path, status, time: never a query string, a
    phone or an address); an oversized body is refused before it is read, and a bug is a
    500 page, not a traceback. Plain ASGI (no extra task per request)."""

    def __init__(self, app: ASGIApp, shop: Shop) -> None:
        self.app = app
        self.shop = shop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        session = self.shop.signer.load_session(request.cookies.get(SESSION_COOKIE))
        request.state.session = session or Session.new()
        request.state.session_changed = session is None
        request.state.lang = language_of(
            request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
        )
        answered: list[int] = []

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                answered.append(int(message["status"]))
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():  # a page may set its own CSP
                    headers.setdefault(name, value)
                if request.state.session_changed and not scope["path"].startswith(_NO_SESSION):
                    secure = cookies_secure(self.shop, scope.get("scheme", "http"))
                    headers.append("set-cookie", self._cookie(request.state.session, secure))
            await send(message)

        try:
            via = getattr(scope["app"].state, "via", None) if "app" in scope else None
            if via is not None and f"{VIA_PARAM}=".encode() in scope.get("query_string", b""):
                accept_via(request, via)  # a link from a chat: the session knows who it is
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > MAX_BODY_BYTES:
                await error_page(self.shop.render, request, 413)(scope, receive, send_with_headers)
            else:
                await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("%s %s failed", scope["method"], scope["path"])
            if answered:
                raise
            await error_page(self.shop.render, request, 500)(scope, receive, send_with_headers)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            client = scope["client"][0] if scope.get("client") else "-"
            status = answered[0] if answered else 500
            access_log.info(
                '%s "%s %s" %d %.1fms', client, scope["method"], scope["path"], status, elapsed
            )

    def _cookie(self, session: Session, secure: bool) -> str:
        value = self.shop.signer.dump_session(session)
        flag = "; Secure" if secure else ""
        return f"{SESSION_COOKIE}={value}; HttpOnly; Path=/; SameSite=lax{flag}"


_STATIC_PATHS = ("/static/", "/fonts/", "/photos/")
# answered with no session cookie: files, and the webhooks (LINE, Messenger, the carriers
# call them, never a shopper's browser)
_NO_SESSION = (*_STATIC_PATHS, "/hooks/")
