"""LINE chat end to end in process: a signed webhook on the shop app, the chat loop's
handling and the outbox's sending through the composition root's LINE sender to the fake
platform, whose records say what the customer got."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from db.web_role import WEB_ROLE, grant_web_role
from pos.app.bootstrap import Services, open_store
from pos.domain.channels import Channel
from pos.domain.settings import Settings
from tests.fakes.line_api import FakeLine
from tests.web.conftest import SECRET
from tests.web.line.test_qr_reader import photo
from web.app import create_app
from web.line.client import LineSender

USER = "U" + "d" * 32
SHOP = "https://shop.example.th"
LIFF_URL = "https://liff.line.me/1650000000-AbCdEfGh"


@pytest.fixture
def line_services(
    demo_url: str, fake_line: FakeLine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    """The services with LINE set up as docs/LINE.md says (secrets in the environment)."""
    yield from _line_services(demo_url, fake_line, tmp_path, monkeypatch)


@pytest.fixture
def pg_line_services(
    pg_demo_url: str, fake_line: FakeLine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    """The same on PostgreSQL as the shop server runs there: as the web role (db/web_role.py)."""
    owner = open_store(pg_demo_url, Settings(), create=False)
    try:
        grant_web_role(owner.engine, password="web-shop-pass")
    finally:
        owner.close()
    url = make_url(pg_demo_url).set(username=WEB_ROLE, password="web-shop-pass")
    yield from _line_services(
        url.render_as_string(hide_password=False), fake_line, tmp_path, monkeypatch
    )


def _line_services(
    url: str, fake_line: FakeLine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("OTOP_POS_SECRET_LINE_CHANNEL_SECRET", fake_line.channel_secret)
    monkeypatch.setenv("OTOP_POS_SECRET_LINE_CHANNEL_ACCESS_TOKEN", fake_line.access_token)
    monkeypatch.setenv("OTOP_POS_SECRET_LINE_LIFF_ID", "1650000000-AbCdEfGh")
    settings = Settings(
        web_public_url=SHOP, chat_enabled_channels="line", line_api_base=fake_line.url,
        line_data_api_base=fake_line.url,
    )  # fmt: skip
    opened = Services(open_store(url, settings, create=False, counter=False), queue_prints=False)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def hook(line_services: Services) -> Iterator[TestClient]:
    app = create_app(line_services, secret=SECRET, expire_every_s=None, chat_every_s=None)
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        yield client


@pytest.mark.pg
def test_on_postgresql_as_the_web_role_a_search_is_answered_once(
    pg_line_services: Services, fake_line: FakeLine
) -> None:
    app = create_app(pg_line_services, secret=SECRET, expire_every_s=None, chat_every_s=None)
    search = text(fake_line, "01JCHATPG000000001", "ค้นหา ผ้าไหม")
    with TestClient(app, base_url="http://127.0.0.1") as hook:
        for body in (search, {**search, "deliveryContext": {"isRedelivery": True}}):
            assert fake_line.post_webhook(hook, [body]).status_code == 200
    assert run_loop(pg_line_services) == (1, 1)
    (reply,) = fake_line.replies
    assert reply.messages[0]["contents"]["type"] == "carousel"


def event(fake: FakeLine, event_id: str, message: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "message", "mode": "active", "timestamp": 1_764_738_000_000,
        "source": {"type": "user", "userId": USER}, "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False}, "replyToken": fake.reply_token(),
        "message": message, **extra,
    }  # fmt: skip


def text(fake: FakeLine, event_id: str, words: str) -> dict[str, Any]:
    return event(fake, event_id, {"type": "text", "id": event_id[-8:], "text": words})


def run_loop(services: Services) -> tuple[int, int]:
    """One turn of the shop server's chat loop: (events handled, messages sent)."""
    return services.chat.process_pending(), services.chat_outbox().send_due()


def test_the_composition_root_sets_up_line_from_the_secrets(line_services: Services) -> None:
    assert isinstance(line_services.chat_senders[Channel.LINE], LineSender)
    assert line_services.line is not None
    assert line_services.line.liff_client_id == "1650000000"
    assert line_services.chat_senders[Channel.LINE].check() == "LINE: OTOP ขอนแก่น (@123otop)"


def test_without_line_switched_on_nothing_is_set_up(services: Services) -> None:
    assert Channel.LINE not in services.chat_senders
    assert services.line is None


