"""The recall list (F6) through the real till: each parked sale's owner, the time it was
parked, its lines and its total, each under its own column header."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    SAUSAGE,
    SILK,
    TEA,
    back_to_scanning,
    key,
    log_in,
    modal,
    scan_and_wait,
)
from ui.dialogs import RecallDialog
from ui.till.window import TillWindow

WHEN = re.compile(r"^\d\d/\d\d \d\d:\d\d$")  # day/month hours:minutes, Bangkok time


def park(qtbot: QtBot, till: TillWindow) -> None:
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)


def recall_list(qtbot: QtBot, till: TillWindow) -> RecallDialog:
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_F6)
    dialog = modal(qtbot, "recallDialog")
    assert isinstance(dialog, RecallDialog)
    return dialog


def test_the_recall_list_labels_owner_time_lines_and_total(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, SAUSAGE)
    park(qtbot, till)
    scan_and_wait(qtbot, till, "3*" + SILK)
    park(qtbot, till)

    dialog = recall_list(qtbot, till)
    assert dialog.headers == ["พนักงานขาย", "เวลาที่พัก", "จำนวนรายการ", "ยอดรวม"]
    rows = dialog.rows()
    assert [[owner, lines, total] for owner, _when, lines, total in rows] == [
        ["สมใจ (แคชเชียร์)", "2 รายการ", "฿205.00"],
        ["สมใจ (แคชเชียร์)", "1 รายการ", "฿5,550.00"],
    ]
    assert all(WHEN.match(when) for _owner, when, _lines, _total in rows)
    till.set_language("en")
    assert dialog.headers == ["Cashier", "Parked at", "Lines", "Total"]
    assert dialog.rows()[0][2] == "2 line(s)"

    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Up)  # the first one parked
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart) == 2 and not till.busy, timeout=5_000)
    assert [line.product.sku for line in till.cart] == ["KK-TEA-001", "KK-SAUS-001"]
    back_to_scanning(qtbot, till)


def test_a_sale_parked_when_another_cashier_logs_in_is_listed_under_its_owner(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    log_in(qtbot, till, "manager", "9999")
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
    back_to_scanning(qtbot, till)
    dialog = recall_list(qtbot, till)
    ((owner, when, lines, total),) = dialog.rows()
    assert owner == "สมใจ (แคชเชียร์)"  # whose sale it is, not the manager now at the till
    assert WHEN.match(when)
    assert (lines, total) == ("1 รายการ", "฿1,850.00")
