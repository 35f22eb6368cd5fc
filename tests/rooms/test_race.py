"""Two counters and the web shop book overlapping slots at the same moment: exactly one of
each group of overlapping requests succeeds, each refusal names free slots; on PostgreSQL the
database itself refuses an overlapping row written with plain SQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.engine import make_engine
from db.errors import sqlstate
from db.uow import SqlUnitOfWorkFactory
from pos.domain.rooms import BookingStatus, RoomClash, clashes
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import BookingView, Customer
from pos.services.rooms import Rooms
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock
from tests.rooms.conftest import CASHIER, NOW, build_rooms

ATTEMPTS = 50
BUFFER = timedelta(minutes=15)


def _groups() -> list[list[tuple[datetime, datetime]]]:
    """Twelve groups of mutually overlapping requests, far enough apart (2.5 h, more than the
    longest request plus the buffer) that no two groups touch."""
    out = []
    for day in (3, 4, 5, 7):  # Thursday to Saturday and Monday (Sunday is closed)
        for hour, minute in ((8, 30), (11, 0), (13, 30)):
            s = datetime(2026, 12, day, hour, minute, tzinfo=BANGKOK)
            h = timedelta(minutes=60)
            out.append([(s, s + h), (s + h / 2, s + h * 1.5), (s, s + 2 * h)])
    return out


def test_fifty_concurrent_bookings_from_three_terminals(rooms_url: str, room_id: str) -> None:
    groups = _groups()
    attempts = [(g, groups[g][i % 3]) for i in range(ATTEMPTS) for g in [i % len(groups)]]
    random.Random(19).shuffle(attempts)
    engines = [make_engine(rooms_url) for _ in range(3)]  # counter 1, counter 2, the web shop
    try:
        clock = FixedClock(NOW)
        terminals = [Rooms(SqlUnitOfWorkFactory(e), clock) for e in engines]
        channels = ["counter", "counter", "web"]

        def attempt(n: int) -> tuple[int, BookingView | RoomClash]:
            group, (start, end) = attempts[n]
            rooms = terminals[n % 3]
            channel = channels[n % 3]
            guest = Customer(f"ลูกค้า {n}", f"08{n:08d}", attendees=2)
            try:
                actor = CASHIER if channel == "counter" else None
                return group, rooms.book(
                    room_id, start, end, guest, channel=channel, actor=actor,
                    idempotency_key=f"race-{n}",
                )  # fmt: skip
            except RoomClash as clash:
                return group, clash

        with ThreadPoolExecutor(max_workers=12) as pool:
            results = list(pool.map(attempt, range(ATTEMPTS)))
    finally:
        for e in engines:
            e.dispose()

    won = {g: r for g, r in results if isinstance(r, BookingView)}
    refused = [(g, r) for g, r in results if isinstance(r, RoomClash)]
    assert len(won) == len(groups)  # exactly one per group ...
    assert sum(isinstance(r, BookingView) for _g, r in results) == len(groups)  # ... no more
    assert len(refused) == ATTEMPTS - len(groups)
    # every refusal names free slots, none of which clashes with the booking that won
    for g, clash in refused:
        assert clash.nearest
        winner = won[g]
        for slot in clash.nearest:
            assert not clashes(slot, [(winner.start, winner.end)], BUFFER)
    # and the stored calendar has the winners only, pairwise apart by the buffer
    check = Rooms(SqlUnitOfWorkFactory(make_engine(rooms_url)), FixedClock(NOW))
    try:
        stored = [
            b for d in range(3, 8)
            for b in check.day(room_id, datetime(2026, 12, d, tzinfo=BANGKOK).date())
        ]  # fmt: skip
    finally:
        check.uow.engine.dispose()
    assert sorted(b.booking_no for b in stored) == sorted(b.booking_no for b in won.values())
    assert {b.status for b in stored} == {BookingStatus.HELD}
    for i, a in enumerate(stored):
        others = [(b.start, b.end) for b in stored[i + 1 :]]
        assert not clashes((a.start, a.end), others, BUFFER)
    # numbers have no gaps: BK-000001 .. BK-000012
    assert sorted(b.booking_no for b in stored) == [f"BK-{n:06d}" for n in range(1, 13)]


@pytest.fixture
def pg_rooms(fresh_database: FreshDatabase) -> Iterator[Rooms]:
    """The rooms service over a PostgreSQL copy of the rooms template."""
    engine = make_engine(fresh_database("pg", "rooms", build_rooms))
    try:
        yield Rooms(SqlUnitOfWorkFactory(engine), FixedClock(NOW))
    finally:
        engine.dispose()


@pytest.mark.pg
def test_postgres_refuses_an_overlapping_row_written_with_plain_sql(pg_rooms: Rooms) -> None:
    rooms = pg_rooms
    room_id = rooms.rooms()[0].id
    b = rooms.book(
        room_id,
        datetime(2026, 12, 3, 10, 0, tzinfo=BANGKOK),
        datetime(2026, 12, 3, 12, 0, tzinfo=BANGKOK),
        Customer("สมชาย", "0812345678"),
        actor=CASHIER,
    )
    assert isinstance(rooms.uow, SqlUnitOfWorkFactory)
    engine = rooms.uow.engine
    insert = text(
        "INSERT INTO room_bookings (id, booking_no, idempotency_key, room_id, room_number, "
        "start_at, end_at, blocked_until, status, name, phone, organisation, purpose, attendees, "
        "channel, price, deposit, paid, refunded, check_in_code, order_no, created_at, "
        "created_by, updated_at, cancel_reason) "
        "SELECT :id, :no, :id, id, number, :s, :e, :e, :status, 'x', '0800000000', '', '', 1, "
        "'counter', 100, 0, 0, 0, 'c', '', now(), 'sql', now(), '' FROM rooms WHERE id = :room"
    )
    args = {"room": room_id, "status": "confirmed"}
    # 11:00-13:00 overlaps 10:00-12:00
    with pytest.raises(IntegrityError) as refused, engine.begin() as conn:
        conn.execute(insert, {**args, "id": "r-1", "no": "BK-900001",
                              "s": "2026-12-03 04:00+00", "e": "2026-12-03 06:00+00"})  # fmt: skip
    assert sqlstate(refused.value) == "23P01"
    assert "room_bookings_no_overlap" in str(refused.value)
    # within the buffer kept after 12:00 (blocked until 12:15) is refused too
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert, {**args, "id": "r-2", "no": "BK-900002",
                              "s": "2026-12-03 05:10+00", "e": "2026-12-03 06:00+00"})  # fmt: skip
    # after the buffer, or a cancelled row over the same time, is accepted
    with engine.begin() as conn:
        conn.execute(insert, {**args, "id": "r-3", "no": "BK-900003",
                              "s": "2026-12-03 05:15+00", "e": "2026-12-03 06:00+00"})  # fmt: skip
        conn.execute(insert, {"room": room_id, "status": "cancelled", "id": "r-4",
                              "no": "BK-900004", "s": "2026-12-03 03:00+00",
                              "e": "2026-12-03 05:00+00"})  # fmt: skip
    # and the service's own clash answer still holds for a row written behind its back
    with pytest.raises(RoomClash):
        rooms.book(
            room_id,
            datetime(2026, 12, 3, 12, 30, tzinfo=BANGKOK),
            datetime(2026, 12, 3, 13, 30, tzinfo=BANGKOK),
            Customer("สมชาย", "0812345678"),
            actor=CASHIER,
        )
    assert b.status is BookingStatus.HELD
