"""The meeting room for the room UI tests: one room, rules open every day, a settable clock."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any

from pos.domain.auth import Actor
from pos.domain.rooms import DepositKind, DepositRule, Room, RoomRules

# Tuesday 15 December 2026, 10:05 in Bangkok
NOW = datetime(2026, 12, 15, 3, 5, tzinfo=UTC)

RULES = RoomRules(
    open_hours=dict.fromkeys(range(7), (time(8, 0), time(18, 0))),
    slot_minutes=30,
    min_minutes=60,
    max_minutes=480,
    max_days_ahead=60,
    buffer_minutes=15,
    price_hour=Decimal("200.00"),
    price_half_day=Decimal("700.00"),
    price_day=Decimal("1200.00"),
    deposit=DepositRule(DepositKind.PERCENT, Decimal(50)),
    cancel_cutoff_hours=24,
    refund_before_pct=Decimal(100),
    refund_after_pct=Decimal(50),
    no_show_minutes=30,
    hold_minutes=30,
)


class SetClock:
    """The rooms service's clock in a test: a moment the test sets."""

    def __init__(self, at: datetime = NOW) -> None:
        self.current = at

    def now(self) -> datetime:
        return self.current


def set_up_room(services: Any, manager: Actor, clock: SetClock) -> Room:
    """The store's room (the demo's, or one made here) with RULES, no closed days, and the
    rooms service reading `clock`."""
    rooms = services.rooms
    rooms.clock = clock
    existing = rooms.rooms(active_only=True)
    room = (
        existing[0]
        if existing
        else rooms.save_room(
            manager,
            Room("", "CW1", "ห้องประชุม Co-working", "Co-working room", 12, ("Smart TV", "Wi-Fi")),
        )
    )
    rooms.save_rules(manager, room.id, RULES)
    rooms.set_holidays(manager, [])
    return room


ROOMS_WALK = ["roomCalendarWindow", "bookingDialog", "cancelBookingDialog", "bookingPickDialog"]


def walk_rooms(qtbot: Any, store: Any, visit: Any) -> list[str]:
    """The room calendar the cashier opens from the till (Ctrl+Shift+M), its booking and
    cancel dialogs, and the booking key's picker (Ctrl+M), each handed to `visit`."""
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from pos.ports.rooms import Customer
    from tests.ui.conftest import back_to_scanning, modal, open_till
    from tests.ui.dialog_walk import settle, shown

    seen: list[str] = []

    def look(name: str, window: Any) -> None:
        settle(qtbot)
        seen.append(name)
        visit(name, window)

    with open_till(qtbot, store) as till:
        services = till.ctx.back_office
        manager = services.auth.login("manager", "9999")  # type: ignore[attr-defined]
        room = set_up_room(services, manager, SetClock())
        start = NOW.replace(minute=0) + timedelta(hours=3)  # 13:00 in Bangkok
        services.rooms.book(  # type: ignore[attr-defined]
            room.id,
            start,
            start + timedelta(hours=2),
            Customer("สมชาย ใจดี", "0812345678"),
            actor=manager,
        )
        both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(till.scan_field, Qt.Key.Key_M, both)
        calendar = shown(qtbot, "roomCalendarWindow")
        qtbot.waitUntil(lambda: bool(calendar.calendar.grid.columns), timeout=10_000)
        qtbot.waitUntil(lambda: not calendar.calendar.busy, timeout=10_000)
        look("roomCalendarWindow", calendar)
        grid = calendar.calendar.grid
        qtbot.keyClick(grid, Qt.Key.Key_Down)
        qtbot.keyClick(grid, Qt.Key.Key_Return)
        dialog = modal(qtbot, "bookingDialog")
        look("bookingDialog", dialog)
        dialog.reject()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is calendar, timeout=5_000)
        grid.put_cursor(start)
        grid.setFocus()
        assert calendar.calendar.selected() is not None
        qtbot.keyClick(grid, Qt.Key.Key_F8)
        dialog = modal(qtbot, "cancelBookingDialog")
        look("cancelBookingDialog", dialog)
        dialog.reject()
        calendar.close()
        till.activateWindow()
        back_to_scanning(qtbot, till)
        qtbot.keyClick(till.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        picker = modal(qtbot, "bookingPickDialog")
        qtbot.waitUntil(lambda: picker.bookings != [], timeout=10_000)
        look("bookingPickDialog", picker)
        picker.reject()
        QApplication.processEvents()
    return seen
