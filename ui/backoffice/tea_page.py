"""The tea corner's menu in the back office: drinks, option groups and their prices, recipes
(stock items per drink and per option), active or not; saved through TeaMenu.

The list (search, Enter opens) is on the left, the drink's form on the right: its names,
price, order on the pad, its recipe ("SKU quantity; ..."), a table of option groups (code,
names, several allowed, required, default) and a table of their options (group, code, names,
price added, recipe). Ctrl+N a new drink, Ctrl+S saves, a refusal is shown in the user's
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.tea import MenuItem, OptionGroup, TeaError, TeaOption, Uses
from ui import format as fmt
from ui import i18n, style
from ui.backoffice.listing import RecordTable, form_button, labelled_row


class TeaMenuBackend(Protocol):
    def items(self) -> list[MenuItem]: ...
    def save_item(self, item: MenuItem, actor: Actor | None) -> MenuItem: ...
    def set_active(self, product_id: str, active: bool, actor: Actor) -> None: ...


class StockNames(Protocol):
    def skus(self, product_ids: Iterable[str]) -> dict[str, str]: ...
    def product_ids(self, skus: Iterable[str]) -> dict[str, str]: ...


class TeaServices(Protocol):
    """What the page needs of pos.app.bootstrap.Services."""

    @property
    def tea_menu(self) -> TeaMenuBackend: ...
    @property
    def tea_stock(self) -> StockNames: ...


GROUP_COLUMNS = 6  # code, Thai, English, several, required, default
OPTION_COLUMNS = 6  # group, code, Thai, English, price added, recipe


def _error(en: str, th: str) -> TeaError:
    return TeaError(en, th)


def parse_amount(text: str, what_en: str, what_th: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "") or "0")
    except InvalidOperation:
        raise _error(f"{what_en}: {text!r} is not an amount",
                     f"{what_th}: {text!r} ไม่ใช่จำนวนเงิน") from None  # fmt: skip
    if not value.is_finite():
        raise _error(f"{what_en}: {text!r} is not an amount", f"{what_th}: {text!r} ไม่ใช่จำนวนเงิน")
    return value


def recipe_parts(text: str) -> list[tuple[str, str]]:
    """ "TEA-LEAF 5; TEA-MILK 120" -> [("TEA-LEAF", "5"), ("TEA-MILK", "120")]."""
    out = []
    for part in filter(None, (p.strip() for p in text.replace(",", ";").split(";"))):
        sku, _, qty = part.rpartition(" ")
        out.append((sku.strip(), qty.strip()))
    return out


def parse_recipe(text: str, by_sku: dict[str, str], where_en: str, where_th: str) -> Uses:
    """ "TEA-LEAF 5; TEA-MILK 120" -> ((product id, 5), (product id, 120))."""
    out: list[tuple[str, Decimal]] = []
    for sku, qty in recipe_parts(text):
        if not sku:
            raise _error(f"{where_en}: write each stock item as 'SKU quantity'",
                         f"{where_th}: เขียนวัตถุดิบแต่ละรายการเป็น 'รหัส ปริมาณ'")  # fmt: skip
        pid = by_sku.get(sku)
        if pid is None:
            raise _error(f"{where_en}: no stock item {sku}", f"{where_th}: ไม่มีวัตถุดิบ {sku}")
        try:
            amount = Decimal(qty)
        except InvalidOperation:
            raise _error(f"{where_en}: {qty!r} is not a quantity",
                         f"{where_th}: {qty!r} ไม่ใช่ปริมาณ") from None  # fmt: skip
        out.append((pid, amount))
    return tuple(out)


def recipe_text(uses: Uses, sku_of: dict[str, str]) -> str:
    return "; ".join(f"{sku_of.get(pid, pid)} {format(qty.normalize(), 'f')}" for pid, qty in uses)


def _cell(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


def _check(on: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                  | Qt.ItemFlag.ItemIsSelectable)  # fmt: skip
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    return item


def _widget_at(layout: QHBoxLayout, index: int) -> QWidget | None:
    item = layout.itemAt(index)
    return None if item is None else item.widget()


def _table(name: str, columns: int) -> QTableWidget:
    table = style.named(QTableWidget(0, columns), name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


class TeaPage(QWidget):
    """The tea corner's menu: the list, and the form of the drink opened."""

    def __init__(self, services: TeaServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu = services.tea_menu
        self.stock = services.tea_stock
        self.actor = actor
        self.items: list[MenuItem] = []
        self.current: MenuItem | None = None  # the drink in the form (None: a new one)
        self.search = QLineEdit()
        self.list = RecordTable("teaItems", ["", "", "", ""], self.search)
        self.list.opened.connect(self.open_item)
        self.new_button = form_button("teaNew", "")
        self.new_button.clicked.connect(self.new_item)
        self.active_button = form_button("teaToggleActive", "")
        self.active_button.clicked.connect(self.toggle_active)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        keys = QHBoxLayout()
        keys.addWidget(self.new_button)
        keys.addWidget(self.active_button)
        left.addLayout(keys)
        self.form = self._build_form()
        body = QHBoxLayout(self)
        body.addLayout(left, 2)
        body.addWidget(self.form, 3)
        for keys_, slot in (("Ctrl+N", self.new_item), ("Ctrl+S", self.save)):
            QShortcut(QKeySequence(keys_), self).activated.connect(slot)
        self.setFocusProxy(self.search)
        self.retranslateUi()
        self.reload()
        self.new_item()

    def _build_form(self) -> QWidget:
        form = style.named(QWidget(), "teaForm")
        self.sku = style.named(QLineEdit(), "teaSku")
        self.price = style.named(QLineEdit(), "teaPrice")
        self.sort_order = style.named(QSpinBox(), "teaSortOrder")
        self.sort_order.setRange(0, 999)
        self.active = style.named(QCheckBox(), "teaActive")
        self.name_th = style.named(QLineEdit(), "teaNameTh")
        self.name_en = style.named(QLineEdit(), "teaNameEn")
        self.recipe = style.named(QLineEdit(), "teaRecipe")
        self.groups = _table("teaGroups", GROUP_COLUMNS)
        self.options = _table("teaOptions", OPTION_COLUMNS)
        self.add_group = form_button("teaAddGroup", "")
        self.add_group.clicked.connect(
            lambda: self._add_row(self.groups, ["", "", "", None, None, ""])
        )
        self.remove_group = form_button("teaRemoveGroup", "")
        self.remove_group.clicked.connect(lambda: self._remove_row(self.groups))
        self.add_option = form_button("teaAddOption", "")
        self.add_option.clicked.connect(lambda: self._add_row(self.options, [""] * 6))
        self.remove_option = form_button("teaRemoveOption", "")
        self.remove_option.clicked.connect(lambda: self._remove_row(self.options))
        self.save_button = form_button("teaSave", "")
        self.save_button.clicked.connect(self.save)
        self.message = style.named(QLabel(), "teaMessage")
        self.message.setWordWrap(True)
        self.captions: dict[str, QLabel] = {}
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        self._captions = labelled_row(("", self.sku, 2), ("", self.price, 1),
                                      ("", self.sort_order, 0))  # fmt: skip
        self._captions.addWidget(self.active)
        layout.addLayout(self._captions)
        self._names = labelled_row(("", self.name_th, 1), ("", self.name_en, 1))
        layout.addLayout(self._names)
        self._recipe_row = labelled_row(("", self.recipe, 1))
        layout.addLayout(self._recipe_row)
        self.groups_caption = QLabel()
        layout.addWidget(self.groups_caption)
        layout.addWidget(self.groups, 2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_group)
        row.addWidget(self.remove_group)
        layout.addLayout(row)
        self.options_caption = QLabel()
        layout.addWidget(self.options_caption)
        layout.addWidget(self.options, 3)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_option)
        row.addWidget(self.remove_option)
        layout.addLayout(row)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        return form

    # --- the list ---------------------------------------------------------------------------
    def _sku_of(self, item: MenuItem) -> dict[str, str]:
        """product id -> SKU of the stock items the item's recipes use."""
        ids = {pid for pid, _ in item.recipe}
        ids.update(pid for g in item.groups for o in g.options for pid, _ in o.uses)
        return self.stock.skus(ids)

    def _by_sku(self) -> dict[str, str]:
        """SKU -> product id of the stock items the form's recipes name."""
        texts = [self.recipe.text()]
        texts += [self._text(self.options, row, 5) for row in range(self.options.rowCount())]
        return self.stock.product_ids({sku for t in texts for sku, _ in recipe_parts(t) if sku})

    def reload(self, keep: str | None = None) -> None:
        self.items = self.menu.items()
        th = i18n.current_language() == "th"
        rows = [(item.product_id, [
            item.sku, item.name_th if th else item.name_en, fmt.money(item.price),
            self.tr("yes") if item.active else self.tr("no"),
        ]) for item in sorted(self.items, key=lambda i: (i.sort_order, i.sku))]  # fmt: skip
        self.list.set_rows(rows, keep)

    def item(self, product_id: str) -> MenuItem | None:
        return next((i for i in self.items if i.product_id == product_id), None)

    def open_item(self, product_id: str) -> None:
        item = self.item(product_id)
        if item is None:
            return
        self.current = item
        sku_of = self._sku_of(item)
        self.sku.setText(item.sku)
        self.sku.setReadOnly(True)
        self.price.setText(fmt.money(item.price).replace(",", ""))
        self.sort_order.setValue(item.sort_order)
        self.active.setChecked(item.active)
        self.name_th.setText(item.name_th)
        self.name_en.setText(item.name_en)
        self.recipe.setText(recipe_text(item.recipe, sku_of))
        self.groups.setRowCount(0)
        self.options.setRowCount(0)
        for g in item.groups:
            self._add_row(self.groups, [g.code, g.name_th, g.name_en, g.multi, g.required,
                                        g.default or ""])  # fmt: skip
            for o in g.options:
                self._add_row(self.options, [g.code, o.code, o.name_th, o.name_en,
                                             fmt.money(o.price_delta).replace(",", ""),
                                             recipe_text(o.uses, sku_of)])  # fmt: skip
        for table in (self.groups, self.options):  # from the first row, as the menu reads
            if table.rowCount():
                table.setCurrentCell(0, 0)
            table.scrollToTop()
        self.message.clear()
        self.name_th.setFocus()

    def new_item(self) -> None:
        self.current = None
        for field in (self.sku, self.price, self.name_th, self.name_en, self.recipe):
            field.clear()
        self.sku.setReadOnly(False)
        self.sort_order.setValue(len(self.items) + 1)
        self.active.setChecked(True)
        self.groups.setRowCount(0)
        self.options.setRowCount(0)
        self.message.clear()
        self.sku.setFocus()

    def _add_row(self, table: QTableWidget, cells: Sequence[str | bool | None]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for col, value in enumerate(cells):
            if isinstance(value, bool) or value is None:
                table.setItem(row, col, _check(bool(value)))
            else:
                table.setItem(row, col, _cell(value))
        table.setCurrentCell(row, 0)

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)

    # --- saving -----------------------------------------------------------------------------
    def _text(self, table: QTableWidget, row: int, col: int) -> str:
        item = table.item(row, col)
        return "" if item is None else item.text().strip()

    def _checked(self, table: QTableWidget, row: int, col: int) -> bool:
        item = table.item(row, col)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def item_of_form(self) -> MenuItem:
        """The form as a menu item (TeaError names what cannot be read)."""
        by_sku = self._by_sku()
        sku = self.sku.text().strip()
        if not sku:
            raise _error("the drink needs a SKU", "เมนูต้องมีรหัสสินค้า")
        options: dict[str, list[TeaOption]] = {}
        for row in range(self.options.rowCount()):
            group, code = self._text(self.options, row, 0), self._text(self.options, row, 1)
            where = f"{group}/{code}"
            options.setdefault(group, []).append(TeaOption(
                code, self._text(self.options, row, 2), self._text(self.options, row, 3),
                parse_amount(self._text(self.options, row, 4), f"{where} price", f"{where} ราคา"),
                parse_recipe(self._text(self.options, row, 5), by_sku, where, where),
            ))  # fmt: skip
        groups = []
        for row in range(self.groups.rowCount()):
            code = self._text(self.groups, row, 0)
            groups.append(OptionGroup(
                code, self._text(self.groups, row, 1), self._text(self.groups, row, 2),
                tuple(options.pop(code, [])), multi=self._checked(self.groups, row, 3),
                required=self._checked(self.groups, row, 4),
                default=self._text(self.groups, row, 5) or None,
            ))  # fmt: skip
        if options:
            missing = ", ".join(sorted(options))
            raise _error(f"options of a group that is not in the groups table: {missing}",
                         f"ตัวเลือกของกลุ่มที่ไม่มีในตารางกลุ่ม: {missing}")  # fmt: skip
        current = self.current
        return MenuItem(
            product_id="" if current is None else current.product_id,
            sku=sku,
            name_th=self.name_th.text().strip(),
            name_en=self.name_en.text().strip(),
            price=parse_amount(self.price.text(), "price", "ราคา"),
            groups=tuple(groups),
            recipe=parse_recipe(self.recipe.text(), by_sku, "recipe", "สูตร"),
            active=self.active.isChecked(),
            sort_order=self.sort_order.value(),
            image=None if current is None else current.image,
            vat_exempt=False if current is None else current.vat_exempt,
        )

    def save(self) -> None:
        try:
            saved = self.menu.save_item(self.item_of_form(), self.actor)
        except ShopError as exc:
            self.show_message(exc.message(i18n.current_language()), error=True)
            return
        self.reload(keep=saved.product_id)
        self.open_item(saved.product_id)
        self.show_message(self.tr("Saved: {name}").format(name=saved.name_th))

    def toggle_active(self) -> None:
        key = self.list.current_key()
        item = self.item(key) if key else None
        if item is None:
            return
        try:
            self.menu.set_active(item.product_id, not item.active, self.actor)
        except ShopError as exc:
            self.show_message(exc.message(i18n.current_language()), error=True)
            return
        self.reload(keep=item.product_id)
        if self.current is not None and self.current.product_id == item.product_id:
            self.open_item(item.product_id)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {style.RED if error else style.GREEN};")

    @property
    def message_text(self) -> str:
        return str(self.message.text())

    # --- language -----------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.search.setPlaceholderText(self.tr("Search the menu…"))
        self.list.model_.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Drink"), self.tr("Price"), self.tr("Active")]
        )
        self.new_button.setText(self.tr("New drink (Ctrl+N)"))
        self.active_button.setText(self.tr("Active / inactive"))
        captions = [self.tr("SKU"), self.tr("Price"), self.tr("Order on the pad")]
        for i, text in enumerate(captions):
            label = _widget_at(self._captions, i * 2)
            if isinstance(label, QLabel):
                label.setText(text)
        self.active.setText(self.tr("On the menu"))
        for layout, texts in (
            (self._names, [self.tr("Thai name"), self.tr("English name")]),
            (self._recipe_row, [self.tr("Recipe (SKU quantity; …)")]),
        ):
            for i, text in enumerate(texts):
                label = _widget_at(layout, i * 2)
                if isinstance(label, QLabel):
                    label.setText(text)
        self.groups_caption.setText(self.tr("Option groups"))
        self.groups.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Thai"), self.tr("English"), self.tr("Several"),
            self.tr("Required"), self.tr("Default")])  # fmt: skip
        self.options_caption.setText(self.tr("Options and their prices"))
        self.options.setHorizontalHeaderLabels([
            self.tr("Group"), self.tr("Code"), self.tr("Thai"), self.tr("English"),
            self.tr("Price +"), self.tr("Recipe")])  # fmt: skip
        self.add_group.setText(self.tr("Add group"))
        self.remove_group.setText(self.tr("Remove group"))
        self.add_option.setText(self.tr("Add option"))
        self.remove_option.setText(self.tr("Remove option"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search.setFocus()
