"""UI fixtures: a real store on a fresh SQLite file with a small demo catalogue, and the till."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_till_context, open_store
from pos.domain.barcodes import MeasureKind, make_variable_measure
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from pos.services.till import TillContext
from tests.helpers.selling import FastArgon2
from ui.app import create_till_window
from ui.till.window import TillWindow

DATA = Path(__file__).resolve().parent / "data"

SILK = "8859999000018"  # ผ้าไหมมัดหมี่ลายนาค 1,850.00
TEA = "8859999000025"  # ชาใบหม่อนอบแห้ง 120.00
SAUSAGE = "8859999000032"  # ไส้กรอกอีสานสูตรดั้งเดิม 85.00
DINO = "8859999000049"  # ตุ๊กตาไดโนเสาร์ภูเวียง 250.00
BALM = "8859999000056"  # ยาหม่องสมุนไพรไพล 45.50
RICE_PLU = "00001"  # ข้าวหอมมะลิอินทรีย์ 60.00 / kg, VAT exempt, sold by weight


def rice_label(kg: str, settings: Settings | None = None) -> str:
    """A scale label for the rice (weight embedded in the EAN-13)."""
    layout = (settings or Settings()).vm_layout
    return make_variable_measure(RICE_PLU, MeasureKind.WEIGHT, Decimal(kg), layout)


@contextmanager
def demo_store(url: str, settings: Settings | None = None) -> Iterator[Store]:
    """A store on `url` with the small demo catalogue and the demo users."""
    settings = settings or Settings()
    opened = open_store(url, settings)
    load_demo_store(opened.uow, settings, opened.terminal.terminal_id, DATA)
    Auth(opened.uow, settings, SystemClock(), FastArgon2()).ensure_demo_users()
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def store(migrated_sqlite_url: str) -> Iterator[Store]:
    with demo_store(migrated_sqlite_url) as opened:
        yield opened


def till_context(store: Store) -> TillContext:
    """The composition root's context, its users (demo PINs) hashed at argon2's least cost."""
    ctx = build_till_context(store)
    assert ctx.auth is not None
    ctx.auth.hasher = FastArgon2()
    ctx.auth.ensure_demo_users()
    return ctx


def log_in(qtbot: QtBot, till: TillWindow, username: str, pin: str) -> None:
    """Type a user name and PIN on the till's log-in page, then Enter; wait for the answer."""
    page = till.login_page
    qtbot.waitUntil(
        lambda: till.locked and QApplication.focusWidget() in (page.user_field, page.pin_field),
        timeout=5_000,
    )
    page.user_field.clear()
    page.user_field.setFocus()
    qtbot.keyClicks(page.user_field, username)
    qtbot.keyClick(page.user_field, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.pin_field
    qtbot.keyClicks(page.pin_field, pin)
    qtbot.keyClick(page.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not till.busy, timeout=10_000)


def open_shift(qtbot: QtBot, till: TillWindow, opening_float: str = "2000") -> None:
    """Answer the open-shift dialog that follows a log-in with no shift open."""
    dialog = modal(qtbot, "openShiftDialog")
    field = dialog.findChild(QLineEdit, "floatField")
    assert field is not None
    qtbot.keyClicks(field, opening_float)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)


@contextmanager
def open_till(qtbot: QtBot, store: Store, *, logged_in: bool = True) -> Iterator[TillWindow]:
    """The real till on `store`, shown at 1366x768, catalogue loaded; `logged_in`: the demo
    cashier (1111) has logged in and opened a shift, and the scan field has the keyboard."""
    window = create_till_window(till_context(store), language="th")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
    if logged_in:
        log_in(qtbot, window, "cashier", "1111")
        if not window.locked and window.shift_open is False:
            open_shift(qtbot, window)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field, timeout=5_000)
    try:
        yield window
    finally:
        window.close()  # stops the worker before the store's engine is disposed
        assert window.worker.closed
        assert window.loader.closed


@pytest.fixture
def till(qtbot: QtBot, store: Store) -> Iterator[TillWindow]:
    with open_till(qtbot, store) as window:
        yield window


def scan(qtbot: QtBot, till: TillWindow, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code into the focused field, then Enter."""
    assert QApplication.focusWidget() is till.scan_field
    qtbot.keyClicks(till.scan_field, code)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_Return)


def scan_and_wait(qtbot: QtBot, till: TillWindow, code: str) -> None:
    scan(qtbot, till, code)
    qtbot.waitUntil(lambda: not till.busy, timeout=5_000)


def key(qtbot: QtBot, widget: QWidget, k: Qt.Key) -> None:
    qtbot.keyClick(widget, k)


def modal(qtbot: QtBot, name: str) -> QWidget:
    """Wait for the modal dialog called `name` and return it."""

    def found() -> bool:
        w = QApplication.activeModalWidget()
        return (
            w is not None
            and w.objectName() == name
            and w.isVisible()
            and QApplication.activeWindow() is w
        )

    qtbot.waitUntil(found, timeout=5_000)
    w = QApplication.activeModalWidget()
    assert w is not None
    return w


def back_to_scanning(qtbot: QtBot, till: TillWindow) -> None:
    """Wait until no dialog is up and the scan field has the keyboard again."""
    qtbot.waitUntil(
        lambda: (
            QApplication.activeModalWidget() is None
            and QApplication.focusWidget() is till.scan_field
        ),
        timeout=5_000,
    )


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Thai included, as key events carrying the characters (like a Thai
    keyboard layout does); QTest.keyClicks only knows Latin-1 characters."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, ord(ch), Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def approve(qtbot: QtBot, reason: str, manager: str = "manager", pin: str = "9999") -> QWidget:
    """Answer the manager-approval dialog: reason, manager's user name and PIN, Enter each.
    Returns the dialog (still open if the approval was refused)."""
    dialog = modal(qtbot, "approvalDialog")
    for name, text in (("approvalReason", reason), ("approvalUser", manager), ("approvalPin", pin)):
        field = dialog.findChild(QLineEdit, name)
        assert field is not None
        field.setFocus()
        if name != "approvalReason" or not field.text():
            field.clear()
            type_text(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not getattr(dialog, "busy", False), timeout=10_000)
    return dialog
