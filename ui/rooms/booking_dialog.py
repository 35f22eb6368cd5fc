"""The booking dialog: who books (name, phone, organisation, purpose, attendees) and when.

A new booking starts on the slot the calendar's cursor was on; the end is chosen among the
lengths the rules allow, with the price and the deposit shown as it changes. The same dialog
moves a booking (the day and the times) or extends it (the end only). Ctrl+S books, Esc
closes; a refused field gets the cursor and the service's message (a clash names the nearest
free slots).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.errors import ShopError
from pos.domain.money import format_baht
from pos.domain.rooms import Room, RoomRules, deposit, price
from pos.domain.shop_time import BANGKOK, local
from ui import i18n, style
from ui.backoffice.listing import form_button


class Mode(Enum):
    NEW = "new"
    MOVE = "move"
    EXTEND = "extend"


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """What the dialog asks the service for."""

    start: datetime
    end: datetime
    name: str = ""
    phone: str = ""
    organisation: str = ""
    purpose: str = ""
    attendees: int = 1


@dataclass(frozen=True, slots=True)
class Customer:
    """The booking's customer, shown (read only) when it is moved or extended."""

    name: str = ""
    phone: str = ""
    organisation: str = ""
    purpose: str = ""
    attendees: int = 1


# what the calendar does with a request: submit(request, done, refused) on its worker
Submit = Callable[[BookingRequest, Callable[[object], None], Callable[[Exception], None]], None]

FIELD_OF_RULE = {
    "name": "name",
    "phone": "phone",
    "attendees": "attendees",
    "organisation": "organisation",
    "purpose": "purpose",
}


def _hm(when: datetime) -> str:
    return f"{local(when):%H:%M}"


