"""Refunds on real databases: full and partial, over-refund refused, baskets, roles, journal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.app.bootstrap import Store
from pos.domain.auth import Action, Actor, PermissionDenied
from pos.domain.money import vat_included
from pos.domain.refund import RefundError
from pos.services.auth import Auth
from pos.services.journal import verify_journal
from pos.services.returns import Returns
from pos.services.shifts import Shifts
from tests.integration.conftest import FixedClock
from tests.returns.conftest import BALM, JAEW, RICE, SILK, sell, stock

D = Decimal


def test_full_refund_gives_back_what_was_paid_and_restocks(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    shifts.open(manager, D("1000"))
    receipt = sell(store, clock, manager, [SILK, "2*" + JAEW, RICE])
    silk, jaew = stock(store, "SILK-001"), stock(store, "JAEW-001")

    found = returns.find(f"  {receipt.receipt_no.lower()} ")  # as a scanner or a hand types it
    assert found.receipt_no == receipt.receipt_no
    assert [ln.quantity_returnable for ln in found.lines] == [D(1), D(2), D(1)]
    assert found.refundable == receipt.total

    refund = returns.refund(manager, receipt.receipt_no, {}, "cash", "wrong colour")

    assert refund.refund_no == f"{store.terminal.receipt_prefix}-R-000001"
    assert refund.total == receipt.total == D("1290") + D("71") + D("60")
    assert refund.exempt == D("60")  # the rice is VAT-exempt
    assert refund.vat == vat_included(D("1361"), D("7"))
    assert refund.receipt_no == receipt.receipt_no
    assert refund.sold_at == receipt.sold_at
    assert stock(store, "SILK-001") == silk + 1
    assert stock(store, "JAEW-001") == jaew + 2
    assert returns.find(receipt.receipt_no).fully_refunded
    with pytest.raises(RefundError) as caught:
        returns.refund(manager, receipt.receipt_no, {}, "cash", "again")
    assert "refunded already" in caught.value.message_en
    assert "คืนเงินไปครบแล้ว" in caught.value.message_th
    with store.uow() as read:
        kinds = read.session.execute(
            text("SELECT kind, aggregate_id FROM outbox ORDER BY id")
        ).all()
    assert kinds[-1] == ("refund.completed", refund.refund_id)
    assert verify_journal(store.uow).ok


def test_partial_refunds_across_two_calls_add_up_to_the_satang(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    """3 jars with 10% off the sale: 95.85 paid; refunds of 1 and then 2 jars give back
    exactly 95.85 together, and a third refund of the line is refused."""
    shifts.open(manager, D("0"))
    receipt = sell(store, clock, manager, ["3*" + JAEW, BALM], sale_discount_pct=D("10"))
    paid = receipt.lines[0].total
    first = returns.refund(manager, receipt.receipt_no, {1: D(1)}, "cash", "broken jar")
    second = returns.refund(manager, receipt.receipt_no, {1: D(2)}, "promptpay", "changed mind")
    assert first.refund_no.endswith("-R-000001")
    assert second.refund_no.endswith("-R-000002")
    assert first.total + second.total == paid
    assert first.total == (paid / 3).quantize(D("0.01"))
    line = returns.find(receipt.receipt_no).line(1)
    assert line.quantity_returnable == 0
    assert line.amount_refundable == 0
    with pytest.raises(RefundError) as caught:
        returns.refund(manager, receipt.receipt_no, {1: D(1)}, "cash", "one more")
    assert "0 is left to return" in caught.value.message_en


def test_over_refund_and_bad_requests_are_refused_and_change_nothing(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    shifts.open(manager, D("0"))
    receipt = sell(store, clock, manager, ["2*" + JAEW])
    before = stock(store, "JAEW-001")
    for quantities, method, reason, words in [
        ({1: D(3)}, "cash", "x", "2 is left to return"),
        ({1: D(0)}, "cash", "x", "cannot be returned"),
        ({1: D(-1)}, "cash", "x", "cannot be returned"),
        ({7: D(1)}, "cash", "x", "has no line 7"),
        ({1: D(1)}, "card", "x", "cash or by PromptPay"),
        ({1: D(1)}, "cash", "  ", "needs a reason"),
    ]:
        with pytest.raises(RefundError) as caught:
            returns.refund(manager, receipt.receipt_no, quantities, method, reason)
        assert words in caught.value.message_en
        assert caught.value.message_th != caught.value.message_en
    with pytest.raises(RefundError, match="No sale has the receipt number"):
        returns.find("KK99-00000001")
    voided = sell(store, clock, manager, [BALM])
    with store.uow(write=True) as work:  # as a cancelled sale is kept: voided, never deleted
        work.session.execute(
            text("UPDATE sales SET status = 'voided' WHERE receipt_no = :no"),
            {"no": voided.receipt_no},
        )
        work.commit()
    assert returns.find(voided.receipt_no).status == "voided"
    with pytest.raises(RefundError) as caught:
        returns.refund(manager, voided.receipt_no, {}, "cash", "x")
    assert "was voided" in caught.value.message_en
    assert "ถูกยกเลิกแล้ว" in caught.value.message_th
    assert stock(store, "JAEW-001") == before
    assert returns.find(receipt.receipt_no).refunded == 0


def test_basket_components_return_one_by_one_to_their_own_stock(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    """A basket made at the counter (tea + 2 jaew in a bamboo basket, 499 the set)."""
    shifts.open(manager, D("0"))
    receipt = sell(store, clock, manager, [], baskets=[("BK-NY", 1)])
    found = returns.find(receipt.receipt_no)
    assert {ln.basket_name_en for ln in found.lines} == {"New Year gift basket"}
    assert sum(ln.paid for ln in found.lines) == D("499.00")
    jaew = next(ln for ln in found.lines if ln.sku == "JAEW-001")
    tea_before, jaew_before = stock(store, "TEA-001"), stock(store, "JAEW-001")

    one = returns.refund(manager, receipt.receipt_no, {jaew.line_no: D(1)}, "cash", "damaged")
    assert stock(store, "JAEW-001") == jaew_before + 1
    assert stock(store, "TEA-001") == tea_before
    rest = returns.refund(manager, receipt.receipt_no, {}, "cash", "whole basket back")
    assert one.total + rest.total == D("499.00")
    assert stock(store, "JAEW-001") == jaew_before + 2
    assert stock(store, "TEA-001") == tea_before + 1
    assert stock(store, "BASKET-BOX") >= 0
    assert returns.find(receipt.receipt_no).fully_refunded


def test_a_cashier_needs_a_managers_approval_to_refund(
    store: Store,
    clock: FixedClock,
    auth: Auth,
    returns: Returns,
    shifts: Shifts,
    cashier: Actor,
    manager: Actor,
) -> None:
    shifts.open(cashier, D("500"))
    receipt = sell(store, clock, cashier, [SILK])
    with pytest.raises(PermissionDenied) as caught:
        returns.refund(cashier, receipt.receipt_no, {}, "cash", "faulty")
    assert "ask a manager" in caught.value.message_en
    assert returns.find(receipt.receipt_no).refunded == 0

    approval = auth.approve(
        cashier, Action.REFUND, "faulty weave", "manager", "9999", ref=receipt.receipt_no
    )
    refund = returns.refund(cashier, receipt.receipt_no, {}, "cash", "faulty weave", approval)
    assert refund.cashier_name == cashier.display_name
    assert refund.approver_name == manager.display_name
    # the approval is spent: a second refund with it is refused
    other = sell(store, clock, cashier, [BALM])
    with pytest.raises(PermissionDenied):
        returns.refund(cashier, other.receipt_no, {}, "cash", "again", approval)
    audit = auth.approvals(manager)
    assert [(a.action, a.requested_name, a.approved_name, a.ref) for a in audit] == [
        ("refund", cashier.display_name, manager.display_name, receipt.receipt_no)
    ]
    with store.uow() as read:
        row = read.session.execute(
            text("SELECT approval_id, approver_id, cashier_id FROM refunds")
        ).one()
    assert row == (audit[0].approval_id, manager.user_id, cashier.user_id)


def test_a_cash_refund_needs_an_open_shift(
    store: Store, clock: FixedClock, returns: Returns, manager: Actor
) -> None:
    receipt = sell(store, clock, manager, [BALM], promptpay=True)
    with pytest.raises(RefundError, match="open a shift first"):
        returns.refund(manager, receipt.receipt_no, {}, "cash", "x")
    refund = returns.refund(manager, receipt.receipt_no, {}, "promptpay", "sent back by QR")
    assert refund.method == "promptpay"


def test_journal_verify_catches_an_edited_refund(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    shifts.open(manager, D("0"))
    receipt = sell(store, clock, manager, [SILK, JAEW])
    refund = returns.refund(manager, receipt.receipt_no, {2: D(1)}, "cash", "leaking")
    after = sell(store, clock, manager, [BALM])
    result = verify_journal(store.uow)
    assert result.ok
    assert result.entries == 3
    with store.uow(write=True) as work:
        work.session.execute(text("UPDATE refund_lines SET amount = 350.50"))
        work.commit()
    result = verify_journal(store.uow)
    assert not result.ok
    first = result.first
    assert first is not None
    assert first.ref_no == refund.refund_no
    assert first.seq == 2
    assert "refund" in first.message_en
    assert "changed" in first.message_en
    assert after.receipt_no not in {p.ref_no for p in result.problems}


def test_journal_verify_names_a_refund_inserted_behind_its_back(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    shifts.open(manager, D("0"))
    receipt = sell(store, clock, manager, ["2*" + JAEW])
    returns.refund(manager, receipt.receipt_no, {1: D(1)}, "cash", "leaking")
    fake = f"{store.terminal.receipt_prefix}-R-000099"
    with store.uow(write=True) as work:
        cols = (
            "terminal_id, seq, sale_id, receipt_no, refunded_at, shift_id, cashier_id, "
            "cashier_name, approval_id, approver_id, approver_name, reason, method, total, "
            "vatable, exempt, vat, vat_rate"
        )
        work.session.execute(
            text(
                f"INSERT INTO refunds (id, refund_no, {cols}) SELECT "
                f"'00000000-0000-4000-8000-000000000099', :no, {cols.replace('seq', '99')} "
                "FROM refunds"
            ),
            {"no": fake},
        )
        work.commit()
    result = verify_journal(store.uow)
    assert [(p.kind.value, p.ref_no) for p in result.problems] == [("inserted", fake)]
    assert result.problems[0].message_en.startswith(f"refund {fake} is not in the journal")


def test_two_counters_refunding_one_sale_at_once_never_refund_it_twice(
    store: Store, clock: FixedClock, returns: Returns, shifts: Shifts, manager: Actor
) -> None:
    """The sale's row lock (PostgreSQL) or the write lock (SQLite) lets one refund through."""
    import threading

    shifts.open(manager, D("0"))
    receipt = sell(store, clock, manager, ["4*" + JAEW])
    start = threading.Barrier(4)
    done: list[str] = []
    refused: list[str] = []

    def refund_all() -> None:
        start.wait()
        try:
            done.append(returns.refund(manager, receipt.receipt_no, {}, "cash", "race").refund_no)
        except RefundError as exc:
            refused.append(exc.message_en)

    threads = [threading.Thread(target=refund_all) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(done) == 1
    assert len(refused) == 3
    assert all("refunded already" in why for why in refused)
    assert returns.find(receipt.receipt_no).refunded == receipt.total
