"""The meeting room's pages in process: a booking's page is only this browser's, a posted form
needs this session's CSRF token, and a day in the past shows today."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote

from fastapi.testclient import TestClient

from pos.app.bootstrap import Services
from pos.domain.rooms import Room, RoomRules
from pos.domain.shop_time import BANGKOK, shop_day
from tests.helpers.selling import FastArgon2
from tests.web.conftest import csrf_of, make_client
from web.security import TokenBucket

RULES = RoomRules(open_hours=dict.fromkeys(range(7), (time(8, 0), time(20, 0))))


def _room(services: Services) -> Room:
    services.auth.hasher = FastArgon2()
    manager = services.auth.login("manager", "9999")
    found = services.rooms.rooms(active_only=True)
    room = (
        found[0]
        if found
        else services.rooms.save_room(
            manager, Room("", "CW1", "ห้องประชุม Co-working", "Co-working room", 12)
        )
    )
    services.rooms.save_rules(manager, room.id, RULES)
    services.rooms.set_holidays(manager, [])
    return room


def _tomorrow_at(hour: int) -> datetime:
    day = shop_day(datetime.now(UTC)) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=BANGKOK)


def _book(client: TestClient, room: Room, start: datetime) -> str:
    form = client.get(f"/rooms/book?room={room.code}&start={quote(start.isoformat())}&minutes=60")
    assert form.status_code == 200
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form.text)
    assert key is not None
    answer = client.post("/rooms/book", data={
        "csrf_token": csrf_of(form.text), "idempotency_key": key.group(1), "room": room.code,
        "start": start.isoformat(), "minutes": "60", "name": "ทดสอบ ระบบ",
        "phone": "0812345678", "attendees": "3",
    })  # fmt: skip
    assert answer.status_code == 303
    return str(answer.headers["location"])


def test_a_booking_page_is_only_the_browser_s_that_made_it(services: Services) -> None:
    room = _room(services)
    with make_client(services, order_limit=TokenBucket(1000, 0.01)) as mine:
        where = _book(mine, room, _tomorrow_at(9))
        assert where.startswith("/rooms/booking/BK-")
        page = mine.get(where)
        assert page.status_code == 200
        assert "OTOPROOM" not in page.text  # the code is in the QR image only
        assert 'id="booking-qr"' in page.text
        # the deposit is a PromptPay order: its QR and the exact amount on the page
        booking = services.rooms.booking(where.rsplit("/", 1)[1])
        assert booking.order_no
        assert f"{booking.order_no}:" in page.text
        assert 'id="pay-qr"' in page.text
        order = services.orders.lookup(booking.order_no, "0812345678")
        assert order is not None
        assert order.total == booking.deposit > 0
        assert f'id="pay-amount">฿{order.total:,.2f}<' in page.text
        with make_client(services) as other:
            assert other.get(where).status_code == 404


def test_a_form_without_the_session_s_token_is_refused(services: Services) -> None:
    room = _room(services)
    start = _tomorrow_at(10)
    with make_client(services) as client:
        client.get("/rooms")
        answer = client.post("/rooms/book", data={
            "csrf_token": "forged", "idempotency_key": "k" * 20, "room": room.code,
            "start": start.isoformat(), "minutes": "60", "name": "ทดสอบ", "phone": "0812345678",
        })  # fmt: skip
        assert answer.status_code == 422
    assert all(b.customer.name != "ทดสอบ" for b in services.rooms.day(room.id, start.date()))


def test_a_day_in_the_past_shows_today(services: Services) -> None:
    _room(services)
    with make_client(services) as client:
        page = client.get("/rooms?day=2001-01-01")
        assert page.status_code == 200
        today = shop_day(datetime.now(UTC))
        assert f'value="{today.isoformat()}" selected' in page.text
