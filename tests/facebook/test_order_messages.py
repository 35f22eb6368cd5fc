"""An order placed from Messenger gets its messages (placed with the PromptPay QR, paid,
shipped with the tracking number, delivered) exactly once each, after the chat loop runs."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from pos.app.bootstrap import Services
from pos.domain.orders import OrderStatus
from tests.facebook.conftest import APP_SECRET, PSID, SHOP_URL
from tests.facebook.test_orders_via import MOO_YOR, place_order, shop_link
from tests.facebook.test_webhook import HOOK, run_chat
from tests.fakes.facebook_api import RunningGraph, deliver, page_body, text_event


def days_pass(services: Services, hours: int) -> None:
    """The customer's messages moved `hours` into the past (as if she wrote that long ago)."""
    with Session(services.store.engine) as session:
        incoming = select(m.ChatMessage).where(m.ChatMessage.direction == "in")
        for message in session.scalars(incoming):
            message.at = message.at - timedelta(hours=hours)
        session.commit()


def test_an_orders_messages_go_to_messenger_once_each(
    fb_client: TestClient, fb_services: Services, graph: RunningGraph
) -> None:
    page = graph.graph.page_id
    deliver(fb_client, HOOK, page_body(page, text_event(page, PSID, "ร้าน")), APP_SECRET)
    run_chat(fb_services)
    order_no = place_order(fb_client, shop_link(graph))
    for _ in range(2):  # a second turn of the loop sends nothing again
        run_chat(fb_services)
    placed = [t for t in graph.graph.texts(PSID) if order_no in t]
    assert len(placed) == 1, graph.graph.texts(PSID)
    qr = [s for s in graph.graph.sent if s.message.get("attachment", {}).get("type") == "image"]
    assert len(qr) == 1
    assert qr[0].message["attachment"]["payload"]["url"].startswith(SHOP_URL + "/orders/")

    desk = fb_services.order_desk
    manager = fb_services.auth.login("manager", "9999")
    desk.confirm_payment(order_no, manager)
    run_chat(fb_services)
    assert {s.messaging_type for s in graph.graph.sent} == {"RESPONSE"}  # she wrote just now
    days_pass(fb_services, hours=30)  # Messenger's 24 hours are over before it ships
    before = len(graph.graph.sent)
    desk.start_picking(order_no, manager)
    desk.pack_scan(order_no, MOO_YOR)
    desk.mark_packed(order_no, manager)
    desk.ship(order_no, "thailand_post_ems", "EX123456785TH", manager)
    desk.mark_delivered(order_no, manager)
    assert desk.order(order_no).status is OrderStatus.DELIVERED
    for _ in range(2):
        run_chat(fb_services)
    about = [t for t in graph.graph.texts(PSID) if order_no in t]
    assert len(about) == 4, about  # placed, paid, shipped, delivered: once each
    shipped = next(t for t in about if "EX123456785TH" in t)
    assert "EX123456785TH" in shipped
    late = graph.graph.sent[before:]  # shipped and delivered: order updates, tagged
    assert late
    assert {(s.messaging_type, s.tag) for s in late} == {("MESSAGE_TAG", "POST_PURCHASE_UPDATE")}
    assert all(s.recipient == PSID for s in graph.graph.sent)
    deliver(fb_client, HOOK, page_body(page, text_event(page, PSID, "สถานะ")), APP_SECRET)
    run_chat(fb_services)
    [status] = [t for t in graph.graph.texts(PSID) if order_no in t][4:]  # her orders' list
    assert OrderStatus.DELIVERED.label.th in status
