"""The till's panels: header, scan field, cart table, totals, last line and status bar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.domain import shop_time
from pos.domain.bilingual import ENGLISH, THAI, pick
from pos.domain.cart import Cart, CartGroup, CartLine
from pos.domain.settings import Settings
from ui import format as fmt
from ui import style
from ui.cart_model import CartTableModel, Column, ProductDelegate
from ui.sync_status import SyncStatusIndicator
from ui.till import actions

if TYPE_CHECKING:
    from pos.ports.orders import StockFigure
    from pos.ports.terminals import TerminalInfo
    from pos.services.search import ProductIndex
    from pos.services.till import TillContext


class StoreState(Protocol):
    """What the status bar shows of the store's opening and its catalogue."""

    @property
    def open_error(self) -> str: ...
    @property
    def index(self) -> ProductIndex | None: ...
    @property
    def index_error(self) -> str: ...


def other_language(language: str) -> str:
    return THAI if language == ENGLISH else ENGLISH


class ScanField(QLineEdit):
    """Where the keyboard-wedge scanner (or the cashier) types codes, then Enter."""

    navigate = Signal(int)  # move the line selection by n rows
    removeLine = Signal()
    stepQuantity = Signal(int)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self._shortcut(event):
            return
        key = event.key()
        empty = not self.text()
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8,
                 Qt.Key.Key_PageDown: 8}
        if key in moves:
            self.navigate.emit(moves[Qt.Key(key)])
        elif key == Qt.Key.Key_Delete and empty:
            self.removeLine.emit()
        elif key == Qt.Key.Key_Plus and empty:
            self.stepQuantity.emit(1)
        elif key == Qt.Key.Key_Minus and empty:
            self.stepQuantity.emit(-1)
        elif key == Qt.Key.Key_Escape:
            self.clear()
            self.escaped.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _shortcut(self, event: QKeyEvent) -> bool:
        """A Ctrl key of the window's that reached the field: run its action.

        With X11's key bindings QLineEdit claims some of the till's Ctrl keys before the
        window's shortcuts see them (Ctrl+U: delete the line), so the price override never
        opened on a Linux desktop; here they go to the window's action all the same."""
        pressed = QKeySequence(event.keyCombination())
        exact = QKeySequence.SequenceMatch.ExactMatch
        for action in self.window().actions():
            if action.isEnabled() and any(s.matches(pressed) == exact
                                          for s in action.shortcuts()):
                event.accept()
                action.trigger()
                return True
        return False


def _label(name: str, *, wrap: bool = False, right: bool = False) -> QLabel:
    label = style.named(QLabel(), name)
    label.setWordWrap(wrap)
    if right:
        label.setAlignment(Qt.AlignmentFlag.AlignRight)
    return label


