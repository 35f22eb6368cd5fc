"""A back-office list: a search field above a table; typing filters, Enter opens the record."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from pos.domain.text import fold
from ui import style

Row = tuple[str, Sequence[str]]  # the record's key, the cells shown


class RecordTable(QTableView):
    """The records shown (filtered by `search`); `opened(key)` on Enter or a double click."""

    opened = Signal(str)

    def __init__(self, name: str, headers: Sequence[str], search: QLineEdit) -> None:
        super().__init__()
        self.setObjectName(name)
        self.search = search
        self.model_ = QStandardItemModel(0, len(headers), self)
        self.model_.setHorizontalHeaderLabels(list(headers))
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(lambda index: self._open(index.row()))
        self._rows: list[Row] = []
        search.textChanged.connect(lambda _text: self.refilter())
        search.installEventFilter(self)
        style.named(search, f"{name}Search")

    def set_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        self._rows = list(rows)
        self.refilter(keep)

    def accepts(self, key: str) -> bool:
        """Whether the page's other filters let this record through (all, here)."""
        return True

    def refilter(self, keep: str | None = None) -> None:
        keep = keep if keep is not None else self.current_key()
        words = fold(self.search.text()).split()
        self.model_.removeRows(0, self.model_.rowCount())
        for key, cells in self._rows:
            text = fold(" ".join(cells))
            if not all(w in text for w in words) or not self.accepts(key):
                continue
            items = [QStandardItem(c) for c in cells]
            items[0].setData(key, Qt.ItemDataRole.UserRole)
            self.model_.appendRow(items)
        row = next((r for r in range(self.model_.rowCount()) if self.key_at(r) == keep), 0)
        if self.model_.rowCount():
            self.selectRow(row)

    def key_at(self, row: int) -> str:
        return str(self.model_.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def shown_keys(self) -> list[str]:
        return [self.key_at(r) for r in range(self.model_.rowCount())]

    def current_key(self) -> str | None:
        index = self.currentIndex()
        return self.key_at(index.row()) if index.isValid() else None

    def _open(self, row: int) -> None:
        if 0 <= row < self.model_.rowCount():
            self.opened.emit(self.key_at(row))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search field: Down goes to the list, Enter opens the selected record."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and (event.type() == QEvent.Type.KeyPress)
        ):
            key = event.key()
            if key == Qt.Key.Key_Down and self.model_.rowCount():
                self.setFocus()
                if not self.currentIndex().isValid():
                    self.selectRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.currentIndex()
                self._open(index.row() if index.isValid() else 0)
                return True
        return super().eventFilter(watched, event)


def form_button(name: str, text: str) -> QPushButton:
    """A form's button: reached by Tab, pressed by Space, never by Enter in a field."""
    button = style.named(QPushButton(text), name)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def labelled_row(*fields: tuple[str, QWidget, int]) -> QHBoxLayout:
    """A row of (caption, field, stretch): each caption the buddy label of its field."""
    row = QHBoxLayout()
    for caption, field, stretch in fields:
        label = QLabel(caption)
        label.setBuddy(field)
        row.addWidget(label)
        row.addWidget(field, stretch)
    return row
