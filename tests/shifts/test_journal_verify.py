"""`otop-pos journal verify` on real databases: edits, deletions and insertions are caught."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import text

from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.payment import Tender, TenderKind
from pos.domain.sale import Receipt
from pos.services.checkout import Checkout
from pos.services.journal import verify_journal
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock

SILK, TEA = "8851234000012", "8851234000029"


@pytest.fixture
def receipts(store: Store) -> list[Receipt]:
    """Four sales, a minute apart, each with lines and a payment."""
    clock = FixedClock()
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    done = []
    for codes in ([SILK], [TEA, TEA], [SILK, TEA], [TEA]):
        cart = checkout.new_cart()
        for code in codes:
            checkout.add_to_cart(cart, checkout.lookup(code))
        due = cart.totals().total
        tender = Tender(TenderKind.PROMPTPAY, due, reference="PP")
        done.append(checkout.complete(cart, [tender], actor=seller(checkout)))
        clock.current += timedelta(minutes=1)
    return done


def verify_cli(store: Store, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["journal", "verify", "--db", store.url])
    return code, capsys.readouterr().out


def run_sql(store: Store, *statements: str, **params: object) -> None:
    with store.engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql), params)


def test_every_sale_is_journalled_and_the_untouched_chain_verifies(
    store: Store, receipts: list[Receipt], capsys: pytest.CaptureFixture[str]
) -> None:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT seq, ref_no, prev_hash, hash FROM journal_entries ORDER BY seq")
        ).all()
    assert [(r.seq, r.ref_no) for r in rows] == [
        (i, r.receipt_no) for i, r in enumerate(receipts, 1)
    ]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert verify_cli(store, capsys) == (0, "journal intact: 4 entries / บันทึกครบถ้วน 4 รายการ\n")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE sale_lines SET unit_price = 1.00 WHERE sale_id = :sid AND line_no = 1",
        "UPDATE sales SET total = total - 100 WHERE id = :sid",
        "UPDATE payments SET kind = 'cash' WHERE sale_id = :sid",
        "UPDATE sales SET cashier_name = 'someone else' WHERE id = :sid",
    ],
    ids=["line-price", "sale-total", "payment-kind", "cashier"],
)
def test_one_field_of_one_old_sale_edited_in_the_database_is_named(
    store: Store, receipts: list[Receipt], capsys: pytest.CaptureFixture[str], sql: str
) -> None:
    old = receipts[1]
    run_sql(store, sql, sid=old.sale_id)
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert f"first problem: sale {old.receipt_no} (journal entry 2) was changed" in out
    assert f"ปัญหาแรก: การขาย {old.receipt_no}" in out
    assert "more" not in out  # only that sale: the rest of the chain still holds
    first = verify_journal(store.uow).first
    assert first is not None
    assert (first.kind.value, first.seq) == ("changed", 2)


def test_a_deleted_sale_is_named(
    store: Store, receipts: list[Receipt], capsys: pytest.CaptureFixture[str]
) -> None:
    gone = receipts[2]
    run_sql(
        store,
        "DELETE FROM stock_movements WHERE sale_id = :sid",
        "DELETE FROM payments WHERE sale_id = :sid",
        "DELETE FROM sale_lines WHERE sale_id = :sid",
        "DELETE FROM sales WHERE id = :sid",
        sid=gone.sale_id,
    )
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert f"first problem: sale {gone.receipt_no} (journal entry 3) was removed" in out


def test_a_sale_deleted_with_its_journal_entry_breaks_the_chain(
    store: Store, receipts: list[Receipt], capsys: pytest.CaptureFixture[str]
) -> None:
    gone = receipts[1]
    run_sql(
        store,
        "DELETE FROM journal_entries WHERE ref_id = :sid",
        "DELETE FROM stock_movements WHERE sale_id = :sid",
        "DELETE FROM payments WHERE sale_id = :sid",
        "DELETE FROM sale_lines WHERE sale_id = :sid",
        "DELETE FROM sales WHERE id = :sid",
        sid=gone.sale_id,
    )
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert "first problem: journal entry 2 was removed" in out
    assert receipts[2].receipt_no in out  # where the chain picks up again


def test_the_last_sale_deleted_with_its_entry_is_noticed(
    store: Store, receipts: list[Receipt], capsys: pytest.CaptureFixture[str]
) -> None:
    gone = receipts[-1]
    run_sql(
        store,
        "DELETE FROM journal_entries WHERE ref_id = :sid",
        "DELETE FROM stock_movements WHERE sale_id = :sid",
        "DELETE FROM payments WHERE sale_id = :sid",
        "DELETE FROM sale_lines WHERE sale_id = :sid",
        "DELETE FROM sales WHERE id = :sid",
        sid=gone.sale_id,
    )
    code, out = verify_cli(store, capsys)
    assert (code, "journal entry 4 at the end of the chain was removed" in out) == (2, True)


def test_a_sale_inserted_into_the_database_is_named(
    store: Store, receipts: list[Receipt], capsys: pytest.CaptureFixture[str]
) -> None:
    src = receipts[0]
    fake_no = src.receipt_no[:-4] + "9999"
    columns = (
        "terminal_id, status, sold_at, cashier_id, cashier_name, subtotal, discount_total, "
        "sale_discount, sale_discount_reason, total, vatable, exempt, vat, vat_rate, paid, change"
    )
    run_sql(
        store,
        f"INSERT INTO sales (id, seq, receipt_no, {columns}) "
        f"SELECT 'forged-sale', 9999, :no, {columns} FROM sales WHERE id = :sid",
        sid=src.sale_id,
        no=fake_no,
    )
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert f"first problem: sale {fake_no} is not in the journal: it was inserted" in out
    assert "ไม่อยู่ในบันทึก" in out


def test_a_sale_whose_journal_entry_fails_is_not_saved_at_all(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal link is written in the sale's own transaction: no link, no sale."""
    import db.sales_repository

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("journal write failed")

    monkeypatch.setattr(db.sales_repository, "append_entry", broken)
    checkout = Checkout(store.uow, store.settings, store.terminal, FixedClock())
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(SILK))
    due = cart.totals().total
    with pytest.raises(RuntimeError, match="journal write failed"):
        checkout.complete(
            cart, [Tender(TenderKind.PROMPTPAY, due, reference="PP")], actor=seller(checkout)
        )
    with store.engine.connect() as conn:
        for table in ("sales", "sale_lines", "payments", "outbox", "journal_entries"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
