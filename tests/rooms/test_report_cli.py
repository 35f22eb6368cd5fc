"""The room report (utilisation, revenue, no-shows, cancellations by week and month) and the
`otop-pos rooms` commands on a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from db.engine import make_engine, sqlite_url
from db.uow import SqlUnitOfWorkFactory
from pos.domain.rooms import BookingStatus
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer, RoomPayment
from pos.services.rooms import Rooms
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock
from tests.integration.test_cli import cli
from tests.rooms.conftest import CASHIER, build_rooms

GUEST = Customer("สมชาย", "0812345678")


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=BANGKOK)


def _confirm(uow: SqlUnitOfWorkFactory, no: str, amount: str, when: datetime) -> None:
    with uow(write=True) as tx:
        b = tx.rooms.booking(no)
        assert b is not None
        tx.rooms.add_payment(RoomPayment(b.id, "deposit", Decimal(amount), when, f"sale-{no}"))
        tx.rooms.set_status(b.id, BookingStatus.CONFIRMED, when, "test")
        tx.commit()


def test_utilisation_by_week_and_month(
    rooms: Rooms, room_id: str, uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    used = rooms.book(room_id, at(2, 9), at(2, 12), GUEST, actor=CASHIER)  # 3 h, week 49
    absent = rooms.book(room_id, at(8, 10), at(8, 12), GUEST, actor=CASHIER)  # 2 h, week 50
    dropped = rooms.book(room_id, at(9, 10), at(9, 12), GUEST, actor=CASHIER)
    rooms.book(room_id, at(10, 10), at(10, 12), GUEST, actor=CASHIER)  # held, never paid
    _confirm(uow, used.booking_no, "300.00", clock.now())
    _confirm(uow, absent.booking_no, "200.00", clock.now())
    rooms.cancel(dropped.booking_no, CASHIER, "no longer needed")
    clock.current = at(2, 9)
    rooms.check_in(used.booking_no, CASHIER)
    clock.current = at(8, 10) + timedelta(minutes=30)
    assert rooms.mark_no_shows() == [absent.booking_no]

    report = rooms.utilisation(date(2026, 12, 1), date(2026, 12, 13))

    w49, w50 = report.weeks
    assert (w49.label, w49.first, w49.last) == ("2026-W49", date(2026, 12, 1), date(2026, 12, 6))
    assert (w49.open_hours, w49.booked_hours, w49.bookings) == (45, 3, 1)  # Tue-Sat, 9 h a day
    assert w49.utilisation == Decimal("6.7")
    assert (w50.open_hours, w50.booked_hours, w50.bookings, w50.no_shows) == (54, 2, 1, 1)
    assert w50.cancellations == 0  # cancelled on 1 Dec: counted in week 49
    assert w49.cancellations == 1
    (dec,) = report.months
    assert (dec.label, dec.open_hours, dec.booked_hours) == ("2026-12", 99, 5)
    assert dec.revenue == Decimal("500.00")
    assert (dec.no_shows, dec.cancellations) == (1, 1)


@pytest.fixture
def sqlite_rooms_url(fresh_database: FreshDatabase) -> str:
    return fresh_database("sqlite", "rooms", build_rooms)


@pytest.fixture(autouse=True)
def _own_home(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))


def test_rooms_commands_book_list_and_report(sqlite_rooms_url: str) -> None:
    # the commands read the wall clock: a Wednesday at least a week ahead
    day = datetime.now(UTC).astimezone(BANGKOK).date() + timedelta(days=7)
    day += timedelta(days=(2 - day.weekday()) % 7)
    start = f"{day:%Y-%m-%d} 13:00"
    code, out, err = cli(
        "rooms", "book", "--db", sqlite_rooms_url, "--start", start, "--end", "15:00",
        "--name", "กลุ่มทอผ้า", "--phone", "0812345678", "--key", "cli-1",
    )  # fmt: skip
    assert code == 0, err
    no, status, _when, price, deposit, qr = out.strip().split("\t")
    assert (no, status, price, deposit) == ("BK-000001", "held", "price 400.00", "deposit 200.00")
    assert qr.startswith("OTOPROOM:BK-000001:")
    code, _out, err = cli(
        "rooms", "book", "--db", sqlite_rooms_url, "--start", f"{day:%Y-%m-%d} 14:00",
        "--end", "15:00", "--name", "อีกคน", "--phone", "0899999999",
    )  # fmt: skip
    assert code != 0
    assert "15:30-16:30" in err  # the clash names the nearest free slots
    code, out, _ = cli("rooms", "list", "--db", sqlite_rooms_url, "--day", f"{day:%Y-%m-%d}")
    assert code == 0
    assert out.split("\t")[:3] == ["BK-000001", f"{day:%Y-%m-%d} 13:00-15:00", "held"]
    code, out, _ = cli(
        "rooms", "report", "--db", sqlite_rooms_url, "--from", f"{day:%Y-%m-01}",
        "--to", f"{day:%Y-%m-%d}",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[1].startswith("period\tfrom\tto\topen h")
    assert any(line.startswith(f"month {day:%Y-%m}\t") for line in out.splitlines())


def test_the_demo_store_has_the_co_working_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    db = tmp_path / "demo.db"
    code, out, err = cli("demo", "--db", str(db))
    assert code == 0, err
    assert "demo room: COWORK" in out
    code, out, err = cli("rooms", "demo", "--db", str(db), "--user", "manager", "--pin", "9999")
    assert code == 0, err
    assert out == "COWORK\tห้องประชุม Co-working\t12 seats\tSmart TV, Wi-Fi\n"  # the same one
    code, out, err = cli("demo", "--db", str(db))  # again: nothing more
    assert (code, out) == (0, "")
    engine = make_engine(sqlite_url(db))
    try:
        rooms = Rooms(SqlUnitOfWorkFactory(engine), FixedClock()).rooms()
    finally:
        engine.dispose()
    assert [(r.code, r.capacity, r.equipment) for r in rooms] == [
        ("COWORK", 12, ("Smart TV", "Wi-Fi"))
    ]