class BookingDialog(QDialog):
    """Book a free slot (Mode.NEW), move a booking (MOVE) or extend it (EXTEND)."""

    def __init__(
        self,
        room: Room,
        rules: RoomRules,
        start: datetime,
        end: datetime,
        submit: Submit,
        mode: Mode = Mode.NEW,
        customer: Customer | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDialog")
        self.room = room
        self.rules = rules
        self.mode = mode
        self.submit = submit
        self.first_start = start
        self.result_value: object | None = None
        self.starts: list[datetime] = []  # the start combo's times, by index
        self.ends: list[datetime] = []
        self._length_before = 0
        self.setStyleSheet(style.STYLE_SHEET)
        names = {
            Mode.NEW: self.tr("New booking"),
            Mode.MOVE: self.tr("Move the booking"),
            Mode.EXTEND: self.tr("Extend the booking"),
        }
        self.setWindowTitle(f"{names[mode]} {title}".strip())
        self.setMinimumWidth(720)

        self.name = style.named(QLineEdit(), "bookingName")
        self.name.setMaxLength(100)
        self.phone = style.named(QLineEdit(), "bookingPhone")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText("081-234-5678")
        self.organisation = style.named(QLineEdit(), "bookingOrganisation")
        self.organisation.setMaxLength(120)
        self.purpose = style.named(QLineEdit(), "bookingPurpose")
        self.purpose.setMaxLength(200)
        self.attendees = style.named(QSpinBox(), "bookingAttendees")
        self.attendees.setRange(1, max(1, room.capacity))
        self.day = style.named(QDateEdit(), "bookingDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.start = style.named(QComboBox(), "bookingStart")
        self.end = style.named(QComboBox(), "bookingEnd")
        self.cost = style.named(QLabel(), "bookingPrice")
        self.error = style.named(QLabel(), "bookingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.RED};")

        who, when = QFormLayout(), QFormLayout()
        who.addRow(self.tr("Name"), self.name)
        who.addRow(self.tr("Mobile phone"), self.phone)
        who.addRow(self.tr("Organisation"), self.organisation)
        who.addRow(self.tr("Purpose"), self.purpose)
        who.addRow(self.tr("Attendees"), self.attendees)
        when.addRow(self.tr("Room"), QLabel(room.name.pick(i18n.current_language())))
        when.addRow(self.tr("Day"), self.day)
        when.addRow(self.tr("From"), self.start)
        when.addRow(self.tr("Until"), self.end)
        when.addRow(self.tr("Price"), self.cost)
        columns = QHBoxLayout()
        columns.addLayout(who, 1)
        columns.addSpacing(16)
        columns.addLayout(when, 1)

        self.ok_button = form_button(
            "bookingSave",
            self.tr("Book (Ctrl+S)") if mode is Mode.NEW else self.tr("Save (Ctrl+S)"),
        )
        self.ok_button.clicked.connect(self.save)
        close = form_button("bookingClose", self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "phone": self.phone,
            "organisation": self.organisation,
            "purpose": self.purpose,
            "attendees": self.attendees,
            "start": self.start,
            "end": self.end,
        }
        for field in (self.name, self.phone, self.organisation, self.purpose):
            field.returnPressed.connect(self.focusNextChild)

        at = local(start)
        self.day.setDate(QDate(at.year, at.month, at.day))
        self._fill_starts(start)
        self._fill_ends(end)
        self.day.dateChanged.connect(lambda _d: self._day_changed())
        self.start.currentIndexChanged.connect(lambda _i: self._start_changed())
        self.end.currentIndexChanged.connect(lambda _i: self._show_price())
        if customer is not None:
            self.name.setText(customer.name)
            self.phone.setText(customer.phone)
            self.organisation.setText(customer.organisation)
            self.purpose.setText(customer.purpose)
            self.attendees.setValue(customer.attendees)
        if mode is not Mode.NEW:
            for w in (self.name, self.phone, self.organisation, self.purpose):
                w.setReadOnly(True)
            self.attendees.setEnabled(False)
        if mode is Mode.EXTEND:
            self.day.setEnabled(False)
            self.start.setEnabled(False)
        self._show_price()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        first = {Mode.NEW: self.name, Mode.MOVE: self.day, Mode.EXTEND: self.end}[self.mode]
        first.setFocus()

    # --- the times -----------------------------------------------------------------------
    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def _fill_starts(self, keep: datetime | None) -> None:
        """The slot starts of the chosen day inside its opening hours."""
        self.start.blockSignals(True)
        self.start.clear()
        self.starts = []
        hours = self.rules.hours_on(self.chosen_day())
        if hours is not None:
            step = timedelta(minutes=self.rules.slot_minutes)
            at = hours[0]
            while at + timedelta(minutes=self.rules.min_minutes) <= hours[1]:
                self.starts.append(at)
                at += step
        if self.mode is Mode.EXTEND and keep is not None and keep not in self.starts:
            self.starts.append(keep)  # a booking made under older hours
        for at in self.starts:
            self.start.addItem(_hm(at))
        index = self.starts.index(keep) if keep in self.starts else 0
        self.start.setCurrentIndex(index if self.starts else -1)
        self.start.blockSignals(False)

    def _fill_ends(self, keep: datetime | None) -> None:
        """The ends min..max minutes after the start, within the day's hours."""
        self.end.blockSignals(True)
        self.end.clear()
        self.ends = []
        start = self.start_at()
        hours = self.rules.hours_on(self.chosen_day())
        labels: list[str] = []
        if start is not None:
            close = (
                hours[1] if hours is not None else start + timedelta(minutes=self.rules.max_minutes)
            )
            minutes = self.rules.min_minutes
            while minutes <= self.rules.max_minutes:
                end = start + timedelta(minutes=minutes)
                if end > close:
                    break
                self.ends.append(end)
                labels.append(f"{_hm(end)}  ({self._length(minutes)})")
                minutes += self.rules.slot_minutes
            if keep is not None and keep not in self.ends and keep > start:
                self.ends.append(keep)
                labels.append(_hm(keep))
        self.end.addItems(labels)
        index = self.ends.index(keep) if keep in self.ends else 0
        self.end.setCurrentIndex(index if self.ends else -1)
        self.end.blockSignals(False)

    def start_at(self) -> datetime | None:
        i = self.start.currentIndex()
        return self.starts[i] if 0 <= i < len(self.starts) else None

    def end_at(self) -> datetime | None:
        i = self.end.currentIndex()
        return self.ends[i] if 0 <= i < len(self.ends) else None

    def _length(self, minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        if rest == 0:
            return self.tr("{n} h").format(n=hours)
        return self.tr("{h} h {m} min").format(h=hours, m=rest)

    def _day_changed(self) -> None:
        old = self.start_at()
        wall = local(old).time() if old is not None else None
        day = self.chosen_day()
        keep = datetime.combine(day, wall, tzinfo=BANGKOK) if wall is not None else None
        length = self._minutes()
        self._fill_starts(keep)
        start = self.start_at()
        self._fill_ends(start + timedelta(minutes=length) if start is not None and length else None)
        self._show_price()

    def _minutes(self) -> int:
        start, end = self.start_at(), self.end_at()
        if start is not None and end is not None:
            return int((end - start).total_seconds() // 60)
        return 0

    def _start_changed(self) -> None:
        old = self._length_before
        start = self.start_at()
        self._fill_ends(start + timedelta(minutes=old) if start is not None and old else None)
        self._show_price()

    def _show_price(self) -> None:
        self._length_before = self._minutes()  # kept when the start changes
        start, end = self.start_at(), self.end_at()
        if start is None or end is None:
            self.cost.setText(self.tr("The room is closed on that day"))
            return
        amount = price(self.rules, start, end)
        due = deposit(self.rules, amount)
        if due > 0:
            self.cost.setText(
                self.tr("{price} baht · deposit {deposit}").format(
                    price=format_baht(amount), deposit=format_baht(due)
                )
            )
        else:
            self.cost.setText(self.tr("{price} baht").format(price=format_baht(amount)))

    # --- saving --------------------------------------------------------------------------
    def request(self) -> BookingRequest | None:
        start, end = self.start_at(), self.end_at()
        if start is None or end is None:
            return None
        return BookingRequest(
            start=start,
            end=end,
            name=self.name.text().strip(),
            phone=self.phone.text().strip(),
            organisation=self.organisation.text().strip(),
            purpose=self.purpose.text().strip(),
            attendees=self.attendees.value(),
        )

    def save(self) -> None:
        if not self.ok_button.isEnabled():
            return  # one request at a time
        request = self.request()
        if request is None:
            self.error.setText(self.tr("The room is closed on that day"))
            self.day.setFocus()
            return
        if self.mode is Mode.NEW and self._refused_locally(request):
            return
        self.error.setText(self.tr("Saving…"))
        self.ok_button.setEnabled(False)
        self.submit(request, self._done, self._refused)

    def _refused_locally(self, request: BookingRequest) -> bool:
        """The customer's fields, checked as the web shop's checkout checks them."""
        from pos.domain.orders import OrderFormError, checked_name, thai_mobile

        try:
            checked_name(request.name)
            thai_mobile(request.phone)
        except OrderFormError as exc:
            self._refused(exc)
            return True
        return False

    def _done(self, result: object) -> None:
        if not isValid(self):
            return
        self.result_value = result
        self.ok_button.setEnabled(True)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self.ok_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.error.setText(exc.message(i18n.current_language()))
        else:
            self.error.setText(self.tr("Something went wrong: {what}").format(what=exc))
        field = getattr(exc, "field", None) or getattr(exc, "rule", None)
        target = self.fields.get(FIELD_OF_RULE.get(str(field), ""))
        if target is None and str(field) in (
            "clash",
            "hours",
            "grid",
            "short",
            "long",
            "past",
            "ahead",
            "holiday",
            "closed",
        ):
            target = self.start if self.mode is not Mode.EXTEND else self.end
        if target is not None:
            target.setFocus()
