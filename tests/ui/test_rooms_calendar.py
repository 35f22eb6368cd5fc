"""The room calendar: book a free slot by keys, a clash answered with the nearest free
slots, move, extend, cancel with the refund shown, the week on a 1366x768 screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store
from pos.domain.auth import Actor
from pos.domain.rooms import BookingStatus, Room
from pos.domain.shop_time import BANGKOK, local
from pos.ports.rooms import Customer
from tests.helpers.selling import FastArgon2
from tests.ui.conftest import modal, type_text
from tests.ui.rooms_setup import NOW, SetClock, set_up_room
from ui.rooms.calendar import RoomCalendarWindow


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
def calendar(
    qtbot: QtBot, services: Services, manager: Actor, room: Room
) -> Iterator[RoomCalendarWindow]:
    window = RoomCalendarWindow(services, manager)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(
        lambda: bool(window.calendar.grid.columns) and not window.calendar.busy, timeout=10_000
    )
    yield window
    window.close()
    assert window.calendar.worker.closed


def wait_idle(qtbot: QtBot, window: RoomCalendarWindow) -> None:
    qtbot.waitUntil(lambda: not window.calendar.busy, timeout=10_000)


def book_by_keys(
    qtbot: QtBot, window: RoomCalendarWindow, downs: int, name: str, phone: str
) -> QLabel:
    """From the cursor (the time now): `downs` slots later, Enter, the customer typed, Ctrl+S.
    Returns the dialog's error line (the dialog stays up when the service refuses)."""
    grid = window.calendar.grid
    grid.setFocus()
    for _ in range(downs):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = modal(qtbot, "bookingDialog")
    name_field = dialog.findChild(QLineEdit, "bookingName")
    assert QApplication.focusWidget() is name_field
    type_text(name_field, name)
    qtbot.keyClick(name_field, Qt.Key.Key_Return)  # on to the phone
    phone_field = dialog.findChild(QLineEdit, "bookingPhone")
    assert QApplication.focusWidget() is phone_field
    qtbot.keyClicks(phone_field, phone)
    qtbot.keyClick(phone_field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = dialog.findChild(QLabel, "bookingError")
    assert error is not None
    return error


def test_a_free_slot_booked_by_keys_shows_as_a_held_block(
    qtbot: QtBot, calendar: RoomCalendarWindow, services: Services, room: Room
) -> None:
    assert calendar.width() <= 1366
    assert calendar.height() <= 768
    grid = calendar.calendar.grid
    assert len(grid.columns) == 7  # the week, Monday to Sunday
    assert local(grid.cursor_start() or NOW).hour == 10  # the cursor on the time now
    book_by_keys(qtbot, calendar, 2, "สมหญิง รักงาน", "081-234-5678")  # 11:00
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    wait_idle(qtbot, calendar)
    [booking] = [
        b for b in services.rooms.day(room.id, local(NOW).date()) if b.status is BookingStatus.HELD
    ]
    assert (local(booking.start).hour, local(booking.end).hour) == (11, 12)
    assert booking.customer.phone == "0812345678"
    assert booking.price == Decimal("200.00")
    block = grid.cursor_block()
    assert block is not None
    assert block.key == booking.booking_no
    assert block.status == "held"
    detail = calendar.findChild(QLabel, "roomBookingDetail")
    assert booking.booking_no in detail.text()
    assert "100.00" in detail.text()  # the deposit


def test_a_slot_taken_meanwhile_is_refused_with_the_nearest_free_slots(
    qtbot: QtBot, calendar: RoomCalendarWindow, services: Services, room: Room, manager: Actor
) -> None:
    start = NOW.replace(minute=0).astimezone(BANGKOK) + timedelta(hours=1)  # 11:00
    # another counter books 11:00-12:00 after this calendar was read
    services.rooms.book(
        room.id,
        start,
        start + timedelta(hours=1),
        Customer("เคาน์เตอร์สอง", "0899999999"),
        actor=manager,
    )
    error = book_by_keys(qtbot, calendar, 2, "มาทีหลัง", "0812345678")
    qtbot.waitUntil(lambda: "ใกล้ที่สุด" in error.text() or "Nearest" in error.text(), timeout=10_000)
    assert "12:30-13:30" in error.text()  # after the other booking and its 15-minute buffer
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    assert dialog.objectName() == "bookingDialog"
    assert QApplication.focusWidget() is dialog.findChild(QComboBox, "bookingStart")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_move_extend_and_cancel_with_the_refund_the_rules_give(
    qtbot: QtBot, calendar: RoomCalendarWindow, services: Services, room: Room
) -> None:
    book_by_keys(qtbot, calendar, 2, "สมศักดิ์ ย้ายได้", "0812345678")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    wait_idle(qtbot, calendar)
    grid = calendar.calendar.grid
    no = grid.cursor_block().key  # type: ignore[union-attr]

    qtbot.keyClick(grid, Qt.Key.Key_F4)  # move: one slot later
    dialog = modal(qtbot, "bookingDialog")
    start = dialog.findChild(QComboBox, "bookingStart")
    start.setFocus()
    qtbot.keyClick(start, Qt.Key.Key_Down)
    qtbot.keyClick(start, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    wait_idle(qtbot, calendar)
    moved = services.rooms.booking(no)
    assert (f"{local(moved.start):%H:%M}", f"{local(moved.end):%H:%M}") == ("11:30", "12:30")

    qtbot.keyClick(calendar.calendar.grid, Qt.Key.Key_F5)  # extend: until 13:30
    dialog = modal(qtbot, "bookingDialog")
    end = dialog.findChild(QComboBox, "bookingEnd")
    assert QApplication.focusWidget() is end
    qtbot.keyClick(end, Qt.Key.Key_Down)
    qtbot.keyClick(end, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    wait_idle(qtbot, calendar)
    extended = services.rooms.booking(no)
    assert f"{local(extended.end):%H:%M}" == "13:30"
    assert extended.price == Decimal("400.00")

    qtbot.keyClick(calendar.calendar.grid, Qt.Key.Key_F8)  # cancel: nothing paid, nothing due
    dialog = modal(qtbot, "cancelBookingDialog")
    assert "0.00" in dialog.findChild(QLabel, "cancelRefund").text()
    reason = dialog.findChild(QLineEdit, "cancelReason")
    qtbot.keyClicks(reason, "changed plans")
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: services.rooms.booking(no).status is BookingStatus.CANCELLED, timeout=10_000
    )
    wait_idle(qtbot, calendar)
    qtbot.waitUntil(lambda: calendar.calendar.grid.cursor_block() is None, timeout=10_000)


def test_the_day_view_and_a_double_click_on_free_time(
    qtbot: QtBot, calendar: RoomCalendarWindow
) -> None:
    grid = calendar.calendar.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_F10)  # the day under the cursor only
    qtbot.waitUntil(lambda: len(grid.columns) == 1 and not calendar.calendar.busy, timeout=5_000)
    assert grid.columns[0].day == local(NOW).date()
    slot = (14 - grid.first_hour) * 60 // grid.slot_minutes  # 14:00
    cell = grid._cell(0, slot).center().toPoint()
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=cell)
    dialog = modal(qtbot, "bookingDialog")
    start = dialog.findChild(QComboBox, "bookingStart")
    assert start.currentText() == "14:00"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid, timeout=5_000)
    qtbot.keyClick(grid, Qt.Key.Key_F10)  # the week again
    qtbot.waitUntil(lambda: len(grid.columns) == 7, timeout=5_000)
