"""POST /hooks/line: the raw body's signature checked, its events recorded, 200 at once (the
chat loop handles them after; LINE redelivers what was not answered)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from pos.domain.chat import InboundEvent
from web.line.events import MalformedBody, parse_body
from web.line.signature import LineSignature

log = logging.getLogger(__name__)
router = APIRouter()

MAX_BODY = 1024 * 1024
LIFF_SDK_URL = "https://static.line-scdn.net/liff/edge/2/sdk.js"
API_BASE = "https://api.line.me"


@dataclass(frozen=True)
class LineChannel:
    """What the shop's LINE routes need: the channel secret, chat's `receive`, and the LIFF
    app (its id, the LINE Login channel it belongs to, where the SDK and the API are)."""

    channel_secret: str
    receive: Callable[[Sequence[InboundEvent]], int]
    liff_id: str = ""
    login_channel_id: str = ""  # the id token's audience (the LIFF id's first part if unset)
    api_base: str = API_BASE
    sdk_url: str = LIFF_SDK_URL

    @property
    def liff_client_id(self) -> str:
        return self.login_channel_id or self.liff_id.split("-", 1)[0]


def line_of(request: Request) -> LineChannel | None:
    line: LineChannel | None = getattr(request.app.state, "line", None)
    return line


@router.post("/hooks/line")
async def line_webhook(request: Request) -> Response:
    line = line_of(request)
    if line is None:
        return _answer(404, "LINE is not set up")
    body = await _body(request)
    client = request.client.host if request.client else "-"
    if body is None:
        log.warning("LINE webhook from %s refused: over %d bytes", client, MAX_BODY)
        return _answer(413, "too large")
    signature = request.headers.get("x-line-signature")
    if not LineSignature(line.channel_secret).valid(body, signature):
        log.warning(
            "LINE webhook from %s refused: %s signature (%d bytes)",
            client, "bad" if signature else "no", len(body),
        )  # fmt: skip
        return _answer(400, "bad signature")
    try:
        events = parse_body(body, datetime.now(UTC))
    except MalformedBody as exc:
        log.warning("LINE webhook from %s refused: %s (%d bytes)", client, exc, len(body))
        return _answer(400, "malformed")
    if events:
        new = await run_in_threadpool(line.receive, events)
        log.info("LINE webhook: %d event(s), %d new", len(events), new)
    return _answer(200, "OK")


async def _body(request: Request) -> bytes | None:
    """The raw body, or None past MAX_BODY (read no further than that)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _answer(status: int, message: str) -> Response:
    return JSONResponse({"message": message}, status_code=status)
