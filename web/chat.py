"""Chat's web routes: the PromptPay QR image an order's chat confirmation shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from web.qr import qr_png

if TYPE_CHECKING:
    from pos.services.chat import Chat

router = APIRouter()
SIZES = {480, 240}  # the image and LINE's preview


def chat_of(request: Request) -> Chat | None:
    chat: Chat | None = getattr(request.app.state, "chat", None)
    return chat


@router.get("/orders/{order_no}/qr.png")
async def order_qr(request: Request, order_no: str, t: str = "", s: int = 480) -> Response:
    """The QR of an unpaid order's amount, for a signed link (`t`) only; no phone in it."""
    chat = chat_of(request)
    if chat is None or len(order_no) > 20 or len(t) > 64 or s not in SIZES:
        return Response(status_code=404)
    payload = await run_in_threadpool(chat.order_qr, order_no.upper(), t)
    if not payload:
        return Response(status_code=404)
    image = await run_in_threadpool(qr_png, payload, s)
    return Response(
        image, media_type="image/png", headers={"Cache-Control": "private, max-age=600"}
    )
