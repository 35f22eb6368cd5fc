"""A sale central refuses never stops a counter: the rest are delivered, the refused one is
named (receipt, why, what to do), kept, and delivered once its cause is fixed."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from db.models import new_id
from pos.app import main
from pos.domain.payment import cash_tender
from pos.services.demo import demo_shifts
from tests.sync.checks import assert_exactly_once, central_facts
from tests.sync.conftest import Central, Counter

pytestmark = pytest.mark.pg

_PRODUCT_COLS = (
    "id, sku, name_th, name_en, category_code, producer_id, price, vat_exempt, sold_by, active"
)


def local_only_product(c: Counter) -> str:
    """A product made on the counter alone (as `catalog import --db COUNTER` once could)."""
    file = c.store.engine.url.database
    assert file is not None
    pid = new_id()
    with sqlite3.connect(file) as db:
        cols = [r[1] for r in db.execute("PRAGMA table_info(products)")]
        row = dict(
            zip(
                cols,
                db.execute(
                    "SELECT * FROM products WHERE sold_by = 'unit' AND active = 1 LIMIT 1"
                ).fetchone(),
                strict=True,
            )
        )
        row.update(id=pid, sku="LOCAL-ONLY-1", name_en="Counter-only scarf", active=1, plu=None)
        marks = ", ".join("?" * len(cols))
        db.execute(f"INSERT INTO products ({', '.join(cols)}) VALUES ({marks})", list(row.values()))
    return pid


def sell_product(c: Counter, product_id: str, with_others: int = 0) -> str:
    """A sale of the product (and of `with_others` ordinary products, a line each)."""
    checkout = c.store.checkout()
    actor, shifts = demo_shifts(c.store.uow, checkout.settings, checkout.terminal, checkout.clock)
    if shifts.current() is None:
        shifts.open(actor, Decimal(0))
    with c.store.uow() as read:
        products = read.catalog.unit_products(5000)
    info = next(p for p in products if p.product_id == product_id)
    cart = checkout.new_cart()
    cart.add(info, Decimal(1))
    for other in [p for p in products if p.product_id != product_id][:with_others]:
        cart.add(other, Decimal(1))
    due = cart.totals().total
    checkout.complete(cart, [cash_tender(due, due)], actor=actor)
    return receipts(c)[-1]


def receipts(c: Counter) -> list[str]:
    with c.store.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT receipt_no FROM sales ORDER BY seq")]


def copy_product_to_central(c: Counter, central: Central, product_id: str) -> None:
    """The back office adds the counter's product to the central catalogue (the same row)."""
    with c.store.engine.connect() as conn:
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(products)")]
        row = conn.exec_driver_sql("SELECT * FROM products WHERE id = ?", (product_id,)).one()
    values = dict(zip(cols, row, strict=True))
    values["active"] = bool(values["active"])
    values["vat_exempt"] = bool(values["vat_exempt"])
    names = ", ".join(cols)
    central.execute(
        f"INSERT INTO products ({names}) VALUES ({', '.join(':' + k for k in cols)})", **values
    )


def test_a_locally_created_product_holds_back_only_its_own_sale(
    central: Central, make_counter, capsys
) -> None:
    c = make_counter("Counter 2")
    pid = local_only_product(c)
    # the first in the outbox (the worst place), with two lines central knows
    refused_receipt = sell_product(c, pid, with_others=2)
    with c.store.engine.begin() as conn:  # the 50 ordinary sales do not pick it at random
        conn.exec_driver_sql("UPDATE products SET active = 0 WHERE id = ?", (pid,))
    c.sell(50, seed=21)

    result = c.service.sync_once()
    assert result.pushed == 50  # the 50 ordinary sales reach central on the first round
    assert result.pending == 1
    [problem] = c.service.problems()
    assert problem.document == refused_receipt
    assert refused_receipt in problem.reason_en
    assert "product_id" in problem.reason_en
    assert "products" in problem.reason_en
    assert "LOCAL-ONLY-1" in problem.reason_en  # the line names its product ...
    assert "one of" not in problem.reason_en  # ... and only the one central lacks
    assert refused_receipt in problem.reason_th
    assert "central catalogue" in problem.advice_en
    assert problem.attempts == 1
    there = central_facts(central, c.store.terminal.terminal_id)
    assert len(there["sales"]) == 50  # type: ignore[arg-type]
    status = c.service.status()
    assert status.online is True
    assert [p.document for p in status.problems] == [refused_receipt]

    # `otop-pos sync` names it, plainly, and says what to do: exit 2, no traceback
    db = str(c.store.engine.url)
    assert main(["sync", "--central", central.counter_url, "--db", db]) == 2
    out = capsys.readouterr()
    assert refused_receipt in out.out
    assert "what to do" in out.out
    assert "Traceback" not in out.out + out.err
    assert c.service.problems()[0].attempts == 2  # tried again every round, never dropped

    copy_product_to_central(c, central, pid)
    result = c.service.sync_once()
    assert result.pushed == 1
    assert result.pending == 0
    assert c.service.problems() == []  # delivered: off the list
    assert_exactly_once(central, c)


def forge_sale(central: Central, terminal_id: str, receipt_no: str) -> str:
    sid = new_id()
    central.execute(
        "INSERT INTO sales (id, terminal_id, seq, receipt_no, status, sold_at, cashier_name, "
        "subtotal, discount_total, sale_discount, sale_discount_reason, total, vatable, exempt, "
        "vat, vat_rate, paid, change) VALUES (:i, :t, 999999, :r, 'completed', now(), '', 0, 0, "
        "0, '', 0, 0, 0, 0, 7, 0, 0)",
        i=sid,
        t=terminal_id,
        r=receipt_no,
    )
    return sid


def test_a_receipt_number_taken_on_central_is_reported_not_swallowed(
    central: Central, make_counter
) -> None:
    a = make_counter("Counter 2")
    b = make_counter("Counter 3")
    b.sell(10, seed=22)
    taken = receipts(b)[4]
    forged = forge_sale(central, a.store.terminal.terminal_id, taken)

    result = b.service.sync_once()
    assert result.pushed == 9
    assert result.pending == 1
    [problem] = b.service.problems()
    assert problem.document == taken
    assert "receipt_no" in problem.reason_en
    assert "already used" in problem.reason_en
    assert "support" in problem.advice_en
    # the real sale was not silently skipped: its lines are not on central under another sale
    assert central.scalar("SELECT count(*) FROM sales WHERE receipt_no = :r", r=taken) == 1
    assert central.scalar("SELECT terminal_id FROM sales WHERE receipt_no = :r", r=taken) == (
        a.store.terminal.terminal_id
    )

    b.service.sync_once()
    assert b.service.problems()[0].attempts == 2

    central.execute("DELETE FROM sales WHERE id = :i", i=forged)  # the forgery removed
    result = b.service.sync_once()
    assert result.pushed == 1
    assert result.pending == 0
    assert b.service.problems() == []
    assert_exactly_once(central, b)
