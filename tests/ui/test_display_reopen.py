"""A customer display closed by hand comes back from the till's menu or its shortcut
(Ctrl+Shift+D), showing the sale as it stands, without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.domain.settings import Settings
from tests.ui.conftest import SILK, TEA, demo_store, open_till, scan_and_wait
from tests.ui.test_customer_display import _display, _painted
from ui.till.window import TillWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def display_till(qtbot: QtBot, migrated_sqlite_url: str) -> Iterator[TillWindow]:
    with (
        demo_store(migrated_sqlite_url, Settings(customer_display="window")) as store,
        open_till(qtbot, store) as window,
    ):
        yield window


def test_a_display_closed_by_hand_reopens_from_the_shortcut_and_the_menu(
    qtbot: QtBot, display_till: TillWindow
) -> None:
    till = display_till
    display = _display(qtbot, till)
    scan_and_wait(qtbot, till, SILK)
    assert display.close()  # a real close event, as the window's close button sends
    qtbot.waitUntil(lambda: not display.isVisible())
    assert till.customer_display.closed_by_user
    scan_and_wait(qtbot, till, TEA)  # sold on while it is closed

    assert QApplication.focusWidget() is till.scan_field
    qtbot.keyClick(till.scan_field, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.waitUntil(display.isVisible, timeout=5_000)
    assert not till.customer_display.closed_by_user
    _painted(qtbot, display)
    assert [(ln.sku, ln.quantity) for ln in display.shown.lines] == [
        ("KK-SILK-001", Decimal(1)), ("KK-TEA-001", Decimal(1))
    ]  # fmt: skip
    assert display.shown.total == Decimal("1970.00")
    assert QApplication.focusWidget() is till.scan_field  # the till keeps the keyboard
    assert till.message == till.tr("Customer display shown")

    # closed again: the shift menu's entry brings it back too
    assert display.close()
    qtbot.waitUntil(lambda: not display.isVisible())
    action = till.action_set.actions["display_show"]
    assert action in till.header.menu.actions()
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(display.isVisible, timeout=5_000)
    scan_and_wait(qtbot, till, TEA)
    _painted(qtbot, display)
    assert display.shown.lines[-1].quantity == Decimal(2)  # it follows the sale again
    assert QApplication.focusWidget() is till.scan_field


def test_the_shortcut_says_so_when_the_display_is_off(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    assert not till.customer_display.enabled
    qtbot.keyClick(till.scan_field, Qt.Key.Key_D, CTRL_SHIFT)
    assert till.message == till.tr("The customer display is off (setting customer_display)")
    assert QApplication.focusWidget() is till.scan_field
