"""What the customer display shows of a sale session, without Qt: lines, discounts, VAT, the
amount due after payments taken, and nothing while the sale is not the customer's to see."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.domain.auth import Actor, Role
from pos.domain.cart import Discount, DiscountKind, ProductInfo
from pos.domain.payment import cash_tender
from pos.domain.settings import Settings
from pos.services.checkout import Checkout
from pos.services.customer_display import IDLE, Screen, shown_sale
from pos.services.sale_session import SaleSession
from tests.unit.fakes import TERMINAL, FakeAuth, FakeUnitOfWork, FixedClock

SILK = ProductInfo("p-silk", "SILK-001", "ผ้าไหม", "Silk", Decimal("1290.00"), barcode="111")
TEA = ProductInfo("p-tea", "TEA-001", "ชาใบหม่อน", "Tea", Decimal("89.00"), barcode="222")
ANNA = Actor("u-anna", "anna", "Anna", Role.CASHIER)
BEE = Actor("u-bee", "bee", "Bee", Role.CASHIER)


@pytest.fixture
def session() -> SaleSession:
    settings = Settings()
    uow = FakeUnitOfWork([SILK, TEA])
    checkout = Checkout(uow, settings, TERMINAL, FixedClock(), auth=FakeAuth())  # type: ignore[arg-type]
    s = SaleSession(settings)
    s.attach(checkout, approvals=True)
    s.log_in(ANNA, shift_open=True)
    return s


def scan(session: SaleSession, *codes: str) -> None:
    assert session.checkout is not None
    for code in codes:
        session.add_scan(session.checkout.lookup(code))


def test_the_lines_as_scanned_with_discounts_vat_and_total(session: SaleSession) -> None:
    assert shown_sale(session, paying=False) == IDLE  # an empty cart: the stories
    scan(session, "111", "2*222")
    tea = session.cart.lines[1].line_id
    session.set_line_discount(tea, Discount(DiscountKind.AMOUNT, Decimal("10"), "dented"))
    session.set_sale_discount(Discount(DiscountKind.PERCENT, Decimal("10"), "member"))
    shown = shown_sale(session, paying=False)
    assert shown.screen is Screen.CART
    assert [(ln.name_th, ln.quantity, ln.discount, ln.amount) for ln in shown.lines] == [
        ("ผ้าไหม", Decimal(1), Decimal(0), Decimal("1290.00")),
        ("ชาใบหม่อน", Decimal(2), Decimal("10.00"), Decimal("168.00")),
    ]
    totals = session.cart.totals()
    assert shown.subtotal == Decimal("1468.00")  # before any discount
    assert shown.total == totals.total == Decimal("1312.20")
    assert shown.discounts == Decimal("155.80")  # 10.00 on the tea + 10 % of 1,458.00
    assert shown.vat == totals.vat
    assert shown.items == Decimal(3)


def test_paying_shows_what_is_left_after_the_payments_taken(session: SaleSession) -> None:
    scan(session, "111")
    due, _held, _dropped = session.start_payment()
    shown = shown_sale(session, paying=True)
    assert shown.screen is Screen.PAYMENT
    assert shown.due == due == Decimal("1290.00")
    session.hold_tenders([cash_tender(due, Decimal("1000"))])
    shown = shown_sale(session, paying=True)
    assert (shown.paid, shown.due) == (Decimal("1000.00"), Decimal("290.00"))
    assert shown_sale(session, paying=False).screen is Screen.CART  # a line changed since


def test_nothing_of_the_sale_while_nobody_is_at_the_till_or_it_is_being_parked(
    session: SaleSession,
) -> None:
    scan(session, "111", "222")
    session.log_out()
    assert shown_sale(session, paying=False) == IDLE
    previous = session.log_in(BEE, shift_open=True)  # Anna's sale is parked for her
    assert previous == ANNA
    job = session.park_job("Anna", previous)
    assert shown_sale(session, paying=False) == IDLE
    job()
    session.park_done()
    assert shown_sale(session, paying=False) == IDLE


def test_the_setting_is_off_by_default_and_names_a_window_or_a_screen() -> None:
    from pos.domain.errors import SettingsError
    from pos.domain.setting_fields import field_of, parse_value

    assert Settings().customer_display == "off"
    assert Settings(customer_display="HDMI-2").customer_display == "HDMI-2"
    assert field_of("customer_display").group == "till"
    assert parse_value("customer_display", " window ") == "window"
    with pytest.raises(SettingsError, match="customer display"):
        Settings(customer_display=" ")
