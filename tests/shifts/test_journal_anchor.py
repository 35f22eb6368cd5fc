"""The journal covers a sale's status, and a chain rewritten end to end after an edit parts
from the head its last Z report printed (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.auth import Action, Actor
from pos.domain.cashup import ShiftReport
from pos.domain.journal import EntryKind, chain_hash, entry_content, parse_head, sale_record_v1
from pos.domain.shift_text import shift_report_text
from pos.services.journal import verify_journal
from pos.services.shifts import Shifts
from printing.shift_report import render_shift_report_text
from tests.helpers.journal_forger import rewrite_chain
from tests.integration.conftest import FixedClock
from tests.shifts import test_z_report_store
from tests.shifts.test_shifts import BALM, SILK, TEA, sell

# the Z report store's fixtures: a fixed clock, shifts with the demo users, the cashier
clock, shifts, cashier = (
    test_z_report_store.clock, test_z_report_store.shifts, test_z_report_store.cashier,
)  # fmt: skip

D = Decimal


@pytest.fixture
def day(store: Store, shifts: Shifts, cashier: Actor, clock: FixedClock) -> ShiftReport:
    """A shift of three sales closed with its Z report (entries 1-3 the sales, 4 the Z)."""
    shifts.open(cashier, D("1000.00"))
    sell(store, clock, [SILK, TEA], cash=True)
    sell(store, clock, [BALM], cash=False)
    sell(store, clock, [TEA], cash=True)
    return shifts.close(cashier, {D(1000): 1})


def verify_cli(store: Store, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["journal", "verify", "--db", store.url, *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def run_sql(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def receipt_of(store: Store, seq: int) -> tuple[str, str]:
    with store.engine.connect() as conn:
        sid, no = conn.execute(
            text("SELECT id, receipt_no FROM sales WHERE seq = :s"), {"s": seq}
        ).one()
    return str(sid), str(no)


def test_a_sale_voided_straight_in_the_database_is_named(
    store: Store, day: ShiftReport, capsys: pytest.CaptureFixture[str]
) -> None:
    sid, no = receipt_of(store, 2)
    assert verify_cli(store, capsys)[0] == 0
    run_sql(store, "UPDATE sales SET status = 'voided' WHERE id = :sid", sid=sid)
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert (
        f"first problem: sale {no} (journal entry 2) is marked voided in the database, "
        "but no void entry in the journal voids it"
    ) in out
    assert f"ปัญหาแรก: การขาย {no}" in out
    assert "more" not in out  # one problem, not also "changed": the rest of the sale holds
    first = verify_journal(store.uow).first
    assert first is not None
    assert (first.kind.value, first.seq, first.ref_no) == ("voided", 2, no)


def test_a_void_entry_of_its_own_lets_a_sale_be_voided(
    store: Store, shifts: Shifts, cashier: Actor, day: ShiftReport,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    sid, no = receipt_of(store, 1)
    shifts.auth.approve(cashier, Action.CANCEL_SALE, "ลูกค้าคืนทั้งบิล / whole bill", "manager",
                        "9999", ref=no)  # fmt: skip
    run_sql(store, "UPDATE sales SET status = 'voided' WHERE id = :sid", sid=sid)
    assert verify_cli(store, capsys) == (0, "journal intact: 5 entries / บันทึกครบถ้วน 5 รายการ\n")
    # ... but its voiding does not hide an edit of the same sale
    run_sql(store, "UPDATE sales SET total = total - 1 WHERE id = :sid", sid=sid)
    code, out = verify_cli(store, capsys)
    assert (code, f"sale {no} (journal entry 1) was changed after it was recorded" in out) == (
        2, True,
    )  # fmt: skip


def test_a_journal_written_before_the_status_was_covered_still_verifies(
    store: Store, day: ShiftReport, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sales journalled by record version 1 (no status) verify by the old rule; a status
    voided behind the journal's back is named in them too."""
    tid = store.terminal.terminal_id
    assert rewrite_chain(store.engine, tid, sale_format=1) == 4  # 3 sales and the Z after them
    with store.engine.connect() as conn:
        first = conn.execute(text("SELECT hash, prev_hash FROM journal_entries WHERE seq = 1"))
        h, prev = first.one()
    sid1, no1 = receipt_of(store, 1)
    with store.uow() as read:
        old = sale_record_v1(read.journal.records(EntryKind.SALE)[sid1])
        at = next(e.recorded_at for e in read.journal.entries() if e.seq == 1)
    assert "status" not in old["sale"]
    assert "v" not in old
    assert h == chain_hash(prev, entry_content(tid, 1, "sale", sid1, no1, at, old))
    assert verify_cli(store, capsys) == (0, "journal intact: 4 entries / บันทึกครบถ้วน 4 รายการ\n")
    sid, no = receipt_of(store, 3)
    run_sql(store, "UPDATE sales SET status = 'voided' WHERE id = :sid", sid=sid)
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert f"sale {no} (journal entry 3) is marked voided in the database" in out


