"""The till's booking key: pick a booking (or scan its slip's QR) to take its payment.

The scan field has the keyboard: a slip's QR code or a booking number (Enter) takes that
booking; a name or phone typed filters the list of this and next week's bookings with money
due; Down goes to the list, Enter takes the booking selected. What is paid follows the
booking: the deposit of a held booking, else the balance. `chosen(booking_no, what)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.errors import ShopError
from pos.domain.money import ZERO, format_baht
from pos.domain.rooms import BookingStatus, parse_check_in
from pos.domain.shop_time import shop_day
from pos.domain.text import fold
from pos.ports.rooms import BookingView
from ui import i18n, style

if TYPE_CHECKING:
    from pos.services.rooms import Rooms

Run = Callable[[Callable[[], object], Callable[[object], None], Callable[[Exception], None]], None]
OPEN = (BookingStatus.HELD, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


def what_to_pay(b: BookingView) -> str:
    """The deposit of a held booking that asks one, else the balance."""
    if b.status is BookingStatus.HELD and b.deposit > 0 and b.paid - b.refunded <= 0:
        return "deposit"
    return "balance"


def amount_due(b: BookingView) -> Decimal:
    return b.deposit if what_to_pay(b) == "deposit" else b.balance


def upcoming(rooms: Rooms, now: datetime) -> list[BookingView]:
    """Every room's bookings of this week and the next with something to pay (worker)."""
    from ui.rooms.calendar_days import monday_of

    monday = monday_of(shop_day(now))
    out: list[BookingView] = []
    for room in rooms.rooms(active_only=True):
        for week in (monday, monday + timedelta(days=7)):
            out += [
                b
                for b in rooms.week(room.id, week)
                if b.status in OPEN
                and b.end > now
                and (b.balance > ZERO or what_to_pay(b) == "deposit")
            ]
    return sorted(out, key=lambda b: b.start)


class BookingPickDialog(QDialog):
    """Scan or pick the booking whose deposit or balance goes into the sale."""

    chosen = Signal(str, str)  # booking number, what (deposit | balance)

    def __init__(self, rooms: Rooms, run: Run, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookingPickDialog")
        self.rooms = rooms
        self.run = run
        self.setStyleSheet(style.STYLE_SHEET)
        self.setWindowTitle(self.tr("Room booking: take a payment"))
        self.setMinimumSize(760, 480)
        self.bookings: list[BookingView] = []
        self.scan = style.named(QLineEdit(), "bookingPickScan")
        self.scan.setPlaceholderText(
            self.tr("Scan the slip's QR, or type a booking number, name or phone")
        )
        self.scan.returnPressed.connect(self._entered)
        self.scan.textChanged.connect(lambda _t: self._fill())
        self.scan.installEventFilter(self)
        self.list = style.named(QListWidget(), "bookingPickList")
        self.list.itemActivated.connect(
            lambda item: self._take(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.message = style.named(QLabel(), "bookingPickMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.message.setText(self.tr("Loading the bookings…"))
        self.run(lambda: upcoming(rooms, rooms.clock.now()), self._loaded, self._failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.scan.setFocus()

    def _loaded(self, bookings: object) -> None:
        if not isValid(self):  # closed (and deleted) before the list came back
            return
        assert isinstance(bookings, list)
        self.bookings = bookings
        self.message.setText(self.tr("{n} bookings with money due").format(n=len(bookings)))
        self._fill()

    def _failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        text = exc.message(i18n.current_language()) if isinstance(exc, ShopError) else str(exc)
        self.message.setText(text)
        self.scan.selectAll()
        self.scan.setFocus()

    def _line(self, b: BookingView) -> str:
        lang = i18n.current_language()
        what = self.tr("deposit") if what_to_pay(b) == "deposit" else self.tr("balance")
        return (
            f"{b.booking_no}  {b.when(lang)}  {b.customer.name}  {b.customer.phone}  "
            f"{b.status.label.pick(lang)}  · {what} {format_baht(amount_due(b))}"
        )

    def _fill(self) -> None:
        words = fold(self.scan.text()).split()
        self.list.clear()
        for b in self._matching(words):
            item = QListWidgetItem(self._line(b))
            item.setData(Qt.ItemDataRole.UserRole, b.booking_no)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _matching(self, words: Sequence[str]) -> list[BookingView]:
        def hay(b: BookingView) -> str:
            c = b.customer
            return fold(" ".join((b.booking_no, c.name, c.phone, c.organisation)))

        return [b for b in self.bookings if all(w in hay(b) for w in words)]

    def _entered(self) -> None:
        text = self.scan.text().strip()
        try:
            parse_check_in(text)
        except ShopError:
            item = self.list.currentItem()
            if item is not None:
                self._take(str(item.data(Qt.ItemDataRole.UserRole)))
            elif text:
                self.message.setText(self.tr("No booking matches {text}").format(text=text))
            return
        self.message.setText(self.tr("Looking up {text}…").format(text=text))
        self.run(lambda: self.rooms.find(text), self._found, self._failed)

    def _found(self, booking: object) -> None:
        if not isValid(self):
            return
        assert isinstance(booking, BookingView)
        if booking.status not in OPEN or (
            booking.balance <= ZERO and what_to_pay(booking) != "deposit"
        ):
            self.message.setText(
                self.tr("{no} has nothing to pay ({status})").format(
                    no=booking.booking_no, status=booking.status.label.pick(i18n.current_language())
                )
            )
            self.scan.selectAll()
            return
        self.chosen.emit(booking.booking_no, what_to_pay(booking))
        self.accept()

    def _take(self, booking_no: str) -> None:
        for b in self.bookings:
            if b.booking_no == booking_no:
                self.chosen.emit(b.booking_no, what_to_pay(b))
                self.accept()
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.scan
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.list.setFocus()
            return True
        return super().eventFilter(watched, event)
