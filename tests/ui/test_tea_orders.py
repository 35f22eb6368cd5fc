"""The tea counter's own terminal (`otop-pos tea orders`): its log-in, then the orders window on
the store: arrows choose an order, Enter takes it a step on, Ctrl+P reprints (refused in Thai
while no tea printer is set up)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services
from pos.domain.payment import cash_tender
from tests.helpers.selling import FastArgon2
from tests.ui.conftest import demo_store
from ui import i18n
from ui.tea.orders_window import TeaLoginDialog, TeaOrdersWindow


@pytest.fixture
def services(migrated_sqlite_url: str) -> Iterator[Services]:
    """The demo store with its tea menu and two orders sold at the counter (1 and 2)."""
    with demo_store(migrated_sqlite_url) as opened:
        services = Services(opened)
        services.tea_menu.seed_default(opened.terminal.terminal_id)
        services.auth.hasher = FastArgon2()  # the demo users' PINs, at argon2's least cost
        actor = services.auth.login("cashier", "1111")
        if services.shifts.current() is None:
            services.shifts.open(actor, Decimal(0))
        checkout = services.checkout
        milk = next(i for i in services.tea.menu() if i.sku == "MENU-MILKTEA")
        for size in ("L", "S"):
            cart = checkout.new_cart()
            cart.add_line(services.tea.line(milk.product_id, {"size": (size,)}, 1))
            due = cart.totals().total
            checkout.complete(cart, [cash_tender(due, Decimal(100))], actor=actor)
        yield services


def test_the_tea_counter_logs_in_then_works_its_orders_by_keys(
    qtbot: QtBot, services: Services
) -> None:
    i18n.install_language("th")
    login = TeaLoginDialog(services.auth, "th")
    qtbot.addWidget(login)
    login.show()
    login.activateWindow()
    qtbot.waitExposed(login)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is login.username)
    qtbot.keyClicks(login.username, "cashier")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is login.pin
    qtbot.keyClicks(login.pin, "0000")  # a wrong PIN: said in Thai, the dialog stays
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    assert login.actor is None
    assert login.error.text()
    assert not login.error.text().isascii()  # in Thai
    qtbot.keyClicks(login.pin, "1111")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    assert login.actor is not None
    actor = login.actor

    window = TeaOrdersWindow(services.tea, lambda: actor, "th", poll_ms=200)
    qtbot.addWidget(window)
    window.resize(1280, 720)  # fits 1366x768 with a title bar
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.numbers("new") == [1, 2], timeout=5_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window)
    assert window.selected == 1
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert window.selected == 2
    qtbot.keyClick(window, Qt.Key.Key_Return)  # order 2 is ready
    qtbot.waitUntil(lambda: window.numbers("ready") == [2], timeout=5_000)
    assert [o.number for o in services.tea.orders("ready")] == [2]
    assert services.tea.ready_now() == [2]
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.message.text()), timeout=5_000)
    assert "tea_printer" in window.message.text()  # no tea printer here: said so, in Thai
    assert not window.message.text().startswith("No tea printer")
    qtbot.keyClick(window, Qt.Key.Key_Return)  # order 2 again: collected
    qtbot.waitUntil(lambda: not window.numbers("ready"), timeout=5_000)
    assert services.tea.ready_now() == []
    assert window.numbers("new") == [1]
    window.close()
    assert window.worker.closed
