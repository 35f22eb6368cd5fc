"""The room calendar: a day or a week of one room, its bookings as blocks on the free time.

The arrow keys move the cursor over the slots; Enter on free time books it (the booking
dialog), Enter on a booking shows it. F2 is the scan field: a slip's QR code scanned there (or
a booking number typed) checks the booking in; a name, phone or organisation typed there finds
the booking in the days shown. F4 moves the booking, F5 extends it, F6 checks it in, F7 marks
the no-shows by the rules, F8 cancels (the refund the rules give is shown first), F9 prints
its slip, Ctrl+P saves the slip as a PDF; PgUp / PgDown go a day or a week back or on, Ctrl+T
to today, F10 switches day / week. Database work runs on the calendar's own worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.money import format_baht
from pos.domain.rooms import Room, RoomRules
from pos.domain.shop_time import shop_day
from pos.ports.rooms import BookingView
from ui import i18n, style
from ui.backoffice.listing import form_button
from ui.rooms.booking_panel import BookingPanel
from ui.rooms.calendar_actions import BookingActions, SlipPrinter
from ui.rooms.calendar_days import columns_for, day_heading, hm, monday_of, shown_hours
from ui.rooms.grid import CalendarGrid
from ui.worker import Worker

if TYPE_CHECKING:
    from pos.services.rooms import Cancellation, Rooms

T = TypeVar("T")
REFRESH_MS = 60_000  # the calendar reads the bookings again (another counter, the web)


class RoomServices(Protocol):
    """What the calendar needs of pos.app's Services."""

    @property
    def rooms(self) -> Rooms: ...
    @property
    def booking_slips(self) -> SlipPrinter: ...


def _lang() -> str:
    return i18n.current_language()


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(_lang())
    return f"{type(exc).__name__}: {exc}"