class HeaderPanel(QFrame):
    """The shop, the clock, who is at the till, the shift menu, log-out and language."""

    def __init__(self) -> None:
        super().__init__()
        style.named(self, "header")
        hl = QHBoxLayout(self)
        hl.setContentsMargins(18, 8, 18, 8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.shop_title = style.named(style.ElidedLabel(), "shopTitle")  # a long name: "…"
        self.shop_subtitle = _label("shopSubtitle")
        titles.addWidget(self.shop_title)
        titles.addWidget(self.shop_subtitle)
        hl.addLayout(titles, 1)
        self.clock_label = _label("clockLabel")
        self.cashier_label = _label("cashierLabel")
        self.menu_button = style.button("menuButton")  # the till's menu: shift, tea, rooms, ...
        self.menu = QMenu(self.menu_button)
        self.menu_button.setMenu(self.menu)
        self.logout_button = style.button("logoutButton")
        self.language_button = style.button("languageButton")
        for b in (self.menu_button, self.logout_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for w in (self.clock_label, self.cashier_label, self.menu_button, self.logout_button,
                  self.language_button):
            hl.addWidget(w)

    def retranslate(self, settings: Settings, terminal: TerminalInfo | None,
                    language: str) -> None:
        self.shop_title.setText(pick(language, settings.shop_name_th, settings.shop_name_en))
        self.shop_subtitle.setText("" if terminal is None else self.tr(
            "{terminal} · receipts {prefix}").format(terminal=terminal.name,
                                                     prefix=terminal.receipt_prefix))
        self.language_button.setText(pick(language, "English", "ไทย"))  # the other language
        self.language_button.setToolTip(actions.tooltip("language"))
        self.menu_button.setText(self.tr("Menu"))
        self.logout_button.setText(self.tr("Log out"))
        self.logout_button.setToolTip(actions.tooltip("logout"))

    def tick(self, language: str) -> None:
        at = shop_time.local(datetime.now(UTC))
        year = shop_time.year_for(at.year, language)
        self.clock_label.setText(f"{at:%d/%m}/{year}  {at:%H:%M}")


class ScanRow(QWidget):
    """The scan field's caption, the field, and the chip of a quantity typed first (F3)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.caption = _label("scanLabel")
        layout.addWidget(self.caption)
        row = QHBoxLayout()
        self.field = style.named(ScanField(), "scanField")
        self.field.setMinimumHeight(58)
        row.addWidget(self.field, 1)
        self.qty_chip = _label("pendingQty")
        self.qty_chip.hide()
        row.addWidget(self.qty_chip)
        layout.addLayout(row)

    def show_quantity(self, qty: int | None) -> None:
        if qty is None:
            self.qty_chip.hide()
        else:
            self.qty_chip.setText(f"× {qty}")
            self.qty_chip.show()


def cart_table(model: CartTableModel) -> QTableView:
    """The cart's lines: big rows, one selected, never the keyboard's focus."""
    table = style.named(QTableView(), "cartTable")
    table.setModel(model)
    table.setItemDelegateForColumn(Column.PRODUCT, ProductDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    style.WholeRows(table, 64)  # big rows, none cut in half under the header
    head = table.horizontalHeader()
    head.setHighlightSections(False)
    head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    head.setSectionResizeMode(Column.PRODUCT, QHeaderView.ResizeMode.Stretch)
    for col, width in ((Column.NO, 48), (Column.QTY, 96), (Column.PRICE, 120),
                       (Column.DISCOUNT, 110), (Column.TOTAL, 140)):
        head.resizeSection(col, width)
    return table


class TotalsPanel(QFrame):
    """The sale's total, its items and lines, discounts and the VAT split."""

    def __init__(self) -> None:
        super().__init__()
        style.named(self, "totalsPanel")
        tl = QVBoxLayout(self)
        tl.setContentsMargins(20, 14, 20, 16)
        tl.setSpacing(2)
        self.caption = _label("totalCaption")
        self.total_label = _label("totalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.items_label = _label("itemsLabel")
        self.discount_label = _label("discountLabel")
        self.vat_label = _label("vatLabel", wrap=True)
        for w in (self.caption, self.total_label, self.items_label, self.discount_label,
                  self.vat_label):
            tl.addWidget(w)

    def show_cart(self, cart: Cart, settings: Settings) -> None:
        totals = cart.totals()
        self.caption.setText(self.tr("TOTAL"))
        self.total_label.setText(fmt.baht(totals.total))
        # the lines as the cart's # column counts them: a gift basket is one
        lines = sum(1 for line in cart.lines if line.group_id is None) + len(cart.groups)
        self.items_label.setText(self.tr("{items} item(s) · {lines} line(s)").format(
            items=f"{fmt.item_count(cart.lines):,.0f}", lines=lines))
        discount = totals.line_discounts + totals.sale_discount
        self.discount_label.setVisible(bool(discount))
        self.discount_label.setText(
            self.tr("Discounts −{amount}").format(amount=fmt.money(discount)))
        if settings.vat_registered:
            self.vat_label.setText(
                self.tr("VAT-able {vatable} · Exempt {exempt} · VAT {rate}% {vat}").format(
                    vatable=fmt.money(totals.vatable), exempt=fmt.money(totals.exempt),
                    rate=f"{cart.vat_rate:g}", vat=fmt.money(totals.vat)))
        else:
            self.vat_label.setText(self.tr("Not VAT registered: no VAT on the receipt"))


class LastLinePanel(QFrame):
    """The line just scanned or selected, in big type; the sale just saved and its change."""

    def __init__(self) -> None:
        super().__init__()
        style.named(self, "lastPanel")
        ll = QVBoxLayout(self)
        ll.setContentsMargins(18, 12, 18, 14)
        self.caption = _label("lastCaption")
        self.name = _label("lastName", wrap=True)
        self.secondary = _label("lastNameSecondary", wrap=True)
        self.detail = _label("lastDetail", wrap=True, right=True)
        # the scanned product's stock, with what online orders hold ("reserved N")
        self.stock = _label("lastStock", right=True)
        self._stock: tuple[str, StockFigure] | None = None
        self._product_id = ""  # the product of the line shown ("": none)
        self.price = _label("lastPrice", right=True)
        self.change = _label("changeDueLabel", right=True)
        self.change.hide()
        self.showing_sale = False  # the sale just saved (and its change) is on show
        for w in (self.caption, self.name, self.secondary):
            ll.addWidget(w)
        ll.addStretch(1)
        for w in (self.stock, self.detail, self.price, self.change):
            ll.addWidget(w)

    def _set(self, caption: str, name: str = "", secondary: str = "", detail: str = "",
             price: str = "") -> None:
        for label, text in ((self.caption, caption), (self.name, name),
                            (self.secondary, secondary), (self.detail, detail),
                            (self.price, price)):
            label.setText(text)

    def show_line(self, number: int, line: CartLine | None, language: str) -> None:
        """Line `number` (the cart's # column), or the next customer's welcome (None)."""
        self.change.hide()
        self.showing_sale = False
        if line is None:
            self._product_id = ""
            self._set(self.tr("Ready for the next customer"))
            self._show_stock()
            return
        p = line.product
        self._product_id = p.product_id
        first, second = p.name.pick(language), p.name.pick(other_language(language))
        if line.detail is not None:  # a drink's options, a booking's time: above the name
            second = f"{line.detail.pick(language)}\n{second}"
        unit = p.unit.pick(language)
        detail = f"{fmt.line_quantity(line)} {unit} × {fmt.money(line.unit_price)}"
        if line.discount is not None:
            detail += "  " + self.tr("discount −{amount}").format(
                amount=fmt.money(line.discount_amount))
        if p.vat_exempt:
            detail += "  · " + self.tr("VAT exempt")
        self._set(self.tr("Line {n}").format(n=number), first, second, detail,
                  fmt.baht(line.net))
        self._show_stock()

    def show_stock(self, product_id: str, figure: StockFigure | None) -> None:
        """The stock of a product just scanned (shown while its line is)."""
        self._stock = (product_id, figure) if figure is not None else None
        self._show_stock()

    def _show_stock(self) -> None:
        if self._stock is None or self._stock[0] != self._product_id or self.showing_sale:
            self.stock.clear()
            return
        figure = self._stock[1]
        text = self.tr("In stock {n}").format(n=fmt.stock(figure.on_hand))
        if figure.reserved:
            text += " · " + self.tr("reserved {n}").format(n=figure.reserved)
        self.stock.setText(text)

    def show_basket(self, number: int, basket: CartGroup, items: Sequence[CartLine],
                    language: str) -> None:
        """A gift basket's own row: its name, how many at what price, its amount."""
        self.change.hide()
        self._product_id = ""
        self._show_stock()
        detail = self.tr("Gift basket of {items} item(s): {count} × {price}").format(
            items=len(items), count=basket.count, price=fmt.money(basket.price))
        self._set(self.tr("Line {n}").format(n=number), basket.name.pick(language),
                  basket.name.pick(other_language(language)), detail,
                  fmt.baht(sum((ln.net for ln in items), Decimal(0))))

    def show_sale(self, receipt_no: str, total: str, change: str) -> None:
        """A sale just saved: its number, total and the change to give."""
        self._set(self.tr("Sale {number} saved").format(number=receipt_no),
                  self.tr("Total {amount}").format(amount=total))
        if change:
            self.change.setText(self.tr("Change {amount}").format(amount=change))
            self.change.show()
        self.showing_sale = True
        self._show_stock()

    def clear_sale(self) -> None:
        """The sale just saved is no longer the news (a refund, a report, the shift closed,
        the next sale begun): its total and change leave the panel."""
        if self.showing_sale:
            self.show_line(-1, None, "")


class StatusPanel(QObject):
    """The status bar's fields: terminal, store, busy, catalogue, language, sync."""

    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.terminal = _label("statusTerminal")
        self.store = _label("statusStore")
        self.catalogue = _label("statusCatalogue")
        self.language = _label("statusLanguage")
        self.busy = _label("statusBusy")
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.terminal)
        bar.addWidget(self.store, 1)
        for w in (self.busy, self.catalogue, self.language):
            bar.addPermanentWidget(w)
        self.sync = SyncStatusIndicator(parent)  # "Stand-alone" without a central server
        bar.addPermanentWidget(self.sync)

    def show(self, ctx: TillContext | None, store: StoreState, language: str) -> None:
        if ctx is not None:
            t = ctx.terminal
            self.terminal.setText(self.tr("Terminal: {name} ({prefix})").format(
                name=t.name, prefix=t.receipt_prefix))
            self.store.setText(ctx.store_label)
        else:
            self.terminal.setText("")
            self.store.setText(self.tr("Store not open") if store.open_error
                               else self.tr("Opening the store…"))
        index = store.index
        if index is not None:
            self.catalogue.setText(self.tr("Catalogue: {count} products").format(
                count=f"{len(index):,}"))
        elif store.index_error:
            self.catalogue.setText(self.tr("Catalogue: not available"))
        else:
            self.catalogue.setText(self.tr("Loading catalogue…"))
        self.language.setText(self.tr("Language: {name}").format(
            name=pick(language, "ไทย", "English")))

    def show_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("working…") if busy else "")
