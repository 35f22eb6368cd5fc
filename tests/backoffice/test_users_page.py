"""The users page through real widgets, and the till it serves: a reset PIN is replaced by the
user's own at the till's log-in; the demo-PIN banner (the lock-out and unlock: through the
window, test_users_window.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Actor, Role
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from pos.services.users import Users
from tests.helpers.selling import FastArgon2
from tests.ui.conftest import DATA, log_in, modal, open_shift, open_till, type_text
from ui import i18n
from ui.backoffice.users_page import UsersPage


class _Services:
    def __init__(self, users: Users) -> None:
        self.users = users


@pytest.fixture
def store(migrated_sqlite_url: str) -> Iterator[Store]:
    settings = Settings()
    opened = open_store(migrated_sqlite_url, settings)
    load_demo_store(opened.uow, settings, opened.terminal.terminal_id, DATA)
    Auth(opened.uow, settings, SystemClock(), FastArgon2()).ensure_demo_users()
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def page(qtbot: QtBot, store: Store) -> UsersPage:
    i18n.install_language("en")
    admin = Auth(store.uow, store.settings, SystemClock(), FastArgon2()).login("admin", "0000")
    users = Users(store.uow, FastArgon2(), SystemClock())
    widget = UsersPage(_Services(users), admin)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def form(qtbot: QtBot, page: UsersPage, name: str) -> QWidget:
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    assert page.dialog is not None
    assert page.dialog.objectName() == name
    first = page.dialog.first
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=3000)
    return page.dialog


def field(dialog: QWidget, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    widget.setFocus()
    return widget


def open_user(qtbot: QtBot, page: UsersPage, username: str) -> QWidget:
    page.search.setFocus()
    page.search.clear()
    qtbot.keyClicks(page.search, username)
    assert page.table.shown_keys() == [username]
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    return form(qtbot, page, "userForm")


def press(qtbot: QtBot, dialog: QWidget, button: str) -> None:
    from PySide6.QtWidgets import QPushButton

    b = dialog.findChild(QPushButton, button)
    assert b is not None
    assert b.isEnabled()
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def add_cashier(qtbot: QtBot, page: UsersPage, pin: str = "4829") -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = form(qtbot, page, "userNewForm")
    qtbot.keyClicks(focused(), "somchai")
    type_text(field(dialog, "userDisplayName"), "สมชาย ใจดี")
    qtbot.keyClicks(field(dialog, "userPin"), pin)
    qtbot.keyClicks(field(dialog, "userPinAgain"), pin)
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)


def test_a_reset_pin_is_replaced_at_the_tills_log_in(
    qtbot: QtBot, page: UsersPage, store: Store
) -> None:
    add_cashier(qtbot, page)
    dialog = open_user(qtbot, page, "somchai")
    qtbot.keyClicks(field(dialog, "userTempPin"), "5830")
    press(qtbot, dialog, "userResetPin")
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    assert "Temporary PIN of somchai: 5830" in page.status.text()
    with open_till(qtbot, store, logged_in=False) as till:
        log_in(qtbot, till, "somchai", "4829")  # the old PIN no longer works
        assert "ชื่อผู้ใช้หรือ PIN ไม่ถูกต้อง" in till.login_page.message  # wrong user or PIN
        log_in(qtbot, till, "somchai", "5830")
        new_pin = modal(qtbot, "newPinDialog")
        qtbot.waitUntil(
            lambda: QApplication.focusWidget() is new_pin.findChild(QLineEdit, "newPin")
        )
        qtbot.keyClicks(focused(), "1111")  # a demo PIN: refused
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.keyClicks(focused(), "1111")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        error = new_pin.findChild(QLabel, "newPinError")
        assert error is not None
        qtbot.waitUntil(lambda: bool(error.text()), timeout=3000)  # the till's worker answered
        assert "ร้านตัวอย่าง" in error.text()  # the demo store's PINs
        assert focused() is new_pin.findChild(QLineEdit, "newPin")
        qtbot.keyClicks(focused(), "6942")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.keyClicks(focused(), "6942")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not new_pin.isVisible(), timeout=3000)
        assert "ตั้ง PIN ใหม่แล้ว" in till.login_page.message  # your new PIN is set
        log_in(qtbot, till, "somchai", "6942")
        open_shift(qtbot, till)
        assert not till.locked
    page.reload()
    assert not page.users["somchai"].must_change_pin


def test_the_demo_pin_banner_and_a_refused_pin(qtbot: QtBot, page: UsersPage) -> None:
    assert page.banner.isVisible()
    assert "admin, cashier, labels, manager" in page.banner.text()
    dialog = open_user(qtbot, page, "cashier")
    qtbot.keyClicks(field(dialog, "userTempPin"), "1234")
    press(qtbot, dialog, "userResetPin")
    error = dialog.findChild(QLabel, "userFormError")
    assert error is not None
    assert error.text().startswith("PIN: too easy to guess")
    assert focused() is dialog.findChild(QLineEdit, "userTempPin")
    field(dialog, "userTempPin").clear()
    press(qtbot, dialog, "userResetPin")
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    assert "cashier" not in page.banner.text()
    assert page.users["cashier"].must_change_pin
    # the page of someone who is not an admin refuses in the service
    with pytest.raises(Exception, match="may not manage users"):
        page.backend.all(Actor("u-m", "manager", "Manager", Role.MANAGER))
