"""Issue 13 items 7, 20 and 21 through the real labels window: it fits a 1366x768 screen with
Print and Save PDF in view, names are whole, the preview keeps off the page navigation, and QR
codes to the demo placeholder site are warned about loudly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_label_desk, open_store
from pos.domain.settings import Settings
from tests.ui.test_labels_window import _find
from ui.app import ensure_app
from ui.labels_window import COL_NAME, LabelsWindow

SCREEN = QRect(0, 0, 1366, 768)


def _rect_in(win: QWidget, w: QWidget) -> QRect:
    return QRect(w.mapTo(win, QPoint(0, 0)), w.size())


def _open(qtbot: QtBot, store: Store) -> LabelsWindow:
    ensure_app()
    win = LabelsWindow(build_label_desk(store), language="th")
    qtbot.addWidget(win)
    # a 1366x768 laptop: the window manager gives at most the screen less the task bar
    win.resize(min(win.width(), SCREEN.width()), min(win.height(), SCREEN.height() - 40))
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.category.count() > 1, timeout=5_000)
    return win


@pytest.fixture
def window(qtbot: QtBot, label_store: Store) -> Iterator[LabelsWindow]:
    win = _open(qtbot, label_store)
    yield win
    win.close()


def test_the_window_fits_a_1366x768_screen_with_print_and_save_in_view(
    qtbot: QtBot, window: LabelsWindow
) -> None:
    assert _find(qtbot, window) >= 1
    qtbot.wait(200)  # the preview is drawn after a short pause
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN.width(), hint
    assert hint.height() <= SCREEN.height() - 40, hint
    assert window.width() <= SCREEN.width()
    assert window.height() <= SCREEN.height() - 40
    inside = window.rect()
    for button in (window.print_button, window.save_button):
        assert button.isVisible()
        assert inside.contains(_rect_in(window, button)), button.objectName()
    preview = _rect_in(window, window.preview)
    for nav in (window.prev_page, window.next_page, window.page_label):
        assert not preview.intersects(_rect_in(window, nav)), nav.objectName()
    pixmap = window.preview.pixmap()
    assert pixmap.width() <= preview.width()
    assert pixmap.height() <= preview.height()


def test_product_names_are_shown_whole(qtbot: QtBot, window: LabelsWindow) -> None:
    assert _find(qtbot, window) >= 2
    metrics = window.table.fontMetrics()
    for row in range(window.table.rowCount()):
        name = window.table.item(row, COL_NAME).text()
        assert window.table.columnWidth(COL_NAME) >= metrics.horizontalAdvance(name), name


def test_qr_codes_to_the_demo_placeholder_are_warned_about(
    qtbot: QtBot, migrated_sqlite_url: str, label_store: Store
) -> None:
    """label_store's template is a real-looking host: no warning. The demo default warns."""
    win = _open(qtbot, label_store)
    assert _find(qtbot, win) >= 1
    assert win.story_warning.isHidden()
    win.close()
    demo = open_store(migrated_sqlite_url, Settings())  # story URLs on https://otop.example/
    try:
        win = _open(qtbot, demo)
        assert _find(qtbot, win) >= 1
        assert win.story_warning.isVisible()
        assert "otop.example" in win.story_warning.text()
        assert "WARNING" in win.story_warning.text()
        win.close()
    finally:
        demo.close()


def test_label_staff_log_in_with_their_pin_before_the_window_opens(
    qtbot: QtBot, label_store: Store
) -> None:
    """`otop-pos labels --window` asks for the user and PIN first; a cashier may not print
    labels, a wrong PIN is refused, label staff get in."""
    from pos.ports.clock import SystemClock
    from pos.services.auth import Auth
    from tests.labels.conftest import LABEL_SETTINGS
    from ui.labels_window import LabelsLoginDialog

    ensure_app()
    auth = Auth(label_store.uow, LABEL_SETTINGS, SystemClock())
    auth.ensure_demo_users()  # cashier 1111, labels 2222, manager 9999, admin 0000
    dialog = LabelsLoginDialog(auth, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    for user, pin in (("labels", "1234"), ("cashier", "1111")):
        dialog.username.setText(user)
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        assert dialog.actor is None, user
        assert dialog.error.text(), user
        assert dialog.pin.text() == ""
    dialog.username.setText("labels")
    qtbot.keyClicks(dialog.pin, "2222")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.actor is not None
    assert dialog.actor.username == "labels"
    assert dialog.result() == dialog.DialogCode.Accepted
