"""A till killed between a sale's commit and its tea tickets' print: the next start prints
each ticket once, and no ticket twice, on a real TCP printer of 127.0.0.1."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.printing.helpers import FakeNetworkPrinter

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

CHILD = Path(__file__).resolve().parents[1] / "helpers" / "tea_child.py"
ROOT = Path(__file__).resolve().parents[2]


class HangingPrinter:
    """A printer that takes the connection and never answers its status query: the till
    stays in the middle of printing (after the commit) until it is killed."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.server.settimeout(60)
        self.target = f"127.0.0.1:{self.server.getsockname()[1]}"

    def wait_for_connection(self) -> socket.socket:
        conn, _ = self.server.accept()
        return conn

    def close(self) -> None:
        self.server.close()


def _child(mode: str, db: str, target: str, out: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as said:  # the child keeps its own copy of the file
        return subprocess.Popen(
            [sys.executable, str(CHILD), mode, db, target],
            stdout=said,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        )


def _rows(db: str, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_till_killed_after_the_commit_prints_the_tickets_once_at_the_next_start(
    tea_db: str, tmp_path: Path
) -> None:
    db = tea_db.removeprefix("sqlite+pysqlite:///")
    hanging = HangingPrinter()
    seller = _child("sell", db, hanging.target, tmp_path / "sell.out")
    try:
        conn = hanging.wait_for_connection()  # the sale is committed: its tickets are printing
        assert seller.poll() is None
        seller.kill()  # SIGKILL, in the middle of the first ticket's print
        seller.wait(timeout=30)
        conn.close()
    finally:
        if seller.poll() is None:
            seller.kill()
        hanging.close()
    said = (tmp_path / "sell.out").read_text("utf-8")
    assert "READY" in said, said
    assert _rows(db, "SELECT COUNT(*) FROM sales") == [(1,)]  # committed before any print
    [(number, status)] = _rows(db, "SELECT number, status FROM tea_orders")
    assert (number, status) == (1, "new")
    jobs = _rows(db, "SELECT status FROM print_jobs WHERE kind = 'tea_ticket' ORDER BY status")
    assert jobs == [("pending",), ("printing",)]  # one claimed when the till died
    assert _rows(db, "SELECT COUNT(*) FROM tea_tickets WHERE sent_at IS NOT NULL") == [(0,)]

    with FakeNetworkPrinter() as printer:
        for run in range(2):  # a second start prints nothing again
            out = tmp_path / f"resume{run}.out"
            resumer = _child("resume", db, printer.target, out)
            assert resumer.wait(timeout=60) == 0, out.read_text("utf-8")
            assert "RESUMED" in out.read_text("utf-8")
            assert len(printer.documents) == 2, run
        documents = [d.decode("cp874", errors="replace") for d in printer.documents]
    assert len(documents) == 2
    assert sum("1/2" in d for d in documents) == 1
    assert sum("2/2" in d for d in documents) == 1
    assert all("คิว 1" in d for d in documents)
    assert _rows(db, "SELECT COUNT(*) FROM tea_tickets WHERE sent_at IS NOT NULL") == [(2,)]
    assert _rows(db, "SELECT DISTINCT status FROM print_jobs WHERE kind = 'tea_ticket'") == [
        ("done",)
    ]
