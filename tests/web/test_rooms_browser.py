"""The meeting room in the web shop, in headless Chromium against `otop-pos shop serve`: a day's
free times, the booking form refusing a phone that is not a Thai mobile, the booking held and
its confirmation page's QR read back by zxing-cpp; a slot booked meanwhile is refused with the
nearest free times."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy.engine import make_url

from pos.app.bootstrap import Services, open_store
from pos.domain.rooms import BookingStatus, Room, RoomRules
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK, shop_day
from pos.ports.rooms import Customer
from tests.helpers.selling import FastArgon2
from tests.web.server import LiveShop, start_shop, stop_shop

pytestmark = pytest.mark.slow

ALL_DAY = RoomRules(
    open_hours=dict.fromkeys(range(7), (time(8, 0), time(20, 0))),
    slot_minutes=30,
    min_minutes=60,
    max_minutes=480,
)


def services_on(url: str) -> Services:
    services = Services(open_store(url, Settings(), create=False), queue_prints=False)
    services.auth.hasher = FastArgon2()
    return services


@pytest.fixture
def room_shop(demo_url: str, tmp_path: Path) -> Iterator[tuple[LiveShop, Room]]:
    """The shop serving the demo store whose room is open 08:00-20:00 every day."""
    services = services_on(demo_url)
    try:
        manager = services.auth.login("manager", "9999")
        found = services.rooms.rooms(active_only=True)
        room = (
            found[0]
            if found
            else services.rooms.save_room(
                manager, Room("", "CW1", "ห้องประชุม Co-working", "Co-working room", 12)
            )
        )
        services.rooms.save_rules(manager, room.id, ALL_DAY)
        services.rooms.set_holidays(manager, [])
    finally:
        services.close()
    shop = start_shop(Path(str(make_url(demo_url).database)), tmp_path / "home")
    try:
        yield shop, room
    finally:
        stop_shop(shop)


def tomorrow() -> datetime:
    day = shop_day(datetime.now(UTC)) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=BANGKOK)


def read_qr(png: bytes) -> str:
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [c.format for c in found] == [zxingcpp.BarcodeFormat.QRCode]
    return str(found[0].text)


def amount_of(payload: str) -> Decimal:
    """The amount (tag 54) of an EMVCo QR payload."""
    i = 0
    while i < len(payload):
        tag, size = payload[i : i + 2], int(payload[i + 2 : i + 4])
        if tag == "54":
            return Decimal(payload[i + 4 : i + 4 + size])
        i += 4 + size
    raise AssertionError(f"no amount in {payload}")


def test_a_visitor_books_a_free_time_and_gets_the_booking_s_qr(
    room_shop: tuple[LiveShop, Room], phone_page: Any, demo_url: str
) -> None:
    shop, _room = room_shop
    page = phone_page
    day = tomorrow()
    page.goto(f"{shop.url}/rooms?day={day.date().isoformat()}&minutes=120")
    assert "ห้องประชุม" in page.locator("h1").inner_text()
    slots = page.locator("#free-slots a.slot")
    assert slots.count() == 21  # 08:00-10:00 ... 18:00-20:00, every half hour
    page.get_by_role("link", name="10:00–12:00").click()
    assert "10:00–12:00" in page.locator(".room-when").inner_text()
    page.fill("input[name=name]", "สมปอง ขยันเรียน")
    page.fill("input[name=phone]", "02-123-4567")  # a land line: the checkout refuses it too
    page.fill("input[name=organisation]", "ชมรมผู้สูงอายุบ้านทุ่ม")
    page.fill("input[name=attendees]", "10")
    page.locator("#room-book").click()
    assert page.locator("em.error[data-field=phone]").is_visible()
    assert page.locator("input[name=name]").input_value() == "สมปอง ขยันเรียน"  # kept
    page.fill("input[name=phone]", "089-765-4321")
    page.locator("#room-book").click()

    number = page.locator("#booking-no").inner_text()
    assert number.startswith("BK-")
    assert page.locator("#booking-status").inner_text() == "รอชำระ"
    code = read_qr(page.locator("#booking-qr").screenshot())
    assert code.startswith(f"OTOPROOM:{number}:")
    # the deposit's PromptPay QR, read back: the web order's payload for the exact amount
    pay = read_qr(page.locator("#pay-qr").screenshot())
    order_status = page.locator("#order-status").inner_text()

    services = services_on(demo_url)
    try:
        booking = services.rooms.booking(number)
    finally:
        services.close()
    assert booking.status is BookingStatus.HELD
    assert booking.channel == "web"
    assert booking.qr == code
    assert booking.customer.phone == "0897654321"
    assert booking.start == day + timedelta(hours=10)
    assert booking.customer.attendees == 10
    assert order_status == f"คำสั่งซื้อ {booking.order_no}: รอชำระเงิน"
    assert amount_of(pay) == booking.deposit == Decimal("200.00")
    assert page.locator("#pay-amount").inner_text() == "฿200.00"

    # the same time again, from another browser: refused, with the nearest free times
    page.goto(f"{shop.url}/rooms?day={day.date().isoformat()}&minutes=120")
    assert page.get_by_role("link", name="10:00–12:00").count() == 0  # taken now


def test_a_time_taken_meanwhile_is_answered_with_the_nearest_free_times(
    room_shop: tuple[LiveShop, Room], phone_page: Any, demo_url: str
) -> None:
    shop, room = room_shop
    page = phone_page
    day = tomorrow()
    page.goto(f"{shop.url}/rooms?day={day.date().isoformat()}&minutes=60")
    page.get_by_role("link", name="14:00–15:00").click()
    page.fill("input[name=name]", "มาช้า ไปนิด")
    page.fill("input[name=phone]", "0812345678")
    services = services_on(demo_url)  # a counter books 14:00-15:00 first
    try:
        manager = services.auth.login("manager", "9999")
        services.rooms.book(
            room.id,
            day + timedelta(hours=14),
            day + timedelta(hours=15),
            Customer("เคาน์เตอร์", "0899999999"),
            actor=manager,
        )
    finally:
        services.close()
    page.locator("#room-book").click()
    problems = page.locator(".problems").inner_text()
    assert "ใกล้ที่สุด" in problems
    assert "15:30-16:30" in problems  # after the buffer
