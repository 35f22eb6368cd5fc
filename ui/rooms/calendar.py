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

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.money import format_baht
from pos.domain.rooms import BookingStatus, Room, RoomRules, parse_check_in, refund_on_cancel
from pos.domain.shop_time import local, shop_day
from pos.domain.text import fold
from pos.domain.thai_holidays import holiday_name
from pos.ports.rooms import BookingView, Customer
from ui import i18n, style
from ui.backoffice.listing import form_button
from ui.rooms.booking_dialog import BookingDialog, BookingRequest, Mode
from ui.rooms.booking_dialog import Customer as ShownCustomer
from ui.rooms.grid import Block, CalendarGrid, DayColumn
from ui.worker import Worker

if TYPE_CHECKING:
    from pos.services.rooms import Cancellation, Rooms

T = TypeVar("T")
THAI_DAYS = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
SHOWN = frozenset(
    {
        BookingStatus.HELD,
        BookingStatus.CONFIRMED,
        BookingStatus.CHECKED_IN,
        BookingStatus.COMPLETED,
        BookingStatus.NO_SHOW,
    }
)
REFRESH_MS = 60_000  # the calendar reads the bookings again (another counter, the web)


class SlipPrinter(Protocol):
    """The confirmation slip (printing.booking_slip.BookingSlips)."""

    def print_slip(self, booking: BookingView) -> None: ...
    def write_pdf(self, booking: BookingView, path: Path) -> Path: ...


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


def day_heading(day: date, lang: str) -> str:
    if lang == "th":
        return f"{THAI_DAYS[day.weekday()]} {day.day} {THAI_MONTHS[day.month - 1]}"
    return f"{EN_DAYS[day.weekday()]} {day.day}/{day.month}"


def hm(when: datetime) -> str:
    return f"{local(when):%H:%M}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def shown_hours(rules: RoomRules) -> tuple[int, int]:
    """The hours the grid spans: from the earliest opening to the latest closing of the week."""
    hours = [h for h in rules.open_hours.values() if h is not None]
    if not hours:
        return 8, 18
    first = min(h[0] for h in hours).hour
    last_close = max(h[1] for h in hours)
    last = last_close.hour + (1 if last_close.minute else 0)
    return first, max(first + 1, min(24, last))


def columns_for(
    days: Sequence[date],
    rules: RoomRules,
    bookings: Sequence[BookingView],
    lang: str,
    closed_text: str,
) -> list[DayColumn]:
    """The grid's columns: each day's opening hours (or why it is closed) and bookings."""
    out = []
    for d in days:
        blocks = tuple(
            Block(
                b.booking_no,
                b.start,
                b.end,
                b.customer.name,
                f"{hm(b.start)}-{hm(b.end)} · {b.status.label.pick(lang)} · {b.booking_no}",
                b.status.value,
            )
            for b in bookings
            if shop_day(b.start) == d and b.status in SHOWN
        )
        hours = rules.open_hours.get(d.weekday())
        reason = ""
        if d in rules.holidays:
            hours = None
            reason = holiday_name(d, lang) or closed_text
        elif hours is None:
            reason = closed_text
        out.append(DayColumn(d, day_heading(d, lang), hours, reason, blocks))
    return out


