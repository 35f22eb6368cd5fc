"""F7 Basket: sell a template basket (with what can be made now) or build one at the counter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.basket import BasketItem, CustomBasket
from pos.domain.cart import ProductInfo
from pos.domain.errors import CartError, ShopError
from pos.domain.scan import ScanResult
from pos.services.baskets import TemplateChoice
from ui import format as fmt
from ui import i18n, style
from ui.dialogs import parse_decimal

# runs `fn` in the till's worker; the outcome comes back on the UI thread
Runner = Callable[
    [Callable[[], ScanResult], Callable[[ScanResult], None], Callable[[Exception], None]], None
]


class BasketDialog(QDialog):
    """Two ways to a basket: pick a template, or scan items into a new one.

    Enter in the basket scan field adds the scanned item; Ctrl+Enter puts the custom basket in
    the cart; Enter on the template list (when the scan field is empty) adds the template.
    """

    templateChosen = Signal(object, int, bool)  # BasketTemplate, count, ready-made
    customBuilt = Signal(object)  # CustomBasket

    def __init__(
        self,
        choices: Sequence[TemplateChoice],
        packaging: Sequence[ProductInfo],
        lookup: Callable[[str], ScanResult],
        run: Runner,
        allow_negative: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("basketDialog")
        self.setModal(True)
        self.resize(1000, 680)
        # in season first; the others are listed greyed out with the dates they sell
        self._choices = sorted(choices, key=lambda c: not c.active)
        self._packaging = list(packaging)
        self._lookup = lookup
        self._run = run
        self._allow_negative = allow_negative
        self.basket = CustomBasket()
        self._pending = 0

        self._title = style.named(QLabel(), "dialogTitle")
        self._templates_caption = QLabel()
        self.templates = style.named(QTableWidget(0, 4), "basketTemplates")
        self.templates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.templates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.templates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.templates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.templates.verticalHeader().setVisible(False)
        header = self.templates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.templates.cellDoubleClicked.connect(lambda row, _c: self._choose_template(row))
        self._add_template = style.button("basketAddTemplate")
        self._add_template.clicked.connect(
            lambda: self._choose_template(self.templates.currentRow()))
        self._add_ready = style.button("basketAddReady")
        self._add_ready.clicked.connect(
            lambda: self._choose_template(self.templates.currentRow(), ready=True))

        self._custom_caption = QLabel()
        self.scan_field = style.named(QLineEdit(), "basketScan")
        self.scan_field.returnPressed.connect(self._scan)
        self.scan_field.installEventFilter(self)
        self.contents = style.named(QListWidget(), "basketContents")
        self.contents.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.container = style.named(QComboBox(), "basketContainer")
        self.wrapping = style.named(QComboBox(), "basketWrapping")
        for combo in (self.container, self.wrapping):
            combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            combo.addItem("—", None)
            for p in self._packaging:
                combo.addItem(f"{p.name_th} · {fmt.money(p.unit_price)}", p.product_id)
            combo.currentIndexChanged.connect(lambda _i: self._update())
        self.fee = style.named(QLineEdit(), "basketFee")
        self.fee.setText("0.00")
        self.fee.textChanged.connect(lambda _t: self._update())
        self.set_price = style.named(QLineEdit(), "basketSetPrice")
        self.set_price.textChanged.connect(lambda _t: self._update())
        self.message_field = style.named(QLineEdit(), "basketMessage")
        self._labels = {k: QLabel() for k in ("container", "wrapping", "fee", "price", "msg")}
        self.price_label = style.named(QLabel(), "basketPrice")
        self._status = style.named(QLabel(), "basketStatus")
        self._status.setWordWrap(True)
        self._add_custom = style.button("basketAddCustom")
        self._add_custom.clicked.connect(self.finish_custom)
        self._cancel = style.button("basketCancel")
        self._cancel.clicked.connect(self.reject)

        form = QGridLayout()
        rows = [
            ("container", self.container), ("wrapping", self.wrapping), ("fee", self.fee),
            ("price", self.set_price), ("msg", self.message_field),
        ]
        for r, (name, w) in enumerate(rows):
            form.addWidget(self._labels[name], r, 0)
            form.addWidget(w, r, 1)
        left = QVBoxLayout()
        left.addWidget(self._templates_caption)
        left.addWidget(self.templates, 1)
        tbuttons = QHBoxLayout()
        tbuttons.addWidget(self._add_ready)
        tbuttons.addWidget(self._add_template)
        left.addLayout(tbuttons)
        right = QVBoxLayout()
        right.addWidget(self._custom_caption)
        right.addWidget(self.scan_field)
        right.addWidget(self.contents, 1)
        right.addLayout(form)
        right.addWidget(self.price_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._status, 1)
        buttons.addWidget(self._cancel)
        buttons.addWidget(self._add_custom)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.retranslateUi()
        self._fill_templates()
        self._update()

    # --- API (tests read these) ------------------------------------------------------
    @property
    def status(self) -> str:
        return str(self._status.text())

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def start(self) -> None:
        self.open()
        self.scan_field.setFocus()

    # --- templates -------------------------------------------------------------------
    def _fill_templates(self) -> None:
        table = self.templates
        table.setRowCount(len(self._choices))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        en = i18n.current_language() == "en"
        for r, c in enumerate(self._choices):
            t = c.template
            if c.active:
                made = self.tr("{n} can be made").format(n=c.can_make)
            else:
                made = self.tr("Not in season")
            cells = [
                QTableWidgetItem(t.name_en if en else t.name_th),
                QTableWidgetItem(fmt.money(c.price)),
                QTableWidgetItem(made),
                QTableWidgetItem(self.tr("{n} ready").format(n=f"{c.ready:,.0f}")),
            ]
            for col, item in enumerate(cells):
                if col:
                    item.setTextAlignment(right)
                if not c.active:
                    item.setForeground(QColor(style.MUTED))
                table.setItem(r, col, item)
        if self._choices:
            table.selectRow(0)

    def _choose_template(self, row: int, ready: bool = False) -> None:
        if not 0 <= row < len(self._choices):
            return
        choice = self._choices[row]
        if not choice.active and not ready:
            self._show(self.tr("This basket is not sold in this season"), "error")
            return
        if ready and choice.ready < 1:
            self._show(self.tr("No ready-made basket of this kind on the shelf"), "error")
            return
        if not ready and choice.can_make < 1 and not self._allow_negative:
            self._show(self.tr("Not enough stock to make this basket"), "error")
            return
        self.accept()
        self.templateChosen.emit(choice.template, 1, ready)

    # --- custom basket ---------------------------------------------------------------
    def _scan(self) -> None:
        text = self.scan_field.text().strip()
        self.scan_field.clear()
        if not text:
            if self.basket.contents:
                return
            self._choose_template(self.templates.currentRow())
            return
        self._pending += 1
        lookup = self._lookup
        self._run(lambda: lookup(text), self._on_scanned, self._on_failed)

    def _on_scanned(self, scan: ScanResult) -> None:
        self._pending -= 1
        if scan.basket is not None or scan.fixed_gross is not None:
            self._show(self.tr("Only single products go into a basket"), "error")
            return
        try:
            self.basket.add(scan.product, scan.quantity)
        except ShopError as exc:
            self._show(exc.message(i18n.current_language()), "error")
            return
        self._status.clear()
        self._update()

    def _on_failed(self, exc: Exception) -> None:
        self._pending -= 1
        if isinstance(exc, ShopError):
            self._show(exc.message(i18n.current_language()), "error")
        else:
            self._show(self.tr("Something went wrong; the error was logged"), "error")

    def _item(self, combo: QComboBox) -> BasketItem | None:
        pid = combo.currentData()
        for p in self._packaging:
            if p.product_id == pid:
                return BasketItem(p, Decimal(1))
        return None

    def _update(self) -> None:
        b = self.basket
        b.container = self._item(self.container)
        b.wrapping = self._item(self.wrapping)
        b.fee = parse_decimal(self.fee.text()) or Decimal(0)
        b.set_price = parse_decimal(self.set_price.text())
        self.contents.clear()
        en = i18n.current_language() == "en"
        for item in b.items:
            p = item.product
            name = p.name_en if en else p.name_th
            self.contents.addItem(f"{item.quantity:,.0f} × {name}  {fmt.money(item.value)}")
        text = self.tr("Basket price: {price}").format(price=fmt.baht(b.price()))
        if b.set_price is not None:
            text += "  " + self.tr("(set price: a manager approves it)")
        self.price_label.setText(text)

    def finish_custom(self) -> None:
        if self.busy:
            self._show(self.tr("One moment: looking up the last scan…"), "info")
            return
        self._update()
        if not self.basket.contents:
            self._show(self.tr("Scan the items into the basket first"), "error")
            return
        if self.basket.fee < 0 or (self.basket.set_price is not None and self.basket.set_price < 0):
            self._show(CartError("A price cannot be negative", "ราคาต้องไม่ติดลบ").message(
                i18n.current_language()), "error")
            return
        self.basket.message = self.message_field.text().strip()
        self.accept()
        self.customBuilt.emit(self.basket)

    def _show(self, text: str, kind: str) -> None:
        self._status.setText(text)
        self._status.setProperty("kind", kind)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
                self.finish_custom()
                return True
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}
            if key in steps and self._choices:
                row = max(0, min(len(self._choices) - 1, self.templates.currentRow() + steps[key]))
                self.templates.selectRow(row)
                return True
        return super().eventFilter(watched, event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Gift basket (F7)"))
        self._title.setText(self.tr("Gift basket"))
        self._templates_caption.setText(self.tr("Baskets of the shop: ↑/↓ then Enter"))
        self._custom_caption.setText(self.tr("Or make one: scan the items into it"))
        self.scan_field.setPlaceholderText(self.tr("Scan an item for the basket…"))
        self.templates.setHorizontalHeaderLabels(
            [self.tr("Basket"), self.tr("Price"), self.tr("In stock"), self.tr("Ready-made")])
        self._labels["container"].setText(self.tr("Container"))
        self._labels["wrapping"].setText(self.tr("Wrapping"))
        self._labels["fee"].setText(self.tr("Fee"))
        self._labels["price"].setText(self.tr("Set price"))
        self._labels["msg"].setText(self.tr("Gift card message"))
        self._add_template.setText(self.tr("Make this basket (Enter)"))
        self._add_ready.setText(self.tr("Ready-made from the shelf"))
        self._add_custom.setText(self.tr("Add basket to sale (Ctrl+Enter)"))
        self._cancel.setText(self.tr("Close (Esc)"))
        self._update()
