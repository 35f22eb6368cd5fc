"""The web's product cache stays right: a counter sale shows at once, a new price on the next
look at the catalogue (the basket always at the new price), and Secure cookies over https."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Services
from pos.app.cli.shop import hold_expiry_lock
from pos.domain.auth import Actor, Role
from pos.domain.payment import cash_tender
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.checkout import Checkout
from pos.services.orders import INDEX_CHECK, Orders
from pos.services.products import draft_of
from tests.integration.conftest import FixedClock
from tests.web.conftest import SECRET, csrf_of, make_client
from tests.web.server import ROOT, start_shop, stop_shop
from tests.web.test_race_http import on_shift
from web.app import create_app
from web.catalogue import FRAGMENTS

MOO_YOR = "KK-FD-0003"  # หมูยอ 130.00
MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)
STOCK = re.compile(r"มีสินค้า (\d+)")


@dataclass
class ShopOn:
    """What create_app takes: the settings and an Orders service on the test's clock."""

    settings: Settings
    orders: Orders


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def shop(services: Services, clock: FixedClock) -> Iterator[TestClient]:
    orders = Orders(services.store.uow, services.settings, clock)
    app = create_app(ShopOn(services.settings, orders), secret=SECRET, expire_every_s=None)
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        yield client


def in_stock(page: str) -> int:
    found = STOCK.search(page)
    assert found, "the page shows no stock figure"
    return int(found.group(1))


def test_a_counter_sale_shows_on_the_cached_page_at_once(
    shop: TestClient, services: Services
) -> None:
    before = in_stock(shop.get(f"/p/{MOO_YOR}").text)
    assert in_stock(shop.get(f"/p/{MOO_YOR}").text) == before  # the second look is cached
    checkout = Checkout(services.store.uow, services.settings, services.store.terminal,
                        SystemClock())  # fmt: skip
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"2*{MOO_YOR}"))
    checkout.complete(cart, [cash_tender(Decimal(260), Decimal(260))], actor=on_shift(checkout))
    assert in_stock(shop.get(f"/p/{MOO_YOR}").text) == before - 2
    found = shop.get("/search", params={"q": "หมูยอ"}).text
    assert "หมูยอ" in found


def test_a_new_price_shows_at_the_next_look_and_the_basket_has_it_at_once(
    shop: TestClient, services: Services, clock: FixedClock
) -> None:
    assert "฿130.00" in shop.get(f"/p/{MOO_YOR}").text
    assert "130.00" in shop.get("/search", params={"q": "หมูยอ"}).text
    products = services.products
    products.edit(MANAGER, MOO_YOR, replace(draft_of(products.get(MOO_YOR)), price="145"))
    token = csrf_of(shop.get(f"/p/{MOO_YOR}").text)
    form = {"csrf_token": token, "kind": "product", "ref": MOO_YOR, "quantity": "2"}
    assert shop.post("/basket/add", data=form).status_code == 303
    basket = shop.get("/basket").text
    assert "290.00" in basket  # priced by the store now, never by the cache
    assert "260.00" not in basket
    clock.current += INDEX_CHECK  # the catalogue's marker is looked at again
    page = shop.get(f"/p/{MOO_YOR}").text
    assert "฿145.00" in page
    assert "฿130.00" not in page
    found = shop.get("/search", params={"q": "หมูยอ"}).text
    assert "145.00" in found
    assert "130.00" not in found


