"""The cart as a Qt table model: #, product, qty, unit price, discount, line total.

A gift basket is one row of its own (its name, count, price and amount) with its contents
beneath it, indented and without money of their own, as the tax invoice lists it
(`pos.domain.taxinvoice.invoice_rows`); so the model's rows are not the cart's lines one for
one: `line(row)` and `row_of(index)` go between the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pos.domain.cart import Cart, CartGroup, CartLine, DiscountKind, SoldBy
from ui import format as fmt
from ui import style

# the product's name in the other language (a ready-made line's detail instead)
SECONDARY_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the CartLine itself

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NO = 0
    PRODUCT = 1
    QTY = 2
    PRICE = 3
    DISCOUNT = 4
    TOTAL = 5


@dataclass(frozen=True, slots=True)
class _Row:
    """A row of the table: a cart line (`index`), or a basket's own row (`basket`: the
    index of its first line)."""

    index: int
    number: int  # the # column: loose lines and baskets are counted, a basket's items not
    basket: bool = False


def _layout(cart: Cart) -> list[_Row]:
    rows: list[_Row] = []
    number, previous = 0, None
    for i, line in enumerate(cart.lines):
        group = line.group_id
        if group is None:
            number += 1
        elif group != previous:  # a basket starts: its own row first
            number += 1
            rows.append(_Row(i, number, basket=True))
        rows.append(_Row(i, number))
        previous = group
    return rows


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
FLASH = QColor(style.GOLD_LIGHT)


class CartTableModel(QAbstractTableModel):
    """A view of one `Cart`: the sale session changes the cart, then `refresh` shows it."""

    def __init__(self, cart: Cart, language: str = "th", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._layout = _layout(cart)  # the rows the views know about
        self._language = language
        self._flash_row = -1
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(900)
        self._flash_timer.timeout.connect(self._end_flash)

    # --- the cart --------------------------------------------------------------------
    @property
    def cart(self) -> Cart:
        return self._cart

    def set_cart(self, cart: Cart) -> None:
        self.beginResetModel()
        self._cart = cart
        self._layout = _layout(cart)
        self._flash_row = -1
        self.endResetModel()

    @property
    def _rows(self) -> int:
        return len(self._layout)

    def line(self, row: int) -> CartLine:
        """The cart line of `row`; a basket's own row gives its first item (the line keys on
        it act on the whole basket: Delete takes the basket off)."""
        return self._cart.lines[self._layout[row].index]

    def line_index(self, row: int) -> int:
        """The cart's index of `row`'s line (see `line`)."""
        return self._layout[row].index

    def basket(self, row: int) -> CartGroup | None:
        """The basket whose own row `row` is (None for a line's row)."""
        entry = self._layout[row]
        if not entry.basket:
            return None
        return self._cart.groups.get(self._cart.lines[entry.index].group_id or "")

    def number(self, row: int) -> int:
        """The # of `row` (a basket's items share their basket's number)."""
        return self._layout[row].number

    def row_of(self, index: int, *, basket: bool = False) -> int:
        """The row that shows the cart's line `index`; with `basket`, a basket's item gives
        its basket's own row (a basket just added is selected as one)."""
        for row, entry in enumerate(self._layout):
            if entry.index == index and (basket or not entry.basket):
                return row
        return -1

    def refresh(self) -> None:
        """Tell the views the lines changed: rows added at the end are inserted, fewer rows
        reset the view, and every row's data may have changed."""
        self._sync()

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self.refresh()

    def flash(self, row: int) -> None:
        """Highlight a line for a moment (the one just scanned)."""
        old = self._flash_row
        self._flash_row = row
        for r in {old, row}:
            if 0 <= r < self._rows:
                self._changed(r)
        self._flash_timer.start()


    def _end_flash(self) -> None:
        row, self._flash_row = self._flash_row, -1
        if 0 <= row < self._rows:
            self._changed(row)

    def _sync(self) -> None:
        layout = _layout(self._cart)
        n = len(layout)
        if n > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, n - 1)
            self._layout = layout
            self.endInsertRows()
        elif n < self._rows:
            self.beginResetModel()
            self._layout = layout
            self.endResetModel()
        else:
            self._layout = layout
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, len(Column) - 1))

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # --- QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (
                _LEFT
                if section == Column.PRODUCT
                else (_CENTER if section == Column.NO else _RIGHT)
            )
        return None

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("#"),
            self.tr("Product"),
            self.tr("Qty"),
            self.tr("Unit price"),
            self.tr("Discount"),
            self.tr("Amount"),
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._rows:
            return None
        entry = self._layout[index.row()]
        if entry.index >= len(self._cart):
            return None  # the cart changed; the views hear of it next
        line = self._cart.lines[entry.index]
        group = self._cart.groups.get(line.group_id or "") if entry.basket else None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if group is not None:
                return self._basket_display(entry, group, col)
            return self._display(line, entry, col)
        if role == SECONDARY_ROLE and col == Column.PRODUCT:
            if group is not None:
                other = group.name_th if self._language == "en" else group.name_en
                return other + (f" · “{group.message}”" if group.message else "")
            if line.group_id is not None:
                return "      " + self._names(line)[1]
            if line.detail is not None:  # a drink's options, a booking's room and time
                return line.detail.pick(self._language)
            return self._names(line)[1]
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == Column.PRODUCT:
                return _LEFT
            return _CENTER if col == Column.NO else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if group is not None else self._tooltip(line, col)
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == self._flash_row:
            return QBrush(FLASH)
        if role == Qt.ItemDataRole.ForegroundRole and col == Column.DISCOUNT:
            return QBrush(QColor(style.RED))
        return None

    def _names(self, line: CartLine) -> tuple[str, str]:
        p = line.product
        if self._language == "en":
            return p.name_en, p.name_th
        return p.name_th, p.name_en

    def _display(self, line: CartLine, entry: _Row, col: int) -> str:
        in_basket = line.group_id is not None  # an item, indented under its basket's row
        if col == Column.NO:
            return "" if in_basket else str(entry.number)
        if col == Column.PRODUCT:
            return "    └ " + self._names(line)[0] if in_basket else self._names(line)[0]
        if col == Column.QTY:
            return fmt.line_quantity(line)
        if in_basket:
            return ""  # the basket has one price, on its own row
        if col == Column.PRICE:
            return fmt.money(line.unit_price)
        if col == Column.DISCOUNT:
            return f"-{fmt.money(line.discount_amount)}" if line.discount else ""
        if col == Column.TOTAL:
            return fmt.money(line.net)
        return ""

    def _basket_display(self, entry: _Row, group: CartGroup, col: int) -> str:
        """A basket's own row: its name, how many, its price each and its amount."""
        items = self._cart.group_lines(group.group_id)
        if col == Column.NO:
            return str(entry.number)
        if col == Column.PRODUCT:
            return group.name_en if self._language == "en" else group.name_th
        if col == Column.QTY:
            return str(group.count)
        if col == Column.PRICE:
            return fmt.money(group.price)
        if col == Column.DISCOUNT:
            off = sum((ln.discount_amount for ln in items if ln.discount), Decimal(0))
            return f"-{fmt.money(off)}" if off else ""
        if col == Column.TOTAL:
            return fmt.money(sum((ln.net for ln in items), Decimal(0)))
        return ""

    def _tooltip(self, line: CartLine, col: int) -> str | None:
        p = line.product
        if col == Column.PRODUCT:
            unit = p.unit_en if self._language == "en" else p.unit_th
            per = self.tr("per {unit}").format(unit=unit)
            extra = self.tr(" · VAT exempt") if p.vat_exempt else ""
            return f"{p.name_th}\n{p.name_en}\n{p.sku} · {fmt.money(p.unit_price)} {per}{extra}"
        if col == Column.QTY:
            return p.unit_en if self._language == "en" else p.unit_th
        if col == Column.DISCOUNT and line.discount is not None:
            d = line.discount
            what = f"{d.value}%" if d.kind is DiscountKind.PERCENT else fmt.money(d.value)
            return f"{what} · {d.reason}"
        if col == Column.TOTAL and p.sold_by is SoldBy.WEIGHT:
            return f"{fmt.line_quantity(line)} {p.unit_en} × {fmt.money(line.unit_price)}"
        return None


class ProductDelegate(QStyledItemDelegate):
    """The product cell: the name in the UI language, the other language small beneath."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        primary = opt.text
        secondary = str(index.data(SECONDARY_ROLE) or "")
        opt.text = ""
        widget = opt.widget
        st = widget.style() if widget is not None else None
        if st is None:
            super().paint(painter, option, index)
            return
        st.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(8, 4, -8, -4)
        painter.save()
        big = style.font(18, bold=True)
        small = style.font(13)
        painter.setFont(big)
        big_h = painter.fontMetrics().height()
        top = QRect(rect.left(), rect.top(), rect.width(), big_h)
        painter.setPen(QColor(style.INK))
        elide = Qt.TextElideMode.ElideRight
        elided = painter.fontMetrics().elidedText(primary, elide, rect.width())
        painter.drawText(top, int(_LEFT), elided)
        painter.setFont(small)
        painter.setPen(QColor(style.MUTED))
        bottom = QRect(rect.left(), top.bottom() + 1, rect.width(), rect.bottom() - top.bottom())
        elided = painter.fontMetrics().elidedText(secondary, elide, rect.width())
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(bottom, int(top_left), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), 62)
