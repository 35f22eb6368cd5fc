"""The catalogue pages: home, a category's or a district's products, search, product, basket."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.errors import PageError
from web.i18n import LANG_COOKIE
from web.pages import cookies_secure, shop_of

router = APIRouter()

MAX_QUERY = 80
MAX_PAGE = 10_000


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
        base=f"/c/{code}",
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
        base=f"/d/{district}",
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> Response:
    shop = shop_of(request)
    query = q.strip()[:MAX_QUERY]
    products = shop.orders.search(query) if query else []
    return shop.render(request, "search.html", q=query, products=products)


@router.get("/p/{sku}", response_class=HTMLResponse)
def product(request: Request, sku: str) -> Response:
    shop = shop_of(request)
    found = shop.orders.product(sku) if len(sku) <= 64 else None
    if found is None:
        raise PageError(404, "error_404")
    return shop.render(request, "product.html", p=found, added=request.query_params.get("added"))


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
