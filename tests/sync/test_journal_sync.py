"""The journal chain travels to the central database, where every counter's chain verifies."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pos.app import main
from pos.config import save_settings
from pos.domain.auth import Action
from pos.domain.cashup import ShiftReport
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.shifts import Shifts
from tests.helpers.journal_forger import rewrite_chain
from tests.sync.conftest import Central, Counter

pytestmark = pytest.mark.pg


def _day_of_sales(c: Counter, sales: int, seed: int) -> str:
    """A shift at the counter: sales, then the drawer counted and the Z report taken."""
    return _shift(c, sales, seed).document_no


def _shift(c: Counter, sales: int, seed: int) -> ShiftReport:
    """_day_of_sales, giving the Z report as it was printed."""
    settings = Settings()
    auth = Auth(c.store.uow, settings, SystemClock(), terminal_id=c.store.terminal.terminal_id)
    cashier = auth.login("cashier", "1111")
    shifts = Shifts(c.store.uow, auth, c.store.terminal, SystemClock())
    if shifts.current() is None:
        shifts.open(cashier, Decimal(2000))
    c.sell(sales, seed=seed)
    # a cancelled sale: the manager's approval is a link of the chain too
    auth.approve(cashier, Action.CANCEL_SALE, "ลูกค้าเปลี่ยนใจ / changed mind", "manager", "9999")
    z = shifts.close(cashier, {Decimal(1000): 2})
    with c.store.engine.connect() as conn:
        number = conn.exec_driver_sql(
            "SELECT number FROM z_reports WHERE shift_id = ?", (z.shift_id,)
        ).scalar_one()
    assert z.document_no == number
    return z


def _local_entries(c: Counter) -> int:
    with c.store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM journal_entries").scalar_one())


def _verify(url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """`journal verify` of the database at `url`: exit code, what it printed (out and err)."""
    code = main(["journal", "verify", "--db", url, *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_chains_reach_central_and_an_edit_there_is_caught(
    central: Central, make_counter, capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_counter("Counter 2")
    b = make_counter("Counter 3")
    z_a = _day_of_sales(a, 4, seed=1)
    z_b = _day_of_sales(b, 3, seed=2)
    for c in (a, b):
        assert c.transport.journal_pending() == _local_entries(c) > 0
        c.service.sync_once()
        assert c.transport.journal_pending() == 0
    total = _local_entries(a) + _local_entries(b)
    assert central.scalar("SELECT count(*) FROM journal_entries") == total
    assert (
        central.scalar("SELECT count(*) FROM z_reports WHERE number IN (:a, :b)", a=z_a, b=z_b) == 2
    )
    assert central.scalar("SELECT count(*) FROM approvals WHERE action = 'cancel_sale'") == 2
    assert central.scalar("SELECT count(*) FROM journal_entries WHERE kind = 'void'") == 2

    # both counters' chains verify on the central database
    code, out = _verify(central.admin_url, capsys)
    assert code == 0, out
    assert f"journal intact: {total} entries" in out

    # sending again changes nothing (idempotent on the ids)
    with a.store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_state WHERE key = 'journal_pushed_seq'")
    assert a.transport.push_journal() == _local_entries(a)
    assert central.scalar("SELECT count(*) FROM journal_entries") == total
    assert _verify(central.admin_url, capsys)[0] == 0

    # an edit on the central database is caught, naming the record
    receipt = central.scalar(
        "SELECT receipt_no FROM sales s JOIN terminals t ON t.id = s.terminal_id "
        "WHERE t.name = 'Counter 3' ORDER BY s.seq DESC LIMIT 1"
    )
    central.execute(
        "UPDATE payments SET amount = amount + 100 WHERE sale_id = "
        "(SELECT id FROM sales WHERE receipt_no = :r)",
        r=receipt,
    )
    code, out = _verify(central.admin_url, capsys)
    assert code == 2
    assert f"sale {receipt} (journal entry" in out
    assert "was changed after it was recorded" in out
    assert z_a not in out  # the other counter's chain is still whole

    central.execute(
        "UPDATE z_reports SET record = jsonb_set(record::jsonb, '{total}', '\"1.00\"')::json "
        "WHERE number = :z",
        z=z_a,
    )
    code, out = _verify(central.admin_url, capsys)
    assert code == 2
    assert z_a in out

    central.execute("UPDATE approvals SET reason = 'nothing happened' WHERE action = 'cancel_sale'")
    code, out = _verify(central.admin_url, capsys)
    assert code == 2
    assert "void" in out


def test_a_journal_entry_waits_for_its_sale(central: Central, make_counter) -> None:
    c = make_counter("Counter 4")
    _day_of_sales(c, 2, seed=5)
    # the sales' outbox rows are not sent yet: their journal links must not go before them
    assert c.transport.push_journal() == 0
    assert central.scalar("SELECT count(*) FROM journal_entries") == 0
    c.service.sync_once()
    assert central.scalar("SELECT count(*) FROM journal_entries") == _local_entries(c)


def test_a_counter_chain_rewritten_after_an_edit_parts_from_central_and_the_z_report(
    central: Central, make_counter, capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_counter("Counter 5")
    b = make_counter("Counter 6")
    z = _shift(a, 4, seed=7)
    _shift(b, 2, seed=8)
    for c in (a, b):
        c.service.sync_once()
    tid = a.store.terminal.terminal_id
    entries = _local_entries(a)
    assert central.scalar("SELECT count(*) FROM journal_entries WHERE terminal_id = :t", t=tid) == (
        entries
    )

    # as the counter's own role, its chain is compared with central's copy: they agree
    code, out = _verify(a.store.url, capsys, "--central", central.counter_url)
    assert code == 0, out
    assert f"matches central's copy: {entries} of {entries} entries there" in out
    assert _verify(a.store.url, capsys, "--central", central.counter_url, "--z-head",
                           z.journal_head)[0] == 0  # fmt: skip

    # a forger edits an old sale on the counter and recomputes the whole chain after it
    with a.store.engine.begin() as conn:
        sid, receipt = conn.exec_driver_sql(
            "SELECT id, receipt_no FROM sales ORDER BY seq LIMIT 1 OFFSET 1"
        ).one()
        seq = conn.exec_driver_sql(
            "SELECT seq FROM journal_entries WHERE ref_id = ?", (sid,)
        ).scalar_one()
        conn.exec_driver_sql("UPDATE payments SET amount = amount - 50 WHERE sale_id = ?", (sid,))
    assert rewrite_chain(a.store.engine, tid) == entries - seq + 1
    # by itself the chain holds ...
    assert _verify(a.store.url, capsys, "--no-central")[0] == 0
    # ... but central's copy names the first entry where they part
    code, out = _verify(a.store.url, capsys, "--central", central.counter_url)
    assert code == 2
    assert (
        f"first problem: journal entry {seq} ({receipt}) differs from the copy on central "
        f"({receipt}): this counter's chain was rewritten from entry {seq} on"
    ) in out
    # ... and its head is not the one the last Z report printed
    with a.store.uow() as read:
        last_seq, last_no, last_hash = read.journal.chain(tid)[-1]
    assert (last_no, f"{last_seq}:{last_hash[:16]}" != z.journal_head) == (z.document_no, True)
    code, out = _verify(a.store.url, capsys, "--no-central", "--z-head", z.journal_head)
    assert code == 2
    assert f"the chain head printed on the Z report ({z.journal_head}) differs" in out
    # the other counter's chain is whole, on central and at the counter
    assert _verify(b.store.url, capsys, "--central", central.counter_url)[0] == 0
    assert _verify(central.admin_url, capsys)[0] == 0


def test_a_sale_voided_on_central_without_a_void_entry_is_named(
    central: Central, make_counter, capsys: pytest.CaptureFixture[str]
) -> None:
    c = make_counter("Counter 7")
    _shift(c, 3, seed=9)
    c.service.sync_once()
    assert _verify(central.admin_url, capsys)[0] == 0
    receipt = central.scalar(
        "SELECT receipt_no FROM sales WHERE terminal_id = :t ORDER BY seq LIMIT 1",
        t=c.store.terminal.terminal_id,
    )
    central.execute("UPDATE sales SET status = 'voided' WHERE receipt_no = :r", r=receipt)
    code, out = _verify(central.admin_url, capsys)
    assert code == 2
    assert f"sale {receipt} (journal entry 1) is marked voided in the database, but no void" in out


def test_the_counter_settings_name_its_central_and_one_that_cannot_be_read_is_said_plainly(
    central: Central, make_counter, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    c = make_counter("Counter 8")
    _shift(c, 1, seed=3)
    c.service.sync_once()
    settings = tmp_path / "settings.json"

    def verify(central_url: str, *extra: str) -> tuple[int, str]:
        save_settings(Settings().with_changes(central_url=central_url), settings)
        code = main(["--settings", str(settings), "journal", "verify", "--db", c.store.url,
                     *extra])  # fmt: skip
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    code, out = verify(central.counter_url)
    assert code == 0, out
    assert "matches central's copy: 3 of 3 entries there" in out
    nowhere = "postgresql+psycopg://otop@127.0.0.1:9/none"
    cannot = "The central database cannot be read, so this counter's chain was not compared"
    # central from the settings and not answering: said, and the local chain still checked
    code, out = verify(nowhere)
    assert (code, cannot in out, "journal intact: 3 entries" in out) == (0, True, True)
    assert "matches central's copy" not in out
    # central asked for by name: no answer is no verification
    code, out = verify("", "--central", nowhere)
    assert (code, cannot in out, "Traceback" in out) == (2, True, False)