def test_a_search_in_chat_gets_a_carousel_of_products_as_its_reply(
    hook: TestClient, fake_line: FakeLine, line_services: Services
) -> None:
    fake_line.profiles[USER] = {"displayName": "มานี 🌸", "language": "th"}
    assert (
        fake_line.post_webhook(
            hook, [text(fake_line, "01JCHAT00000000001", "ค้นหา ผ้าไหม")]
        ).status_code
        == 200
    )
    assert not fake_line.replies
    assert run_loop(line_services) == (1, 1)
    (reply,) = fake_line.replies
    (carousel,) = reply.messages
    assert carousel["type"] == "flex"
    bubbles = carousel["contents"]["contents"]
    assert 1 <= len(bubbles) <= 10
    names = [b["body"]["contents"][0]["text"] for b in bubbles]
    assert all("ผ้าไหม" in n for n in names), names
    for bubble in bubbles:
        button = bubble["footer"]["contents"][0]["action"]
        assert button["label"] == "สั่งซื้อ"
        assert button["uri"].startswith(LIFF_URL + "/p/")  # the LIFF app opens /liff/p/<SKU>
        assert bubble["body"]["contents"][1]["text"].startswith("฿")
    assert not fake_line.pushes  # a reply: free, not counted against the quota
    (contact,) = line_services.chat.conversations()
    assert contact.display_name == "มานี 🌸"


def test_the_same_event_three_times_is_answered_once(
    hook: TestClient, fake_line: FakeLine, line_services: Services
) -> None:
    first = text(fake_line, "01JCHAT00000000002", "ค้นหา ผ้าไหม")
    again = {**first, "deliveryContext": {"isRedelivery": True}}
    for body in (first, first, again):
        assert fake_line.post_webhook(hook, [body]).status_code == 200
        run_loop(line_services)
    assert len(fake_line.replies) == 1
    assert run_loop(line_services) == (0, 0)


def test_a_photo_of_a_shelf_labels_qr_gets_the_products_story(
    hook: TestClient, fake_line: FakeLine, line_services: Services
) -> None:
    fake_line.contents["7001"] = (photo(f"{SHOP}/p/KK-TX-0001"), "image/jpeg")
    image = event(fake_line, "01JCHAT00000000003", {"type": "image", "id": "7001"})
    assert fake_line.post_webhook(hook, [image]).status_code == 200
    assert run_loop(line_services) == (1, 1)
    (reply,) = fake_line.replies
    said = json.dumps(reply.messages, ensure_ascii=False)
    assert reply.messages[0]["text"].startswith("ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร")  # its story
    assert f"{LIFF_URL}/p/KK-TX-0001" in said
    assert ("GET", "/v2/bot/message/7001/content", 200) in fake_line.requests


def test_a_bad_signature_is_refused_and_nothing_happens(
    hook: TestClient, fake_line: FakeLine, line_services: Services
) -> None:
    body = json.dumps({"events": [text(fake_line, "01JCHAT00000000004", "ค้นหา ผ้าไหม")]}).encode()
    assert (
        fake_line.post_webhook(hook, body, signature=fake_line.sign(body, "wrong")).status_code
        == 400
    )
    assert run_loop(line_services) == (0, 0)
    assert not fake_line.requests
    assert line_services.chat.conversations() == []


def test_odd_events_emoji_and_thai_are_handled_never_a_traceback(
    hook: TestClient, fake_line: FakeLine, line_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    events = [
        text(fake_line, "01JCHAT00000000005", "สวัสดีค่ะ 😀🙏 มีผ้าขาวม้าสีครามไหมคะ " * 20),
        event(fake_line, "01JCHAT00000000006", {"type": "sticker", "id": "9", "stickerId": "1"}),
        {"type": "videoPlayComplete", "webhookEventId": "01JCHAT00000000007",
         "source": {"type": "user", "userId": USER}, "timestamp": 1_764_738_000_000},
        {"type": "postback", "webhookEventId": "01JCHAT00000000008",
         "replyToken": fake_line.reply_token(),
         "source": {"type": "user", "userId": USER}, "postback": {"data": "action=search&q=🧵"}},
    ]  # fmt: skip
    assert fake_line.post_webhook(hook, events).status_code == 200
    handled, _ = run_loop(line_services)
    assert handled == 4
    assert "Traceback" not in caplog.text
    assert "could not be handled" not in caplog.text
    (contact,) = line_services.chat.conversations()
    log = line_services.chat.conversation(contact.contact_id)
    assert any("มีผ้าขาวม้าสีครามไหมคะ" in m.text and "😀" in m.text for m in log)


def test_the_webhook_answers_set_no_cookie(hook: TestClient, fake_line: FakeLine) -> None:
    assert "set-cookie" in hook.get("/").headers  # a shopper's page starts a session
    hook.cookies.clear()
    for answer in (
        fake_line.post_webhook(hook, [text(fake_line, "01JCOOKIE000000001", "สถานะ")]),
        fake_line.post_webhook(hook, [], signature="bm90LXRoZS1zaWduYXR1cmU="),
        fake_line.post_webhook(hook, b"not json"),
    ):
        assert answer.status_code in (200, 400)
        assert "set-cookie" not in answer.headers
    assert "set-cookie" not in hook.post("/hooks/line", content=b"x").headers  # unsigned
