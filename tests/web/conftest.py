"""Web shop fixtures: the demo store (a copy of one template per test), the app in process,
and `otop-pos shop serve` as a real server with headless Chromium driving it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Services, open_store
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from resources import DEMO
from tests.helpers.selling import FastArgon2
from tests.helpers.templates import FreshDatabase
from tests.web.server import CHROMIUM, CHROMIUM_ARGS, LiveShop, start_shop, stop_shop
from web.app import create_app
from web.security import TokenBucket

SECRET = b"web-shop-tests-secret-0123456789abcdef"


def build_demo_store(url: str) -> None:
    """The demo catalogue (products, producers, gift baskets, stock) and the demo users."""
    settings = Settings()
    store = open_store(url, settings)
    try:
        load_demo_store(store.uow, settings, store.terminal.terminal_id, DEMO)
        Auth(store.uow, settings, SystemClock(), FastArgon2()).ensure_demo_users()
    finally:
        store.close()


@pytest.fixture
def demo_url(fresh_database: FreshDatabase) -> str:
    """A fresh SQLite copy of the demo store."""
    return fresh_database("sqlite", "web-demo", build_demo_store)


@pytest.fixture
def pg_demo_url(fresh_database: FreshDatabase) -> str:
    """A fresh PostgreSQL copy of the demo store (the central database the shop runs on)."""
    return fresh_database("pg", "web-demo", build_demo_store)


@pytest.fixture
def services(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """The composition root's services on the demo store (its data folder in tmp_path)."""
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    opened = Services(open_store(demo_url, Settings(), create=False), queue_prints=False)
    try:
        yield opened
    finally:
        opened.close()


def make_client(services: Services, **options: Any) -> TestClient:
    options.setdefault("expire_every_s", None)
    app = create_app(services, secret=SECRET, **options)
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    """The shop in process (its own lifespan), with a generous placement rate."""
    with make_client(services, order_limit=TokenBucket(1000, 0.01)) as c:
        yield c


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


@pytest.fixture
def live_shop(demo_url: str, tmp_path: Path) -> Iterator[LiveShop]:
    shop = start_shop(Path(str(make_url(demo_url).database)), tmp_path / "home")
    try:
        yield shop
    finally:
        stop_shop(shop)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def phone_page(chromium: Any) -> Iterator[Any]:
    """A fresh browser context the size of a phone (390x844), Thai first."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="th-TH",
        is_mobile=True, has_touch=True,
    )  # fmt: skip
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
