"""A customer in headless Chromium against `otop-pos shop serve`: browse, search in Thai, two
products and a gift basket, check out with delivery, pay by the PromptPay QR read off the page."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from pos.domain.promptpay import promptpay_payload
from pos.domain.settings import Settings
from tests.web.conftest import LiveShop

pytestmark = pytest.mark.slow


def baht(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.]", "", text))


def read_qr(png: bytes) -> str:
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, f"{len(found)} codes on the page"
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    return str(found[0].text)


def check_out_with_delivery(
    page: Any, name: str, phone: str, address_line: str, subdistrict: str
) -> None:
    """From the basket: the checkout form filled as a customer types it (delivery in Mueang
    Khon Kaen, 40000; PromptPay), then placed."""
    page.get_by_role("link", name="สั่งซื้อ", exact=True).click()
    page.fill("input[name=name]", name)
    page.fill("input[name=phone]", phone)
    page.check("input[name=fulfilment][value=delivery]")
    page.fill("input[name=address_line]", address_line)
    page.fill("input[name=subdistrict]", subdistrict)
    page.fill("input[name=district]", "เมืองขอนแก่น")
    page.select_option("select[name=province]", "ขอนแก่น")
    page.fill("input[name=postcode]", "40000")
    page.check("input[name=payment][value=promptpay]")
    page.get_by_role("button", name="ยืนยันการสั่งซื้อ").click()


def test_a_customer_orders_two_products_and_a_gift_basket_and_pays_by_promptpay(
    live_shop: LiveShop, phone_page: Any
) -> None:
    page = phone_page
    page.goto(live_shop.url + "/")
    assert page.locator("ul.tiles a").count() == 5  # the five OTOP categories
    page.locator("a[href='/c/textile']").click()
    assert page.locator("h1").inner_text() == "ผ้า/เครื่องแต่งกาย"

    page.fill("input[name=q]", "มัดหมี่ลายนาค")  # search in Thai
    page.locator("form.search button").click()
    page.locator("a[href='/p/KK-TX-0001']").click()
    assert "ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร" in page.locator("h1").inner_text()
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    assert page.url.endswith("/basket")

    page.fill("input[name=q]", "หมูยอ")
    page.press("input[name=q]", "Enter")
    page.locator("a[href='/p/KK-FD-0003']").click()
    page.fill("form.add input[name=quantity]", "2")
    page.get_by_role("button", name="ใส่ตะกร้า").click()

    page.goto(live_shop.url + "/")
    page.locator("a[href='/b/GB-NY-01']").click()
    assert "ไส้กรอกอีสาน" in page.locator("article").inner_text()  # its contents
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    assert page.locator("header .count").inner_text() == "4"
    lines = page.locator("ul.lines > li")
    assert lines.count() == 3
    subtotal = baht(page.locator("dl.totals dd").first.inner_text())
    assert subtotal == Decimal("2800.00") + 2 * Decimal("130.00") + Decimal("690.00")

    check_out_with_delivery(page, "สมชาย รักถิ่น", "089 123 4567", "12 หมู่ 3 ถนนมะลิวัลย์", "บ้านทุ่ม")

    order_no = page.locator("#order-no").inner_text()
    assert re.fullmatch(r"W\d{10}", order_no)
    total = baht(page.locator("#total").inner_text())
    assert total >= subtotal
    qr = page.locator("#promptpay-qr")
    qr.scroll_into_view_if_needed()
    payload = read_qr(qr.screenshot())
    assert payload == promptpay_payload(Settings().promptpay_id, total)
    assert f"54{len(f'{total:.2f}'):02d}{total:.2f}" in payload  # the exact amount, tag 54

    page.reload()  # a reload of the confirmation places nothing more
    assert page.locator("#order-no").inner_text() == order_no
    page.goto(live_shop.url + "/basket")
    assert "ตะกร้ายังว่างอยู่" in page.locator("main").inner_text()

    page.goto(live_shop.url + "/order")
    page.fill("input[name=no]", order_no)
    page.fill("input[name=phone]", "0891234567")
    page.get_by_role("button", name="ดูสถานะ").click()
    assert page.locator("ol.stages li.current").inner_text() == "รอชำระเงิน"