class CancelDialog(QDialog):
    """Cancel a booking: the refund the rules give now, and the reason."""

    def __init__(self, booking: BookingView, refund: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelBookingDialog")
        self.setWindowTitle(self.tr("Cancel booking {no}").format(no=booking.booking_no))
        self.setStyleSheet(style.STYLE_SHEET)
        layout = QVBoxLayout(self)
        info = style.named(QLabel(), "cancelRefund")
        info.setWordWrap(True)
        info.setText(
            self.tr(
                "{name}, {when}. Paid {paid} baht; by the cancellation rules "
                "{refund} baht is refunded."
            ).format(
                name=booking.customer.name,
                when=booking.when(_lang()),
                paid=format_baht(booking.paid - booking.refunded),
                refund=refund,
            )
        )
        layout.addWidget(info)
        self.reason = style.named(QLineEdit(), "cancelReason")
        self.reason.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        keep = form_button("cancelKeep", self.tr("Keep the booking (Esc)"))
        keep.clicked.connect(self.reject)
        ok = form_button("cancelConfirm", self.tr("Cancel the booking (Enter)"))
        ok.clicked.connect(self.accept)
        self.reason.returnPressed.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(keep)
        buttons.addWidget(ok)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reason.setFocus()


class RoomCalendar(QWidget):
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
        self.detail = style.named(QLabel(), "roomBookingDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumWidth(300)
        self.detail.setMaximumWidth(340)
        self.message = style.named(QLabel(), "roomMessage")
        self.message.setWordWrap(True)

        self.buttons: dict[str, QPushButton] = {}
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
        side = QVBoxLayout()
        side.addWidget(self.detail, 1)
        for name, key, text, slot in keys:
            b = form_button(f"room_{name}Button", f"{text} ({key})")
            b.clicked.connect(slot)
            self.buttons[name] = b
            side.addWidget(b)
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
        body.addLayout(side)
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
        for name in ("move", "extend", "check_in", "cancel", "slip", "pdf"):
            self.buttons[name].setEnabled(b is not None)
        if b is None:
            start = self.grid.cursor_start()
            self.detail.setText(
                self.tr("Free: press Enter to book {when}").format(
                    when=f"{day_heading(shop_day(start), _lang())} {hm(start)}"
                )
                if start is not None
                and self.grid.columns
                and self.grid.is_open(self.grid.cursor_day, self.grid.cursor_slot)
                else ""
            )
            return
        c = b.customer
        lines = [
            f"<b>{b.booking_no}</b> · {b.status.label.pick(_lang())}",
            f"{b.when(_lang())}",
            f"<b>{c.name}</b> · {c.phone}",
        ]
        if c.organisation:
            lines.append(c.organisation)
        if c.purpose:
            lines.append(c.purpose)
        lines.append(self.tr("Attendees: {n}").format(n=c.attendees))
        lines.append(
            self.tr("Price {price} · paid {paid} · due {due}").format(
                price=format_baht(b.price),
                paid=format_baht(b.paid - b.refunded),
                due=format_baht(b.balance),
            )
        )
        if b.status is BookingStatus.HELD and b.hold_until is not None:
            lines.append(
                self.tr("Held until {time}: the deposit {deposit} confirms it").format(
                    time=hm(b.hold_until), deposit=format_baht(b.deposit)
                )
            )
        self.detail.setText("<br/>".join(lines))

    def _block_chosen(self, booking_no: str) -> None:
        b = self.bookings.get(booking_no)
        self._show_selected()
        if b is not None:
            self.say(
                self.tr("{no}: F4 move, F5 extend, F6 check in, F8 cancel, F9 slip").format(
                    no=b.booking_no
                )
            )

    # --- booking -------------------------------------------------------------------------
    def new_at_cursor(self) -> None:
        start = self.grid.cursor_start()
        if start is None or self.rules is None:
            return
        if self.selected() is not None:
            self.say(self.tr("That time is booked: move the cursor to free time"), error=True)
            return
        self.new_booking(start, start + timedelta(minutes=self.rules.min_minutes))

    def new_booking(self, start: datetime, _end: datetime) -> None:
        room, rules = self.room, self.rules
        if room is None or rules is None or self.dialog is not None:
            return
        end = start + timedelta(minutes=rules.min_minutes)
        key = f"counter-{uuid.uuid4()}"

        def submit(
            req: BookingRequest,
            done: Callable[[object], None],
            refused: Callable[[Exception], None],
        ) -> None:
            customer = Customer(req.name, req.phone, req.organisation, req.purpose, req.attendees)
            self.run(
                lambda: self.rooms_service.book(
                    room.id,
                    req.start,
                    req.end,
                    customer,
                    channel="counter",
                    actor=self.actor,
                    idempotency_key=key,
                ),
                done,
                refused,
            )

        self._open(BookingDialog(room, rules, start, end, submit, parent=self.window()))

    def move_booking(self) -> None:
        self._change(Mode.MOVE)

    def extend_booking(self) -> None:
        self._change(Mode.EXTEND)

    def _change(self, mode: Mode) -> None:
        b, room, rules = self.selected(), self.room, self.rules
        if b is None or room is None or rules is None or self.dialog is not None:
            return
        no = b.booking_no

        def submit(
            req: BookingRequest,
            done: Callable[[object], None],
            refused: Callable[[Exception], None],
        ) -> None:
            if mode is Mode.MOVE:
                self.run(
                    lambda: self.rooms_service.move(no, req.start, req.end, self.actor),
                    done,
                    refused,
                )
            else:
                self.run(lambda: self.rooms_service.extend(no, req.end, self.actor), done, refused)

        c = b.customer
        shown = ShownCustomer(c.name, c.phone, c.organisation, c.purpose, c.attendees)
        end = b.end + timedelta(minutes=rules.slot_minutes) if mode is Mode.EXTEND else b.end
        self._open(BookingDialog(room, rules, b.start, end, submit, mode, shown, no, self.window()))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        self.dialog = None
        result = getattr(dialog, "result_value", None)
        if isinstance(result, BookingView):
            self._changed(
                result,
                self.tr("{no} saved: {when}").format(
                    no=result.booking_no, when=result.when(_lang())
                ),
            )
        self._refocus()

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

    # --- check-in, no-shows, cancelling --------------------------------------------------
    def _scanned(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        try:
            parse_check_in(text)
        except ShopError:
            self._search(text)
            return
        self.scan.clear()
        self.check_in(text)

    def _search(self, text: str) -> None:
        words = fold(text).split()
        for b in sorted(self.bookings.values(), key=lambda b: b.start):
            c = b.customer
            hay = fold(" ".join((b.booking_no, c.name, c.phone, c.organisation)))
            if b.status in SHOWN and all(w in hay for w in words):
                self.grid.put_cursor(b.start)
                self.grid.setFocus()
                self.say(self.tr("Found {no}: {name}").format(no=b.booking_no, name=c.name))
                return
        self.say(
            self.tr("No booking in the days shown matches {text}").format(text=text), error=True
        )

    def check_in(self, code_or_no: str) -> None:
        def done(b: BookingView) -> None:
            self._changed(
                b,
                self.tr("{name} checked in: {no}, {when}").format(
                    name=b.customer.name, no=b.booking_no, when=b.when(_lang())
                ),
            )

        def refused(exc: Exception) -> None:
            self._failed(exc)
            self._focus_scan()

        self.run(lambda: self.rooms_service.check_in(code_or_no, self.actor), done, refused)

    def check_in_selected(self) -> None:
        b = self.selected()
        if b is not None:
            self.check_in(b.booking_no)

    def mark_no_shows(self) -> None:
        def done(marked: list[str]) -> None:
            if marked:
                self.say(self.tr("Marked as no-show: {numbers}").format(numbers=", ".join(marked)))
            else:
                self.say(self.tr("No booking is past its no-show time"))
            self.reload()

        self.run(lambda: self.rooms_service.mark_no_shows(), done)

    def cancel_booking(self) -> None:
        b, rules = self.selected(), self.rules
        if b is None or rules is None or self.dialog is not None:
            return
        refund = refund_on_cancel(rules, b.terms, self.now())
        dialog = CancelDialog(b, format_baht(refund), self.window())
        no = b.booking_no

        def decided(result: int) -> None:
            self.dialog = None
            self._refocus()
            if result != QDialog.DialogCode.Accepted:
                return
            reason = dialog.reason.text()
            self.run(lambda: self.rooms_service.cancel(no, self.actor, reason), self._cancelled)

        self.dialog = dialog
        dialog.finished.connect(decided)
        dialog.open()

    def _cancelled(self, result: Cancellation) -> None:
        b = result.booking
        self.say(
            self.tr("{no} cancelled: {refund} baht to refund").format(
                no=b.booking_no, refund=format_baht(result.refund_due)
            )
        )
        self.bookingChanged.emit(b)
        self.reload()

    # --- the slip ------------------------------------------------------------------------
    def print_slip(self) -> None:
        b = self.selected()
        if b is None:
            return
        self.run(
            lambda: self.slips.print_slip(b),
            lambda _r: self.say(self.tr("Slip {no} printed").format(no=b.booking_no)),
        )

    def slip_pdf(self) -> None:
        b = self.selected()
        if b is None:
            return
        from ui.save_file import ask_save_path

        path = ask_save_path(
            self, self.tr("Save the slip"), f"{b.booking_no}.pdf", self.tr("PDF (*.pdf)")
        )
        if path is None:
            return
        self.run(
            lambda: self.slips.write_pdf(b, path),
            lambda p: self.say(self.tr("Slip saved: {path}").format(path=p)),
        )

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
