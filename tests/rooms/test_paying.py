"""Paying for a booking at the till: its deposit and balance are SERVICE lines of a real sale
through Checkout, and the sale hook (registered by the composition root) confirms the booking
exactly once, with the sale, or refuses the sale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Services, open_store
from pos.domain.payment import Tender, TenderKind
from pos.domain.rooms import BookingStatus, RoomError
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer
from pos.services.checkout import Checkout
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.rooms.conftest import CASHIER, NOW

GUEST = Customer("สมหญิง ใจดี", "0812345678", "กลุ่มทอผ้า", "ประชุม", 6)


@pytest.fixture
def services(shop_url: str) -> Iterator[Services]:
    store = open_store(shop_url, Settings())
    services = Services(store, queue_prints=False)
    services.clock = FixedClock(NOW.astimezone(UTC))
    try:
        yield services
    finally:
        store.close()


def pay(checkout: Checkout, *lines: object) -> Receipt:
    cart = checkout.new_cart()
    for line in lines:
        cart.add_line(line)  # type: ignore[arg-type]
    due = cart.totals().total
    return checkout.complete(cart, [Tender(TenderKind.CASH, due)], actor=seller(checkout))


def _count(services: Services, table: type[m.Base]) -> int:
    with services.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_deposit_sale_confirms_the_booking_once_and_the_receipt_names_it(
    services: Services,
) -> None:
    rooms, checkout = services.rooms, services.checkout
    room = rooms.rooms()[0]
    b = rooms.book(room.id, datetime(2026, 12, 12, 13, tzinfo=BANGKOK),
                   datetime(2026, 12, 12, 15, tzinfo=BANGKOK), GUEST, actor=CASHIER)  # fmt: skip
    line = rooms.payment_line(b.booking_no, "deposit")
    assert (line.product.sku, line.product.kind.value, line.unit_price) == (
        "SVC-ROOM", "service", Decimal("200.00"),
    )  # fmt: skip
    assert line.ref == f"booking:{b.id}:deposit"
    assert line.detail is not None
    assert line.detail.th == "ห้องประชุม Co-working 12 ธ.ค. 13:00-15:00 BK-000001 (มัดจำ)"

    receipt = pay(checkout, line)

    sold = receipt.lines[0]
    assert (sold.sku, sold.total, sold.ref) == ("SVC-ROOM", Decimal("200.00"), line.ref)
    assert [n.text_en for n in receipt.notes] == ["Room booking BK-000001: 12/12/2026 13:00-15:00"]
    assert receipt.notes[0].text_th == "การจองห้อง BK-000001: 12/12/2569 13:00-15:00"
    assert checkout.reprint(receipt.receipt_no).notes == receipt.notes
    paid = rooms.booking(b.booking_no)
    assert paid.status is BookingStatus.CONFIRMED
    assert (paid.paid, paid.balance) == (Decimal("200.00"), Decimal("200.00"))
    assert _count(services, m.RoomPaymentRow) == 1
    with pytest.raises(RoomError) as refused:
        rooms.payment_line(b.booking_no, "deposit")
    assert refused.value.rule == "paid"

    # the balance: the booking is paid in full, still confirmed
    balance = pay(checkout, rooms.payment_line(b.booking_no, "balance"))
    assert balance.total == Decimal("200.00")
    done = rooms.booking(b.booking_no)
    assert (done.status, done.paid, done.balance) == (BookingStatus.CONFIRMED, Decimal("400.00"), 0)
    with services.store.engine.connect() as conn:
        rows = conn.execute(
            select(
                m.RoomPaymentRow.what, m.RoomPaymentRow.amount, m.RoomPaymentRow.receipt_no
            ).order_by(m.RoomPaymentRow.what)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("balance", Decimal("200.00"), balance.receipt_no),
        ("deposit", Decimal("200.00"), receipt.receipt_no),
    ]


def test_a_hold_that_ran_out_refuses_the_sale_and_nothing_is_written(
    services: Services,
) -> None:
    rooms, checkout = services.rooms, services.checkout
    room = rooms.rooms()[0]
    b = rooms.book(room.id, datetime(2026, 12, 12, 9, tzinfo=BANGKOK),
                   datetime(2026, 12, 12, 11, tzinfo=BANGKOK), GUEST, actor=CASHIER)  # fmt: skip
    line = rooms.payment_line(b.booking_no, "deposit")
    sales = _count(services, m.Sale)
    seller(checkout)
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.current += timedelta(minutes=31)
    with pytest.raises(RoomError) as refused:
        pay(checkout, line)
    assert refused.value.rule == "gone"
    assert "BK-000001" in refused.value.message("en")
    assert _count(services, m.Sale) == sales
    assert _count(services, m.RoomPaymentRow) == 0
    # the hook's own expiry rolled back with the sale; the sweep marks it
    assert rooms.booking(b.booking_no).status is BookingStatus.HELD
    assert rooms.expire_holds() == [b.booking_no]
