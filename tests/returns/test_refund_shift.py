"""A refund in the shift's X and Z reports: a cash refund lowers the drawer's expected cash."""

from __future__ import annotations

from decimal import Decimal

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.domain.shift_text import shift_report_text
from pos.services.journal import verify_journal
from pos.services.returns import Returns
from pos.services.shifts import Shifts
from tests.integration.conftest import FixedClock
from tests.returns.conftest import BALM, JAEW, SILK, sell

D = Decimal


def test_z_report_counts_a_cash_refund(
    store: Store,
    clock: FixedClock,
    returns: Returns,
    shifts: Shifts,
    manager: Actor,
) -> None:
    shifts.open(manager, D("1000"))
    cash = sell(store, clock, manager, [SILK, "2*" + JAEW])  # 1361.00 cash
    qr = sell(store, clock, manager, [BALM], promptpay=True)  # 45.00 PromptPay
    before = shifts.x_report(manager)
    assert before.cash.expected == D("1000") + cash.total
    assert before.sales.refund_count == 0

    back = returns.refund(manager, cash.receipt_no, {2: D(1)}, "cash", "broken jar")
    returns.refund(manager, qr.receipt_no, {}, "promptpay", "allergy")
    x = shifts.x_report(manager)
    assert x.cash.cash_refunds == back.total == D("35.50")
    assert x.cash.expected == D("1000") + cash.total - D("35.50")
    assert x.sales.refund_count == 2
    assert x.sales.refunded == D("80.50")
    assert x.sales.refund_tenders == {"cash": D("35.50"), "promptpay": D("45.00")}
    assert x.sales.net == cash.total + qr.total - D("80.50")

    text = shift_report_text(x, "en", 42)
    assert "Refunds (2)" in text
    assert "Cash refunds" in text
    assert "-35.50" in text
    assert "Sales less refunds" in text
    assert "คืนเงินสด" in shift_report_text(x, "th", 42)

    z = shifts.close(manager, {D(1000): 2, D(100): 3, D(20): 1, D("0.50"): 1})  # 2320.50
    assert z.cash.expected == D("2325.50")
    assert z.cash.difference == D("-5.00")
    record = z.record()
    assert record["sales"]["refunds"] == {
        "count": 2,
        "total": D("80.50"),
        "tenders": {"cash": D("35.50"), "promptpay": D("45.00")},
    }
    assert record["cash"]["cash_refunds"] == D("35.50")
    assert verify_journal(store.uow).ok
