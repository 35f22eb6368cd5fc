"""The race over HTTP: 200 shoppers post their orders at once to a real `shop serve` (two
workers) for the last 10 pieces while a counter sells the same product, on SQLite and
PostgreSQL: exactly 10 leave the shelf or are held, none oversold, every refusal says so."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Services, open_store
from pos.domain.auth import Actor
from pos.domain.payment import cash_tender
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.shifts import Shifts
from pos.services.stock import OutOfStock
from tests.helpers.selling import FastArgon2
from tests.web.conftest import KEY, csrf_of
from tests.web.server import start_shop_at, stop_shop

ATTEMPTS = 200
AT_ONCE = 24  # requests in flight at a time (bounded: one client machine)
LAST = 10
COUNTER_SALES = 4  # the counter tries to sell one piece this many times meanwhile
SILK = "KK-TX-0001"  # ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร, 2,800.00
PRICE = Decimal("2800.00")
PICKUP = {
    "name": "สมหญิง ใจดี", "phone": "081-234-5678", "fulfilment": "pickup",
    "payment": "at_pickup",
}  # fmt: skip


def on_shift(checkout: Checkout) -> Actor:
    """The demo cashier logged in at the counter with a shift open."""
    auth = Auth(checkout.uow, checkout.settings, SystemClock(), FastArgon2(),
                checkout.terminal.terminal_id)  # fmt: skip
    actor = auth.login("cashier", "1111")
    shifts = Shifts(checkout.uow, auth, checkout.terminal, SystemClock())
    if shifts.current() is None:
        shifts.open(actor, Decimal(0))
    return actor


def sell(checkout: Checkout, actor: Actor, pieces: int) -> None:
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"{pieces}*{SILK}"))
    amount = PRICE * pieces
    checkout.complete(cart, [cash_tender(amount, amount)], actor=actor)


class Shopper:
    """One customer's browser: its own cookies and address (behind the trusted proxy)."""

    def __init__(self, url: str, n: int) -> None:
        forwarded = {"X-Forwarded-For": f"10.9.{n // 250}.{n % 250 + 1}"}
        # idle connections dropped by the client before uvicorn's 5-second keep-alive closes
        # them: a shopper waiting its turn at the gate on a slow machine got ReadError
        limits = httpx.Limits(keepalive_expiry=2.0)
        self.http = httpx.AsyncClient(base_url=url, headers=forwarded, timeout=30, limits=limits)
        self.form: dict[str, str] = {}

    async def fill_basket(self) -> None:
        """The product page, "add to basket", the checkout form: ready to place."""
        page = await self.http.get(f"/p/{SILK}")
        assert page.status_code == 200, page.status_code
        add = {"csrf_token": csrf_of(page.text), "kind": "product", "ref": SILK, "quantity": "1"}
        assert (await self.http.post("/basket/add", data=add)).status_code == 303
        form = await self.http.get("/checkout")
        key = KEY.search(form.text)
        assert form.status_code == 200
        assert key
        self.form = {"csrf_token": csrf_of(form.text), "idempotency_key": key.group(1), **PICKUP}

    async def place(self) -> httpx.Response:
        return await self.http.post("/checkout", data=self.form)


async def shoppers_race(url: str, go: threading.Event) -> list[httpx.Response]:
    """Every shopper's basket filled first; then all their orders posted, AT_ONCE at a time,
    `go` set as the first ones leave (the counter's cue)."""
    shoppers = [Shopper(url, n) for n in range(ATTEMPTS)]
    gate = asyncio.Semaphore(AT_ONCE)

    async def ready(s: Shopper) -> None:
        async with gate:
            await s.fill_basket()

    async def place(s: Shopper) -> httpx.Response:
        async with gate:
            return await s.place()

    try:
        await asyncio.gather(*(ready(s) for s in shoppers))
        go.set()
        return list(await asyncio.gather(*(place(s) for s in shoppers)))
    finally:
        for s in shoppers:
            await s.http.aclose()


def race(db: str, home: Path) -> None:
    settings = Settings()
    services = Services(open_store(db, settings, create=False), queue_prints=False)
    try:
        store = services.store
        strict = settings.with_changes(allow_negative_stock=False)
        checkout = Checkout(store.uow, strict, store.terminal, SystemClock())
        cashier = on_shift(checkout)
        silk = services.orders.product(SILK)
        assert silk is not None
        pid = silk.product_id
        assert silk.available >= LAST
        if silk.available > LAST:
            sell(checkout, cashier, silk.available - LAST)  # the last 10 on the shelf
        assert services.orders.availability([pid])[pid] == LAST
        before = order_count(services)

        shop = start_shop_at(db, home, "--workers", "2")
        try:
            go, abandoned = threading.Event(), threading.Event()
            counter: list[str] = []

            def sell_at_the_counter() -> None:
                go.wait(60)
                for _ in range(COUNTER_SALES if not abandoned.is_set() else 0):
                    try:
                        sell(checkout, cashier, 1)
                    except OutOfStock as refused:
                        counter.append(refused.message_th)
                    else:
                        counter.append("sold")

            seller = threading.Thread(target=sell_at_the_counter)
            seller.start()
            try:  # a loop of its own: a browser test's sync Playwright may hold this thread's
                with ThreadPoolExecutor(1) as pool:
                    answers = pool.submit(lambda: asyncio.run(shoppers_race(shop.url, go))).result()
            finally:
                if not go.is_set():
                    abandoned.set()
                    go.set()
                seller.join(60)
        finally:
            stop_shop(shop)

        placed = [a for a in answers if a.status_code == 303]
        refused = [a for a in answers if a.status_code != 303]
        sold_at_counter = counter.count("sold")
        assert len(counter) == COUNTER_SALES
        assert all(r == "sold" or r.startswith("สินค้าไม่พอ") for r in counter)
        assert all(a.headers["location"].startswith("/order/W") for a in placed)
        for answer in refused:  # the basket page again, saying the silk is sold out
            assert answer.status_code == 409, answer.status_code
            assert "ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร: สินค้าหมด" in answer.text
        assert len(placed) + sold_at_counter == LAST
        assert len({a.headers["location"] for a in placed}) == len(placed)
        with store.uow() as read:
            on_hand = read.catalog.stock_on_hand([pid])[pid]
            held = read.orders.reserved([pid])[pid]
        assert on_hand == LAST - sold_at_counter  # never below zero
        assert held == len(placed)
        assert order_count(services) - before == len(placed)
        assert services.orders.availability([pid])[pid] == 0
    finally:
        services.close()


def order_count(services: Services) -> int:
    with services.store.engine.connect() as con:
        return int(con.execute(text("SELECT count(*) FROM orders")).scalar_one())


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The server's data folder; the test's own (OTOP_POS_HOME) is another."""
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "test-home"))
    return tmp_path / "shop-home"


def test_two_hundred_posts_for_the_last_ten_on_sqlite(demo_url: str, home: Path) -> None:
    race(str(make_url(demo_url).database), home)


@pytest.mark.pg
def test_two_hundred_posts_for_the_last_ten_on_postgresql(pg_demo_url: str, home: Path) -> None:
    race(pg_demo_url, home)
