"""The room calendar's grid: days as columns, slots as rows, bookings as coloured blocks.

It knows nothing of the rooms service: the window hands it `DayColumn`s (a day's opening
hours, or why it is closed, and its bookings as `Block`s). A cursor cell moves with the
arrow keys (PgUp/PgDown: a day); a click puts it on a slot, Enter or a double click asks for
it (`slotActivated` on free time, `blockActivated` on a booking).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from pos.domain.shop_time import local
from ui import style

# status -> (fill, border, text); statuses not named here are drawn like "confirmed"
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "held": ("#fff1c7", "#c9a227", "#5a4300"),
    "confirmed": ("#dfe8fb", "#3b5fb0", "#1a2f63"),
    "checked_in": ("#dcf2e3", "#1e6b3a", "#11401f"),
    "completed": ("#e9e9e9", "#8a8a8a", "#3a3a3a"),
    "no_show": ("#fde7e4", "#b3261e", "#6e140f"),
}
FREE = QColor("#ffffff")
CLOSED = QColor("#ececec")
GRID = QColor("#d9d2e0")
CURSOR = QColor(style.PURPLE)

HEADER_H = 40
HOURS_W = 56


@dataclass(frozen=True, slots=True)
class Block:
    """One booking on the grid (times aware; drawn in Bangkok wall time)."""

    key: str  # the booking number
    start: datetime
    end: datetime
    title: str  # the customer's name
    subtitle: str  # the time and status, as shown
    status: str  # a BookingStatus value


@dataclass(frozen=True, slots=True)
class DayColumn:
    day: date
    heading: str  # "จ. 14 ธ.ค."
    open: tuple[time, time] | None  # None: closed all day
    closed_reason: str = ""  # "วันหยุด: วันพ่อแห่งชาติ", shown on a closed day
    blocks: tuple[Block, ...] = ()


class CalendarGrid(QWidget):
    """Day or week columns between `first_hour` and `last_hour`, one row a slot."""

    slotActivated = Signal(object, object)  # start, end (aware datetimes): free time asked for
    blockActivated = Signal(str)  # a booking's number
    cursorMoved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomCalendarGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.columns: tuple[DayColumn, ...] = ()
        self.slot_minutes = 30
        self.first_hour = 8
        self.last_hour = 20
        self.cursor_day = 0
        self.cursor_slot = 0

    # --- data ----------------------------------------------------------------------------
    def set_columns(
        self, columns: Sequence[DayColumn], slot_minutes: int, hours: tuple[int, int]
    ) -> None:
        self.columns = tuple(columns)
        self.slot_minutes = max(5, slot_minutes)
        self.first_hour, self.last_hour = hours
        self.cursor_day = min(self.cursor_day, max(0, len(self.columns) - 1))
        self.cursor_slot = min(self.cursor_slot, max(0, self.slot_count - 1))
        self.update()

    @property
    def slot_count(self) -> int:
        return max(1, (self.last_hour - self.first_hour) * 60 // self.slot_minutes)

    def slot_start(self, day_index: int, slot: int) -> datetime:
        from pos.domain.shop_time import BANGKOK

        d = self.columns[day_index].day
        first = datetime(d.year, d.month, d.day, self.first_hour, tzinfo=BANGKOK)
        return first + timedelta(minutes=slot * self.slot_minutes)

    def cursor_start(self) -> datetime | None:
        if not self.columns:
            return None
        return self.slot_start(self.cursor_day, self.cursor_slot)

    def block_at(self, day_index: int, slot: int) -> Block | None:
        if not 0 <= day_index < len(self.columns):
            return None
        start = self.slot_start(day_index, slot)
        end = start + timedelta(minutes=self.slot_minutes)
        for b in self.columns[day_index].blocks:
            if b.start < end and start < b.end:
                return b
        return None

    def cursor_block(self) -> Block | None:
        return self.block_at(self.cursor_day, self.cursor_slot)

    def is_open(self, day_index: int, slot: int) -> bool:
        column = self.columns[day_index]
        if column.open is None:
            return False
        start = self.slot_start(day_index, slot)
        wall = local(start).time()
        end_wall = (local(start) + timedelta(minutes=self.slot_minutes)).time()
        opens, closes = column.open
        return opens <= wall and (end_wall <= closes or end_wall == time(0)) and wall < closes

    def put_cursor(self, when: datetime) -> None:
        """The cursor on the slot holding `when` (when that day is shown)."""
        at = local(when)
        for i, column in enumerate(self.columns):
            if column.day == at.date():
                minutes = (at.hour - self.first_hour) * 60 + at.minute
                self.cursor_day = i
                self.cursor_slot = max(0, min(self.slot_count - 1, minutes // self.slot_minutes))
                self.update()
                self.cursorMoved.emit()
                return

    # --- geometry ------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    def minimumSizeHint(self) -> QSize:
        return QSize(400, 300)

    def _col_w(self) -> float:
        return (self.width() - HOURS_W) / max(1, len(self.columns))

    def _row_h(self) -> float:
        return (self.height() - HEADER_H) / self.slot_count

    def _cell(self, day_index: int, slot: int) -> QRectF:
        w, h = self._col_w(), self._row_h()
        return QRectF(HOURS_W + day_index * w, HEADER_H + slot * h, w, h)

    def _y_of(self, when: datetime) -> float:
        at = local(when)
        minutes = (at.hour - self.first_hour) * 60 + at.minute
        return HEADER_H + minutes / self.slot_minutes * self._row_h()

    def block_rect(self, day_index: int, block: Block) -> QRectF:
        w = self._col_w()
        top = max(float(HEADER_H), self._y_of(block.start))
        bottom = min(float(self.height()), self._y_of(block.end))
        if local(block.end).date() > self.columns[day_index].day:
            bottom = float(self.height())
        return QRectF(HOURS_W + day_index * w + 3, top + 1, w - 6, max(4.0, bottom - top - 2))

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        if pos.x() < HOURS_W or pos.y() < HEADER_H or not self.columns:
            return None
        day_index = int((pos.x() - HOURS_W) // self._col_w())
        slot = int((pos.y() - HEADER_H) // self._row_h())
        if 0 <= day_index < len(self.columns) and 0 <= slot < self.slot_count:
            return day_index, slot
        return None

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(style.SURFACE))
        small = style.font(12)
        bold = style.font(13, bold=True)
        for i, column in enumerate(self.columns):
            head = QRectF(HOURS_W + i * self._col_w(), 0, self._col_w(), HEADER_H)
            p.setFont(bold)
            p.setPen(QColor(style.INK))
            p.drawText(head, Qt.AlignmentFlag.AlignCenter, column.heading)
            for slot in range(self.slot_count):
                p.fillRect(self._cell(i, slot), FREE if self.is_open(i, slot) else CLOSED)
        p.setPen(QPen(GRID, 1))
        for slot in range(self.slot_count + 1):
            y = HEADER_H + slot * self._row_h()
            p.drawLine(QPointF(HOURS_W, y), QPointF(self.width(), y))
        for i in range(len(self.columns) + 1):
            x = HOURS_W + i * self._col_w()
            p.drawLine(QPointF(x, HEADER_H), QPointF(x, self.height()))
        p.setFont(small)
        p.setPen(QColor(style.MUTED))
        for hour in range(self.first_hour, self.last_hour):
            y = HEADER_H + (hour - self.first_hour) * 60 / self.slot_minutes * self._row_h()
            p.drawText(
                QRectF(0, y, HOURS_W - 6, 18),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                f"{hour:02d}:00",
            )
        for i, column in enumerate(self.columns):
            if column.open is None and column.closed_reason:
                area = QRectF(HOURS_W + i * self._col_w() + 4, HEADER_H + 8, self._col_w() - 8, 120)
                p.setPen(QColor(style.MUTED))
                p.drawText(
                    area,
                    Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                    column.closed_reason,
                )
            for block in column.blocks:
                self._paint_block(p, i, block, small)
        if self.columns:
            cell = self._cell(self.cursor_day, self.cursor_slot)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(CURSOR, 3 if self.hasFocus() else 1.5))
            p.drawRect(cell.adjusted(1.5, 1.5, -1.5, -1.5))
        p.end()

    def _paint_block(self, p: QPainter, day_index: int, block: Block, f: object) -> None:
        fill, border, ink = STATUS_COLOURS.get(block.status, STATUS_COLOURS["confirmed"])
        rect = self.block_rect(day_index, block)
        p.setBrush(QBrush(QColor(fill)))
        p.setPen(QPen(QColor(border), 2))
        p.drawRoundedRect(rect, 5, 5)
        p.setPen(QColor(ink))
        p.setFont(style.font(13, bold=True))
        inner = rect.adjusted(6, 3, -4, -2)
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, block.title)
        if inner.height() > 34:
            p.setFont(style.font(12))
            p.drawText(
                inner.adjusted(0, 18, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                block.subtitle,
            )

    # --- input ---------------------------------------------------------------------------
    def _move(self, days: int, slots: int) -> None:
        if not self.columns:
            return
        self.cursor_day = max(0, min(len(self.columns) - 1, self.cursor_day + days))
        self.cursor_slot = max(0, min(self.slot_count - 1, self.cursor_slot + slots))
        self.update()
        self.cursorMoved.emit()

    def activate(self) -> None:
        """Enter on the cursor: its booking, or the free slot there."""
        if not self.columns:
            return
        block = self.cursor_block()
        if block is not None:
            self.blockActivated.emit(block.key)
            return
        if self.is_open(self.cursor_day, self.cursor_slot):
            start = self.slot_start(self.cursor_day, self.cursor_slot)
            self.slotActivated.emit(start, start + timedelta(minutes=self.slot_minutes))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
        }
        key = Qt.Key(event.key())
        if key in moves:
            self._move(*moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate()
        elif key == Qt.Key.Key_Home:
            self._move(0, -self.slot_count)
        elif key == Qt.Key.Key_End:
            self._move(0, self.slot_count)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if cell is not None:
            self.cursor_day, self.cursor_slot = cell
            self.update()
            self.cursorMoved.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)
        self.activate()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