def test_a_new_story_shows_at_the_next_look_and_the_last_pieces_sold_show_sold_out(
    shop: TestClient, services: Services, clock: FixedClock
) -> None:
    products = services.products
    old_story = products.get(MOO_YOR).story_th
    page = shop.get(f"/p/{MOO_YOR}").text
    assert old_story
    assert html.escape(old_story) in page
    held = len(FRAGMENTS)
    assert shop.get(f"/p/{MOO_YOR}").text == page  # rendered from its fragments
    assert len(FRAGMENTS) == held
    assert "สินค้าหมด" not in shop.get("/search", params={"q": "หมูยอ"}).text
    story = "หมูยอสูตรใหม่จากบ้านไผ่"
    products.edit(MANAGER, MOO_YOR, replace(draft_of(products.get(MOO_YOR)), story_th=story))
    clock.current += INDEX_CHECK  # the catalogue's marker is looked at again
    page = shop.get(f"/p/{MOO_YOR}").text
    assert story in page
    assert html.escape(old_story) not in page
    left = in_stock(page)
    checkout = Checkout(services.store.uow, services.settings, services.store.terminal,
                        SystemClock())  # fmt: skip
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"{left}*{MOO_YOR}"))
    paid = Decimal(130 * left)
    checkout.complete(cart, [cash_tender(paid, paid)], actor=on_shift(checkout))
    page = shop.get(f"/p/{MOO_YOR}").text  # the web's last pieces sold at the counter
    assert "สินค้าหมด" in page
    assert story in page
    found = shop.get("/search", params={"q": "หมูยอ"}).text
    assert re.search(rf'href="/p/{MOO_YOR}">(?:(?!</a>).)*สินค้าหมด', found, re.S)


def cookies_of(response: httpx.Response) -> list[str]:
    return response.headers.get_list("set-cookie")


def test_https_makes_the_cookies_secure(services: Services) -> None:
    with make_client(services) as plain:
        assert all("Secure" not in c for c in cookies_of(plain.get("/")))
    with make_client(services, secure_cookies=True) as flagged:
        (session,) = cookies_of(flagged.get("/"))
        assert session.startswith("shop=")
        assert "; Secure" in session
        switched = cookies_of(flagged.get("/lang/en"))  # with a session again: sent over http
        assert any(c.startswith("lang=en") for c in switched)
        assert all("; secure" in c.lower() for c in switched)


def test_a_trusted_proxy_saying_https_gets_secure_cookies(demo_url: str, tmp_path: Path) -> None:
    db = Path(str(make_url(demo_url).database))
    shop = start_shop(db, tmp_path / "home")  # trusts 127.0.0.1, as uvicorn does
    try:
        proxied = httpx.get(shop.url + "/", headers={"X-Forwarded-Proto": "https"})
        direct = httpx.get(shop.url + "/")
    finally:
        stop_shop(shop)
    (secure,) = cookies_of(proxied)
    (plain,) = cookies_of(direct)
    assert "; Secure" in secure
    assert "Secure" not in plain
    shop = start_shop(db, tmp_path / "home", "--forwarded-allow-ips", "10.0.0.1")
    try:  # 127.0.0.1 is no longer a trusted proxy: its header is not believed
        untrusted = httpx.get(shop.url + "/", headers={"X-Forwarded-Proto": "https"})
    finally:
        stop_shop(shop)
    assert all("Secure" not in c for c in cookies_of(untrusted))


def test_one_process_of_several_runs_the_expiry(tmp_path: Path) -> None:
    assert hold_expiry_lock(tmp_path)
    other = subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from pos.app.cli.shop import hold_expiry_lock as h; "
         "sys.exit(0 if h(Path(sys.argv[1])) else 3)", str(tmp_path)],
        cwd=ROOT, capture_output=True, timeout=60,
    )  # fmt: skip
    assert other.returncode == 3, other.stderr


def test_the_search_index_is_kept_out_of_the_collectors_full_passes(services: Services) -> None:
    """A full collection walking the 100,000-name index stalled the whole shop process (the
    search's p99, docs/BENCHMARKS.md): the index is frozen once it is built."""
    import gc

    gc.unfreeze()  # what earlier tests in this process froze
    assert gc.get_freeze_count() == 0
    assert services.orders.search("ผ้าไหม")
    index = services.orders._index
    assert index is not None
    assert gc.get_freeze_count() > len(index)  # the entries and what held them by then
    gc.unfreeze()
