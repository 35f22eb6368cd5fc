"""A shift's X and Z reports against the end-of-day report of the same sales (SQLite and
PostgreSQL): gross - discounts = net on screen, printed and in the stored Z, with line and sale
discounts, a gift basket and a refund in the shift."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.basket import add_template
from pos.domain.cart import Discount, DiscountKind
from pos.domain.cashup import ShiftReport
from pos.domain.eod import EodReport
from pos.domain.payment import Tender, TenderKind, cash_tender
from pos.domain.sale import Receipt
from pos.domain.shift_text import shift_report_text
from pos.services.auth import Auth
from pos.services.checkout import Checkout
from pos.services.eod import eod_report
from pos.services.returns import Returns
from pos.services.shifts import Shifts
from printing.shift_report import render_shift_report_text
from tests.integration.conftest import FixedClock
from tests.shifts.test_auth import PlainTestHasher
from tests.shifts.test_shifts import BALM, SILK, TEA

D = Decimal


def _desk(store: Store) -> tuple[Auth, FixedClock]:
    """The demo users on a clock the test moves."""
    clock = FixedClock()
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    auth.ensure_demo_users()
    return auth, clock


def sell(
    store: Store,
    clock: FixedClock,
    seller: Actor,
    scans: Sequence[str],
    *,
    line_discount: Decimal | None = None,
    sale_discount_pct: Decimal | None = None,
    basket: bool = False,
    promptpay: bool = False,
) -> Receipt:
    """A paid sale with a line discount (baht off the first line), a sale discount (percent),
    one gift basket; `seller` may give discounts above the limit."""
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    cart = checkout.new_cart()
    for scan in scans:
        checkout.add_to_cart(cart, checkout.lookup(scan))
    if basket:
        with store.uow() as read:
            template = read.baskets.templates()[0]
        add_template(cart, template)
    if line_discount is not None:
        first = cart.lines[0]
        cart.set_line_discount(
            first.line_id, Discount(DiscountKind.AMOUNT, line_discount, "damaged box")
        )
    if sale_discount_pct is not None:
        cart.set_sale_discount(Discount(DiscountKind.PERCENT, sale_discount_pct, "member"))
    due = cart.totals().total
    tender = (
        Tender(TenderKind.PROMPTPAY, due, reference="PP") if promptpay else cash_tender(due, due)
    )
    clock.current += timedelta(minutes=4)
    return checkout.complete(cart, [tender], actor=seller)


def _amount(text: str, label: str) -> Decimal:
    """The amount on the row that starts with `label` (of the English report)."""
    found = re.search(rf"^\s*{re.escape(label)}\s+(-?[\d,]+\.\d\d)\s*$", text, re.MULTILINE)
    assert found, f"no {label!r} row in\n{text}"
    return D(found.group(1).replace(",", ""))


def _same_as_eod(z: ShiftReport, eod: EodReport) -> None:
    s = z.sales
    assert s.gross - s.discounts == s.total
    assert (s.count, s.gross, s.discounts, s.total) == (
        eod.sales_count, eod.gross, eod.discounts, eod.total,
    )  # fmt: skip
    assert (s.vatable, s.exempt, s.vat, s.voided) == (eod.vatable, eod.exempt, eod.vat, eod.voided)
    assert dict(s.tenders) == {t.key: t.sales for t in eod.tenders}
    assert (s.refunded, s.net) == (eod.refunded, eod.net_total)


def test_a_shifts_z_equals_the_eod_of_its_sales_on_screen_printed_and_stored(
    store: Store,
) -> None:
    auth, clock = _desk(store)
    cashier, manager = auth.login("cashier", "1111"), auth.login("manager", "9999")
    shifts = Shifts(store.uow, auth, store.terminal, clock)
    shifts.open(cashier, D("1000.00"))
    first = sell(store, clock, manager, [SILK, TEA], line_discount=D("40.00"))
    sell(store, clock, manager, [TEA, BALM], sale_discount_pct=D("10"), promptpay=True)
    sell(store, clock, manager, [SILK], line_discount=D("25.50"), sale_discount_pct=D("5"),
         basket=True)  # fmt: skip
    sell(store, clock, manager, [BALM], basket=True, promptpay=True)
    clock.current += timedelta(minutes=5)
    Returns(store.uow, auth, store.settings, store.terminal, clock).refund(
        manager, first.receipt_no, {2: D(1)}, "cash", "wrong flavour"
    )

    x = shifts.x_report(manager)
    eod = eod_report(store.uow, clock.now().date())
    assert eod.line_discounts > 0
    assert eod.sale_discounts > 0
    assert eod.baskets
    assert eod.refunded > 0
    _same_as_eod(x, eod)

    z = shifts.close(manager, {D(1000): 2})
    _same_as_eod(z, eod)
    with store.uow() as read:
        stored = read.shifts.z_report(z.document_no)
    assert stored is not None
    _same_as_eod(stored, eod)

    s = z.sales
    for text in (
        shift_report_text(x, "en"),
        shift_report_text(z, "en"),
        shift_report_text(stored, "en"),
        render_shift_report_text(z, store.settings),
        render_shift_report_text(stored, store.settings, copy=True),
    ):
        gross, discounts, total = (
            _amount(text, "Gross") if "Gross" in text else _amount(text, "ยอดก่อนส่วนลด"),
            _amount(text, "Discounts") if "Gross" in text else _amount(text, "ส่วนลด"),
            _amount(text, "Total") if "Gross" in text else _amount(text, "ยอดขายสุทธิ"),
        )
        assert (gross, discounts, total) == (eod.gross, -eod.discounts, eod.total)
        assert gross + discounts == total != gross
        net = _amount(text, "Sales less refunds" if "Gross" in text else "ยอดขายหักคืนเงิน")
        assert net == s.net == eod.net_total


def test_a_z_stored_with_the_net_as_its_gross_reads_back_with_the_gross(
    store: Store,
) -> None:
    auth, clock = _desk(store)
    """A Z closed before the fix kept gross = net: read back, gross - discounts = total."""
    manager = auth.login("manager", "9999")
    shifts = Shifts(store.uow, auth, store.terminal, clock)
    shifts.open(manager, D("500.00"))
    sell(store, clock, manager, [SILK, TEA], line_discount=D("60.00"))
    z = shifts.close(manager, {D(500): 1})
    record = z.record()
    record["sales"]["gross"] = z.sales.total  # what the old Z stored
    again = ShiftReport.from_record(record, z.document_no)
    assert again.sales.gross == z.sales.gross == z.sales.total + D("60.00")
