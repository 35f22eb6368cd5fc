"""The catalogue pages in process: home, listings, search in Thai, the product page, errors."""

from __future__ import annotations

import logging
import sqlite3
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Services
from tests.web.conftest import make_client
from web.navigation import Navigation

MOO_YOR = "KK-FD-0003"  # หมูยอขอนแก่น 500 กรัม, 130.00, OTOP 4 stars (2024), FDA + มผช.
SILK = "KK-TX-0001"  # ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร, 2,800.00


def test_home_lists_categories_districts_and_gift_baskets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    for category in ("อาหาร", "เครื่องดื่ม", "ผ้า/เครื่องแต่งกาย"):
        assert category in html
    assert 'href="/c/food"' in html
    assert "เมืองขอนแก่น" in html
    assert "ชนบท" in html
    assert "กระเช้าปีใหม่ อิ่มอีสาน" in html
    assert 'href="/b/GB-NY-01"' in html
    assert page.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "HttpOnly" in page.headers["set-cookie"]


def test_english_is_a_cookie_away_and_stays(client: TestClient) -> None:
    switched = client.get(f"/lang/en?next={quote('/p/' + MOO_YOR)}")
    assert switched.status_code == 303
    assert switched.headers["location"] == f"/p/{MOO_YOR}"
    page = client.get(f"/p/{MOO_YOR}")
    assert "Khon Kaen Moo Yor Pork Roll 500 g" in page.text
    assert "Add to basket" in page.text
    assert "ใส่ตะกร้า" not in page.text
    assert client.get("/lang/en?next=//evil.example/").headers["location"] == "/"
    client.get("/lang/th")
    assert "ใส่ตะกร้า" in client.get(f"/p/{MOO_YOR}").text


def test_the_product_page_tells_its_story_with_the_labels_qr_path(client: TestClient) -> None:
    html = client.get(f"/p/{MOO_YOR}").text
    assert "หมูยอขอนแก่น 500 กรัม" in html
    assert "บริษัท อีสานเลิศรส ฟู้ด จำกัด" in html  # the producer
    assert "เมืองขอนแก่น" in html  # its district
    assert "OTOP 4 ดาว (ปี 2024)" in html
    assert "เนื้อหมูบดละเอียดจนเหนียวนุ่ม" in html  # the story
    assert "40-1-80843-1-0003" in html
    assert "อย. <small>40-1-80843-1-0003</small>" in html  # named, not its code "fda"
    assert "ตรวจสอบแล้ว" in html
    assert "฿130.00" in html
    assert 'action="/basket/add"' in html
    assert f'name="ref" value="{MOO_YOR}"' in html
    assert "มีสินค้า" in html  # availability


def test_a_category_and_a_district_list_their_products(client: TestClient) -> None:
    textiles = client.get("/c/textile")
    assert textiles.status_code == 200
    assert f'href="/p/{SILK}"' in textiles.text
    assert f'href="/p/{MOO_YOR}"' not in textiles.text
    chonnabot = client.get("/d/" + quote("ชนบท"))
    assert chonnabot.status_code == 200
    assert f'href="/p/{SILK}"' in chonnabot.text
    assert client.get("/c/weapons").status_code == 404
    assert client.get("/d/" + quote("ไม่มีอำเภอนี้")).status_code == 404


def test_search_finds_thai_without_tone_marks(client: TestClient) -> None:
    typed = client.get("/search", params={"q": "ไสกรอก"})  # ไส้กรอก typed without ้
    assert typed.status_code == 200
    assert 'href="/p/KK-FD-0001"' in typed.text  # ไส้กรอกอีสานหมูล้วน 500 กรัม
    assert 'href="/p/KK-FD-0003"' not in typed.text
    assert 'href="/p/KK-FD-0005"' not in typed.text  # sold by weight: not sold online
    silk = client.get("/search", params={"q": "มัดหมี่"}).text
    assert f'href="/p/{SILK}"' in silk
    nothing = client.get("/search", params={"q": "ฆฌฎฏ"}).text
    assert "ไม่พบสินค้า" in nothing
    script = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>" not in script
    assert "&lt;script&gt;" in script


def test_unknown_pages_and_methods_are_friendly_pages_without_a_traceback(
    client: TestClient,
) -> None:
    missing = client.get("/p/NO-SUCH-SKU")
    assert missing.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in missing.text
    assert "Traceback" not in missing.text
    assert client.get("/nowhere").status_code == 404
    wrong = client.post("/p/" + MOO_YOR)
    assert wrong.status_code == 405
    assert "ไม่สามารถเปิดหน้านี้ด้วยวิธีนี้ได้" in wrong.text
    english = client.get("/nowhere", headers={"accept-language": "en-US,en"})
    assert "This page does not exist" in english.text


def test_a_database_that_fails_is_a_503_page_and_the_log_says_why(
    client: TestClient, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    path = make_url(services.store.url).database
    assert path
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE products RENAME TO products_gone")
    con.commit()
    con.close()
    with caplog.at_level(logging.ERROR, logger="web.errors"):
        page = client.get(f"/p/{MOO_YOR}")
    assert page.status_code == 503
    assert "ร้านค้าออนไลน์ขัดข้องชั่วคราว" in page.text
    assert "Traceback" not in page.text
    assert "products" not in page.text
    assert any("no such table" in r.getMessage() for r in caplog.records)


def test_a_bug_in_a_route_is_a_500_page_and_a_logged_traceback(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(services)

    def broken() -> None:
        raise RuntimeError("a bug with a secret: 0812345678")

    client.app.add_api_route("/broken", broken)  # type: ignore[attr-defined]
    with client, caplog.at_level(logging.ERROR, logger="web.app"):
        page = client.get("/broken", headers={"accept-language": "en"})
    assert page.status_code == 500
    assert "Something went wrong on our side" in page.text
    assert "Traceback" not in page.text
    assert "0812345678" not in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert any(r.exc_info for r in caplog.records)


def test_the_access_log_has_one_line_per_request_and_never_the_query(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="web.access"):
        client.get("/order", params={"no": "W2612030001", "phone": "0812345678"})
        client.get("/static/shop.css")
    lines = [r.getMessage() for r in caplog.records if r.name == "web.access"]
    assert len(lines) == 2
    assert '"GET /order" 404' in lines[0]
    assert '"GET /static/shop.css" 200' in lines[1]
    assert all("0812345678" not in line and "W2612030001" not in line for line in lines)


def test_the_stylesheet_and_the_bundled_thai_font_are_served_here(client: TestClient) -> None:
    css = client.get("/static/shop.css")
    assert css.status_code == 200
    assert "/fonts/OTOPSans-Regular.ttf" in css.text
    font = client.get("/fonts/OTOPSans-Regular.ttf")
    assert font.status_code == 200
    assert font.content[:4] in (b"\x00\x01\x00\x00", b"true")
    assert "http" not in css.text.replace("http://www.w3.org", "")  # no CDN


def test_the_menus_counts_are_read_once_a_minute_not_per_page(services: Services) -> None:
    def textiles(nav: Navigation) -> int:
        return next(n for code, _, _, n in nav.categories() if code == "textile")

    cached, fresh = Navigation(services.orders), Navigation(services.orders, ttl_s=0)
    before = textiles(cached)
    assert textiles(fresh) == before
    with services.store.engine.begin() as con:
        con.execute(text("UPDATE products SET active = 0 WHERE sku = :sku"), {"sku": SILK})
    assert textiles(cached) == before  # within the minute: the menu as it was
    assert textiles(fresh) == before - 1  # a minute later: read again
