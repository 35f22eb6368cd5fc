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


def test_a_deposit_is_refunded_through_the_refund_service_by_the_cancellation_rule(
    services: Services,
) -> None:
    from pos.services.auth import Auth
    from tests.helpers.selling import PlainTestHasher

    store = services.store
    services.auth = Auth(store.uow, store.settings, services.clock, PlainTestHasher(),
                         store.terminal.terminal_id)  # fmt: skip
    rooms, checkout = services.rooms, services.checkout
    room = rooms.rooms()[0]
    early = rooms.book(
        room.id, datetime(2026, 12, 12, 9, tzinfo=BANGKOK),
        datetime(2026, 12, 12, 11, tzinfo=BANGKOK), GUEST, actor=CASHIER,
    )  # fmt: skip
    late = rooms.book(
        room.id, datetime(2026, 12, 2, 8, 30, tzinfo=BANGKOK),
        datetime(2026, 12, 2, 10, 30, tzinfo=BANGKOK), GUEST, actor=CASHIER,
    )  # fmt: skip
    paid_early = pay(checkout, rooms.payment_line(early.booking_no, "deposit"))
    paid_late = pay(checkout, rooms.payment_line(late.booking_no, "deposit"))
    services.auth.ensure_demo_users()
    manager = services.auth.login("manager", "9999")
    # not cancelled yet: the refund service refuses to give the deposit back
    with pytest.raises(RoomError) as refused:
        services.returns.refund(manager, paid_early.receipt_no, {}, "cash", "customer asked")
    assert refused.value.rule == "refund"

    assert rooms.cancel(early.booking_no, CASHIER, "plans changed").refund_due == Decimal("200.00")
    refund = services.returns.refund(manager, paid_early.receipt_no, {}, "cash", "cancelled")
    assert refund.total == Decimal("200.00")
    back = rooms.booking(early.booking_no)
    assert (back.paid, back.refunded) == (Decimal("200.00"), Decimal("200.00"))
    with services.store.engine.connect() as conn:
        row = conn.execute(
            select(m.RoomPaymentRow.amount, m.RoomPaymentRow.receipt_no)
            .where(m.RoomPaymentRow.what == "refund")
        ).one()  # fmt: skip
    assert tuple(row) == (Decimal("-200.00"), refund.refund_no)

    # cancelled within 24 hours of the start: nothing comes back, the refund is refused
    assert rooms.cancel(late.booking_no, CASHIER, "ill").refund_due == Decimal("0.00")
    refunds = _count(services, m.Refund)
    with pytest.raises(RoomError) as refused:
        services.returns.refund(manager, paid_late.receipt_no, {}, "cash", "cancelled late")
    assert "0.00" in refused.value.message("en")
    assert _count(services, m.Refund) == refunds


def test_part_of_a_deposit_is_refunded_by_amount_as_the_cancellation_rule_allows(
    services: Services,
) -> None:
    from pos.domain.refund import RefundError
    from pos.domain.rooms import RoomRules
    from pos.services.auth import Auth
    from pos.services.eod import eod_report
    from pos.services.journal import verify_journal
    from tests.helpers.selling import PlainTestHasher
    from tests.rooms.conftest import MANAGER

    store = services.store
    services.auth = Auth(store.uow, store.settings, services.clock, PlainTestHasher(),
                         store.terminal.terminal_id)  # fmt: skip
    rooms, checkout = services.rooms, services.checkout
    room = rooms.rooms()[0]
    rooms.save_rules(MANAGER, room.id, RoomRules(refund_before_pct=Decimal("33.33")))
    b = rooms.book(
        room.id, datetime(2026, 12, 12, 9, tzinfo=BANGKOK),
        datetime(2026, 12, 12, 11, tzinfo=BANGKOK), GUEST, actor=CASHIER,
    )  # fmt: skip
    paid = pay(checkout, rooms.payment_line(b.booking_no, "deposit"))
    services.auth.ensure_demo_users()
    manager = services.auth.login("manager", "9999")
    assert rooms.cancel(b.booking_no, CASHIER, "plans changed").refund_due == Decimal("66.66")
    refunds = _count(services, m.Refund)
    with pytest.raises(RoomError) as refused:  # the whole line is more than the rule allows
        services.returns.refund(manager, paid.receipt_no, {}, "cash", "cancelled")
    assert "66.66" in refused.value.message("en")
    with pytest.raises(RefundError) as inexact:  # money to the satang only
        services.returns.refund(manager, paid.receipt_no, {}, "cash", "cancelled",
                                amounts={1: Decimal("66.655")})  # fmt: skip
    assert "to the satang" in inexact.value.message("en")
    assert _count(services, m.Refund) == refunds

    refund = services.returns.refund(manager, paid.receipt_no, {}, "cash", "cancelled",
                                     amounts={1: Decimal("66.66")})  # fmt: skip

    assert (refund.total, refund.vat) == (Decimal("66.66"), Decimal("4.36"))  # 7 % inside
    assert [(ln.sku, ln.quantity, ln.amount) for ln in refund.lines] == [
        ("SVC-ROOM", Decimal("0.333"), Decimal("66.66"))
    ]
    back = rooms.booking(b.booking_no)
    assert (back.paid, back.refunded) == (Decimal("200.00"), Decimal("66.66"))
    left = services.returns.find(paid.receipt_no).lines[0]
    assert (left.quantity_returnable, left.amount_refundable) == (
        Decimal("0.667"), Decimal("133.34"),
    )  # fmt: skip
    with pytest.raises(RoomError) as more:  # the rule's share is spent
        services.returns.refund(manager, paid.receipt_no, {}, "cash", "again",
                                amounts={1: Decimal("0.01")})  # fmt: skip
    assert "0.00" in more.value.message("en")
    assert _count(services, m.Refund) == refunds + 1
    day = paid.sold_at.astimezone(BANGKOK).date()
    report = eod_report(store.uow, day)
    assert (report.total, report.refunded, report.net_total) == (
        Decimal("200.00"), Decimal("66.66"), Decimal("133.34"),
    )  # fmt: skip
    assert verify_journal(store.uow).ok
