"""Booking the room through the service on a real SQLite file and PostgreSQL: holds, clashes
answered with the nearest free slots, idempotency, expiry, cancellation refunds, check-in,
no-shows, moving and extending."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import PermissionDenied
from pos.domain.rooms import BookingStatus, RoomClash, RoomError
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer, Holiday
from pos.services.rooms import Rooms
from tests.integration.conftest import FixedClock
from tests.rooms.conftest import CASHIER, MANAGER

GUEST = Customer("สมหญิง ใจดี", "081-234-5678", "กลุ่มทอผ้าชนบท", "ประชุมกลุ่ม", 8)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BANGKOK)


def test_a_booking_is_held_for_its_deposit_and_priced_by_the_rules(
    rooms: Rooms, room_id: str
) -> None:
    b = rooms.book(room_id, at(3, 13), at(3, 15), GUEST, actor=CASHIER)
    assert b.booking_no == "BK-000001"
    assert b.status is BookingStatus.HELD
    assert (b.price, b.deposit, b.balance) == (
        Decimal("400.00"),
        Decimal("200.00"),
        Decimal("400.00"),
    )
    assert b.hold_until == datetime(2026, 12, 1, 9, 30, tzinfo=BANGKOK)
    assert b.qr == f"OTOPROOM:BK-000001:{b.check_in_code}"
    assert b.customer.organisation == "กลุ่มทอผ้าชนบท"
    # a whole day costs the day price, not nine hours
    day = rooms.book(room_id, at(4, 8, 30), at(4, 17, 30), GUEST, actor=CASHIER)
    assert day.price == Decimal("1200.00")
    assert [x.booking_no for x in rooms.day(room_id, at(3, 0).date())] == ["BK-000001"]
    assert len(rooms.week(room_id, at(30, 0).date() - timedelta(days=29))) == 2


def test_a_clash_names_the_nearest_free_slots_and_the_buffer_counts(
    rooms: Rooms, room_id: str
) -> None:
    rooms.book(room_id, at(3, 13), at(3, 15), GUEST, actor=CASHIER)
    with pytest.raises(RoomClash) as clash:
        rooms.book(room_id, at(3, 14), at(3, 16), GUEST, actor=CASHIER)
    near = clash.value.nearest
    assert len(near) == 3
    # 15 minutes of buffer each side: 10:30-12:30 ends 30 min before, 15:30-17:30 starts after
    assert (at(3, 15, 30), at(3, 17, 30)) in near
    assert all(not (s < at(3, 15, 15) and at(3, 12, 45) < e) for s, e in near)
    assert "15:30-17:30" in clash.value.message("en")
    assert "ห้องถูกจองแล้ว" in clash.value.message("th")
    # right after the end is inside the buffer; after the buffer is free
    with pytest.raises(RoomClash):
        rooms.book(room_id, at(3, 15), at(3, 16), GUEST, actor=CASHIER)
    ok = rooms.book(room_id, at(3, 15, 30), at(3, 16, 30), GUEST, actor=CASHIER)
    assert ok.status is BookingStatus.HELD
    slots = rooms.free_slots(room_id, at(3, 0).date(), 60)
    assert slots[0] == (at(3, 8, 30), at(3, 9, 30))
    assert (at(3, 12), at(3, 13)) not in slots
    assert (at(3, 11, 30), at(3, 12, 30)) in slots


def test_the_same_request_twice_is_one_booking(rooms: Rooms, room_id: str) -> None:
    first = rooms.book(room_id, at(3, 10), at(3, 12), GUEST, channel="web", idempotency_key="k1")
    again = rooms.book(room_id, at(3, 10), at(3, 12), GUEST, channel="web", idempotency_key="k1")
    assert again.id == first.id
    with pytest.raises(RoomError) as refused:
        rooms.book(room_id, at(3, 13), at(3, 14), GUEST, channel="web", idempotency_key="k1")
    assert refused.value.rule == "key"


def test_rules_are_applied_to_every_booking(rooms: Rooms, room_id: str) -> None:
    cases = {
        "past": (at(1, 8, 30), at(1, 9, 30)),
        "closed": (at(6, 10), at(6, 12)),  # a Sunday
        "hours": (at(3, 7, 30), at(3, 9)),
        "grid": (at(3, 10, 15), at(3, 11, 15)),
        "short": (at(3, 10), at(3, 10, 30)),
        "ahead": (at(1, 10) + timedelta(days=70), at(1, 12) + timedelta(days=70)),
    }
    for rule, (start, end) in cases.items():
        with pytest.raises(RoomError) as refused:
            rooms.book(room_id, start, end, GUEST, actor=CASHIER)
        assert refused.value.rule == rule, rule
    rooms.set_holidays(MANAGER, [Holiday(at(10, 0).date(), "วันรัฐธรรมนูญ", "Constitution Day")])
    with pytest.raises(RoomError) as refused:
        rooms.book(room_id, at(10, 10), at(10, 12), GUEST, actor=CASHIER)
    assert refused.value.rule == "holiday"
    assert rooms.free_slots(room_id, at(10, 0).date(), 60) == []
    with pytest.raises(PermissionDenied):
        rooms.set_holidays(CASHIER, [])
    with pytest.raises(RoomError):
        rooms.book(room_id, at(3, 10), at(3, 12), Customer("", "0812345678"), actor=CASHIER)


def test_an_unpaid_hold_expires_and_frees_the_room(
    rooms: Rooms, room_id: str, clock: FixedClock
) -> None:
    held = rooms.book(room_id, at(3, 10), at(3, 12), GUEST, actor=CASHIER)
    clock.current += timedelta(minutes=29)
    assert rooms.expire_holds() == []
    with pytest.raises(RoomClash):
        rooms.book(room_id, at(3, 10), at(3, 12), GUEST, actor=CASHIER)
    clock.current += timedelta(minutes=1)
    # booking again over an expired hold works even before the sweep ran
    other = rooms.book(room_id, at(3, 10), at(3, 12), GUEST, actor=CASHIER)
    assert other.status is BookingStatus.HELD
    assert rooms.booking(held.booking_no).status is BookingStatus.EXPIRED
    clock.current += timedelta(minutes=31)
    assert rooms.expire_holds() == [other.booking_no]


def _paid(uow: SqlUnitOfWorkFactory, booking_no: str, amount: str, clock: FixedClock) -> None:
    """A deposit recorded as the sale hook records it (the hook's own test pays through
    Checkout)."""
    from pos.ports.rooms import RoomPayment

    with uow(write=True) as tx:
        b = tx.rooms.booking(booking_no)
        assert b is not None
        tx.rooms.add_payment(RoomPayment(b.id, "deposit", Decimal(amount), clock.now(), "sale-1"))
        tx.rooms.set_status(b.id, BookingStatus.CONFIRMED, clock.now(), "test")
        tx.commit()


def test_cancelling_refunds_by_the_cutoff(
    rooms: Rooms, room_id: str, clock: FixedClock, uow: SqlUnitOfWorkFactory
) -> None:
    early = rooms.book(room_id, at(5, 10), at(5, 12), GUEST, actor=CASHIER)
    late = rooms.book(room_id, at(2, 8, 30), at(2, 10, 30), GUEST, actor=CASHIER)
    _paid(uow, early.booking_no, "200.00", clock)
    _paid(uow, late.booking_no, "200.00", clock)
    # more than 24 hours ahead: all of the deposit back; within 24 hours: none
    assert rooms.cancel(early.booking_no, CASHIER, "plans changed").refund_due == Decimal("200.00")
    late_cancel = rooms.cancel(late.booking_no, CASHIER, "ill")
    assert late_cancel.refund_due == Decimal("0.00")
    assert late_cancel.booking.status is BookingStatus.CANCELLED
    assert late_cancel.booking.cancel_reason == "ill"
    # a cancelled booking frees its time
    assert (
        rooms.book(room_id, at(5, 10), at(5, 12), GUEST, actor=CASHIER).status is BookingStatus.HELD
    )
    with pytest.raises(RoomError):
        rooms.cancel(late.booking_no, CASHIER)


def test_check_in_by_the_slip_then_completed_and_no_show(
    rooms: Rooms, room_id: str, clock: FixedClock, uow: SqlUnitOfWorkFactory
) -> None:
    b = rooms.book(room_id, at(1, 10), at(1, 12), GUEST, actor=CASHIER)
    with pytest.raises(RoomError) as refused:
        rooms.check_in(b.qr, CASHIER)
    assert refused.value.rule == "unpaid"
    _paid(uow, b.booking_no, "200.00", clock)
    with pytest.raises(RoomError) as refused:
        rooms.check_in(b.qr[:-1] + ("0" if b.qr[-1] != "0" else "1"), CASHIER)
    assert refused.value.rule == "code"
    assert rooms.check_in(b.qr, CASHIER).status is BookingStatus.CHECKED_IN
    absent = rooms.book(room_id, at(1, 14), at(1, 16), GUEST, actor=CASHIER)
    _paid(uow, absent.booking_no, "200.00", clock)
    clock.current = at(1, 14, 29)
    assert rooms.mark_no_shows() == []
    clock.current = at(1, 14, 30)
    assert rooms.mark_no_shows() == [absent.booking_no]
    assert rooms.booking(absent.booking_no).status is BookingStatus.NO_SHOW
    assert rooms.booking(b.booking_no).status is BookingStatus.COMPLETED
    # a no-show frees the rest of its time
    clock.current = at(1, 14, 31)
    assert rooms.book(room_id, at(1, 15), at(1, 16), GUEST, actor=CASHIER).booking_no


def test_move_and_extend_keep_the_rules_and_reprice(rooms: Rooms, room_id: str) -> None:
    b = rooms.book(room_id, at(3, 10), at(3, 11), GUEST, actor=CASHIER)
    rooms.book(room_id, at(3, 13), at(3, 14), GUEST, actor=CASHIER)
    moved = rooms.move(b.booking_no, at(3, 9), at(3, 10), CASHIER)
    assert (moved.start, moved.end, moved.price) == (at(3, 9), at(3, 10), Decimal("200.00"))
    longer = rooms.extend(b.booking_no, at(3, 12), CASHIER)
    assert (longer.end, longer.price, longer.deposit) == (
        at(3, 12),
        Decimal("600.00"),
        Decimal("300.00"),
    )
    with pytest.raises(RoomClash):
        rooms.extend(b.booking_no, at(3, 13), CASHIER)  # the buffer before 13:00


def test_only_managers_change_rooms_and_rules(rooms: Rooms, room_id: str) -> None:
    room = rooms.room(room_id)
    with pytest.raises(PermissionDenied):
        rooms.save_room(CASHIER, room)
    rules = rooms.rules(room_id)
    from dataclasses import replace

    rooms.save_rules(MANAGER, room_id, replace(rules, buffer_minutes=0, price_hour=Decimal(250)))
    assert rooms.rules(room_id).price_hour == Decimal("250.00")
    assert rooms.rules(room_id).open_hours == rules.open_hours
