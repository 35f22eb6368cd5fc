"""The back office's rooms page: a room's rules changed and saved, the closed days' default
list of Thai public holidays, a day added and one removed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from pos.domain.auth import Action, Actor
from pos.domain.rooms import DepositKind, Room
from pos.domain.thai_holidays import THAI_PUBLIC_HOLIDAYS
from tests.helpers.selling import FastArgon2
from tests.ui.rooms_setup import RULES, SetClock, set_up_room
from ui.backoffice.rooms_page import RoomsPage
from ui.backoffice.window import PAGES


@pytest.fixture
def services(store: Store) -> Services:
    opened = Services(store, queue_prints=False)
    opened.auth.hasher = FastArgon2()
    return opened


@pytest.fixture
def manager(services: Services) -> Actor:
    return services.auth.login("manager", "9999")


@pytest.fixture
def room(services: Services, manager: Actor) -> Room:
    return set_up_room(services, manager, SetClock())


@pytest.fixture
def page(qtbot: QtBot, services: Services, manager: Actor, room: Room) -> Iterator[RoomsPage]:
    shown = RoomsPage(services, manager)  # as the back office's "Rooms" tab builds it
    qtbot.addWidget(shown)
    shown.resize(1280, 690)  # the back office's tab on a 1366x768 screen
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: not shown.busy and shown.price_hour.text() == "200.00", timeout=10_000)
    yield shown
    shown.shutdown()
    assert shown.worker.closed


def test_the_back_office_has_the_rooms_tab_for_managers_and_the_calendar_for_staff() -> None:
    specs = {spec.name: spec.action for spec in PAGES}
    assert specs["rooms"] is Action.MANAGE_ROOMS
    assert specs["roomCalendar"] is Action.BOOK_ROOMS


def child(page: RoomsPage, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = page.findChild(kind, name)
    assert found is not None, name
    return found


def press(qtbot: QtBot, button: QPushButton) -> None:
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_the_rules_typed_are_the_rules_the_service_keeps(
    qtbot: QtBot, page: RoomsPage, services: Services, room: Room
) -> None:
    price = child(page, QLineEdit, "roomPriceHour")
    price.selectAll()
    qtbot.keyClicks(price, "250")
    buffer = child(page, QSpinBox, "roomBuffer")
    buffer.selectAll()
    qtbot.keyClicks(buffer, "30")
    kind = child(page, QComboBox, "roomDepositKind")
    kind.setCurrentIndex(kind.findData(DepositKind.FIXED.value))
    deposit = child(page, QLineEdit, "roomDepositValue")
    deposit.selectAll()
    qtbot.keyClicks(deposit, "300")
    sunday = page.hours[6]
    sunday.open.setFocus()
    qtbot.keyClick(sunday.open, Qt.Key.Key_Space)  # closed on Sundays now
    qtbot.keyClick(price, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: "CW1" in page.status.text() or room.code in page.status.text(), timeout=10_000
    )
    rules = services.rooms.rules(room.id)
    assert rules.price_hour == Decimal("250")
    assert rules.buffer_minutes == 30
    assert (rules.deposit.kind, rules.deposit.value) == (DepositKind.FIXED, Decimal("300"))
    assert rules.open_hours[6] is None
    assert rules.open_hours[0] == RULES.open_hours[0]


def test_rules_out_of_range_are_refused_with_the_rule_named(
    qtbot: QtBot, page: RoomsPage, services: Services, room: Room
) -> None:
    shortest = child(page, QSpinBox, "roomMin")
    shortest.selectAll()
    qtbot.keyClicks(shortest, "45")  # not on the 30-minute grid
    qtbot.keyClick(shortest, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "min_minutes" in page.status.text(), timeout=5_000)
    assert services.rooms.rules(room.id).min_minutes == RULES.min_minutes


def test_the_closed_days_default_to_the_thai_public_holidays_and_can_be_edited(
    qtbot: QtBot, page: RoomsPage, services: Services
) -> None:
    press(qtbot, child(page, QPushButton, "holidayDefaults"))
    listing = child(page, QListWidget, "holidayList")
    assert listing.count() == len(THAI_PUBLIC_HOLIDAYS)
    constitution = [
        listing.item(i).text()
        for i in range(listing.count())
        if "10/12/2026" in listing.item(i).text()
    ]
    assert constitution in (["10/12/2026 วันรัฐธรรมนูญ"], ["10/12/2026 Constitution Day"])
    page.holiday_day.setDate(QDate(2026, 12, 24))
    name = child(page, QLineEdit, "holidayName")
    qtbot.keyClicks(name, "Centre staff day")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    listing.setFocus()
    listing.setCurrentRow(0)  # 1 January 2026 goes
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    press(qtbot, child(page, QPushButton, "holidaySave"))
    qtbot.waitUntil(
        lambda: not page.busy and str(len(THAI_PUBLIC_HOLIDAYS)) in page.status.text(),
        timeout=10_000,
    )
    kept = {h.day: h for h in services.rooms.holidays()}
    assert len(kept) == len(THAI_PUBLIC_HOLIDAYS)
    assert date(2026, 1, 1) not in kept
    assert kept[date(2026, 12, 24)].name_th == "Centre staff day"
    assert kept[date(2027, 12, 10)].name_en == "Constitution Day"
