"""The till's one action table: every key it names works, has a button or menu entry as the
table says, and is in F1 help; a second view observes the same sale session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos.services.sale_session import Change
from tests.ui.conftest import SILK, TEA, back_to_scanning, key, modal, scan_and_wait
from ui.till.actions import ACTIONS
from ui.till.session_signals import SessionSignals
from ui.till.window import TillWindow


def test_f1_help_lists_every_key_of_the_till(qtbot: QtBot, till: TillWindow) -> None:
    till.set_language("en")
    key(qtbot, till.scan_field, Qt.Key.Key_F1)
    dialog = modal(qtbot, "helpDialog")
    text = dialog.findChild(QLabel, "helpText")
    assert text is not None
    shown = text.text()
    # the keys the old hand-written help left out are there now
    for k in ("F7", "F10", "F11", "Ctrl+I", "Ctrl+O", "Ctrl+R", "Ctrl+F1", "Shift+F4"):
        assert f"<b>{k}</b>" in shown
    assert "Gift basket" in shown
    # every key of the table, and the help still fits a 1366x768 screen with a title bar
    assert dialog.width() <= 1366
    assert dialog.height() <= 768 - 40
    for spec in ACTIONS:
        if spec.keys:
            assert f"<b>{spec.help_key}</b>" in shown
    key(qtbot, dialog, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)


def test_the_buttons_and_shortcuts_come_from_the_table(till: TillWindow) -> None:
    bar = till.findChild(QWidget, "keyBar")
    assert bar is not None
    keys = [b.text().split("\n")[0] for b in sorted(
        bar.findChildren(QPushButton), key=lambda b: b.x())]
    placed = sorted((a for a in ACTIONS if a.button is not None), key=lambda a: a.button or 0)
    assert keys == [a.shown_key for a in placed]
    for spec in ACTIONS:
        action = till.actions_by_name[spec.name]
        assert [s.toString() for s in action.shortcuts()] == [
            QKeySequence(k).toString() for k in spec.keys]
    menu = [a.objectName() for a in till.header.menu.actions()]
    assert menu == [f"{a.name}Action" for a in ACTIONS if a.menu]


def test_a_second_view_observes_the_sale_without_the_window(
    qtbot: QtBot, till: TillWindow
) -> None:
    display = SessionSignals(till.session)  # e.g. a customer display on a second screen
    seen: list[Change] = []
    totals: list[str] = []
    display.changed.connect(seen.append)
    display.linesChanged.connect(lambda: totals.append(str(display.session.cart.totals().total)))
    scan_and_wait(qtbot, till, SILK)
    scan_and_wait(qtbot, till, TEA)
    assert seen == [Change.LINES, Change.LINES]
    assert totals == ["1850.00", "1970.00"]
    key(qtbot, till.scan_field, Qt.Key.Key_F5)  # park: the cart is replaced by an empty one
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
    assert Change.CART in seen
    assert Change.BUSY in seen
    display.stop()
