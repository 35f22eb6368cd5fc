"""GET/POST /hooks/facebook on the shop app: the handshake, signatures, each event once, a
search answered with a generic template after the chat loop runs, and junk refused or handled
without a traceback."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from pos.app.bootstrap import Services
from tests.facebook.conftest import APP_SECRET, PSID, SHOP_URL, VERIFY_TOKEN
from tests.fakes.facebook_api import (
    RunningGraph,
    deliver,
    echo_event,
    encode,
    handshake,
    image_event,
    page_body,
    postback_event,
    read_event,
    signature,
    text_event,
)
from tests.web.conftest import SECRET
from web.app import create_app

HOOK = "/hooks/facebook"


def events_recorded(services: Services) -> int:
    with services.store.engine.connect() as con:
        return int(con.execute(text("SELECT count(*) FROM chat_events")).scalar_one())


def run_chat(services: Services) -> None:
    """One turn of the shop server's chat loop: handle what was recorded, send the outbox."""
    services.chat.process_pending()
    services.chat_outbox().send_due()


@pytest.fixture
def no_errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    return caplog


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert bad == [], [r.getMessage() for r in bad]


def test_the_handshake_answers_the_challenge_only_to_our_verify_token(
    fb_client: TestClient,
) -> None:
    right = handshake(fb_client, HOOK, VERIFY_TOKEN, challenge="1158201444")
    assert right.status_code == 200
    assert right.text == "1158201444"
    assert right.headers["content-type"].startswith("text/plain")
    assert handshake(fb_client, HOOK, "not-our-token").status_code == 403
    wrong_mode = fb_client.get(
        HOOK,
        params={"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
    )
    assert wrong_mode.status_code == 403
    assert fb_client.get(HOOK).status_code == 403


def test_a_signed_search_gets_a_generic_template_of_the_products(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph
) -> None:
    page = graph.graph.page_id
    answer = deliver(
        fb_client, HOOK, page_body(page, text_event(page, PSID, "ค้นหา ผ้าไหม")), APP_SECRET
    )
    assert answer.status_code == 200
    assert answer.text == "EVENT_RECEIVED"
    assert graph.graph.sent == []  # answered at once: the loop replies
    run_chat(fb_services)
    [reply] = graph.graph.templates("generic")
    assert reply.recipient == PSID
    assert reply.messaging_type == "RESPONSE"
    elements = reply.message["attachment"]["payload"]["elements"]
    assert 1 <= len(elements) <= 10
    assert all("ผ้าไหม" in e["title"] for e in elements), [e["title"] for e in elements]
    for element in elements:
        assert element["subtitle"].startswith("฿")
        assert element["default_action"]["url"].startswith(SHOP_URL + "/p/")
        [order] = element["buttons"]
        assert order["title"] == "สั่งซื้อ / Order"
        assert order["url"].startswith(SHOP_URL + "/p/")
        assert "via=" in order["url"]
    [contact] = fb_services.chat.conversations()
    assert contact.display_name == "สมหญิง ใจดี 🌸"  # the Messenger profile's name


def test_a_bad_or_missing_signature_is_refused_and_nothing_recorded(
    fb_client: TestClient,
    fb_services: Services,
    graph: RunningGraph,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    page = graph.graph.page_id
    body = page_body(page, text_event(page, PSID, "ค้นหา ผ้าไหม ลับสุดยอด"))
    assert deliver(fb_client, HOOK, body, None).status_code == 400
    assert deliver(fb_client, HOOK, body, APP_SECRET, sign_with="another-secret").status_code == 400
    raw = encode(body)
    tampered = raw.replace(b"\\u0e1c", b"\\u0e1d")  # one letter changed after signing
    signed_original = {"X-Hub-Signature-256": "sha256=" + "0" * 64}
    assert fb_client.post(HOOK, content=tampered, headers=signed_original).status_code == 400
    assert events_recorded(fb_services) == 0
    run_chat(fb_services)
    assert graph.graph.sent == []
    assert "ลับสุดยอด" not in caplog.text  # the body is never logged
    assert "bad or missing signature" in caplog.text


def test_the_same_event_three_times_is_handled_once(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph
) -> None:
    page = graph.graph.page_id
    body = page_body(page, text_event(page, PSID, "หา ผ้าไหม", mid="m_once"))
    for _ in range(3):
        assert deliver(fb_client, HOOK, body, APP_SECRET).status_code == 200
        run_chat(fb_services)
    assert events_recorded(fb_services) == 1
    assert len(graph.graph.templates("generic")) == 1


def test_junk_is_refused_or_handled_and_never_a_traceback(
    fb_client: TestClient,
    fb_services: Services,
    graph: RunningGraph,
    no_errors: pytest.LogCaptureFixture,
) -> None:
    page = graph.graph.page_id
    oversized = encode(page_body(page, text_event(page, PSID, "ก" * (1024 * 1024))))
    assert deliver(fb_client, HOOK, oversized, APP_SECRET).status_code == 413
    for junk in (b"", b"{", b"\xff\xfe\x00", b"[1, 2", json.dumps("ผ้าไหม").encode()):
        status = deliver(fb_client, HOOK, junk, APP_SECRET).status_code
        assert status in (200, 400), (junk, status)
    assert deliver(fb_client, HOOK, b"not json", None).status_code == 400
    strange: list[dict[str, Any]] = [
        {"object": "page", "entry": "ผ้าไหม"},
        {"object": "page", "entry": [{"messaging": [{"sender": {"id": PSID}, "x": "🐘"}]}]},
        {"object": "page", "entry": [{"messaging": [None, 1, "two", {"sender": "🌸"}]}]},
        {"object": "user", "entry": [{"changes": [{"field": "feed"}]}]},
        page_body(page, echo_event(page, PSID, "เราส่งเอง"), read_event(page, PSID)),
        page_body(
            page,
            text_event(page, PSID, "🙏🏼 สวัสดีค่ะ ขอสอบถามราคา ผ้าไหม 🧣✨ ค่ะ 😊"),
            postback_event(page, PSID, "action=search&q=ผ้าไหม 🧣", "ค้นหา 🔍"),
            postback_event(page, PSID, "action=🦄&q=" + "ๆ" * 3000),
            image_event(page, PSID, "https://scontent.example/ภาพ.jpg"),
            text_event(page, PSID, "KK-TX-0001"),
            text_event(page, PSID, "สถานะ"),
            text_event(page, PSID, "ร้าน"),
            text_event(page, PSID, "\u200b\u0e48\u0e49 ่้๊๋"),
        ),
    ]
    for body in strange:
        assert deliver(fb_client, HOOK, body, APP_SECRET).status_code == 200, body
    assert events_recorded(fb_services) == 9  # the last body's 8, and the sender with "x"
    run_chat(fb_services)
    assert graph.graph.sent, "the texts and postbacks were answered"
    assert_no_traceback(no_errors)


def test_the_shop_servers_own_chat_loop_answers(fb_services: Services, graph: RunningGraph) -> None:
    app = create_app(fb_services, secret=SECRET, expire_every_s=None, chat_every_s=0.05)
    page = graph.graph.page_id
    with TestClient(app, base_url="http://127.0.0.1") as client:
        body = page_body(page, text_event(page, PSID, "?ผ้าไหม"))
        assert deliver(client, HOOK, body, APP_SECRET).status_code == 200
        deadline = time.monotonic() + 20
        while not graph.graph.templates("generic"):
            assert time.monotonic() < deadline, "the loop did not answer"
            time.sleep(0.05)
    assert len(graph.graph.templates("generic")) == 1


@pytest.mark.pg
def test_on_postgresql_the_same_event_at_once_three_times_is_one(
    fb_pg_services: Services, graph: RunningGraph
) -> None:
    """Facebook retrying while the first delivery is still in flight: three at the same time."""
    app = create_app(fb_pg_services, secret=SECRET, expire_every_s=None, chat_every_s=None)
    page = graph.graph.page_id
    raw = encode(page_body(page, text_event(page, PSID, "ค้นหา ผ้าไหม", mid="m_thrice")))
    headers = {"X-Hub-Signature-256": signature(raw, APP_SECRET)}

    async def three_at_once() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            answers = await asyncio.gather(
                *(c.post(HOOK, content=raw, headers=headers) for _ in range(3))
            )
        return [a.status_code for a in answers]

    assert asyncio.run(three_at_once()) == [200, 200, 200]
    assert events_recorded(fb_pg_services) == 1
    for _ in range(2):
        run_chat(fb_pg_services)
    assert len(graph.graph.templates("generic")) == 1


def test_the_webhook_answers_set_no_cookie(fb_client: TestClient, graph: RunningGraph) -> None:
    assert "set-cookie" in fb_client.get("/").headers  # a shopper's page starts a session
    fb_client.cookies.clear()
    page = graph.graph.page_id
    answers = [
        handshake(fb_client, HOOK, VERIFY_TOKEN, challenge="42"),
        handshake(fb_client, HOOK, "not-our-token"),
        deliver(fb_client, HOOK, page_body(page, text_event(page, PSID, "สถานะ")), APP_SECRET),
        deliver(fb_client, HOOK, page_body(page, text_event(page, PSID, "สถานะ")), None),
    ]
    assert [a.status_code for a in answers] == [200, 403, 200, 400]
    assert all("set-cookie" not in a.headers for a in answers)
