"""The cart as a Qt table model: #, product, qty, unit price, discount, line total."""

from __future__ import annotations

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

from pos.domain.cart import Cart, CartLine, DiscountKind, SoldBy
from ui import format as fmt
from ui import style

SECONDARY_ROLE = Qt.ItemDataRole.UserRole + 1  # the product's name in the other language
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the CartLine itself

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NO = 0
    PRODUCT = 1
    QTY = 2
    PRICE = 3
    DISCOUNT = 4
    TOTAL = 5


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
FLASH = QColor(style.GOLD_LIGHT)


class CartTableModel(QAbstractTableModel):
    """A view of one `Cart`: the sale session changes the cart, then `refresh` shows it."""

    def __init__(self, cart: Cart, language: str = "th", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._rows = len(cart)  # the rows the views know about
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
        self._rows = len(cart)
        self._flash_row = -1
        self.endResetModel()

    def line(self, row: int) -> CartLine:
        return self._cart.lines[row]

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
        n = len(self._cart)
        if n > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, n - 1)
            self._rows = n
            self.endInsertRows()
        elif n < self._rows:
            self.beginResetModel()
            self._rows = n
            self.endResetModel()
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
        line = self._cart.lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, index.row(), col)
        if role == SECONDARY_ROLE and col == Column.PRODUCT:
            if line.group_id is not None:
                return self._group_caption(line, index.row())
            return self._names(line)[1]
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == Column.PRODUCT:
                return _LEFT
            return _CENTER if col == Column.NO else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, col)
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

    def _display(self, line: CartLine, row: int, col: int) -> str:
        if col == Column.NO:
            return str(row + 1)
        if col == Column.PRODUCT:
            if line.group_id is not None:  # a basket's item, indented under its basket
                return "    └ " + self._names(line)[0]
            return self._names(line)[0]
        if col == Column.QTY:
            return fmt.line_quantity(line)
        if col == Column.PRICE:
            if line.group_id is not None:
                return ""  # the basket has one price, shared over its items
            return fmt.money(line.unit_price)
        if col == Column.DISCOUNT:
            return f"-{fmt.money(line.discount_amount)}" if line.discount else ""
        if col == Column.TOTAL:
            return fmt.money(line.net)
        return ""

    def _group_caption(self, line: CartLine, row: int) -> str:
        """Under a basket's first item: the basket, its price and card; under the others,
        the item's name in the other language."""
        group = self._cart.groups.get(line.group_id or "")
        first = row == 0 or self._cart.lines[row - 1].group_id != line.group_id
        if group is None or not first:
            return "      " + self._names(line)[1]
        name = group.name_en if self._language == "en" else group.name_th
        caption = f"      [{name} × {group.count} = {fmt.money(group.price * group.count)}]"
        return caption + (f" “{group.message}”" if group.message else "")

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
