"""The basket, checkout and order pages in process: bad input refused with a message and
nothing written, prices from the catalogue only, one order per idempotency key."""

from __future__ import annotations

import html
import re
import threading
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from pos.app.bootstrap import Services
from pos.ports.orders import OrderView
from tests.web.conftest import KEY, SECRET, csrf_of, make_client
from web.security import SESSION_COOKIE, Signer, TokenBucket

MOO_YOR = "KK-FD-0003"  # 130.00
SILK = "KK-TX-0001"  # 2,800.00
GIFT = "GB-NY-01"  # กระเช้าปีใหม่ อิ่มอีสาน 690.00
ORDER_NO = re.compile(r'id="order-no">(W\d{10})<')

GOOD: dict[str, str] = {
    "name": "สมหญิง ใจดี",
    "phone": "081-234-5678",
    "fulfilment": "delivery",
    "address_line": "99/1 ถนนมิตรภาพ",
    "subdistrict": "ในเมือง",
    "district": "เมืองขอนแก่น",
    "province": "ขอนแก่น",
    "postcode": "40000",
    "payment": "promptpay",
}


def add(
    client: TestClient, ref: str, quantity: str = "1", kind: str = "product", **extra: str
) -> httpx.Response:
    token = csrf_of(client.get(f"/p/{MOO_YOR}").text)
    form = {"csrf_token": token, "kind": kind, "ref": ref, "quantity": quantity, **extra}
    return client.post("/basket/add", data=form)


def basket_of(client: TestClient) -> list[tuple[str, str, int]]:
    session = Signer(SECRET).load_session(client.cookies.get(SESSION_COOKIE))
    assert session is not None
    return session.basket


def checkout_form(client: TestClient, **fields: str) -> dict[str, str]:
    page = client.get("/checkout")
    assert page.status_code == 200, page.text
    key = KEY.search(page.text)
    assert key
    return {"csrf_token": csrf_of(page.text), "idempotency_key": key.group(1), **GOOD, **fields}


def order_count(services: Services) -> int:
    """Orders in the store, counted by the database itself."""
    with services.store.engine.connect() as con:
        return int(con.execute(text("SELECT count(*) FROM orders")).scalar_one())


def order_of(services: Services, order_no: str) -> OrderView:
    found = services.orders.lookup(order_no, "0812345678")
    assert found is not None
    return found


def test_the_basket_holds_refs_and_quantities_and_prices_them_from_the_catalogue(
    client: TestClient,
) -> None:
    assert add(client, MOO_YOR, "2", price="1.00").status_code == 303  # a price is ignored
    add(client, SILK)
    add(client, GIFT, kind="basket")
    assert basket_of(client) == [("product", MOO_YOR, 2), ("product", SILK, 1), ("basket", GIFT, 1)]
    html = client.get("/basket").text
    assert "฿260.00" in html
    assert "฿2,800.00" in html
    assert "฿690.00" in html
    assert "฿3,750.00" in html  # the subtotal: 260 + 2,800 + 690
    add(client, MOO_YOR, "3")  # the same product again adds up
    assert basket_of(client)[0] == ("product", MOO_YOR, 5)


@pytest.mark.parametrize("quantity", ["0", "-1", "100", "99999999999999999999", "abc", "", "1.5"])
def test_a_bad_quantity_is_refused_with_a_message_and_the_basket_is_unchanged(
    client: TestClient, quantity: str
) -> None:
    add(client, SILK)
    refused = add(client, MOO_YOR, quantity)
    assert refused.status_code == 422
    assert "จำนวนต้องเป็นตัวเลข 1-99" in refused.text
    assert basket_of(client) == [("product", SILK, 1)]


@pytest.mark.parametrize(
    ("kind", "ref"),
    [("product", "KK-NO-9999"), ("product", "KK-FD-0005"), ("basket", "NO-BASKET"),
     ("product", "x" * 500), ("voucher", MOO_YOR), ("product", "<script>")],
)  # fmt: skip
def test_a_tampered_product_is_refused_with_a_message_and_nothing_is_added(
    client: TestClient, kind: str, ref: str
) -> None:
    refused = add(client, ref, kind=kind)
    assert refused.status_code == 422
    assert "ไม่พบสินค้านี้" in refused.text
    assert "<script>" not in refused.text
    assert basket_of(client) == []


def test_a_post_without_this_sessions_csrf_token_is_refused(client: TestClient) -> None:
    form = {"kind": "product", "ref": MOO_YOR, "quantity": "1"}
    assert client.post("/basket/add", data=form).status_code == 422
    forged = client.post("/basket/add", data={**form, "csrf_token": "x" * 43})
    assert forged.status_code == 422
    assert "แบบฟอร์มหมดอายุ" in forged.text
    assert basket_of(client) == []


