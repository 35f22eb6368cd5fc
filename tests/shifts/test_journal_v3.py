"""The journal's sale record version 3 covers a line's printed detail and reference and the
notes printed after the total; a store journalled by version 2 still verifies after the
upgrade, and its chain goes on in version 3 (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pos.app.bootstrap import Store
from pos.domain.journal import EntryKind, chain_hash, entry_content, sale_record_v2
from tests.helpers.drinks import OPTIONS, sell_drink
from tests.helpers.journal_forger import rewrite_chain
from tests.integration.conftest import FixedClock
from tests.shifts.test_journal_anchor import run_sql, verify_cli


def stored_note(store: Store, sale_id: str) -> str:
    with store.engine.connect() as conn:
        return str(conn.execute(text("SELECT text_en FROM sale_notes WHERE sale_id = :s"),
                                {"s": sale_id}).scalar_one())  # fmt: skip


def test_a_sales_detail_reference_and_notes_are_covered(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FixedClock()
    sold = [sell_drink(store, clock) for _ in range(3)]
    assert sold[0].notes[0].text_en.startswith("ORDER ")
    assert verify_cli(store, capsys) == (0, "journal intact: 3 entries / บันทึกครบถ้วน 3 รายการ\n")
    with store.uow() as read:
        record = read.journal.records(EntryKind.SALE)[sold[1].sale_id]
    assert record["v"] == 3
    assert [(ln["detail_en"], ln["ref"]) for ln in record["lines"]][-1] == (OPTIONS.en,
                                                                          "tea:menu-1")  # fmt: skip
    assert [n["text_en"] for n in record["notes"]] == [stored_note(store, sold[1].sale_id)]
    for sql, name in (
        ("UPDATE sale_lines SET detail_th = 'L · หวาน 100%' WHERE sale_id = :s", "detail"),
        ("UPDATE sale_lines SET ref = 'booking:x:deposit' WHERE sale_id = :s", "ref"),
        ("UPDATE sale_notes SET text_en = 'ORDER 99' WHERE sale_id = :s", "note"),
        ("DELETE FROM sale_notes WHERE sale_id = :s", "note gone"),
    ):
        run_sql(store, sql, s=sold[1].sale_id)
        code, out = verify_cli(store, capsys)
        assert code == 2, name
        no = sold[1].receipt_no
        assert f"sale {no} (journal entry 2) was changed after it was recorded" in out, name
        assert "journal entry 1" not in out, name
        assert "journal entry 3" not in out, name
        # a forger's rewrite hides the edit: the next one starts from a chain that verifies
        rewrite_chain(store.engine, store.terminal.terminal_id)
        assert verify_cli(store, capsys)[0] == 0


def test_a_store_journalled_by_version_2_verifies_and_goes_on_in_version_3(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FixedClock()
    tid = store.terminal.terminal_id
    old = [sell_drink(store, clock) for _ in range(2)]
    # the store as the code before version 3 journalled it: every sale's record of version 2
    assert rewrite_chain(store.engine, tid, sale_format=2) == 2
    with store.uow() as read:
        entry = next(e for e in read.journal.entries() if e.seq == 1)
        record = sale_record_v2(read.journal.records(EntryKind.SALE)[old[0].sale_id])
    assert record["v"] == 2
    assert "notes" not in record
    assert "detail_th" not in record["lines"][0]
    assert entry.hash == chain_hash(entry.prev_hash, entry_content(
        tid, 1, "sale", old[0].sale_id, old[0].receipt_no, entry.recorded_at, record))  # fmt: skip
    assert verify_cli(store, capsys) == (0, "journal intact: 2 entries / บันทึกครบถ้วน 2 รายการ\n")

    # after the upgrade the chain goes on: new sales in version 3, linked to the old tail
    new = sell_drink(store, clock)
    assert verify_cli(store, capsys) == (0, "journal intact: 3 entries / บันทึกครบถ้วน 3 รายการ\n")
    # an old sale is still checked by its rule (its amounts), not for what it never covered
    run_sql(store, "UPDATE sale_notes SET text_en = 'ORDER 99' WHERE sale_id = :s",
            s=old[0].sale_id)  # fmt: skip
    assert verify_cli(store, capsys)[0] == 0
    run_sql(store, "UPDATE payments SET amount = amount - 1 WHERE sale_id = :s", s=old[1].sale_id)
    code, out = verify_cli(store, capsys)
    assert code == 2
    assert f"sale {old[1].receipt_no} (journal entry 2) was changed" in out
    # the new sale's note is covered
    run_sql(store, "UPDATE sale_notes SET text_en = 'ORDER 99' WHERE sale_id = :s", s=new.sale_id)
    code, out = verify_cli(store, capsys)
    assert f"sale {new.receipt_no} (journal entry 3) was changed" in out
