"""Orders placed from chat: linked to the contact, confirmed with the PromptPay QR (an image
the web shop serves for a signed link), then "paid", "shipped" and "delivered", each once."""

from __future__ import annotations

import io
from collections.abc import Callable
from urllib.parse import urlsplit

import zxingcpp
from PIL import Image
from starlette.testclient import TestClient

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import (
    ContactRef,
    ImageOut,
    InboundEvent,
    InboundKind,
    LinkOut,
    Purpose,
    TextOut,
    messages_from_json,
)
from pos.domain.orders import OrderLineRequest, OrderStatus, PaymentMethod
from pos.ports.chat import OutboxItem
from tests.chat.conftest import SHOP_URL, Clock, FakeSender, server_error, staff, timeout
from tests.orders.conftest import delivery
from web.app import create_app

USER = "U0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"
SCARF = "KK-TX-0003"
Open = Callable[..., Services]


def _items(svc: Services) -> dict[Purpose, OutboxItem]:
    return {i.purpose: i for i in svc.chat.outbox()}


def _place(svc: Services, key: str, contact: ContactRef | None) -> str:
    order = svc.orders.place(
        key,
        delivery(),
        [OrderLineRequest("product", SCARF, 2)],
        PaymentMethod.PROMPTPAY,
        channel=Channel.LINE,
        contact=contact,
    )
    return order.order_no


def test_an_order_from_line_gets_each_message_once(
    shop_db: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_db)
    ref = ContactRef(Channel.LINE, USER, "สมหญิง 🌸")
    no = _place(svc, "line-order-000001", ref)
    assert _place(svc, "line-order-000001", ref) == no  # the same POST again: one order
    order = svc.order_desk.order(no)
    assert order.channel is Channel.LINE
    [placed] = svc.chat.outbox()
    assert (placed.purpose, placed.order_no, placed.counts_quota) == (
        Purpose.ORDER_PLACED,
        no,
        True,
    )
    messages = messages_from_json(placed.messages)
    assert "1,300.00" in messages[0].text  # type: ignore[union-attr]
    [qr] = [m for m in messages if isinstance(m, ImageOut)]
    assert qr.url.startswith(f"{SHOP_URL}/orders/{no}/qr.png?t=")
    assert "081" not in qr.url  # no phone in the link
    assert isinstance(messages[-1], LinkOut)
    assert messages[-1].url == f"{SHOP_URL}/order?no={no}"

    # the web shop serves the QR of the amount for the signed link only
    with TestClient(create_app(svc, expire_every_s=None)) as web:
        url = urlsplit(qr.url)
        answer = web.get(f"{url.path}?{url.query}")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "image/png"
        [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(answer.content)))
        assert code.text == order.promptpay_payload
        preview = web.get(urlsplit(qr.preview_url).path + "?" + urlsplit(qr.preview_url).query)
        assert preview.status_code == 200
        assert web.get(f"/orders/{no}/qr.png?t=forged").status_code == 404
        assert web.get(f"{url.path}?{url.query}&s=9999").status_code == 404

        manager = staff(svc.store, clock, "manager", "9999")
        packer = staff(svc.store, clock, "labels", "2222")
        svc.order_desk.confirm_payment(no, manager)
        assert web.get(f"{url.path}?{url.query}").status_code == 404  # paid: no QR any more

    svc.order_desk.start_picking(no, packer)
    svc.order_desk.pack_scan(no, SCARF)
    svc.order_desk.pack_scan(no, SCARF)
    svc.order_desk.mark_packed(no, packer)
    shipped = svc.order_desk.ship(no, "thailand_post_ems", "EX123456785TH", packer)
    # a status set again (a hook run twice) writes nothing more
    with svc.store.uow(write=True) as uow:
        svc.chat.order_status(uow, shipped, OrderStatus.SHIPPED, clock.now())
        uow.commit()
    svc.order_desk.mark_delivered(no, manager)

    items = _items(svc)
    assert sorted(items) == sorted(
        [Purpose.ORDER_PLACED, Purpose.PAYMENT_RECEIVED, Purpose.SHIPPED, Purpose.DELIVERED]
    )
    [ship_text, _] = messages_from_json(items[Purpose.SHIPPED].messages)
    assert isinstance(ship_text, TextOut)
    assert "ไปรษณีย์ไทย EMS" in ship_text.text
    assert "EX123456785TH" in ship_text.text
    assert "https://track.thailandpost.co.th/?trackNumber=EX123456785TH" in ship_text.text

    # the API fails the first two attempts: still each message delivered once
    sender = FakeSender(failures=[server_error(), timeout()])
    outbox = svc.chat_outbox({Channel.LINE: sender})
    for _ in range(4):
        outbox.send_due()
        clock.advance(minutes=1)
    assert len(sender.delivered) == 4
    assert len({d.retry_key for d in sender.delivered}) == 4
    assert [d.user_id for d in sender.delivered] == [USER] * 4
    assert svc.chat.usage(Channel.LINE) == (4, 300)

    # the customer's "orders" command now lists it
    [contact] = svc.chat.conversations()
    assert contact.display_name == "สมหญิง 🌸"
    asked = InboundEvent(
        Channel.LINE, "01JORDERSCOMMAND0000000001", USER, InboundKind.TEXT, clock.now(),
        text="สถานะ", reply_token="orders-reply",
    )  # fmt: skip
    assert svc.chat.receive([asked]) == 1
    assert svc.chat.process_pending() == 1
    [answer] = [i for i in svc.chat.outbox() if i.reply_token == "orders-reply"]
    [text] = messages_from_json(answer.messages)
    assert isinstance(text, TextOut)
    assert f"{no}: {OrderStatus.DELIVERED.label.th} (1,300.00)" in text.text


def test_an_order_not_from_chat_writes_no_message(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    svc = open_services(shop_sqlite)
    no = _place(svc, "web-order-0000001", None)
    svc.order_desk.confirm_payment(no, staff(svc.store, clock, "manager", "9999"))
    assert svc.chat.outbox() == []


def test_without_a_public_address_or_secret_the_messages_have_no_links(
    shop_sqlite: str, open_services: Open, clock: Clock
) -> None:
    from tests.chat.conftest import chat_settings

    svc = open_services(shop_sqlite, chat_settings(web_public_url=""), secrets={})
    _place(svc, "line-order-000002", ContactRef(Channel.LINE, USER))
    [placed] = svc.chat.outbox()
    kinds = [type(m) for m in messages_from_json(placed.messages)]
    assert kinds == [TextOut]
