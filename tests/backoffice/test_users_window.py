"""Users and producers through the real back-office window: the admin adds a cashier who logs
in at the till, is locked out by wrong PINs, is unlocked in the back office and logs in again;
a manager sees the producers' tab but not the users'."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from tests.backoffice import test_products_ui as products_ui
from tests.backoffice.test_products_ui import open_back_office
from tests.ui import conftest as till_fixtures
from tests.ui.conftest import log_in, modal, open_shift, open_till, type_text
from ui.backoffice.producers_page import ProducersPage
from ui.backoffice.users_page import UsersPage

store = till_fixtures.store  # the demo store of the till's tests, as a fixture here
services = products_ui.services  # its services, the PINs hashed at argon2's least cost


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def users_tab(qtbot: QtBot, window: QWidget) -> UsersPage:
    """Ctrl+PgDown from the first tab until the users page has the keyboard."""
    for _ in range(window.tabs.count()):  # type: ignore[attr-defined]
        if isinstance(window.tabs.currentWidget(), UsersPage):  # type: ignore[attr-defined]
            break
        qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    page = window.tabs.currentWidget()  # type: ignore[attr-defined]
    assert isinstance(page, UsersPage)
    qtbot.waitUntil(lambda: focused() is page.search, timeout=3000)
    return page


def in_form(qtbot: QtBot, page: UsersPage) -> QWidget:
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.first, timeout=3000)
    return dialog


def tab_to(qtbot: QtBot, name: str) -> None:
    """Tab through the form to the field called `name`."""
    for _ in range(12):
        if focused().objectName() == name:
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"no field {name}")


def test_the_admin_adds_a_cashier_who_is_locked_out_and_unlocked(
    qtbot: QtBot, services: Services, store: Store
) -> None:
    window = open_back_office(qtbot, services, "admin", "0000")
    page = users_tab(qtbot, window)
    assert page.banner.isVisible()  # the demo PINs are still in use
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = in_form(qtbot, page)
    qtbot.keyClicks(focused(), "somchai")
    tab_to(qtbot, "userDisplayName")
    type_text(focused(), "สมชาย ใจดี")
    tab_to(qtbot, "userPin")
    qtbot.keyClicks(focused(), "4829")
    tab_to(qtbot, "userPinAgain")
    qtbot.keyClicks(focused(), "4829")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    assert not form.isVisible()
    assert "somchai" in page.users

    with open_till(qtbot, store, logged_in=False) as till:
        log_in(qtbot, till, "somchai", "4829")
        open_shift(qtbot, till)
        assert till.session.actor is not None
        assert till.session.actor.username == "somchai"
        qtbot.keyClick(focused(), Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: till.locked, timeout=3000)
        for _ in range(store.settings.pin_max_attempts):
            log_in(qtbot, till, "somchai", "1357")
        log_in(qtbot, till, "somchai", "4829")
        assert till.locked  # locked out: the right PIN is refused too
        assert "ถูกล็อก" in till.login_page.message

        window.activateWindow()
        page.reload()
        page.search.setFocus()
        qtbot.keyClicks(page.search, "somchai")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        form = in_form(qtbot, page)
        unlock = form.findChild(QPushButton, "userUnlock")
        assert unlock is not None
        assert unlock.isEnabled()
        unlock.setFocus()
        qtbot.keyClick(unlock, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
        assert not page.users["somchai"].locked

        till.activateWindow()
        till.login_page.focus_field()
        log_in(qtbot, till, "somchai", "4829")
        qtbot.waitUntil(lambda: not till.locked, timeout=5000)
        assert till.session.actor is not None
        assert till.session.actor.username == "somchai"
    window.close()


def test_a_manager_has_the_producers_tab_and_not_the_users_tab(
    qtbot: QtBot, services: Services
) -> None:
    window = open_back_office(qtbot, services)
    assert "producers" in window.pages
    assert "users" not in window.pages
    producers = window.show_page("producers")
    assert isinstance(producers, ProducersPage)
    qtbot.waitUntil(lambda: focused() is producers.search, timeout=3000)
    assert producers.table.shown_keys() == ["KK-CHB-01", "KK-MKK-02", "KK-PWG-03"]
    qtbot.keyClicks(focused(), "pwg")
    assert producers.table.shown_keys() == ["KK-PWG-03"]
    search = producers.findChild(QLineEdit, "producerListSearch")
    assert search is producers.search
    window.close()


def test_a_manager_whose_pin_was_reset_sets_a_new_one_at_the_back_office_log_in(
    qtbot: QtBot, services: Services
) -> None:
    admin = services.auth.login("admin", "0000")
    services.users.reset_pin(admin, "manager", "5830")
    dialog = products_ui.login_dialog(qtbot, services)
    products_ui.type_login(qtbot, "manager", "5830")
    new_pin = modal(qtbot, "newPinDialog")
    qtbot.waitUntil(lambda: focused() is new_pin.findChild(QLineEdit, "newPin"), timeout=3000)
    for pin in ("6942", "6942"):
        qtbot.keyClicks(focused(), pin)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not new_pin.isVisible(), timeout=3000)
    assert "new PIN is set" in dialog.error.text()
    qtbot.waitUntil(lambda: focused() is dialog.pin, timeout=3000)
    qtbot.keyClicks(focused(), "6942")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.actor is not None
    assert dialog.actor.username == "manager"
