"""Phone-size (390x844) screenshots of the web shop from headless Chromium, into docs/:
shop-product.png, shop-basket.png, shop-promptpay.png and shop-order-status.png.

    .venv/bin/python tools/shop_images.py

A demo store in a temporary folder, `otop-pos shop serve` on it, and a customer's order
placed in the browser; for the status page the staff confirm the payment, pick, pack and
ship the order with the services on the same store.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.web.server import CHROMIUM, CHROMIUM_ARGS, LiveShop, start_shop, stop_shop  # noqa: E402

DOCS = ROOT / "docs"
PRODUCT = "KK-FD-0003"  # หมูยอขอนแก่น: stars, certificates, a story
SILK = "KK-TX-0001"
GIFT = "GB-NY-01"
PHONE = "0891234567"


def place_order(page: Any, shop: LiveShop) -> str:
    """Two products and a gift basket, checked out with delivery and PromptPay."""
    for sku, quantity in ((SILK, "1"), (PRODUCT, "2")):
        page.goto(f"{shop.url}/p/{sku}")
        page.fill("form.add input[name=quantity]", quantity)
        page.locator("form.add button").click()
    page.goto(f"{shop.url}/b/{GIFT}")
    page.locator("form.add button").click()
    page.wait_for_url("**/basket")
    page.screenshot(path=str(DOCS / "shop-basket.png"))
    page.goto(f"{shop.url}/checkout")
    page.fill("input[name=name]", "สมชาย รักถิ่น")
    page.fill("input[name=phone]", "089-123-4567")
    page.fill("input[name=address_line]", "12 หมู่ 3 ถนนมะลิวัลย์")
    page.fill("input[name=subdistrict]", "บ้านทุ่ม")
    page.fill("input[name=district]", "เมืองขอนแก่น")
    page.select_option("select[name=province]", "ขอนแก่น")
    page.fill("input[name=postcode]", "40000")
    page.check("input[name=payment][value=promptpay]")
    page.locator("form.checkout button[type=submit]").click()
    page.wait_for_selector("#promptpay-qr")
    page.locator("section.pay h2").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -90)")
    page.screenshot(path=str(DOCS / "shop-promptpay.png"))
    return str(page.locator("#order-no").inner_text())


def staff_handle(db: Path, home: Path, order_no: str) -> None:
    """The staff's side, on the same store: payment confirmed, picked, packed, shipped."""
    os.environ["OTOP_POS_HOME"] = str(home)
    from pos.app.bootstrap import Services, open_store
    from pos.domain.settings import Settings

    services = Services(open_store(str(db), Settings(), create=False), queue_prints=False)
    try:
        manager = services.auth.login("manager", "9999")  # the demo store's manager
        orders = services.orders
        orders.confirm_payment(order_no, manager)
        orders.start_picking(order_no, manager)
        for item in orders.pack_progress(order_no).items:  # every unit scanned, by its SKU
            for _ in range(item.needed):
                orders.pack_scan(order_no, item.sku)
        orders.mark_packed(order_no, manager)
        orders.ship(order_no, "thailand_post_ems", "EX123456785TH", manager)
    finally:
        services.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, home = folder / "demo.db", folder / "home"
        env = {**os.environ, "OTOP_POS_HOME": str(home), "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "pos", "demo", "--db", str(db)], check=True,
                       cwd=ROOT, env=env)  # fmt: skip
        shop = start_shop(db, home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(
                    viewport={"width": 390, "height": 844}, device_scale_factor=2,
                    locale="th-TH", is_mobile=True, has_touch=True,
                )  # fmt: skip
                page = context.new_page()
                page.goto(f"{shop.url}/p/{PRODUCT}")
                page.screenshot(path=str(DOCS / "shop-product.png"))
                order_no = place_order(page, shop)
                staff_handle(db, home, order_no)
                page.goto(f"{shop.url}/order?no={order_no}")
                page.fill("input[name=phone]", PHONE)
                page.locator("form.checkout button").click()
                page.wait_for_selector("ol.stages")
                page.screenshot(path=str(DOCS / "shop-order-status.png"))
                browser.close()
        finally:
            stop_shop(shop)
    for name in ("product", "basket", "promptpay", "order-status"):
        print(DOCS / f"shop-{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
