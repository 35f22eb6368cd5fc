"""Closing the till never loses its cart: a real close event, log-out and SIGTERM park it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, open_store
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.ports.sales import ParkedCart
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from tests.helpers.selling import FastArgon2
from tests.ui.conftest import (
    DATA,
    DINO,
    SILK,
    TEA,
    approve,
    back_to_scanning,
    key,
    log_in,
    modal,
    scan,
    scan_and_wait,
)
from ui.till.window import TillWindow

CHILD = Path(__file__).resolve().parents[1] / "helpers" / "till_child.py"
ROOT = Path(__file__).resolve().parents[2]
CASHIER = "สมใจ"  # the demo cashier's display name, in the parked sale's label


def parked(store: Store) -> list[ParkedCart]:
    """The parked sales as a fresh unit of work reads them from the store."""
    with store.uow() as read:
        return read.parking.list(store.terminal.terminal_id)


def skus(cart: ParkedCart) -> list[str]:
    with_ids = {line["product_id"] for line in cart.payload["lines"]}
    return sorted(with_ids)


def sqlite_file(store: Store) -> str:
    path = store.engine.url.database
    assert path
    return path


def test_closing_the_window_parks_the_cart_under_its_owner(
    qtbot: QtBot, store: Store, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    scan(qtbot, till, TEA)  # still on its way when the window closes: it is parked too
    assert parked(store) == []

    assert till.close()  # what the title bar's close button and Alt+F4 send: a QCloseEvent

    assert not till.isVisible()
    assert till.worker.closed
    (sale,) = parked(store)
    assert CASHIER in sale.label
    assert len(sale.payload["lines"]) == 2
    with store.uow() as read:
        names = sorted(p.sku for p in read.catalog.products_by_ids(skus(sale)))
    assert names == ["KK-SILK-001", "KK-TEA-001"]


def test_an_empty_cart_closes_at_once_with_nothing_parked(
    qtbot: QtBot, store: Store, till: TillWindow
) -> None:
    started = time.monotonic()
    assert till.close()
    assert time.monotonic() - started < 1.0
    assert not till.isVisible()
    assert parked(store) == []


@pytest.fixture
def refusing(store: Store, till: TillWindow) -> Iterator[sqlite3.Connection]:
    """The till's database refuses to park a sale (as a failing disk would) until the test
    drops the trigger; dropped at the end in any case, so that the till can close."""
    con = sqlite3.connect(sqlite_file(store))
    con.execute("CREATE TRIGGER refuse_park BEFORE INSERT ON parked_sales "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    con.commit()
    try:
        yield con
    finally:
        con.execute("DROP TRIGGER IF EXISTS refuse_park")
        con.commit()
        con.close()


def test_a_park_the_database_refuses_keeps_the_window_open_with_its_cart(
    qtbot: QtBot, store: Store, till: TillWindow, refusing: sqlite3.Connection
) -> None:
    scan_and_wait(qtbot, till, SILK)

    assert not till.close()  # not quietly: the cashier is told, the sale stays on screen

    assert till.isVisible()
    assert not till.worker.closed
    assert till.message_kind == "error"
    assert "พักบิลไม่ได้" in till.message
    assert [line.product.sku for line in till.cart] == ["KK-SILK-001"]
    assert parked(store) == []

    refusing.execute("DROP TRIGGER refuse_park")  # the database is back: the next close parks
    refusing.commit()
    assert till.close()
    assert not till.isVisible()
    (sale,) = parked(store)
    assert CASHIER in sale.label


def test_a_second_close_may_discard_the_sale_with_a_managers_approval(
    qtbot: QtBot, store: Store, till: TillWindow, refusing: sqlite3.Connection
) -> None:
    scan_and_wait(qtbot, till, SILK)
    assert not till.close()
    assert not till.close()  # again: the sale still cannot be parked, discarding is offered

    confirm = modal(qtbot, "confirmDiscardOnClose")
    assert till.isVisible()
    key(qtbot, confirm, Qt.Key.Key_Return)
    approve(qtbot, "the disk failed")  # a cashier's discard: the manager's PIN
    qtbot.waitUntil(lambda: not till.isVisible(), timeout=10_000)

    assert till.worker.closed
    assert parked(store) == []
    rows = refusing.execute("SELECT action, reason, ref FROM approvals").fetchall()
    assert [(action, reason) for action, reason, _ in rows] == [
        ("cancel_sale", "the disk failed")]
    assert "ปิดเครื่องขาย" in rows[0][2]  # the approval's reference: closing the till
    assert refusing.execute(
        "SELECT count(*) FROM journal_entries WHERE kind = 'void'").fetchone() == (1,)


def test_a_sale_with_payments_taken_is_not_closed_away(
    qtbot: QtBot, store: Store, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)  # 370.00
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    key(qtbot, dialog, Qt.Key.Key_F2)
    amount = QApplication.focusWidget()
    assert amount is not None
    assert amount.objectName() == "promptpayAmount"
    qtbot.keyClicks(amount, "200")
    key(qtbot, amount, Qt.Key.Key_Return)  # 200.00 received by PromptPay, 170.00 to go

    assert not till.close()  # a parked cart would not keep the 200.00 taken

    assert till.isVisible()
    assert "รับชำระเงินของบิลนี้ไปแล้ว" in till.message
    assert len(till.cart) == 2
    assert parked(store) == []
    back_to_scanning(qtbot, till)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)  # the payments are still there: finish
    dialog = modal(qtbot, "paymentDialog")
    cash = dialog.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    key(qtbot, dialog, Qt.Key.Key_F1)
    assert cash.text() == "170.00"
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.cart.is_empty and till.last_receipt is not None,
                    timeout=10_000)
    assert till.close()


def test_logging_out_parks_the_cart_for_its_cashier_to_recall(
    qtbot: QtBot, store: Store, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    assert till.locked
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
    (sale,) = parked(store)
    assert CASHIER in sale.label
    assert CASHIER in till.login_page.message

    log_in(qtbot, till, "cashier", "1111")
    assert till.cart.is_empty
    assert till.close()  # nothing left to park
    assert len(parked(store)) == 1


def test_a_park_refused_at_log_out_keeps_the_cart_and_the_log_in_page_says_so(
    qtbot: QtBot, store: Store, till: TillWindow, refusing: sqlite3.Connection
) -> None:
    scan_and_wait(qtbot, till, SILK)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    assert till.locked
    qtbot.waitUntil(lambda: not till.busy, timeout=5_000)
    assert len(till.cart) == 1  # not parked, not lost
    assert till.login_page.message

    assert not till.close()  # the log-in page, which is up, says why the till stays open
    assert till.isVisible()
    assert "พักบิลไม่ได้" in till.login_page.message

    refusing.execute("DROP TRIGGER refuse_park")
    refusing.commit()
    assert till.close()
    (sale,) = parked(store)
    assert CASHIER in sale.label


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGTERM")
def test_sigterm_parks_the_cart_and_exits_0(tmp_path: Path) -> None:
    db_file = tmp_path / "counter.db"
    settings = Settings()
    prepared = open_store(str(db_file), settings)
    try:
        load_demo_store(prepared.uow, settings, prepared.terminal.terminal_id, DATA)
        Auth(prepared.uow, settings, SystemClock(), FastArgon2()).ensure_demo_users()
    finally:
        prepared.close()

    out_file, err_file = tmp_path / "till.out", tmp_path / "till.err"
    with out_file.open("wb") as out, err_file.open("wb") as err:
        # the child imports the tests' helpers: the checkout's root on its path (a clean clone
        # has no PYTHONPATH)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}  # fmt: skip
        child = subprocess.Popen([sys.executable, str(CHILD), str(db_file), SILK, TEA],
                                 stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 60
        while "READY" not in out_file.read_text("utf-8").split():
            assert child.poll() is None, f"the till exited {child.returncode}:\n" + (
                err_file.read_text("utf-8"))
            assert time.monotonic() < deadline, "the till never had its cart"
            time.sleep(0.05)
        child.send_signal(signal.SIGTERM)
        status = child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    assert status == 0, err_file.read_text("utf-8")
    assert "EXIT 0" in out_file.read_text("utf-8")
    store = open_store(str(db_file), settings)
    try:
        (sale,) = parked(store)
        assert CASHIER in sale.label
        assert len(sale.payload["lines"]) == 2
    finally:
        store.close()
