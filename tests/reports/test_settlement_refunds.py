"""The producers' consignment settlement counts refunds (SQLite and PostgreSQL): a refunded
line takes its quantity, sales and commission (at the rate it was sold at) off its producer,
on the day of the refund, and the settlement reconciles with the EOD's sales less refunds."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import update

from db import models as m
from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.cart import Discount, DiscountKind
from pos.domain.eod import EodReport, Settlement, commission_of
from pos.domain.payment import Tender, TenderKind
from pos.services.auth import Auth
from pos.services.baskets import Baskets
from pos.services.checkout import Checkout
from pos.services.eod import eod_report, producer_settlements
from pos.services.returns import Returns
from tests.baskets.conftest import pay_cash, template
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock
from tests.shifts.test_auth import PlainTestHasher

D = Decimal
DAY = date(2026, 11, 27)
TEA, DINO, BALM = "8859999000025", "8859999000049", "8859999000056"
TEA_MAKER, DINO_MAKER = "KK-MKK-02", "KK-PWG-03"


def _rate(shop: Store, sku: str, pct: Decimal) -> None:
    """The catalogue's commission on a product (what the next sale takes as its snapshot)."""
    with shop.uow(write=True) as w:
        w.session.execute(update(m.Product).where(m.Product.sku == sku).values(commission_pct=pct))
        w.commit()


def _by_code(rows: list[Settlement]) -> dict[str, Settlement]:
    return {s.producer_code: s for s in rows}


def _reconciles(rows: list[Settlement], eod: EodReport) -> None:
    """Every good of the shop is a producer's (consignment): the settlement's sales are the
    EOD's sales less refunds, and what is owed plus the commission is those sales."""
    assert "None" not in {r.key for r in eod.by_producer}
    assert sum((s.sales for s in rows), D(0)) == eod.net_total
    assert sum((s.refunded for s in rows), D(0)) == eod.refunded
    assert all(s.owed + s.commission == s.sales for s in rows)


def test_refunds_come_off_the_producers_settlement_at_the_sold_rate(
    shop: Store, checkout: Checkout, baskets: Baskets, clock: FixedClock, tmp_path: Path
) -> None:
    _rate(shop, "KK-TEA-001", D("15.00"))
    _rate(shop, "KK-DINO-001", D("10.00"))
    auth = Auth(shop.uow, shop.settings, clock, PlainTestHasher(), shop.terminal.terminal_id)
    auth.ensure_demo_users()
    manager = auth.login("manager", "9999")
    returns = Returns(shop.uow, auth, shop.settings, shop.terminal, clock)

    cart = checkout.new_cart()
    row = checkout.add_to_cart(cart, checkout.lookup(f"3*{TEA}"))
    checkout.add_to_cart(cart, checkout.lookup(BALM))
    cart.set_line_discount(cart.lines[row].line_id, Discount(DiscountKind.PERCENT, D(10), "box"))
    cart.set_sale_discount(Discount(DiscountKind.AMOUNT, D(5), "member"))
    due = cart.totals().total
    teas = checkout.complete(
        cart, [Tender(TenderKind.PROMPTPAY, due, reference="P1")], actor=seller(checkout)
    )
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"2*{template(baskets, 'GIFT-TEA').barcode}"))
    basket = pay_cash(checkout, cart)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(DINO))
    dino = pay_cash(checkout, cart)

    before = _by_code(producer_settlements(shop.uow, DAY, DAY))
    _rate(shop, "KK-TEA-001", D("30.00"))  # the catalogue changes: the sold lines keep 15 %
    clock.current += timedelta(hours=1)
    one_tea = returns.refund(manager, teas.receipt_no, {1: D(1)}, "promptpay", "too many")
    returns.refund(manager, dino.receipt_no, {}, "cash", "broken tail")
    returns.refund(manager, basket.receipt_no, {}, "cash", "gift not wanted")

    day = producer_settlements(shop.uow, DAY, DAY)
    _reconciles(day, eod_report(shop.uow, DAY))
    after = _by_code(day)
    sold = {ln.sku: ln for ln in teas.lines}
    assert one_tea.total == (sold["KK-TEA-001"].total / 3).quantize(D("0.01"))
    # the tea producer: one tea of three and the whole basket (its tea and sausage) came back;
    # the commission is 15 %, the rate the teas were sold at, of the two teas kept
    tea = after[TEA_MAKER]
    returned = [ln for ln in basket.lines if ln.sku in ("KK-TEA-001", "KK-SAUS-001")]
    assert tea.refunded == one_tea.total + sum((ln.total for ln in returned), D(0))
    assert tea.sales == before[TEA_MAKER].sales - tea.refunded
    assert tea.sales == sold["KK-TEA-001"].total - one_tea.total
    assert tea.quantity == before[TEA_MAKER].quantity - 1 - sum(ln.quantity for ln in returned)
    assert tea.quantity == 2
    assert tea.commission == commission_of(tea.sales, D("15.00")) != before[TEA_MAKER].commission
    assert tea.rates == (D(0), D("15.00"))
    # the dinosaur's maker: the dinosaur and the baskets' containers came back, the balm stays;
    # the 10 % on the dinosaur is given back with it
    maker = after[DINO_MAKER]
    assert before[DINO_MAKER].commission == commission_of(dino.total, D("10.00")) > 0
    assert (maker.quantity, maker.sales, maker.commission) == (1, sold["KK-BALM-001"].total, 0)
    assert maker.owed == sold["KK-BALM-001"].total

    # the next day a sale of the 27th is refunded: the 28th's settlement owes less, and so
    # does the period's, while the 27th stays as it was
    clock.current += timedelta(days=1)
    balm = returns.refund(manager, teas.receipt_no, {2: D(1)}, "promptpay", "allergy")
    next_day = producer_settlements(shop.uow, DAY + timedelta(days=1), DAY + timedelta(days=1))
    _reconciles(next_day, eod_report(shop.uow, DAY + timedelta(days=1)))
    assert [(s.producer_code, s.sales, s.refunded) for s in next_day] == [
        (DINO_MAKER, -balm.total, balm.total)
    ]
    assert _by_code(producer_settlements(shop.uow, DAY, DAY)) == after
    period = producer_settlements(shop.uow, DAY, DAY + timedelta(days=1))
    _reconciles(period, eod_report(shop.uow, DAY, last=DAY + timedelta(days=1)))

    out = tmp_path / "producers.csv"
    args = ["report", "producers", "--db", shop.url, "--from", "2026-11-27", "--to", "2026-11-28"]
    assert main([*args, "-o", str(out)]) == 0
    lines = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [(r["producer_code"], D(r["sales"]), D(r["refunded"])) for r in lines] == [
        (s.producer_code, s.sales, s.refunded) for s in period
    ]
