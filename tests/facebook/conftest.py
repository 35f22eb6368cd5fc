"""Messenger fixtures: the fake Graph API, the demo store's services with the Page's secrets
set (as `shop serve` reads them), and the shop app in process on them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from db.web_role import WEB_ROLE, grant_web_role
from pos.app.bootstrap import Services, open_store
from pos.domain.settings import Settings
from tests.fakes.facebook_api import FakeGraph, RunningGraph, running_graph
from tests.helpers.templates import FreshDatabase
from tests.web.conftest import SECRET, build_demo_store
from web.app import create_app
from web.security import TokenBucket

APP_SECRET = "fb-app-secret-ทดสอบ-0123456789"
VERIFY_TOKEN = "verify-ผ้าไหม-token"
PSID = "6789012345678901"
SHOP_URL = "https://shop.example.th"


@pytest.fixture
def graph() -> Iterator[RunningGraph]:
    fake = FakeGraph()
    fake.profiles[PSID] = {"first_name": "สมหญิง", "last_name": "ใจดี 🌸", "profile_pic": ""}
    with running_graph(fake) as running:
        yield running


def messenger_services(
    url: str,
    graph: RunningGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Services:
    """The services on the store at `url` with Messenger set up against the fake, opened as
    `shop serve` opens them (no counter)."""
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_VERIFY_TOKEN", VERIFY_TOKEN)
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_PAGE_ACCESS_TOKEN", graph.graph.page_token)
    monkeypatch.setenv("OTOP_POS_SECRET_CHAT_LINK_SECRET", "chat-link-secret-0123456789abcdef")
    settings = replace(
        Settings(),
        web_public_url=SHOP_URL,
        chat_enabled_channels="facebook",
        facebook_graph_base=graph.base_url,
        facebook_page_id=graph.graph.page_id,
    )
    return Services(open_store(url, settings, create=False, counter=False), queue_prints=False)


@pytest.fixture
def fb_services(
    fresh_database: FreshDatabase,
    graph: RunningGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Services]:
    """Messenger set up on a SQLite copy of the demo store."""
    url = fresh_database("sqlite", "web-demo", build_demo_store)
    opened = messenger_services(url, graph, tmp_path, monkeypatch)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def fb_pg_services(
    fresh_database: FreshDatabase,
    graph: RunningGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Services]:
    """Messenger set up on a PostgreSQL copy of the demo store, as the shop server runs on the
    central database: as the web role (db/web_role.py)."""
    owner_url = fresh_database("pg", "web-demo", build_demo_store)
    owner = open_store(owner_url, Settings(), create=False, counter=False)
    try:
        grant_web_role(owner.engine, password="web-shop-pass")
    finally:
        owner.close()
    url = make_url(owner_url).set(username=WEB_ROLE, password="web-shop-pass")
    opened = messenger_services(
        url.render_as_string(hide_password=False), graph, tmp_path, monkeypatch
    )
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def fb_client(fb_services: Services) -> Iterator[TestClient]:
    """The shop in process on those services (no background loops: tests run them)."""
    app = create_app(
        fb_services,
        secret=SECRET,
        order_limit=TokenBucket(1000, 0.01),
        expire_every_s=None,
        chat_every_s=None,
    )
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        yield client
