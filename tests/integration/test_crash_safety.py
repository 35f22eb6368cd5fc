"""A till killed at any moment loses no sale it reported, leaves no half sale and no gap.

A child process rings up sales on a real SQLite file through the real Checkout service and
prints each receipt once complete() has returned; this test kills it with SIGKILL at random
moments, many times, and after every kill checks the database as the next start-up finds it.

SIGKILL ends the process, not the machine: this proves the transaction boundaries (one
transaction per sale, the receipt number taken inside it), not the disk's fsync.
Set CRASH_SEED to replay a run; the seed is printed with every failure.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app.bootstrap import open_store
from pos.domain.settings import Settings
from pos.services.demo import load_demo_store
from tests.helpers.catalogue import demo_folder

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

CHILD = Path(__file__).resolve().parents[1] / "helpers" / "crash_child.py"
ROUNDS = 25
READY_TIMEOUT = 30.0
CENT = Decimal("0.01")
MILLI = Decimal("0.001")


def _money(value: object) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _qty(value: object) -> Decimal:
    return Decimal(str(value)).quantize(MILLI)


def _read_lines(path: Path) -> list[str]:
    # a kill can cut the last line short: only whole lines count
    text = path.read_text("utf-8") if path.exists() else ""
    return text.split("\n")[:-1]


def _problems(db_file: Path, reported: dict[str, str]) -> list[str]:
    """Everything wrong with the database after a kill (empty when all is well)."""
    out: list[str] = []
    # read-only: checking must not checkpoint the WAL the next start-up has to recover
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=30)
    try:
        integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            out.append(f"integrity_check: {integrity[:5]}")
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            out.append(f"foreign_key_check: {fk[:5]}")

        sales = {
            sid: (seq, rno, _money(total), _money(paid))
            for sid, seq, rno, total, paid in con.execute(
                "SELECT id, seq, receipt_no, total, paid FROM sales"
            )
        }
        by_receipt = {rno: sid for sid, (_, rno, _, _) in sales.items()}
        for rno, sid in reported.items():
            if by_receipt.get(rno) != sid:
                out.append(f"reported {rno} ({sid}) is not in the database")

        lines: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
        for sid, pid, qty, total in con.execute(
            "SELECT sale_id, product_id, quantity, total FROM sale_lines"
        ):
            lines[sid].append((pid, _qty(qty), _money(total)))
        pays: dict[str, list[Decimal]] = defaultdict(list)
        for sid, amount in con.execute("SELECT sale_id, amount FROM payments"):
            pays[sid].append(_money(amount))
        moves: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
        for sid, pid, qty in con.execute(
            "SELECT sale_id, product_id, quantity FROM stock_movements WHERE sale_id IS NOT NULL"
        ):
            moves[sid].append((pid, _qty(qty)))
        outbox: dict[str, int] = defaultdict(int)
        for (aggregate,) in con.execute(
            "SELECT aggregate_id FROM outbox WHERE kind = 'sale.completed'"
        ):
            outbox[aggregate] += 1

        for sid, (_, rno, total, paid) in sales.items():
            sale_lines = lines.get(sid, [])
            if not sale_lines:
                out.append(f"{rno}: no lines")
            elif sum((t for _, _, t in sale_lines), Decimal(0)) != total:
                out.append(f"{rno}: lines sum to {sum(t for _, _, t in sale_lines)}, not {total}")
            paid_sum = sum(pays.get(sid, []), Decimal(0))
            if paid_sum < total or paid != total:
                out.append(f"{rno}: payments {paid_sum} (paid {paid}) do not cover {total}")
            want = sorted((pid, -q) for pid, q, _ in sale_lines)
            if sorted(moves.get(sid, [])) != want:
                out.append(f"{rno}: stock movements {moves.get(sid)} do not match lines {want}")
            if outbox.get(sid, 0) != 1:
                out.append(f"{rno}: {outbox.get(sid, 0)} outbox rows")
        for name, table in (("lines", lines), ("payments", pays), ("movements", moves)):
            orphans = set(table) - set(sales)
            if orphans:
                out.append(f"{len(orphans)} sale(s) have {name} but no sale row")
        if set(outbox) - set(sales):
            out.append("outbox rows for sales that do not exist")

        seqs = sorted(seq for seq, _, _, _ in sales.values())
        if seqs != list(range(1, len(seqs) + 1)):
            missing = sorted(set(range(1, (seqs[-1] if seqs else 0) + 1)) - set(seqs))
            out.append(f"receipt numbers have gaps: missing {missing[:10]}")
        prefix = {rno.rsplit("-", 1)[0] for _, rno, _, _ in sales.values()}
        for seq, rno, _, _ in sales.values():
            if not rno.endswith(f"-{seq:08d}"):
                out.append(f"receipt {rno} does not carry its number {seq}")
        nxt = con.execute("SELECT next_no FROM receipt_sequences WHERE series = 'sale'").fetchall()
        if nxt != [(len(seqs) + 1,)]:
            out.append(f"next receipt number is {nxt}, want {len(seqs) + 1}")
        if len(prefix) > 1:
            out.append(f"several receipt prefixes: {prefix}")
    finally:
        con.close()
    return out


def test_sigkill_at_random_moments_loses_and_breaks_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**32))
    rng = random.Random(seed)
    where = f"CRASH_SEED={seed}"

    db_file = tmp_path / "counter.db"
    settings = Settings()
    store = open_store(str(db_file), settings)
    try:
        folder, _ = demo_folder(tmp_path)
        load_demo_store(store.uow, settings, store.terminal.terminal_id, folder, synthetic=200)
    finally:
        store.close()

    reported: dict[str, str] = {}
    unreported_commits = 0  # kills between COMMIT and the print: allowed, and worth seeing
    unreported = 0
    killed_before_ready = 0
    for round_no in range(1, ROUNDS + 1):
        out_file = tmp_path / f"child-{round_no}.out"
        err_file = tmp_path / f"child-{round_no}.err"
        early = rng.random() < 0.15  # sometimes kill during start-up (open, migrate check)
        delay = rng.uniform(0.0, 0.8) if early else rng.uniform(0.0, 0.35)
        with out_file.open("wb") as out, err_file.open("wb") as err:
            child = subprocess.Popen(
                [sys.executable, str(CHILD), str(db_file), str(rng.randrange(2**32))],
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )
        try:
            if not early:
                deadline = time.monotonic() + READY_TIMEOUT
                while "READY" not in _read_lines(out_file):
                    assert child.poll() is None, (
                        f"{where} round {round_no}: child exited {child.returncode} before "
                        f"READY:\n{err_file.read_text('utf-8')}"
                    )
                    assert time.monotonic() < deadline, f"{where}: child never became READY"
                    time.sleep(0.005)
            time.sleep(delay)
            assert child.poll() is None, (
                f"{where} round {round_no}: child exited {child.returncode} on its own:\n"
                f"{err_file.read_text('utf-8')}"
            )
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL, (
            f"{where} round {round_no}: exit {child.returncode}\n{err_file.read_text('utf-8')}"
        )
        lines = _read_lines(out_file)
        killed_before_ready += "READY" not in lines
        for line in lines:
            if line.startswith("COMMITTED "):
                _, receipt_no, sale_id = line.split()
                reported[receipt_no] = sale_id

        problems = _problems(db_file, reported)
        assert not problems, (
            f"{where} round {round_no} (killed {delay:.3f}s after "
            f"{'spawn' if early else 'READY'}):\n  " + "\n  ".join(problems)
        )
        con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        try:
            in_db = con.execute("SELECT count(*) FROM sales").fetchone()[0]
        finally:
            con.close()
        unreported_commits += in_db - len(reported) > unreported
        unreported = in_db - len(reported)

    print(
        f"\n{where}: {ROUNDS} kills, {len(reported)} sales reported, "
        f"{killed_before_ready} kills before READY, "
        f"{unreported_commits} rounds ended with a committed sale not yet printed"
    )
    # the test proves nothing if the child never got to sell
    assert len(reported) >= ROUNDS // 2, f"{where}: only {len(reported)} sales in {ROUNDS} rounds"
