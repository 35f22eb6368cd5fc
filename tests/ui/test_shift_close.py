"""Closing the shift: Enter counts the drawer on, only the Close button closes, and a drawer
that is off is asked about once more, naming the difference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import key, modal
from ui.till.window import TillWindow

# the drawer after a float of ฿2,000.00 and no sale: ฿1,999.00 counted, one baht short
COUNTS = {"1000": "1", "500": "1", "100": "4", "50": "1", "20": "2", "10": "", "5": "1",
          "2": "1", "1": "2", "0_50": "", "0_25": ""}


def count_with_enter(qtbot: QtBot, dialog: QWidget) -> QPushButton:
    """Type each count into the focused field and press Enter on every one of them."""
    for name, count in COUNTS.items():
        field = dialog.findChild(QLineEdit, f"count_{name}")
        assert QApplication.focusWidget() is field, name
        if count:
            qtbot.keyClicks(field, count)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    ok = dialog.findChild(QPushButton, "closeShiftDialogOk")
    assert ok is not None
    return ok


def shift_open_in_store(till: TillWindow) -> bool:
    shifts = till.ctx.shifts
    assert shifts is not None
    return shifts.current() is not None


def test_enter_on_every_field_never_closes_the_shift(qtbot: QtBot, till: TillWindow) -> None:
    key(qtbot, till.scan_field, Qt.Key.Key_F11)
    dialog = modal(qtbot, "closeShiftDialog")

    ok = count_with_enter(qtbot, dialog)

    # Enter on the last coin went to the Close button, and did not press it
    assert QApplication.focusWidget() is ok
    # ... and the cashier sees that it is there: the button looks other than unfocused
    focused = ok.grab().toImage()
    dialog.findChild(QLineEdit, "count_1000").setFocus()
    qtbot.waitUntil(lambda: not ok.hasFocus())
    assert ok.grab().toImage() != focused
    ok.setFocus()
    assert QApplication.activeModalWidget() is dialog
    qtbot.wait(200)
    assert not till.busy
    assert till.shift_open is True
    assert shift_open_in_store(till)
    for name, text in (("expectedLabel", "฿2,000.00"), ("countedLabel", "฿1,999.00"),
                       ("differenceLabel", "฿1.00")):
        label = dialog.findChild(QLabel, name)
        assert label is not None
        assert text in label.text()


def test_the_close_button_asks_once_more_naming_the_difference_then_issues_the_z(
    qtbot: QtBot, till: TillWindow
) -> None:
    key(qtbot, till.scan_field, Qt.Key.Key_F11)
    dialog = modal(qtbot, "closeShiftDialog")
    ok = count_with_enter(qtbot, dialog)

    qtbot.keyClick(ok, Qt.Key.Key_Return)  # the explicit close: Enter on the Close button
    confirm = modal(qtbot, "confirmCloseShift")
    text = " ".join(label.text() for label in confirm.findChildren(QLabel))
    assert "฿2,000.00" in text  # expected
    assert "฿1,999.00" in text  # counted
    assert "ขาด ฿1.00" in text  # the difference: one baht short
    assert till.shift_open is True

    key(qtbot, confirm, Qt.Key.Key_Escape)  # no: back to counting, the shift still open
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=5_000)
    assert shift_open_in_store(till)

    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    confirm = modal(qtbot, "confirmCloseShift")
    key(qtbot, confirm, Qt.Key.Key_Return)  # yes, close one baht short
    qtbot.waitUntil(lambda: till.shift_open is False, timeout=10_000)
    assert not shift_open_in_store(till)
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: "รายงาน Z" in preview.text, timeout=5_000)
    assert "1,999.00" in preview.text