def test_a_csrf_token_of_another_session_is_refused(services: Services) -> None:
    with make_client(services) as mine, make_client(services) as theirs:
        token = csrf_of(theirs.get(f"/p/{MOO_YOR}").text)
        mine.get("/")
        refused = mine.post("/basket/add", data={"csrf_token": token, "kind": "product",
                                                  "ref": MOO_YOR, "quantity": "1"})  # fmt: skip
        assert refused.status_code == 422
        assert basket_of(mine) == []


BAD_FIELDS: list[tuple[dict[str, str], str, str]] = [
    ({"phone": "12345"}, "phone", "เบอร์มือถือ 10 หลัก"),
    ({"phone": "02-123-4567"}, "phone", "เบอร์มือถือ 10 หลัก"),  # a Bangkok land line
    ({"phone": "081-234-567x"}, "phone", "เบอร์มือถือ 10 หลัก"),
    ({"postcode": "4000"}, "postcode", "รหัสไปรษณีย์ 5 หลัก"),
    ({"postcode": "10110"}, "postcode", "ไม่ใช่ของจังหวัดขอนแก่น"),  # Bangkok's, not Khon Kaen's
    ({"postcode": "99999"}, "postcode", "รหัสไปรษณีย์ 5 หลัก"),
    ({"name": "ก" * 401}, "name", "ยาวเกินไป"),
    ({"name": "<script>alert(1)</script>"}, "name", "ห้ามใช้อักขระ < และ >"),
    ({"address_line": "<img src=x onerror=alert(1)>"}, "address_line", "ห้ามใช้อักขระ"),
    ({"name": ""}, "name", "กรุณากรอกชื่อ"),
    ({"province": "Atlantis"}, "province", "กรุณาเลือกจังหวัด"),
    ({"payment": "bitcoin"}, "payment", "กรุณาเลือกวิธีชำระเงิน"),
    ({"payment": "at_pickup"}, "payment", "ชำระเมื่อรับสินค้า"),
    ({"tax_invoice": "1", "tax_id": "1234567890123", "tax_name": "บริษัท ก", "tax_address": "ขอนแก่น"},
     "tax_id", "หลักตรวจสอบ"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "field", "message"), BAD_FIELDS)
def test_bad_checkout_input_is_refused_naming_the_field_and_nothing_is_written(
    client: TestClient, services: Services, fields: dict[str, str], field: str, message: str
) -> None:
    add(client, MOO_YOR)
    form = checkout_form(client, **fields)
    refused = client.post("/checkout", data=form)
    assert refused.status_code == 422
    error = re.search(rf'<em class="error" data-field="{field}">([^<]*)</em>', refused.text)
    assert error, refused.text[-3000:]
    assert message in html.unescape(error.group(1))
    assert "<script>" not in refused.text
    assert "<img src=x" not in refused.text
    assert order_count(services) == 0
    assert basket_of(client) == [("product", MOO_YOR, 1)]  # the basket is kept for the retry


def test_a_tampered_price_in_the_checkout_form_changes_nothing(
    client: TestClient, services: Services
) -> None:
    add(client, SILK)
    form = checkout_form(client, price="1.00", total="1.00", subtotal="1.00",
                         ref="KK-FD-0011", quantity="50")  # fmt: skip
    placed = client.post("/checkout", data=form)
    assert placed.status_code == 303
    order_no = placed.headers["location"].rsplit("/", 1)[1]
    order = order_of(services, order_no)
    assert [(line.ref, line.quantity) for line in order.lines] == [(SILK, 1)]
    assert order.subtotal == Decimal("2800.00")


def test_a_promptpay_order_shows_its_number_and_qr_and_empties_the_basket(
    client: TestClient, services: Services
) -> None:
    add(client, MOO_YOR, "2")
    add(client, GIFT, kind="basket")
    placed = client.post("/checkout", data=checkout_form(client))
    assert placed.status_code == 303
    assert placed.headers["location"].startswith("/order/W")
    page = client.get(placed.headers["location"])
    found = ORDER_NO.search(page.text)
    assert page.status_code == 200
    assert found
    order = order_of(services, found.group(1))
    assert order.total == Decimal("950.00") + order.shipping_fee
    assert 'id="promptpay-qr" src="data:image/svg+xml;base64,' in page.text
    assert "สแกนเพื่อชำระ" in page.text
    assert f"{order.total:,.2f}" in page.text
    assert basket_of(client) == []
    assert client.get("/basket").text.count("ตะกร้ายังว่างอยู่") == 1


def test_the_same_order_post_twice_makes_one_order(client: TestClient, services: Services) -> None:
    add(client, MOO_YOR)
    form = checkout_form(client)
    first = client.post("/checkout", data=form)
    second = client.post("/checkout", data=form)  # a reload: the basket is already empty
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert order_count(services) == 1


