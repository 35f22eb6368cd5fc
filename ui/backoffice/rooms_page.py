"""The back office's rooms page: the rooms, each room's booking rules, and the closed days.

The list on the left holds the rooms (Ctrl+N a new one); the chosen room's details and rules
are in the middle (opening hours per weekday, slot length, shortest and longest booking, how
far ahead, the buffer between bookings, the prices by hour, half day and day, the deposit, the
cancellation cutoff and its refunds, the no-show and hold minutes); Ctrl+S saves them. On the
right the centre's closed days: Thai public holidays of 2026-2027 by default, days added or
removed here. Database work runs on the page's worker; a refusal shows the service's message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.rooms import DepositKind, DepositRule, Room, RoomRules
from pos.domain.thai_holidays import THAI_PUBLIC_HOLIDAYS
from pos.ports.rooms import Holiday
from ui import i18n, style
from ui.backoffice.listing import form_button

if TYPE_CHECKING:
    from pos.services.rooms import Rooms

T = TypeVar("T")
WEEKDAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class RoomsPageServices(Protocol):
    """What the page needs of pos.app's Services."""

    @property
    def rooms(self) -> Rooms: ...


def _lang() -> str:
    return i18n.current_language()


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(_lang())
    return f"{type(exc).__name__}: {exc}"


def _spin(name: str, low: int, high: int, step: int = 1, suffix: str = "") -> QSpinBox:
    box = style.named(QSpinBox(), name)
    box.setRange(low, high)
    box.setSingleStep(step)
    if suffix:
        box.setSuffix(suffix)
    return box


def _money(name: str) -> QLineEdit:
    field = style.named(QLineEdit(), name)
    field.setMaxLength(12)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    return field


def _decimal(text: str) -> Decimal | None:
    raw = text.strip().replace(",", "")
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> time:
    return time(q.hour(), q.minute())


class HoursRow:
    """One weekday: open or closed, from and until."""

    def __init__(self, day: int) -> None:
        self.open = style.named(QCheckBox(), f"roomOpen{day}")
        self.start = style.named(QTimeEdit(), f"roomOpens{day}")
        self.end = style.named(QTimeEdit(), f"roomCloses{day}")
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.open.toggled.connect(self._enable)

    def _enable(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)

    def set(self, hours: tuple[time, time] | None) -> None:
        self.open.setChecked(hours is not None)
        start, end = hours or (time(8, 30), time(17, 30))
        self.start.setTime(_qtime(start))
        self.end.setTime(_qtime(end))
        self._enable(hours is not None)

    def value(self) -> tuple[time, time] | None:
        if not self.open.isChecked():
            return None
        return _time(self.start.time()), _time(self.end.time())


