"""Friendly error pages (Thai or English, never a traceback) for every failure of a request."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos.domain.errors import ShopError, StoreUnavailable
from web.i18n import text
from web.pages import Renderer, lang_of

log = logging.getLogger(__name__)

KNOWN_STATUS = (400, 404, 405, 413, 422, 429, 500, 503)


class PageError(Exception):
    """A request refused with a status and a message from the catalogue (web.i18n)."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.values = values


def error_page(
    render: Renderer, request: Request, status: int, message: str | None = None
) -> HTMLResponse:
    """The error page of `status`, saying `message` (else the status's own words)."""
    lang = lang_of(request)
    key = f"error_{status if status in KNOWN_STATUS else 500}"
    return render(
        request, "error.html", status, message=message or text(lang, key), status_code=status
    )


def install(app: FastAPI, render: Renderer) -> None:
    """Every error a route can end in becomes a page in the reader's language."""

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        return error_page(render, request, status)

    async def invalid(request: Request, exc: Exception) -> Response:
        return error_page(render, request, 422)

    async def page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageError)
        message = text(lang_of(request), exc.key, **exc.values)
        return error_page(render, request, exc.status, message)

    async def shop_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ShopError)
        if isinstance(exc, StoreUnavailable):  # the staff's problem: the log says what
            log.error("%s %s: %s", request.method, request.url.path, exc, exc_info=exc)
            return error_page(render, request, 503)
        return error_page(render, request, 422, exc.message(lang_of(request)))

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(PageError, page_error)
    app.add_exception_handler(ShopError, shop_error)
