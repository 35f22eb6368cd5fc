"""The Messenger webhook: GET /hooks/facebook (the verify handshake), POST (signed events)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from pos.domain.chat import InboundEvent
from web.facebook.events import parse

log = logging.getLogger(__name__)

PATH = "/hooks/facebook"
MAX_BODY = 1024 * 1024  # Facebook batches up to 1,000 events; far below this
MAX_CHALLENGE = 256
SIGNATURE_HEADER = "x-hub-signature-256"

router = APIRouter()


@dataclass(frozen=True)
class MessengerHook:
    """What the webhook needs: the app secret (signatures), the verify token (handshake),
    where events go (`Chat.receive`: one short transaction) and the clock."""

    app_secret: str
    verify_token: str
    receive: Callable[[Sequence[InboundEvent]], int]
    now: Callable[[], datetime]


def hook_of(request: Request) -> MessengerHook | None:
    hook = getattr(request.app.state, "facebook", None)
    return hook if isinstance(hook, MessengerHook) else None


def signed(body: bytes, header: str | None, app_secret: str) -> bool:
    """Whether `header` is "sha256=" and the HMAC-SHA256 of the raw `body` with the secret."""
    if not header or not app_secret:
        return False
    expected = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.strip().lower().encode(), expected.encode())


@router.get(PATH)
def verify(request: Request) -> Response:
    """Facebook's handshake when the callback URL is saved: the challenge back, as text,
    when the mode is "subscribe" and the verify token is ours; else 403."""
    hook = hook_of(request)
    query = request.query_params
    mode = query.get("hub.mode", "")
    token = query.get("hub.verify_token", "")
    challenge = query.get("hub.challenge", "")
    ok = (
        hook is not None
        and bool(hook.verify_token)
        and mode == "subscribe"
        and hmac.compare_digest(token.encode(), hook.verify_token.encode())
        and 0 < len(challenge) <= MAX_CHALLENGE
        and challenge.isprintable()
    )
    if not ok:
        log.warning("refused a Facebook webhook handshake (mode %r)", mode[:20])
        return PlainTextResponse("Forbidden", status_code=403)
    return PlainTextResponse(challenge)


@router.post(PATH)
async def receive(request: Request) -> Response:
    """Signed events recorded (once each, by their ids) and answered 200 at once; the chat
    loop handles them later. Oversized -> 413, a bad or missing signature -> 400 (logged
    without the body, nothing recorded), signed but not JSON -> 400."""
    hook = hook_of(request)
    if hook is None:
        return PlainTextResponse("Not Found", status_code=404)
    body = await _body(request)
    client = request.client.host if request.client else "-"
    if body is None:
        log.warning("refused a Facebook webhook from %s: over %d bytes", client, MAX_BODY)
        return PlainTextResponse("Payload Too Large", status_code=413)
    if not signed(body, request.headers.get(SIGNATURE_HEADER), hook.app_secret):
        log.warning(
            "refused a Facebook webhook from %s: bad or missing signature (%d bytes)",
            client, len(body),
        )  # fmt: skip
        return PlainTextResponse("Bad Request", status_code=400)
    try:
        data = json.loads(body)
    except ValueError:  # UnicodeDecodeError is one
        log.warning("refused a signed Facebook webhook from %s: not JSON", client)
        return PlainTextResponse("Bad Request", status_code=400)
    events = parse(data, hook.now())
    if events:
        new = await run_in_threadpool(hook.receive, events)
        log.info("Facebook webhook: %d event(s), %d new", len(events), new)
    return PlainTextResponse("EVENT_RECEIVED")


async def _body(request: Request) -> bytes | None:
    """The raw body, or None when it is over MAX_BODY (stopped reading there)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        return None
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            return None
    return bytes(data)
