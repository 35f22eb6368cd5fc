"""A photo of a shelf label sent in Messenger: fetched from Facebook's CDN by its URL, its QR
code read, and the product's story sent back with a link to its page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pos.app.bootstrap import Services
from pos.services.chat import Chat
from tests.facebook.conftest import APP_SECRET, PSID, SHOP_URL
from tests.facebook.test_webhook import HOOK
from tests.fakes.facebook_api import RunningGraph, deliver, image_event, page_body
from tests.web.line.test_qr_reader import photo
from web.line.qr_reader import ZxingQrReader

SILK = "KK-TX-0001"


@pytest.mark.parametrize(
    "name",
    ["label.jpg", "472_" + "8" * 300 + "_n.jpg"],  # a CDN URL that fits chat's store, or not
    ids=["short-url", "long-url-by-message-id"],
)
def test_a_photo_of_a_labels_qr_gets_the_products_story(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph, name: str
) -> None:
    mid = "m_photo-of-the-label"
    label = photo(f"{SHOP_URL}/p/{SILK}?s=l")
    url = graph.graph.photo_url(graph.base_url, name, label, mid=mid)
    page = graph.graph.page_id
    body = page_body(page, image_event(page, PSID, url, mid=mid))
    assert deliver(fb_client, HOOK, body, APP_SECRET).status_code == 200
    chat = Chat(
        fb_services.store.uow, fb_services.clock, settings=lambda: fb_services.settings,
        products=fb_services.orders, secrets=fb_services.chat_secrets,
        profiles=fb_services.chat_profiles, contents=fb_services.chat_contents,
        qr_reader=fb_services.chat_qr_reader or ZxingQrReader(),
    )  # fmt: skip
    assert chat.process_pending() == 1
    fb_services.chat_outbox().send_due()
    [story] = graph.graph.templates("button")
    [link] = story.message["attachment"]["payload"]["buttons"]
    assert link["url"].startswith(f"{SHOP_URL}/p/{SILK}")
    assert ("GET", f"/cdn/{name}") in graph.graph.requests
    asked = ("GET", f"/v21.0/{mid}/attachments") in graph.graph.requests
    assert asked == (len(url) > 100)  # a long URL is looked up by the message's id


def test_a_photo_with_no_code_reaches_staff_and_is_not_answered_as_a_product(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph
) -> None:
    page = graph.graph.page_id
    missing = f"{graph.base_url.rsplit('/', 1)[0]}/cdn/gone.jpg"  # the CDN answers 404
    body = page_body(page, image_event(page, PSID, missing))
    assert deliver(fb_client, HOOK, body, APP_SECRET).status_code == 200
    fb_services.chat.process_pending()
    fb_services.chat_outbox().send_due()
    assert graph.graph.templates("button") == []
    [contact] = fb_services.chat.conversations(only_unread=True)
    assert contact.user_id == PSID
