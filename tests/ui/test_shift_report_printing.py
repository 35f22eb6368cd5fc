"""The till prints the X (F10) and Z (F11) reports on a receipt printer on the network, and
always shows them in the preview; a printer that is off keeps the Z in the print queue."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, open_store
from pos.domain.settings import PrinterProfile, Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from printing.escpos_job import build_job
from printing.shift_report import shift_report_document
from tests.helpers.selling import FastArgon2
from tests.printing.helpers import FakeNetworkPrinter, free_port
from tests.ui.conftest import DATA, TEA, back_to_scanning, key, modal, open_till, scan_and_wait
from tests.ui.test_login_shift import pay_cash_exact
from ui.till.window import TillWindow

INIT, RASTER, DRAWER = b"\x1b@", b"\x1dv0", b"\x1bp"


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as p:
        yield p


def _printed(printer: FakeNetworkPrinter) -> list[bytes]:
    """What the printer printed (the status banner's own connections only ask DLE EOT)."""
    return [d for d in printer.documents if d]


def _store(tmp_path: Path, target: str) -> Store:
    receipt = PrinterProfile(name="receipt", connection="network", target=target, timeout_s=2)
    settings = Settings(printers=(receipt,))
    store = open_store(str(tmp_path / "counter.sqlite3"), settings)
    load_demo_store(store.uow, settings, store.terminal.terminal_id, DATA)
    Auth(store.uow, settings, SystemClock(), FastArgon2()).ensure_demo_users()
    return store


def close_shift_counted(qtbot: QtBot, till: TillWindow) -> None:
    """F11, the drawer counted at ฿2,120.00, Close (and yes, when the drawer is off)."""
    key(qtbot, till.scan_field, Qt.Key.Key_F11)
    dialog = modal(qtbot, "closeShiftDialog")
    for name, n in (("count_1000", "2"), ("count_100", "1"), ("count_20", "1")):
        field = dialog.findChild(QLineEdit, name)
        assert field is not None
        qtbot.keyClicks(field, n)
    ok = dialog.findChild(QPushButton, "closeShiftDialogOk")
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    asked = QApplication.activeModalWidget()
    if asked is not None and asked.objectName() == "confirmCloseShift":  # the drawer is off
        qtbot.keyClick(asked, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.shift_open is False, timeout=10_000)


def test_f10_and_f11_print_the_x_and_z_reports_and_show_them(
    qtbot: QtBot, tmp_path: Path, printer: FakeNetworkPrinter
) -> None:
    store = _store(tmp_path, printer.target)
    try:
        with open_till(qtbot, store) as till:
            till.set_language("en")
            scan_and_wait(qtbot, till, TEA)
            pay_cash_exact(qtbot, till)
            qtbot.waitUntil(lambda: len(_printed(printer)) == 1, timeout=10_000)  # receipt
            qtbot.waitUntil(lambda: not till.busy, timeout=10_000)  # the receipt's job is done

            key(qtbot, till.scan_field, Qt.Key.Key_F10)
            qtbot.waitUntil(lambda: till.receipt_preview is not None, timeout=5_000)
            preview = till.receipt_preview
            assert preview is not None
            qtbot.waitUntil(lambda: "X REPORT" in preview.text, timeout=5_000)
            qtbot.waitUntil(lambda: len(_printed(printer)) == 2, timeout=10_000)
            x_bytes = _printed(printer)[1]
            assert x_bytes.startswith(INIT + RASTER)
            assert DRAWER not in x_bytes
            back_to_scanning(qtbot, till)
            qtbot.waitUntil(lambda: not till.busy, timeout=10_000)  # the X report's job is done

            close_shift_counted(qtbot, till)
            qtbot.waitUntil(lambda: "Z REPORT 000001" in preview.text, timeout=5_000)
            qtbot.waitUntil(lambda: len(_printed(printer)) == 3, timeout=10_000)
        number = f"Z-{store.terminal.receipt_prefix}-000001"
        with store.uow() as read:
            z = read.shifts.z_report(number)
            x_jobs = read.print_jobs.for_document("x_report", z.shift_id if z else "")
            [z_job] = read.print_jobs.for_document("z_report", number)
        assert z is not None
        assert z.cash.counted == Decimal("2120.00")
        expected = build_job(
            shift_report_document(z, store.settings), store.settings.receipt_printer
        )
        assert _printed(printer)[2] == expected, "the Z report as stored, in Thai raster"
        assert [j.status for j in x_jobs] == ["done"]
        assert (z_job.status, z_job.attempts) == ("done", 1)
    finally:
        store.close()


def test_a_printer_that_is_off_keeps_the_z_in_the_queue_and_the_preview_shows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = _store(tmp_path, f"127.0.0.1:{free_port()}")
    try:
        with open_till(qtbot, store) as till:
            till.set_language("en")
            close_shift_counted(qtbot, till)
            qtbot.waitUntil(lambda: till.receipt_preview is not None, timeout=5_000)
            preview = till.receipt_preview
            assert preview is not None
            qtbot.waitUntil(lambda: "Z REPORT 000001" in preview.text, timeout=5_000)
            queue = till.ctx.print_queue
            assert queue is not None
            queued = [(j.kind, j.document_ref, j.status) for j in queue.queued()]
        number = f"Z-{store.terminal.receipt_prefix}-000001"
        assert queued == [("z_report", number, "failed")], "kept for a retry, not lost"
    finally:
        store.close()
