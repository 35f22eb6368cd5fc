"""What every page shares: the request's session and language, and rendering a template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pos.domain.bilingual import ENGLISH, pick
from pos.domain.money import format_baht
from pos.domain.shop_time import local, year_for
from pos.domain.stories import CERT_NAMES
from web.i18n import text
from web.security import Session, Signer, TokenBucket

if TYPE_CHECKING:
    from pos.domain.settings import Settings
    from pos.services.orders import Orders
    from pos.services.rooms import Rooms
    from web.navigation import Navigation

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def session_of(request: Request) -> Session:
    session: Session = request.state.session
    return session


def changed(request: Request) -> Session:
    """The request's session, to be written back to the browser with the response."""
    request.state.session_changed = True
    return session_of(request)


def lang_of(request: Request) -> str:
    return str(request.state.lang)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def baht(value: Decimal) -> str:
    return format_baht(value)


def when(moment: datetime | None, lang: str) -> str:
    """A stored UTC moment as the shop's wall clock, the year as the reader counts it."""
    if moment is None:
        return ""
    shown = local(moment)
    return f"{shown.day}/{shown.month}/{year_for(shown.year, lang)} {shown:%H:%M}"


class Renderer:
    """Renders the shop's templates with the reader's language, CSRF token and basket."""

    def __init__(self, signer: Signer, shop_names: tuple[str, str]) -> None:
        env = Environment(  # templates are part of the release: never re-read per page
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=False,
        )
        self.templates = Jinja2Templates(env=env)
        self.templates.env.globals.update(baht=baht, urlquote=quote, cert_names=CERT_NAMES)
        self.signer = signer
        self.shop_names = shop_names

    def __call__(
        self, request: Request, name: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        lang = lang_of(request)
        session = session_of(request)

        def t(key: str, **values: object) -> str:
            return text(lang, key, **values)

        def tr(th: str, en: str) -> str:
            return pick(lang, th, en)

        context.update(
            lang=lang,
            other_lang="th" if lang == ENGLISH else "en",
            t=t,
            tr=tr,
            when=lambda moment: when(moment, lang),
            day=lambda d: f"{d.day}/{d.month}/{year_for(d.year, lang)}",
            csrf=self.signer.csrf_token(session),
            basket_count=sum(q for _, _, q in session.basket),
            shop_name=pick(lang, *self.shop_names),
            here=request.url.path,
        )
        return self.templates.TemplateResponse(request, name, context, status_code=status)


@dataclass
class Shop:
    """The app's own state, which every route reads from `request.app.state.shop`."""

    orders: Orders
    settings: Settings
    render: Renderer
    signer: Signer
    order_limit: TokenBucket
    navigation: Navigation
    secure_cookies: bool = False  # served over https (`shop serve --https`)
    rooms: Rooms | None = None  # the meeting room's pages (web.rooms); None: not offered


def shop_of(request: Request) -> Shop:
    shop: Shop = request.app.state.shop
    return shop


def cookies_secure(shop: Shop, scheme: str) -> bool:
    """Whether cookies go out Secure: the shop says it is reached over https, or the request
    came over https (itself, or forwarded as https by a trusted proxy: uvicorn's
    --forwarded-allow-ips sets the scheme from X-Forwarded-Proto)."""
    return shop.secure_cookies or scheme == "https"
