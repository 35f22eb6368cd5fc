"""A counter of a central database books the room there (its own login), pays the deposit at
its till and the booking is confirmed in central; offline it shows the last calendar it read
and refuses to book, saying so."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from db.uow import SqlUnitOfWorkFactory
from pos.app.bootstrap import Services
from pos.domain.payment import Tender, TenderKind
from pos.domain.rooms import BookingStatus
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer
from pos.services.rooms import Rooms, RoomsOffline
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.rooms.conftest import CASHIER, MANAGER
from tests.sync.conftest import central, make_counter, proxy  # noqa: F401 (fixtures)

pytestmark = pytest.mark.pg
GUEST = Customer("สมศรี", "0812345678", "อบต.", "อบรม", 10)


def _day() -> datetime:
    """10:00 on a Wednesday at least a week ahead (the services read the wall clock here)."""
    day = datetime.now(UTC).astimezone(BANGKOK).date() + timedelta(days=7)
    day += timedelta(days=(2 - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, 10, tzinfo=BANGKOK)


def test_a_counter_books_and_confirms_in_central_and_refuses_offline(
    central,  # noqa: F811
    make_counter,  # noqa: F811
    proxy,  # noqa: F811
) -> None:
    cutter, via_proxy = proxy
    room = Rooms(SqlUnitOfWorkFactory(central.admin), FixedClock()).ensure_demo_room(MANAGER)
    counter = make_counter("counter 1", url=via_proxy)
    counter.store.settings = replace(counter.store.settings, central_url=via_proxy)
    services = Services(counter.store, queue_prints=False)
    rooms = services.rooms
    assert rooms.central
    start = _day()

    b = rooms.book(room.id, start, start + timedelta(hours=2), GUEST, actor=CASHIER)

    with central.admin.connect() as conn:
        assert conn.execute(select(m.RoomBooking.booking_no)).scalars().all() == [b.booking_no]
    with counter.store.engine.connect() as conn:  # nothing of it in the counter's own file
        assert conn.execute(select(func.count()).select_from(m.RoomBooking)).scalar_one() == 0
    # the deposit is a sale of the counter; the hook confirms the booking in central
    cart = services.checkout.new_cart()
    cart.add_line(rooms.payment_line(b.booking_no, "deposit"))
    tender = Tender(TenderKind.CASH, cart.totals().total)
    receipt = services.checkout.complete(cart, [tender], actor=seller(services.checkout))
    assert receipt.total == Decimal("200.00")
    with central.admin.connect() as conn:
        status, paid = conn.execute(select(m.RoomBooking.status, m.RoomBooking.paid)).one()
        payment = conn.execute(select(m.RoomPaymentRow.receipt_no)).scalar_one()
    assert (status, paid, payment) == ("confirmed", Decimal("200.00"), receipt.receipt_no)
    seen = rooms.day(room.id, start.date())
    assert [x.status for x in seen] == [BookingStatus.CONFIRMED]

    cutter.close()  # the network to central is gone

    with pytest.raises(RoomsOffline) as refused:
        rooms.book(room.id, start + timedelta(hours=3), start + timedelta(hours=4), GUEST,
                   actor=CASHIER)  # fmt: skip
    assert "central database" in refused.value.message("en")
    assert "ฐานข้อมูลกลาง" in refused.value.message("th")
    assert rooms.day(room.id, start.date()) == seen  # the last calendar it read
    assert rooms.offline