def test_the_z_report_prints_the_chain_head_and_a_rewritten_chain_parts_from_it(
    store: Store, day: ShiftReport, capsys: pytest.CaptureFixture[str]
) -> None:
    tid = store.terminal.terminal_id
    with store.uow() as read:
        chain = read.journal.chain(tid)
        stored = read.shifts.z_report(day.document_no)
    seq, no, h = chain[-1]
    assert (seq, no) == (4, day.document_no)
    assert day.journal_head == f"4:{h[:16]}"
    assert stored is not None
    assert stored.journal_head == day.journal_head  # printed again from the store
    # on the till's screen (Thai and English) and on the receipt printer
    assert f"หัวบันทึก{' ' * (42 - 9 - len(day.journal_head))}{day.journal_head}" in (
        shift_report_text(day, "th")
    )
    assert "Journal head" in shift_report_text(day, "en")
    assert day.journal_head in render_shift_report_text(day, store.settings)
    assert parse_head(day.journal_head) == (4, h[:16])

    held = verify_cli(store, capsys, "--z-head", day.journal_head)
    assert held[0] == 0
    assert f"passes through the Z report's head {day.journal_head}" in held[1]

    # an edit, then the whole chain recomputed: the chain verifies by itself ...
    sid, _ = receipt_of(store, 2)
    run_sql(store, "UPDATE payments SET amount = amount - 20 WHERE sale_id = :sid", sid=sid)
    assert rewrite_chain(store.engine, tid) == 3  # entries 2, 3 and 4
    assert verify_cli(store, capsys)[0] == 0
    with store.uow() as read:
        new_head = read.journal.chain(tid)[-1]
    assert f"4:{new_head[2][:16]}" != day.journal_head
    # ... but not through the head the last Z report printed
    code, out = verify_cli(store, capsys, "--z-head", day.journal_head)
    assert code == 2
    assert (
        f"first problem: the chain head printed on the Z report ({day.journal_head}) differs "
        f"from the chain's entry 4 ({day.document_no}: 4:{new_head[2][:16]}): the chain was "
        "rewritten"
    ) in out


@pytest.mark.parametrize("bad", ["", "4", "x:0123456789abcdef", "4:0123", "0:0123456789abcdef",
                                 "4:zz23456789abcdef"])  # fmt: skip
def test_a_mistyped_z_head_is_refused_in_plain_words(
    store: Store, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, out = verify_cli(store, capsys, "--z-head", bad)
    assert code == 2
    assert "is not a chain head: write it as the Z report prints it" in out
    assert "Traceback" not in out


def test_every_column_of_a_sale_is_covered_by_its_journal_record() -> None:
    """A column added to a sale, its lines, payments, baskets or notes changes what the sale
    means unless shown otherwise: it joins the record (in a new record version) or is named
    here."""
    from db import models as m
    from pos.domain import journal as j

    not_covered = {"sale_id"}  # the parent's id: the record groups its rows under the sale
    for table, fields in (
        (m.Sale, j.SALE_FIELDS), (m.SaleLine, j.LINE_FIELDS), (m.Payment, j.PAYMENT_FIELDS),
        (m.SaleBasket, j.BASKET_FIELDS), (m.SaleNote, j.NOTE_FIELDS),
    ):  # fmt: skip
        columns = {c.name for c in table.__table__.columns}
        assert columns - set(fields) - not_covered == set(), table.__tablename__
        assert set(fields) - columns == set(), table.__tablename__