def test_a_retried_post_after_a_dropped_response_makes_one_order(
    client: TestClient, services: Services
) -> None:
    add(client, MOO_YOR)
    form = checkout_form(client)
    cookie_before = client.cookies.get(SESSION_COOKIE)
    first = client.post("/checkout", data=form)
    client.cookies.set(SESSION_COOKIE, cookie_before or "")  # the response never arrived
    retried = client.post("/checkout", data=form)
    assert retried.status_code == 303
    assert retried.headers["location"] == first.headers["location"]
    assert order_count(services) == 1


def test_a_double_click_two_posts_at_once_makes_one_order(
    client: TestClient, services: Services
) -> None:
    add(client, MOO_YOR)
    form = checkout_form(client)
    cookies = dict(client.cookies)
    answers: list[Any] = []

    def post() -> None:
        with make_client(services, order_limit=TokenBucket(100, 1)) as other:
            other.cookies.update(cookies)
            answers.append(other.post("/checkout", data=form))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["location"] == answers[1].headers["location"]
    assert order_count(services) == 1


def test_order_placement_is_rate_limited_per_client_with_a_429_page(services: Services) -> None:
    with make_client(services, order_limit=TokenBucket(2, 3600)) as client:
        for _ in range(2):
            add(client, MOO_YOR)
            assert client.post("/checkout", data=checkout_form(client)).status_code == 303
        add(client, MOO_YOR)
        refused = client.post("/checkout", data=checkout_form(client))
        assert refused.status_code == 429
        assert "มีการสั่งซื้อถี่เกินไป" in refused.text
        assert order_count(services) == 2


def test_more_than_there_is_is_refused_naming_what_is_left(
    client: TestClient, services: Services
) -> None:
    available = services.orders.availability(
        [services.orders.product(SILK).product_id]  # type: ignore[union-attr]
    )
    left = next(iter(available.values()))
    assert 0 < left < 99
    add(client, SILK, str(left + 1))
    basket = client.get("/basket").text
    assert f"เหลือเพียง {left} ชิ้น" in basket
    refused = client.post("/checkout", data=checkout_form(client))
    assert refused.status_code == 409
    assert f"สินค้าไม่พอ: ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร: เหลือเพียง {left} ชิ้น" in refused.text
    assert order_count(services) == 0


def test_the_status_page_needs_the_phone_the_order_was_placed_with(
    client: TestClient, services: Services
) -> None:
    add(client, MOO_YOR)
    placed = client.post("/checkout", data=checkout_form(client, payment="cod"))
    order_no = placed.headers["location"].rsplit("/", 1)[1]
    with make_client(services) as stranger:
        wrong = stranger.get("/order", params={"no": order_no, "phone": "0899999999"})
        assert wrong.status_code == 404
        assert "ไม่พบคำสั่งซื้อนี้" in wrong.text
        assert "สมหญิง" not in wrong.text
        assert stranger.get(f"/order/{order_no}").headers["location"] == f"/order?no={order_no}"
        right = stranger.get("/order", params={"no": order_no, "phone": "+66 81 234 5678"})
        assert right.status_code == 200
        assert order_no in right.text
        assert 'class="current">คำสั่งซื้อใหม่' in right.text
        assert "ชำระเงินกับพนักงานขนส่ง" in right.text


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_the_customer_sends_a_slip_and_a_bad_or_huge_file_is_refused(
    client: TestClient, services: Services
) -> None:
    add(client, MOO_YOR)
    where = client.post("/checkout", data=checkout_form(client)).headers["location"]
    page = client.get(where).text
    order_no = where.rsplit("/", 1)[1]
    token = csrf_of(page)
    text_file = client.post(f"{where}/slip", data={"csrf_token": token},
                            files={"slip": ("slip.txt", b"hello", "text/plain")})  # fmt: skip
    assert text_file.status_code == 422
    assert "Traceback" not in text_file.text
    assert order_of(services, order_no).slip_path is None
    big = PNG + b"\0" * (6 * 1024 * 1024)
    huge = client.post(f"{where}/slip", data={"csrf_token": token},
                       files={"slip": ("slip.png", big, "image/png")})  # fmt: skip
    assert huge.status_code == 413
    assert "ใหญ่เกินไป" in huge.text
    sent = client.post(f"{where}/slip", data={"csrf_token": token},
                       files={"slip": ("slip.png", PNG, "image/png")})  # fmt: skip
    assert sent.status_code == 303
    assert "ได้รับสลิปแล้ว" in client.get(sent.headers["location"]).text
    assert order_of(services, order_no).slip_path
