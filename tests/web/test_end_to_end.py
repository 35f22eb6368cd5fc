"""Issue 16's walk from end to end: a customer in headless Chromium against `otop-pos shop
serve`, the staff in the real orders window on the same SQLite file, the EOD report's PDF."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app import main
from pos.app.bootstrap import Services
from pos.domain.orders import OrderStatus
from pos.domain.promptpay import promptpay_payload
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from tests.backoffice.test_orders_page import focused, open_order, press, settle, type_in
from tests.labels.decode import pdf_page_images, read_codes
from tests.web.server import LiveShop
from tests.web.test_browser import baht, check_out_with_delivery, read_qr
from ui import i18n
from ui.backoffice.orders_page import OrdersPage

pytestmark = pytest.mark.slow

TRACKING = "EX123456785TH"


def order_online(page: Any, url: str) -> tuple[str, Decimal]:
    """Browse, search in Thai, two products and a gift basket, delivery, PromptPay: the order's
    number and total, the QR on the page checked against the total."""
    page.goto(url + "/")
    page.locator("a[href='/c/textile']").click()
    assert page.locator("h1").inner_text() == "ผ้า/เครื่องแต่งกาย"
    page.fill("input[name=q]", "มัดหมี่ลายนาค")
    page.locator("form.search button").click()
    page.locator("a[href='/p/KK-TX-0001']").click()
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    page.fill("input[name=q]", "หมูยอ")
    page.press("input[name=q]", "Enter")
    page.locator("a[href='/p/KK-FD-0003']").click()
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    page.goto(url + "/")
    page.locator("a[href='/b/GB-NY-01']").click()
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    assert page.locator("ul.lines > li").count() == 3
    check_out_with_delivery(page, "สมหญิง ขายดี", "089 765 4321", "99 หมู่ 1 ถนนศรีจันทร์", "ในเมือง")
    order_no = page.locator("#order-no").inner_text()
    total = baht(page.locator("#total").inner_text())
    qr = page.locator("#promptpay-qr")
    qr.scroll_into_view_if_needed()
    payload = read_qr(qr.screenshot())
    assert payload == promptpay_payload(Settings().promptpay_id, total)
    assert f"54{len(f'{total:.2f}'):02d}{total:.2f}" in payload
    return order_no, total


def cell(page: OrdersPage, row: int, column: int) -> str:
    item = page.lines.item(row, column)
    assert item is not None
    return item.text()


def status(page: OrdersPage) -> OrderStatus:
    assert page.order is not None
    return page.order.status


def pack_by_scanning(qtbot: QtBot, page: OrdersPage) -> None:
    """Every unit still to pack scanned by its SKU into the focused scan field."""
    to_scan = []
    for row in range(page.lines.rowCount()):
        packed = cell(page, row, 5)
        if "/" in packed:
            done, wanted = (int(n) for n in packed.split("/"))
            to_scan += [cell(page, row, 0)] * (wanted - done)
    assert to_scan
    page.pack_scan.setFocus()
    for sku in to_scan:
        type_in(qtbot, page, page.pack_scan, sku)


def test_an_order_from_the_browser_to_the_end_of_day_report(
    qapp: QApplication,
    qtbot: QtBot,
    live_shop: LiveShop,
    phone_page: Any,
    services: Services,
    demo_url: str,
    tmp_path: Path,
) -> None:
    order_no, total = order_online(phone_page, live_shop.url)

    i18n.install_language("en")
    manager = services.auth.login("manager", "9999")
    page = OrdersPage(services, manager)
    page.ask_path = lambda _title, name: str(tmp_path / name)
    qtbot.addWidget(page)
    try:
        page.resize(1280, 680)
        page.show()
        qtbot.waitExposed(page)
        settle(qtbot, page)
        assert order_no in page.list.shown_keys()
        open_order(qtbot, page, order_no)
        assert page.order is not None
        assert "สมหญิง ขายดี" in page.customer.text()
        assert focused() is page.confirm_button
        press(qtbot, page, page.confirm_button)
        assert status(page) is OrderStatus.PAID
        assert page.order.receipt_no is not None
        press(qtbot, page, page.pick_button)
        assert status(page) is OrderStatus.PICKING
        pack_by_scanning(qtbot, page)
        assert status(page) is OrderStatus.PACKED
        assert page.carrier.currentData() == "thailand_post_ems"
        assert focused() is page.tracking
        type_in(qtbot, page, page.tracking, TRACKING)
        assert status(page) is OrderStatus.SHIPPED
        assert page.order.tracking_no == TRACKING
        press(qtbot, page, page.label_pdf_button)
        (image,) = pdf_page_images((tmp_path / f"label-{order_no}.pdf").read_bytes(), dpi=300)
        assert dict(read_codes(image))["Code128"] == TRACKING
    finally:
        page.shutdown()

    eod = tmp_path / "eod.pdf"
    day = shop_day(datetime.now(UTC)).isoformat()
    assert main(["report", "eod", "--db", demo_url, "--date", day, "-o", str(eod)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(eod), "-"], capture_output=True, text=True, check=True
    ).stdout
    (web_row,) = [line.split() for line in text.splitlines() if "เว็บไซต์ / Web shop" in line]
    assert web_row[4:6] == ["1", f"{total:,.2f}"], web_row  # one receipt: the order's total
