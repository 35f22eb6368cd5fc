"""Carriers' pushed tracking updates: POST /hooks/carriers/thailandpost.

The shop's shared secret (`carrier_webhook_secret`) comes as Thailand Post's hook sends its
bearer token (`Authorization: Bearer <secret>`) or as the last part of the path
(/hooks/carriers/thailandpost/<secret>) for carriers that can only be given a URL: a wrong
or missing one is 403 and nothing is read. The body is at most 256 kB of Thailand Post's push
shape ({"items": [event, ...]}); anything else is 400 and nothing is recorded. The events are
recorded before the 200 (one short transaction: a carrier that retries finds them recorded);
moving delivered orders runs after the answer.
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from pos.domain.errors import ShopError
from pos.domain.tracking import THAILAND_POST
from web.carriers.thailandpost import MalformedTracking, parse_push

if TYPE_CHECKING:
    from pos.services.tracking import Tracking

log = logging.getLogger(__name__)
router = APIRouter()

MAX_PUSH_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class CarrierHooks:
    """What the carriers' webhook needs: the tracking service and the shared secret."""

    tracking: Tracking | None
    secret: str


def _answer(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": status < 400, "message": message}, status_code=status)


def _authorised(request: Request, hooks: CarrierHooks, in_path: str) -> bool:
    if not hooks.secret:
        return False
    given = in_path
    header = request.headers.get("authorization", "")
    if not given and header[:7].lower() == "bearer ":
        given = header[7:].strip()
    return hmac.compare_digest(given.encode(), hooks.secret.encode())


async def _body(request: Request) -> bytes | None:
    """The body, or None past MAX_PUSH_BYTES (read no further)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_PUSH_BYTES:
        return None
    out = bytearray()
    async for chunk in request.stream():
        out += chunk
        if len(out) > MAX_PUSH_BYTES:
            return None
    return bytes(out)


@router.post("/hooks/carriers/thailandpost")
@router.post("/hooks/carriers/thailandpost/{secret}")
async def thailandpost_push(
    request: Request, background: BackgroundTasks, secret: str = ""
) -> JSONResponse:
    hooks: CarrierHooks | None = getattr(request.app.state, "carriers", None)
    if hooks is None or hooks.tracking is None or not _authorised(request, hooks, secret):
        log.warning("a carrier push refused: no or wrong secret")
        return _answer(403, "forbidden")
    raw = await _body(request)
    if raw is None:
        return _answer(413, "too large")
    try:
        events = parse_push(json.loads(raw.decode("utf-8")))
    except (MalformedTracking, ValueError, UnicodeDecodeError) as exc:
        log.warning("a malformed Thailand Post push refused: %s", str(exc)[:200])
        return _answer(400, "malformed")
    tracking = hooks.tracking
    try:
        new = await run_in_threadpool(tracking.push, THAILAND_POST, events, deliver=False)
    except ShopError as exc:  # the store cannot be used now: the carrier sends it again
        log.warning("a Thailand Post push not recorded: %s", exc.message_en)
        return _answer(503, "try again")
    background.add_task(_deliver, tracking)
    return _answer(200, f"{new} new")


async def _deliver(tracking: Tracking) -> None:
    """After the answer: the orders the push delivered moved (a failure waits for the poll)."""
    try:
        await run_in_threadpool(tracking.deliver_pending)
    except Exception:
        log.exception("moving the delivered orders after a push failed; the next poll will")
