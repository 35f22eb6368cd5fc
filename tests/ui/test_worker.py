"""The background worker: one ordered thread, outcomes back on the UI thread, clean stop."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from pos.domain.errors import CartError
from ui.app import ensure_app
from ui.worker import Worker


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.shutdown()


def test_ops_finish_in_the_order_they_were_queued(qtbot: QtBot, worker: Worker) -> None:
    done: list[int] = []
    threads: set[int] = set()
    ui_thread = QThread.currentThread()
    on_ui: list[bool] = []

    def job(i: int) -> int:
        threads.add(threading.get_ident())
        time.sleep(0.002 * (20 - i))  # early ops are the slow ones
        return i

    def record(i: int) -> None:
        on_ui.append(QThread.currentThread() is ui_thread)
        done.append(i)

    for i in range(20):
        worker.run(lambda i=i: job(i), record)
    qtbot.waitUntil(lambda: len(done) == 20, timeout=5_000)
    assert done == list(range(20))
    assert all(on_ui)
    assert threading.get_ident() not in threads
    assert len(threads) == 1
    assert worker.pending == 0


def test_shop_errors_and_bugs_go_to_the_failure_callback(
    qtbot: QtBot, worker: Worker, caplog: pytest.LogCaptureFixture
) -> None:
    failures: list[Exception] = []
    bugs: list[str] = []
    worker.bug.connect(bugs.append)

    def refuse() -> None:
        raise CartError("The cart is empty", "ยังไม่มีสินค้าในตะกร้า")

    def crash() -> None:
        raise ZeroDivisionError("boom")

    with caplog.at_level("ERROR"):
        worker.run(refuse, None, failures.append)
        worker.run(crash, None, failures.append)
        qtbot.waitUntil(lambda: len(failures) == 2)
    assert isinstance(failures[0], CartError)
    assert isinstance(failures[1], ZeroDivisionError)
    assert len(bugs) == 1
    assert "ZeroDivisionError" in bugs[0]
    assert "Traceback" in caplog.text
    assert "boom" in caplog.text
    assert "CartError" not in caplog.text  # a shop error is not a bug


def test_shutdown_finishes_queued_work_then_drops_outcomes(qtbot: QtBot) -> None:
    worker = Worker()
    ran: list[int] = []
    delivered: list[int] = []
    def job(i: int) -> None:
        time.sleep(0.02)
        ran.append(i)

    for i in range(3):
        worker.run(lambda i=i: job(i), lambda _r, i=i: delivered.append(i))
    assert worker.shutdown()
    assert ran == [0, 1, 2]  # a sale being saved is never cut off
    qtbot.wait(50)
    assert delivered == []
    with pytest.raises(RuntimeError):
        worker.run(lambda: None)


def test_many_qt_calls_and_signals_do_not_kill_none_or_true(qtbot: QtBot) -> None:
    """PySide6 6.12 on CPython 3.11 loses a reference to None per void call and to True
    per Signal.emit() (Python aborts after a few hundred scans); pyproject pins PySide6
    below 6.12, and this test fails if a leaking binding comes back."""
    ensure_app()
    probe = QObject()
    worker = Worker()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(3_000):
        probe.setObjectName("x")
    for _ in range(3_000):
        worker.busyChanged.emit(True)
    worker.shutdown()
    # a leaking binding loses one reference per call: thousands, not a handful
    assert sys.getrefcount(None) > none_before - 500
    assert sys.getrefcount(True) > true_before - 500
