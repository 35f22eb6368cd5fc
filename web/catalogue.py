"""The catalogue pages: home, a category's or a district's products, search, product, basket."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from operator import attrgetter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment
from markupsafe import Markup

from pos.domain.bilingual import pick
from pos.domain.shop_time import year_for
from pos.ports.orders import WebProduct
from web.errors import PageError
from web.i18n import LANG_COOKIE, text
from web.pages import cookies_secure, lang_of, shop_of

router = APIRouter()

MAX_QUERY = 80
MAX_PAGE = 10_000
MOST_FRAGMENTS = 10_000  # a few KB each (the HTML and its key): tens of MB at most
# a product's every field but its availability, as one tuple (a tenth of dataclasses.replace)
_CONTENT = attrgetter(*(f.name for f in fields(WebProduct) if f.name != "available"))


class Fragments:
    """The HTML of what a product shows that never changes per request (its photo, names,
    stars, story, producer, certificates), rendered once per product and language.

    The key is the product as read (all but its availability) and the language: a product
    read again with any change (a new price, story or certificate, a new day that expired
    a certificate) is a new key, so a fragment is never older than the product it shows;
    the live parts (price, availability, the basket form and its CSRF token) are rendered
    around it per request. Thread-safe; bounded (oldest out)."""

    def __init__(self, most: int = MOST_FRAGMENTS) -> None:
        self._most = most
        self._lock = threading.Lock()
        self._html: OrderedDict[tuple[str, str, tuple[object, ...]], Markup] = OrderedDict()

    def __len__(self) -> int:
        return len(self._html)

    def piece(self, env: Environment, lang: str) -> Callable[[str, WebProduct], Markup]:
        """The templates' `piece(name, p)`: template `name`'s HTML for product `p`."""

        def piece(name: str, p: WebProduct) -> Markup:
            key = (name, lang, _CONTENT(p))
            with self._lock:
                found = self._html.get(key)
                if found is not None:
                    self._html.move_to_end(key)
                    return found
            html = Markup(env.get_template(name).render(p=p, **_words(lang)))
            with self._lock:
                self._html[key] = html
                while len(self._html) > self._most:
                    self._html.popitem(last=False)
            return html

        return piece


def _words(lang: str) -> dict[str, object]:
    """What a fragment's template says things with (as web.pages.Renderer gives a page)."""

    def t(key: str, **values: object) -> str:
        return text(lang, key, **values)

    def tr(th: str, en: str) -> str:
        return pick(lang, th, en)

    def day(d: date) -> str:
        return f"{d.day}/{d.month}/{year_for(d.year, lang)}"

    return {"t": t, "tr": tr, "day": day}


FRAGMENTS = Fragments()  # the key holds the product's whole content: one for the process


def _piece(request: Request) -> Callable[[str, WebProduct], Markup]:
    return FRAGMENTS.piece(shop_of(request).render.templates.env, lang_of(request))


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    shop = shop_of(request)
    return shop.render(
        request,
        "home.html",
        categories=shop.navigation.categories(),
        districts=shop.navigation.districts(),
        baskets=shop.orders.baskets(),
    )


def _page(text: str) -> int:
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_PAGE else 1


@router.get("/c/{code}", response_class=HTMLResponse)
def category(request: Request, code: str, page: str = "1") -> Response:
    shop = shop_of(request)
    names = {c[0]: (c[1], c[2]) for c in shop.navigation.categories()}
    if code not in names:
        raise PageError(404, "error_404")
    n = _page(page)
    products = shop.orders.browse(category=code, page=n)
    return shop.render(
        request, "listing.html", title=names[code], products=products, page=n,
        base=f"/c/{code}", piece=_piece(request),
    )  # fmt: skip


@router.get("/d/{district}", response_class=HTMLResponse)
def district(request: Request, district: str, page: str = "1") -> Response:
    shop = shop_of(request)
    names = {d[0]: (d[0], d[1]) for d in shop.navigation.districts()}
    if district not in names:
        raise PageError(404, "error_404")
    n = _page(page)
    products = shop.orders.browse(district=district, page=n)
    return shop.render(
        request, "listing.html", title=names[district], products=products, page=n,
        base=f"/d/{district}", piece=_piece(request),
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> Response:
    shop = shop_of(request)
    query = q.strip()[:MAX_QUERY]
    products = shop.orders.search(query) if query else []
    return shop.render(request, "search.html", q=query, products=products, piece=_piece(request))


@router.get("/p/{sku}", response_class=HTMLResponse)
def product(request: Request, sku: str) -> Response:
    shop = shop_of(request)
    found = shop.orders.product(sku) if len(sku) <= 64 else None
    if found is None:
        raise PageError(404, "error_404")
    return shop.render(
        request, "product.html", p=found, added=request.query_params.get("added"),
        piece=_piece(request),
    )  # fmt: skip


@router.get("/b/{code}", response_class=HTMLResponse)
def gift_basket(request: Request, code: str) -> Response:
    shop = shop_of(request)
    found = shop.orders.basket(code) if len(code) <= 64 else None
    if found is None:
        raise PageError(404, "error_404")
    return shop.render(
        request, "gift_basket.html", b=found, added=request.query_params.get("added")
    )


@router.get("/lang/{lang}")
def language(request: Request, lang: str, next: str = "/") -> Response:
    """Switch the language (a cookie) and go back to the page (only a path of this site)."""
    if lang not in ("th", "en"):
        raise PageError(404, "error_404")
    back = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    response = RedirectResponse(back, status_code=303)
    secure = cookies_secure(shop_of(request), request.url.scheme)
    response.set_cookie(
        LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", path="/", secure=secure
    )
    return response
