"""`otop-pos shop serve` with Messenger set up (its settings file, the Page's secrets in its
environment): Meta's handshake over TCP, and a signed search answered by the server's own
chat loop through the fake Graph API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.facebook.conftest import APP_SECRET, PSID, SHOP_URL, VERIFY_TOKEN
from tests.fakes.facebook_api import RunningGraph, deliver, handshake, page_body, text_event
from tests.helpers.templates import FreshDatabase
from tests.web.conftest import build_demo_store
from tests.web.server import LiveShop, start_shop, stop_shop

HOOK = "/hooks/facebook"


@pytest.fixture
def messenger_shop(
    fresh_database: FreshDatabase,
    graph: RunningGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[LiveShop]:
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_VERIFY_TOKEN", VERIFY_TOKEN)
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_PAGE_ACCESS_TOKEN", graph.graph.page_token)
    monkeypatch.setenv("OTOP_POS_SECRET_CHAT_LINK_SECRET", "chat-link-secret-0123456789abcdef")
    conf = tmp_path / "settings.json"
    settings = {
        "web_public_url": SHOP_URL,
        "chat_enabled_channels": "facebook",
        "facebook_graph_base": graph.base_url,
        "facebook_page_id": graph.graph.page_id,
    }
    conf.write_text(json.dumps(settings), "utf-8")
    db = Path(str(make_url(fresh_database("sqlite", "web-demo", build_demo_store)).database))
    shop = start_shop(db, tmp_path / "home", "--settings", str(conf))
    try:
        yield shop
    finally:
        if shop.process.poll() is None:
            stop_shop(shop)


@pytest.mark.slow
def test_shop_serve_answers_the_handshake_and_a_search_in_messenger(
    messenger_shop: LiveShop, graph: RunningGraph
) -> None:
    page = graph.graph.page_id
    with httpx.Client(base_url=messenger_shop.url, timeout=10) as client:
        assert handshake(client, HOOK, VERIFY_TOKEN, "4242").text == "4242"
        assert handshake(client, HOOK, "wrong").status_code == 403
        body = page_body(page, text_event(page, PSID, "ค้นหา ผ้าไหม"))
        assert deliver(client, HOOK, body, APP_SECRET, sign_with="forged").status_code == 400
        answer = deliver(client, HOOK, body, APP_SECRET)
        assert answer.status_code == 200
        deadline = time.monotonic() + 30
        while not graph.graph.templates("generic"):
            assert time.monotonic() < deadline, messenger_shop.log.read_text("utf-8")[-3000:]
            time.sleep(0.1)
    [reply] = graph.graph.templates("generic")
    assert reply.recipient == PSID
    logged = messenger_shop.log.read_text("utf-8")
    assert graph.graph.page_token not in logged  # the page token never reaches the log
    assert "Traceback" not in logged
