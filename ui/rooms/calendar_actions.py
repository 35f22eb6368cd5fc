"""The room calendar's actions on its bookings: book free time, move, extend, check in (the
slip's QR code or a booking number scanned), mark the no-shows, cancel, print the slip or save
it as a PDF (a part of `ui.rooms.calendar.RoomCalendar`, which mixes it in)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.money import format_baht
from pos.domain.rooms import Room, RoomRules, parse_check_in, refund_on_cancel
from pos.domain.text import fold
from pos.ports.rooms import BookingView, Customer
from ui import i18n
from ui.rooms.booking_dialog import BookingDialog, BookingRequest, Mode
from ui.rooms.booking_dialog import Customer as ShownCustomer
from ui.rooms.calendar_days import SHOWN
from ui.rooms.cancel_dialog import CancelDialog
from ui.rooms.grid import CalendarGrid

if TYPE_CHECKING:
    from pos.services.rooms import Cancellation, Rooms

    _Widget = QWidget  # the calendar: a QWidget (tr, window) with what is declared below
else:
    _Widget = object

T = TypeVar("T")


class SlipPrinter(Protocol):
    """The confirmation slip (printing.booking_slip.BookingSlips)."""

    def print_slip(self, booking: BookingView) -> None: ...
    def write_pdf(self, booking: BookingView, path: Path) -> Path: ...


class BookingActions(_Widget):
    """What the actions need of the calendar is declared here; `RoomCalendar` provides it."""

    if TYPE_CHECKING:
        rooms_service: Rooms
        slips: SlipPrinter
        actor: Actor
        rules: RoomRules | None
        bookings: dict[str, BookingView]
        dialog: QDialog | None
        grid: CalendarGrid
        scan: QLineEdit

        @property
        def room(self) -> Room | None: ...
        def now(self) -> datetime: ...
        def selected(self) -> BookingView | None: ...
        def reload(self, then: Callable[[], None] | None = None) -> None: ...
        def say(self, text: str, *, error: bool = False) -> None: ...
        def run(
            self,
            fn: Callable[[], T],
            ok: Callable[[T], None],
            fail: Callable[[Exception], None] | None = None,
        ) -> None: ...
        def _failed(self, exc: Exception) -> None: ...
        def _focus_scan(self) -> None: ...
        def _refocus(self) -> None: ...
        def _changed(self, booking: BookingView, text: str) -> None: ...
        def _cancelled(self, result: Cancellation) -> None: ...

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
                    no=result.booking_no, when=result.when(i18n.current_language())
                ),
            )
        self._refocus()

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
                    name=b.customer.name, no=b.booking_no, when=b.when(i18n.current_language())
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