class RoomCalendar(BookingActions, QWidget):
    """One room's day or week, the booking under the cursor and what can be done with it."""

    bookingChanged = Signal(object)  # a BookingView booked, moved, checked in ... here

    def __init__(
        self,
        services: RoomServices,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roomCalendar")
        self.rooms_service = services.rooms
        self.slips = services.booking_slips
        self.actor = actor
        self.worker = Worker(self)
        self.rooms: list[Room] = []
        self.rules: RoomRules | None = None
        self.bookings: dict[str, BookingView] = {}
        self.week_view = True
        self.anchor = today or shop_day(self.now())
        self.dialog: QDialog | None = None
        self._first_show = True  # the cursor goes to the time now, once

        self.room_box = style.named(QComboBox(), "roomChoice")
        self.room_box.currentIndexChanged.connect(lambda _i: self._room_changed())
        self.period = style.named(QLabel(), "roomPeriod")
        self.period.setStyleSheet("font-weight: bold;")
        self.view_button = form_button("roomViewToggle", "")
        self.view_button.clicked.connect(self.toggle_view)
        prev = form_button("roomPrev", self.tr("◀ (PgUp)"))
        prev.clicked.connect(lambda: self.step(-1))
        nxt = form_button("roomNext", self.tr("(PgDown) ▶"))
        nxt.clicked.connect(lambda: self.step(1))
        today_button = form_button("roomToday", self.tr("Today (Ctrl+T)"))
        today_button.clicked.connect(self.go_today)
        self.scan = style.named(QLineEdit(), "roomScan")
        self.scan.setPlaceholderText(
            self.tr("F2: scan the slip's QR to check in, or type a name, phone or BK number")
        )
        self.scan.returnPressed.connect(self._scanned)
        self.grid = CalendarGrid()
        self.grid.slotActivated.connect(self.new_booking)
        self.grid.blockActivated.connect(self._block_chosen)
        self.grid.cursorMoved.connect(self._show_selected)
        self.message = style.named(QLabel(), "roomMessage")
        self.message.setWordWrap(True)

        keys = (
            ("new", "F3", self.tr("New booking"), self.new_at_cursor),
            ("move", "F4", self.tr("Move"), self.move_booking),
            ("extend", "F5", self.tr("Extend"), self.extend_booking),
            ("check_in", "F6", self.tr("Check in"), self.check_in_selected),
            ("no_show", "F7", self.tr("Mark no-shows"), self.mark_no_shows),
            ("cancel", "F8", self.tr("Cancel booking"), self.cancel_booking),
            ("slip", "F9", self.tr("Print slip"), self.print_slip),
            ("pdf", "Ctrl+P", self.tr("Slip as PDF"), self.slip_pdf),
        )
        self.panel = BookingPanel(keys)
        for _name, key, _text, slot in keys:
            QShortcut(
                QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        for key, slot in (
            ("F2", self._focus_scan),
            ("F10", self.toggle_view),
            ("PgUp", lambda: self.step(-1)),
            ("PgDown", lambda: self.step(1)),
            ("Ctrl+T", self.go_today),
        ):
            QShortcut(
                QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
            )

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Room")))
        bar.addWidget(self.room_box, 1)
        bar.addWidget(prev)
        bar.addWidget(self.period, 1)
        bar.addWidget(nxt)
        bar.addWidget(today_button)
        bar.addWidget(self.view_button)
        body = QHBoxLayout()
        body.addWidget(self.grid, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scan)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self.setFocusProxy(self.grid)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._refresh_quietly)
        self._poll.start(REFRESH_MS)
        self._show_view_label()
        self.load_rooms()

    def now(self) -> datetime:
        """The time as the rooms service reads it (its clock is the composition root's)."""
        clock = getattr(self.rooms_service, "clock", None)
        return clock.now() if clock is not None else datetime.now(UTC)

    # --- background work -----------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], T],
        ok: Callable[[T], None],
        fail: Callable[[Exception], None] | None = None,
    ) -> None:
        if not self.worker.closed:
            self.worker.run(fn, ok, fail or self._failed, name="rooms")

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.say(_message(exc), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {style.RED};" if error else f"color: {style.GREEN};")
        self.message.setText(text)

    def shutdown(self) -> None:
        self._poll.stop()
        self.worker.shutdown()

    @property
    def busy(self) -> bool:
        return self.worker.pending > 0

    # --- loading -------------------------------------------------------------------------
    def load_rooms(self) -> None:
        self.run(lambda: self.rooms_service.rooms(active_only=True), self._rooms_loaded)

    def _rooms_loaded(self, rooms: list[Room]) -> None:
        self.rooms = rooms
        self.room_box.blockSignals(True)
        self.room_box.clear()
        for r in rooms:
            self.room_box.addItem(f"{r.name.pick(_lang())} ({r.capacity})", r.id)
        self.room_box.blockSignals(False)
        if not rooms:
            self.say(self.tr("No room is set up yet (back office: Rooms)"), error=True)
            return
        self._room_changed()

    @property
    def room(self) -> Room | None:
        index = self.room_box.currentIndex()
        return self.rooms[index] if 0 <= index < len(self.rooms) else None

    def days(self) -> list[date]:
        if not self.week_view:
            return [self.anchor]
        first = monday_of(self.anchor)
        return [first + timedelta(days=i) for i in range(7)]

    def _room_changed(self) -> None:
        self.reload()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        room = self.room
        if room is None:
            return
        days = self.days()
        week = self.week_view

        def work() -> tuple[RoomRules, list[BookingView]]:
            rules = self.rooms_service.rules(room.id)
            if week:
                return rules, self.rooms_service.week(room.id, days[0])
            return rules, self.rooms_service.day(room.id, days[0])

        def loaded(result: tuple[RoomRules, list[BookingView]]) -> None:
            self._show(days, *result)
            if then is not None:
                then()

        self.run(work, loaded)

    def _refresh_quietly(self) -> None:
        if not self.worker.pending and self.dialog is None:
            self.reload()

    def _show(self, days: list[date], rules: RoomRules, bookings: list[BookingView]) -> None:
        self.rules = rules
        self.bookings = {b.booking_no: b for b in bookings}
        cols = columns_for(days, rules, bookings, _lang(), self.tr("Closed"))
        self.grid.set_columns(cols, rules.slot_minutes, shown_hours(rules))
        if len(days) == 1:
            self.period.setText(day_heading(days[0], _lang()))
        else:
            self.period.setText(
                f"{day_heading(days[0], _lang())} – {day_heading(days[-1], _lang())}"
            )
        if getattr(self.rooms_service, "offline", False):
            self.say(
                self.tr(
                    "The central database cannot be reached: this is the last calendar "
                    "read, and new bookings cannot be confirmed"
                ),
                error=True,
            )
        if self._first_show:
            self._first_show = False
            self.grid.put_cursor(self.now())
        self._show_selected()

    # --- moving around -------------------------------------------------------------------
    def _show_view_label(self) -> None:
        self.view_button.setText(
            self.tr("Day view (F10)") if self.week_view else self.tr("Week view (F10)")
        )

    def toggle_view(self) -> None:
        cursor = self.grid.cursor_start()
        if cursor is not None:
            self.anchor = shop_day(cursor)
        self.week_view = not self.week_view
        self._show_view_label()
        self.reload(lambda: self.grid.put_cursor(cursor) if cursor is not None else None)

    def step(self, direction: int) -> None:
        self.anchor += timedelta(days=direction * (7 if self.week_view else 1))
        self.reload()

    def go_today(self) -> None:
        self.anchor = shop_day(self.now())
        self.reload(lambda: self.grid.put_cursor(self.now()))

    def show_booking(self, booking: BookingView) -> None:
        """The calendar moves to the booking's day and puts the cursor on it."""
        self.anchor = shop_day(booking.start)
        self.reload(lambda: self.grid.put_cursor(booking.start))

    def _focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    # --- the booking under the cursor ----------------------------------------------------
    def selected(self) -> BookingView | None:
        block = self.grid.cursor_block()
        return self.bookings.get(block.key) if block is not None else None

    def _show_selected(self) -> None:
        b = self.selected()
        if b is not None:
            self.panel.show_booking(b)
            return
        start = self.grid.cursor_start()
        free = (
            start is not None
            and self.grid.columns
            and self.grid.is_open(self.grid.cursor_day, self.grid.cursor_slot)
        )
        when = f"{day_heading(shop_day(start), _lang())} {hm(start)}" if start and free else None
        self.panel.show_free(when)

    def _block_chosen(self, booking_no: str) -> None:
        b = self.bookings.get(booking_no)
        self._show_selected()
        if b is not None:
            self.say(
                self.tr("{no}: F4 move, F5 extend, F6 check in, F8 cancel, F9 slip").format(
                    no=b.booking_no
                )
            )

    def _refocus(self) -> None:
        """The keyboard back to the grid (and its window) after a dialog."""
        if not self.isVisible():  # a hidden tab never takes another page's keys
            return
        self.window().activateWindow()
        self.grid.setFocus()

    def _changed(self, booking: BookingView, text: str) -> None:
        self.say(text)
        self.bookingChanged.emit(booking)
        self.show_booking(booking)

    def _cancelled(self, result: Cancellation) -> None:
        b = result.booking
        self.say(
            self.tr("{no} cancelled: {refund} baht to refund").format(
                no=b.booking_no, refund=format_baht(result.refund_due)
            )
        )
        self.bookingChanged.emit(b)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grid.setFocus()


class RoomCalendarWindow(QMainWindow):
    """The calendar in its own window (from the till's menu): Esc closes it."""

    def __init__(
        self,
        services: RoomServices,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("roomCalendarWindow")
        self.setStyleSheet(style.STYLE_SHEET)
        self.actor = actor
        self.calendar = RoomCalendar(services, actor, self, today=today)
        self.setCentralWidget(self.calendar)
        self.setWindowTitle(self.tr("Meeting room bookings"))
        QShortcut(QKeySequence("Esc"), self, self.close)
        self.resize(1280, 720)  # fits a 1366x768 screen

    def closeEvent(self, event: QCloseEvent) -> None:
        self.calendar.shutdown()
        super().closeEvent(event)
