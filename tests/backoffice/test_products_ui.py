"""The back-office window through its real widgets: the log-in, its tabs, the till's menu entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from tests.helpers.selling import FastArgon2
from tests.ui import conftest as till_fixtures
from tests.ui.conftest import log_in, open_till
from ui.backoffice.window import BackOfficeLoginDialog, BackOfficeWindow

store = till_fixtures.store  # the demo store of the till's tests, as a fixture here


@pytest.fixture
def services(store: Store) -> Services:
    services = Services(store, queue_prints=False)
    services.auth.hasher = FastArgon2()
    return services


def login_dialog(qtbot: QtBot, services: Services) -> BackOfficeLoginDialog:
    dialog = BackOfficeLoginDialog(services.auth, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.username, timeout=5_000)
    return dialog


def type_login(qtbot: QtBot, username: str, pin: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), username)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), pin)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def open_back_office(
    qtbot: QtBot, services: Services, username: str = "manager", pin: str = "9999"
) -> BackOfficeWindow:
    """Log in on the real dialog (keys into the focused field), then the window, shown."""
    dialog = login_dialog(qtbot, services)
    type_login(qtbot, username, pin)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor is not None
    window = BackOfficeWindow(services, dialog.actor, "en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize(("username", "pin"), [("cashier", "1111"), ("labels", "2222")])
def test_the_back_office_log_in_refuses_who_is_not_a_manager(
    qtbot: QtBot, services: Services, username: str, pin: str
) -> None:
    dialog = login_dialog(qtbot, services)
    type_login(qtbot, username, pin)
    assert dialog.actor is None
    assert dialog.isVisible()
    assert "may not" in dialog.error.text()
    assert dialog.pin.text() == ""


def test_a_wrong_pin_is_refused_and_a_manager_logs_in(qtbot: QtBot, services: Services) -> None:
    dialog = login_dialog(qtbot, services)
    type_login(qtbot, "manager", "1234")
    assert dialog.actor is None
    assert dialog.error.text()
    qtbot.keyClicks(QApplication.focusWidget(), "9999")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.actor is not None
    assert dialog.actor.username == "manager"


def test_the_window_shows_the_pages_its_actor_may_use(qtbot: QtBot, services: Services) -> None:
    from ui.backoffice.window import PAGES

    manager = open_back_office(qtbot, services)
    assert manager.windowTitle() == "OTOP POS — back office"
    shown = [manager.tabs.tabText(i) for i in range(manager.tabs.count())]
    assert shown == [s.title for s in PAGES if manager.actor.may(s.action)]
    assert "manager" in manager.who.text()
    assert manager.width() <= 1366
    assert manager.height() <= 768


def test_the_tills_back_office_entry_is_a_managers(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store) as till:  # the cashier is logged in
        action = till.actions_by_name["back_office"]
        assert not action.isVisible()
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
        )
        assert till.tools.back_office_window is None
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier
        )  # switch cashier
        log_in(qtbot, till, "manager", "9999")
        qtbot.waitUntil(lambda: action.isVisible(), timeout=5_000)
        assert action in till.header.shift_menu.actions()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is till.scan_field, timeout=5_000)
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
        )
        window = till.tools.back_office_window
        assert window is not None
        assert window.isVisible()
        assert window.actor.username == "manager"
        window.close()
