"""UI fixtures: a real store on a fresh SQLite file with a small demo catalogue, and the till."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pos.app import Store, build_till_context, open_store
from pos.domain.barcodes import MeasureKind, make_variable_measure
from pos.domain.settings import Settings
from pos.services.demo import load_demo_store
from ui.app import create_till_window
from ui.till_window import TillWindow

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


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    settings = Settings()
    opened = open_store(sqlite_url, settings)
    load_demo_store(opened.uow, settings, opened.terminal.terminal_id, DATA)
    try:
        yield opened
    finally:
        opened.close()


@contextmanager
def open_till(qtbot: QtBot, store: Store) -> Iterator[TillWindow]:
    """The real till on `store`, shown at 1366x768, catalogue loaded, scan field focused."""
    window = create_till_window(build_till_context(store), language="th")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.index is not None, timeout=10_000)
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
        lambda: QApplication.activeModalWidget() is None
        and QApplication.focusWidget() is till.scan_field,
        timeout=5_000,
    )


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Thai included, as key events carrying the characters (like a Thai
    keyboard layout does); QTest.keyClicks only knows Latin-1 characters."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, ord(ch), Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)
