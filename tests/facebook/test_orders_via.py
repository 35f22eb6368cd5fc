"""An order from Messenger: the "Shop now" link's signed `via` token makes the web shop's order
channel FACEBOOK and linked to the customer, whose order messages are then sent once each."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import text

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from tests.facebook.conftest import APP_SECRET, PSID, SHOP_URL
from tests.facebook.test_webhook import HOOK, run_chat
from tests.fakes.facebook_api import RunningGraph, deliver, page_body, text_event
from tests.web.conftest import KEY, SECRET, csrf_of
from web.security import SESSION_COOKIE, Signer

MOO_YOR = "KK-FD-0003"  # 130.00 baht
ORDER_NO = re.compile(r"/order/(W\d{10})")
ADDRESS = {
    "name": "สมหญิง ใจดี 🌸",
    "phone": "081-234-5678",
    "fulfilment": "delivery",
    "address_line": "99/1 ถนนมิตรภาพ",
    "subdistrict": "ในเมือง",
    "district": "เมืองขอนแก่น",
    "province": "ขอนแก่น",
    "postcode": "40000",
    "payment": "promptpay",
}


def shop_link(graph: RunningGraph) -> str:
    """The URL of the last "Shop now" button the page sent."""
    [*_, button] = graph.graph.templates("button")
    [link] = button.message["attachment"]["payload"]["buttons"]
    url: str = link["url"]
    return url


def place_order(client: TestClient, landing: str) -> str:
    """Open the shop at `landing` (a chat link), put a product in the basket and check out."""
    parts = urlsplit(landing)
    assert f"{parts.scheme}://{parts.netloc}" == SHOP_URL
    page = client.get(f"{parts.path}?{parts.query}")
    assert page.status_code == 200, page.text
    product = client.get(f"/p/{MOO_YOR}")
    added = client.post(
        "/basket/add",
        data={"csrf_token": csrf_of(product.text), "kind": "product", "ref": MOO_YOR,
              "quantity": "1"},
    )  # fmt: skip
    assert added.status_code == 303
    form = client.get("/checkout")
    key = KEY.search(form.text)
    assert key is not None
    placed = client.post(
        "/checkout",
        data={"csrf_token": csrf_of(form.text), "idempotency_key": key.group(1), **ADDRESS},
    )
    assert placed.status_code == 303, placed.text
    found = ORDER_NO.search(placed.headers["location"])
    assert found is not None
    return found.group(1)


def channel_of(services: Services, order_no: str) -> str:
    with services.store.engine.connect() as con:
        sql = text("SELECT channel FROM orders WHERE order_no = :no")
        return str(con.execute(sql, {"no": order_no}).scalar_one())


def test_an_order_through_the_via_link_is_facebooks(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph
) -> None:
    page = graph.graph.page_id
    deliver(fb_client, HOOK, page_body(page, text_event(page, PSID, "ร้าน")), APP_SECRET)
    run_chat(fb_services)
    link = shop_link(graph)
    assert "via=" in link
    order_no = place_order(fb_client, link)
    assert channel_of(fb_services, order_no) == Channel.FACEBOOK.value
    session = Signer(SECRET).load_session(fb_client.cookies.get(SESSION_COOKIE))
    assert session is not None
    assert session.contact is not None
    assert session.contact[:2] == (Channel.FACEBOOK.value, PSID)  # who, from the signed token


def test_a_forged_or_missing_via_token_leaves_the_order_a_web_order(
    fb_client: TestClient, fb_services: Services
) -> None:
    order_no = place_order(fb_client, f"{SHOP_URL}/?via=forged.token")
    assert channel_of(fb_services, order_no) == Channel.WEB.value