class RoomsPage(QWidget):
    """Rooms, their rules and the closed days, for managers (the service checks the role)."""

    def __init__(
        self, services: RoomsPageServices, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roomsPage")
        self.service = services.rooms
        self.actor = actor
        from ui.worker import Worker

        self.worker = Worker(self)
        self.rooms: list[Room] = []
        self.current: Room | None = None
        self.holidays: dict[date, Holiday] = {}

        # the rooms
        self.room_list = style.named(QListWidget(), "roomList")
        self.room_list.currentRowChanged.connect(self._room_chosen)
        new = form_button("roomNew", self.tr("New room (Ctrl+N)"))
        new.clicked.connect(self.new_room)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Rooms")))
        left.addWidget(self.room_list, 1)
        left.addWidget(new)

        # the room and its rules
        self.code = style.named(QLineEdit(), "roomCode")
        self.code.setMaxLength(20)
        self.name_th = style.named(QLineEdit(), "roomNameTh")
        self.name_en = style.named(QLineEdit(), "roomNameEn")
        self.capacity = _spin("roomCapacity", 1, 500)
        self.equipment = style.named(QLineEdit(), "roomEquipment")
        self.equipment.setPlaceholderText(self.tr("Smart TV, Wi-Fi, whiteboard"))
        self.active = style.named(QCheckBox(self.tr("Can be booked")), "roomActive")
        room_form = QFormLayout()
        room_form.addRow(self.tr("Code"), self.code)
        room_form.addRow(self.tr("Name (Thai)"), self.name_th)
        room_form.addRow(self.tr("Name (English)"), self.name_en)
        room_form.addRow(self.tr("Seats"), self.capacity)
        room_form.addRow(self.tr("Equipment"), self.equipment)
        room_form.addRow("", self.active)
        room_box = QGroupBox(self.tr("Room"))
        room_box.setLayout(room_form)

        self.hours = [HoursRow(d) for d in range(7)]
        hours_grid = QGridLayout()
        names = WEEKDAYS_TH if _lang() == "th" else WEEKDAYS_EN
        for d, row in enumerate(self.hours):
            row.open.setText(names[d])
            hours_grid.addWidget(row.open, d, 0)
            hours_grid.addWidget(row.start, d, 1)
            hours_grid.addWidget(QLabel("–"), d, 2)
            hours_grid.addWidget(row.end, d, 3)
        hours_box = QGroupBox(self.tr("Opening hours"))
        hours_box.setLayout(hours_grid)

        minutes = self.tr(" min")
        self.slot = _spin("roomSlot", 5, 240, 5, minutes)
        self.min_len = _spin("roomMin", 5, 1440, 5, minutes)
        self.max_len = _spin("roomMax", 5, 1440, 5, minutes)
        self.ahead = _spin("roomAhead", 0, 730, 1, self.tr(" days"))
        self.buffer = _spin("roomBuffer", 0, 240, 5, minutes)
        self.price_hour = _money("roomPriceHour")
        self.price_half = _money("roomPriceHalfDay")
        self.price_half.setPlaceholderText(self.tr("(none)"))
        self.price_day = _money("roomPriceDay")
        self.price_day.setPlaceholderText(self.tr("(none)"))
        self.deposit_kind = style.named(QComboBox(), "roomDepositKind")
        for kind, label in (
            (DepositKind.NONE, self.tr("No deposit")),
            (DepositKind.PERCENT, self.tr("Percent of the price")),
            (DepositKind.FIXED, self.tr("Fixed amount")),
        ):
            self.deposit_kind.addItem(label, kind.value)
        self.deposit_value = _money("roomDepositValue")
        self.cutoff = _spin("roomCutoff", 0, 720, 1, self.tr(" h"))
        self.refund_before = _spin("roomRefundBefore", 0, 100, 5, " %")
        self.refund_after = _spin("roomRefundAfter", 0, 100, 5, " %")
        self.no_show = _spin("roomNoShow", 0, 480, 5, minutes)
        self.hold = _spin("roomHold", 1, 10080, 5, minutes)
        rules_form = QFormLayout()
        rules_form.addRow(self.tr("Slot length"), self.slot)
        rules_form.addRow(self.tr("Shortest booking"), self.min_len)
        rules_form.addRow(self.tr("Longest booking"), self.max_len)
        rules_form.addRow(self.tr("Booked at most"), self.ahead)
        rules_form.addRow(self.tr("Buffer between bookings"), self.buffer)
        rules_form.addRow(self.tr("Price per hour"), self.price_hour)
        rules_form.addRow(self.tr("Price per half day"), self.price_half)
        rules_form.addRow(self.tr("Price per day"), self.price_day)
        deposit_row = QHBoxLayout()
        deposit_row.addWidget(self.deposit_kind, 2)
        deposit_row.addWidget(self.deposit_value, 1)
        rules_form.addRow(self.tr("Deposit"), deposit_row)
        rules_form.addRow(self.tr("Cancellation cutoff (before the start)"), self.cutoff)
        rules_form.addRow(self.tr("Refund before the cutoff"), self.refund_before)
        rules_form.addRow(self.tr("Refund after the cutoff"), self.refund_after)
        rules_form.addRow(self.tr("No-show after the start"), self.no_show)
        rules_form.addRow(self.tr("Held unpaid for"), self.hold)
        rules_box = QGroupBox(self.tr("Booking rules"))
        rules_box.setLayout(rules_form)

        save = form_button("roomSave", self.tr("Save room and rules (Ctrl+S)"))
        save.clicked.connect(self.save)
        middle_inner = QWidget()
        middle = QVBoxLayout(middle_inner)
        top = QHBoxLayout()
        top.addWidget(room_box, 1)
        top.addWidget(hours_box, 1)
        middle.addLayout(top)
        middle.addWidget(rules_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(middle_inner)

        # the closed days
        self.holiday_list = style.named(QListWidget(), "holidayList")
        self.holiday_day = style.named(QDateEdit(), "holidayDay")
        self.holiday_day.setCalendarPopup(True)
        self.holiday_day.setDisplayFormat("dd/MM/yyyy")
        self.holiday_day.setDate(QDate.currentDate())
        self.holiday_name = style.named(QLineEdit(), "holidayName")
        self.holiday_name.setPlaceholderText(self.tr("Name of the day"))
        self.holiday_name.returnPressed.connect(self.add_holiday)
        add = form_button("holidayAdd", self.tr("Add"))
        add.clicked.connect(self.add_holiday)
        remove = form_button("holidayRemove", self.tr("Remove (Del)"))
        remove.clicked.connect(self.remove_holiday)
        defaults = form_button("holidayDefaults", self.tr("Thai public holidays 2026-2027"))
        defaults.clicked.connect(self.default_holidays)
        save_days = form_button("holidaySave", self.tr("Save the closed days"))
        save_days.clicked.connect(self.save_holidays)
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.holiday_list,
            self.remove_holiday,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Closed days (no room can be booked)")))
        right.addWidget(self.holiday_list, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.holiday_day)
        add_row.addWidget(self.holiday_name, 1)
        add_row.addWidget(add)
        right.addLayout(add_row)
        right.addWidget(remove)
        right.addWidget(defaults)
        right.addWidget(save_days)

        self.status = style.named(QLabel(), "roomsStatus")
        self.status.setWordWrap(True)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        centre = QVBoxLayout()  # the save button stays in sight below the scrolled form
        centre.addWidget(scroll, 1)
        centre.addWidget(save)
        columns.addLayout(centre, 5)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_room)
        self.setFocusProxy(self.room_list)
        self.reload()

    # --- background work -----------------------------------------------------------------
    def run(self, fn: Callable[[], T], ok: Callable[[T], None]) -> None:
        if not self.worker.closed:
            self.worker.run(fn, ok, self._failed, name="rooms_page")

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.say(_message(exc), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(f"color: {style.RED};" if error else f"color: {style.GREEN};")
        self.status.setText(text)

    def shutdown(self) -> None:
        self.worker.shutdown()

    @property
    def busy(self) -> bool:
        return self.worker.pending > 0

    # --- loading -------------------------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        def work() -> tuple[list[Room], list[Holiday]]:
            return self.service.rooms(), self.service.holidays()

        self.run(work, lambda got: self._loaded(*got, keep=keep))

    def _loaded(self, rooms: list[Room], holidays: list[Holiday], *, keep: str | None) -> None:
        self.rooms = rooms
        self.room_list.blockSignals(True)
        self.room_list.clear()
        for r in rooms:
            state = "" if r.active else self.tr(" (not bookable)")
            self.room_list.addItem(f"{r.code} · {r.name.pick(_lang())}{state}")
        self.room_list.blockSignals(False)
        self._show_holidays({h.day: h for h in holidays})
        row = next((i for i, r in enumerate(rooms) if r.id == keep), 0)
        if rooms:
            self.room_list.setCurrentRow(row)
            self._room_chosen(row)
        else:
            self.new_room()

    def _room_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.rooms):
            return
        room = self.rooms[row]
        self._fill_room(room)
        self.run(lambda: self.service.rules(room.id), self._fill_rules)

    def _fill_room(self, room: Room | None) -> None:
        self.current = room
        r = room or Room("", "", "", "", 1)
        self.code.setText(r.code)
        self.code.setReadOnly(room is not None)
        self.name_th.setText(r.name_th)
        self.name_en.setText(r.name_en)
        self.capacity.setValue(r.capacity)
        self.equipment.setText(", ".join(r.equipment))
        self.active.setChecked(r.active)

    def _fill_rules(self, rules: RoomRules) -> None:
        for d, row in enumerate(self.hours):
            row.set(rules.open_hours.get(d))
        self.slot.setValue(rules.slot_minutes)
        self.min_len.setValue(rules.min_minutes)
        self.max_len.setValue(rules.max_minutes)
        self.ahead.setValue(rules.max_days_ahead)
        self.buffer.setValue(rules.buffer_minutes)
        self.price_hour.setText(f"{rules.price_hour:.2f}")
        self.price_half.setText(
            "" if rules.price_half_day is None else f"{rules.price_half_day:.2f}"
        )
        self.price_day.setText("" if rules.price_day is None else f"{rules.price_day:.2f}")
        self.deposit_kind.setCurrentIndex(
            max(0, self.deposit_kind.findData(rules.deposit.kind.value))
        )
        self.deposit_value.setText(f"{rules.deposit.value.normalize():f}")
        self.cutoff.setValue(rules.cancel_cutoff_hours)
        self.refund_before.setValue(int(rules.refund_before_pct))
        self.refund_after.setValue(int(rules.refund_after_pct))
        self.no_show.setValue(rules.no_show_minutes)
        self.hold.setValue(rules.hold_minutes)
        self._loaded_rules = rules

    def new_room(self) -> None:
        self.room_list.clearSelection()
        self._fill_room(None)
        self._fill_rules(RoomRules())
        if self.isVisible():  # filled while its tab is hidden: never take another page's keys
            self.code.setFocus()

    # --- saving --------------------------------------------------------------------------
    def room_form(self) -> Room:
        equipment = tuple(e.strip() for e in self.equipment.text().split(",") if e.strip())
        base = self.current or Room("", "", "", "", 1)
        return replace(
            base,
            code=self.code.text().strip(),
            name_th=self.name_th.text().strip(),
            name_en=self.name_en.text().strip(),
            capacity=self.capacity.value(),
            equipment=equipment,
            active=self.active.isChecked(),
        )

    def rules_form(self) -> RoomRules:
        """The rules as typed (RoomError names what is out of range)."""
        hour = _decimal(self.price_hour.text())
        if hour is None:
            from pos.domain.rooms import RoomError

            raise RoomError("price", "Give the price per hour", "กรุณาระบุราคาต่อชั่วโมง")
        base: RoomRules = getattr(self, "_loaded_rules", RoomRules())
        return RoomRules(
            open_hours={d: row.value() for d, row in enumerate(self.hours)},
            holidays=base.holidays,
            slot_minutes=self.slot.value(),
            min_minutes=self.min_len.value(),
            max_minutes=self.max_len.value(),
            max_days_ahead=self.ahead.value(),
            buffer_minutes=self.buffer.value(),
            price_hour=hour,
            price_half_day=_decimal(self.price_half.text()),
            price_day=_decimal(self.price_day.text()),
            half_day_minutes=base.half_day_minutes,
            deposit=DepositRule(
                DepositKind(str(self.deposit_kind.currentData())),
                _decimal(self.deposit_value.text()) or Decimal(0),
            ),
            cancel_cutoff_hours=self.cutoff.value(),
            refund_before_pct=Decimal(self.refund_before.value()),
            refund_after_pct=Decimal(self.refund_after.value()),
            no_show_minutes=self.no_show.value(),
            hold_minutes=self.hold.value(),
        )

    def save(self) -> None:
        try:
            room, rules = self.room_form(), self.rules_form()
        except ShopError as exc:
            self.say(_message(exc), error=True)
            return

        def work() -> Room:
            saved = self.service.save_room(self.actor, room)
            self.service.save_rules(self.actor, saved.id, rules)
            return saved

        def done(saved: Room) -> None:
            self.say(
                self.tr("Saved {code}: {name}").format(
                    code=saved.code, name=saved.name.pick(_lang())
                )
            )
            self.reload(saved.id)

        self.run(work, done)

    # --- closed days ---------------------------------------------------------------------
    def _show_holidays(self, days: dict[date, Holiday]) -> None:
        self.holidays = dict(sorted(days.items()))
        self.holiday_list.clear()
        for d, h in self.holidays.items():
            name = h.name_th if _lang() == "th" else (h.name_en or h.name_th)
            item = QListWidgetItem(f"{d:%d/%m/%Y} {name}")
            item.setData(Qt.ItemDataRole.UserRole, d.isoformat())
            self.holiday_list.addItem(item)

    def add_holiday(self) -> None:
        q = self.holiday_day.date()
        d = date(q.year(), q.month(), q.day())
        name = self.holiday_name.text().strip()
        days = dict(self.holidays)
        days[d] = Holiday(d, name, name)
        self._show_holidays(days)
        self.holiday_name.clear()
        self.say(
            self.tr("{day} added: save the closed days to keep it").format(day=f"{d:%d/%m/%Y}")
        )

    def remove_holiday(self) -> None:
        item = self.holiday_list.currentItem()
        if item is None:
            return
        d = date.fromisoformat(str(item.data(Qt.ItemDataRole.UserRole)))
        days = {k: v for k, v in self.holidays.items() if k != d}
        row = self.holiday_list.currentRow()
        self._show_holidays(days)
        self.holiday_list.setCurrentRow(min(row, self.holiday_list.count() - 1))

    def default_holidays(self) -> None:
        """The Thai public holidays of 2026-2027 added to the list (the shop's own days stay)."""
        days = dict(self.holidays)
        for h in THAI_PUBLIC_HOLIDAYS:
            days.setdefault(h.day, Holiday(h.day, h.name_th, h.name_en))
        self._show_holidays(days)
        self.say(self.tr("Thai public holidays added: save the closed days to keep them"))

    def save_holidays(self) -> None:
        days = list(self.holidays.values())
        self.run(
            lambda: self.service.set_holidays(self.actor, days),
            lambda _r: self.say(self.tr("{n} closed days saved").format(n=len(days))),
        )
