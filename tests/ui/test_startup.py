"""Start-up: the till shows and takes scans before the store is open (the store opens behind it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_till_context, open_store
from pos.domain.settings import Settings
from pos.services.till import TillContext
from tests.ui.conftest import DINO, SILK, TEA, log_in, open_shift, scan
from ui.app import create_till_window
from ui.till.window import TillWindow


def _show(qtbot: QtBot, factory: Callable[[], TillContext], language: str) -> TillWindow:
    window = create_till_window(factory, language=language, settings=Settings())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field, timeout=5_000)
    return window


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # never leave the window's worker blocked


def status_store(window: TillWindow) -> str:
    label = window.findChild(QLabel, "statusStore")
    assert label is not None
    return label.text()


def test_scans_typed_while_the_store_opens_are_answered_in_order(
    qtbot: QtBot, store: Store, gate: threading.Event
) -> None:
    def open_slowly() -> TillContext:  # the store takes its time (migrations, a slow disk)
        assert gate.wait(30)
        return build_till_context(store)

    window = _show(qtbot, open_slowly, "en")
    try:
        assert not window.store_open
        assert status_store(window) == "Opening the store…"
        scan(qtbot, window, SILK)
        scan(qtbot, window, "3*" + TEA)
        scan(qtbot, window, DINO)
        scan(qtbot, window, SILK)
        # typed and accepted (the field is empty again), waiting for the store: not lost
        assert window.scan_field.text() == ""
        assert window.busy
        assert len(window.cart) == 0

        with qtbot.waitSignal(window.storeOpened, timeout=10_000):
            gate.set()
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert [(line.product.sku, line.quantity) for line in window.cart] == [
            ("KK-SILK-001", Decimal("2.000")),
            ("KK-TEA-001", Decimal("3.000")),
            ("KK-DINO-001", Decimal("1.000")),
        ]
        assert window.total_label.text() == "฿4,310.00"
        assert status_store(window) == store.url
        assert window.message_kind != "error"
        qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
        # then the till asks who is there; the scans wait in the cart for the cashier
        assert window.locked
        log_in(qtbot, window, "cashier", "1111")
        open_shift(qtbot, window)
        assert len(window.cart) == 3
        # and the till goes on as usual
        scan(qtbot, window, TEA)
        qtbot.waitUntil(lambda: not window.busy, timeout=5_000)
        assert window.cart.lines[1].quantity == Decimal("4.000")
    finally:
        window.close()
    assert window.worker.closed


def test_function_keys_wait_for_the_store(
    qtbot: QtBot, store: Store, gate: threading.Event
) -> None:
    def open_slowly() -> TillContext:
        assert gate.wait(30)
        return build_till_context(store)

    window = _show(qtbot, open_slowly, "en")
    try:
        qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)  # recall: needs the store
        assert window.message == "One moment: opening the store…"
        assert QApplication.activeModalWidget() is None
        gate.set()
        qtbot.waitUntil(lambda: window.store_open and not window.busy, timeout=10_000)
    finally:
        window.close()


def test_a_store_that_cannot_be_opened_is_a_message_in_the_window(
    qtbot: QtBot, gate: threading.Event
) -> None:
    def disk_full() -> TillContext:
        assert gate.wait(30)
        raise OSError(28, "No space left on device")

    window = _show(qtbot, disk_full, "en")
    try:
        scan(qtbot, window, SILK)  # typed before the failure: answered with it, not lost
        with qtbot.waitSignal(window.storeFailed, timeout=10_000):
            gate.set()
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert "The store could not be opened" in window.message
        assert "No space left on device" in window.message
        assert "Traceback" not in window.message
        assert window.message_kind == "error"
        assert status_store(window) == "Store not open"
        assert len(window.cart) == 0
        # scanning again says the same, clearly; the window stays up
        scan(qtbot, window, TEA)
        assert "No space left on device" in window.message
        assert window.isVisible()
    finally:
        window.close()


def test_a_bad_database_url_is_a_message_in_the_window(qtbot: QtBot) -> None:
    settings = Settings()

    def open_bad_url() -> TillContext:
        return build_till_context(open_store("nosuchdb://nowhere/x", settings))

    window = _show(qtbot, open_bad_url, "th")
    try:
        qtbot.waitUntil(lambda: bool(window.store_error), timeout=10_000)
        assert window.message == window.store_error
        assert window.message_kind == "error"
        assert "nosuchdb" in window.message
        assert "Traceback" not in window.message
    finally:
        window.close()


FIRST_FRAME = r"""
import json, sys
from pos.app.command_line import parse_command_line
from ui.app import create_till_window
from pos.domain.settings import Settings
parse_command_line(["--db", "unused.db"])
window = create_till_window(lambda: None, settings=Settings())  # never run: not shown
print(json.dumps(sorted(sys.modules)))
import os
os._exit(0)
"""


def test_the_first_frame_imports_no_service_and_no_database_layer() -> None:
    """The till's start stays lean: what its first frame does not run is imported later."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    packages = {"sqlalchemy", "alembic", "db", "printing", "argon2"}
    modules = {
        "pos.ports", "pos.services.checkout", "pos.services.printing", "pos.services.sync",
        "pos.services.auth", "pos.domain.basket", "pos.domain.sale", "pos.domain.payment",
        "pos.domain.scan", "pos.domain.approvals",  # the sale session loads them when used
        "pos.app.bootstrap",  # the store opens on the worker
        "pos.app.cli", "pos.app.cli.labels", "pos.app.cli.report",  # no command's parser either
    }  # fmt: skip
    early = sorted(m for m in loaded if m in modules or m.split(".")[0] in packages)
    assert early == []
    assert "ui.till.window" in loaded  # the window was built


@pytest.mark.parametrize("kind", ["text file", "folder"])
def test_a_db_that_is_not_a_store_is_named_in_the_window(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "notes.txt"
    if kind == "folder":
        target.mkdir()
    else:
        target.write_text("milk\n", encoding="utf-8")
    settings = Settings()

    def open_it() -> TillContext:  # what `otop-pos --db notes.txt` runs on the window's worker
        return build_till_context(open_store(str(target), settings, create=True))

    window = _show(qtbot, open_it, "en")
    try:
        qtbot.waitUntil(lambda: bool(window.store_error), timeout=10_000)
        said = "is not a store of OTOP POS" if kind == "text file" else "is a folder, not a store"
        assert said in window.message
        assert "Traceback" not in window.message
        assert "Error" not in window.message  # no exception's class name: plain words
    finally:
        window.close()
    if kind == "text file":
        assert target.read_text(encoding="utf-8") == "milk\n"
