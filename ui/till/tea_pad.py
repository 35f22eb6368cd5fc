"""The tea corner's menu pad: big buttons for the drinks, their options, the quantity, "add"."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.domain.bilingual import pick
from pos.domain.errors import ShopError
from ui import format as fmt
from ui import i18n, style

if TYPE_CHECKING:
    from pos.domain.tea import MenuItem, OptionGroup

COLUMNS = 4  # tiles per row of the menu
TILE = QSize(250, 150)
ICON = 84
MAX_QUANTITY = 99

PAD_STYLE = f"""
#teaPad {{ background: {style.SURFACE}; }}
#teaPad QScrollArea, #teaPad QScrollArea > QWidget > QWidget {{ background: transparent; }}
#teaPad QPushButton[tile="true"] {{
    font-size: 19px; font-weight: bold; color: {style.PURPLE_DARK}; background: white;
    border: 3px solid #cbb9da; border-radius: 14px; padding: 6px; text-align: left;
    min-height: 130px;
}}
#teaPad QPushButton[tile="true"][current="true"] {{
    border-color: {style.GOLD}; background: #fffaf0;
}}
#teaPad QPushButton[option="true"] {{
    min-height: 64px; min-width: 110px; font-size: 18px; color: {style.PURPLE_DARK};
    background: white; border: 3px solid #cbb9da; border-radius: 12px; padding: 4px 10px;
}}
#teaPad QPushButton[option="true"]:checked {{
    background: {style.PURPLE}; color: white; border-color: {style.PURPLE};
}}
#teaPad QPushButton[option="true"][current="true"] {{ border-color: {style.GOLD}; }}
#teaPad QPushButton[option="true"][current="true"]:checked {{ border-color: {style.GOLD}; }}
#teaGroupName {{ font-size: 17px; font-weight: bold; color: {style.MUTED}; }}
#teaItemName {{ font-size: 26px; font-weight: bold; color: {style.PURPLE}; }}
#teaPrice {{ font-size: 40px; font-weight: bold; color: {style.PURPLE}; }}
#teaQuantity {{ font-size: 34px; font-weight: bold; color: {style.INK}; min-width: 70px; }}
#teaPad QPushButton#teaAdd {{
    min-height: 64px; font-size: 22px; font-weight: bold;
    background: {style.GOLD}; border-color: #a8861c; color: {style.PURPLE_DARK};
}}
#teaPad QPushButton#teaBack, #teaPad QPushButton#teaClose,
#teaPad QPushButton#teaLess, #teaPad QPushButton#teaMore {{ min-height: 64px; font-size: 20px; }}
"""


def tile_icon(item: MenuItem, side: int = ICON) -> QIcon:
    """The item's photo cropped square, or its first letter on silk purple."""
    path = str(item.image or "")
    if path and Path(path).is_file():
        picture = QPixmap(path)
        if not picture.isNull():
            short = min(picture.width(), picture.height())
            square = picture.copy(
                (picture.width() - short) // 2, (picture.height() - short) // 2, short, short
            )
            return QIcon(
                square.scaled(
                    side,
                    side,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(style.PURPLE_SOFT))
    painter = QPainter(pixmap)
    painter.setPen(QColor(style.PURPLE))
    painter.setFont(style.font(side // 2, bold=True))
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), item.name_th[:1])
    painter.end()
    return QIcon(pixmap)


def _delta(amount: Decimal) -> str:
    """An option's price beside the drink's: "+10.00", "−10.00"."""
    return ("−" if amount < 0 else "+") + fmt.money(abs(amount))


def _polish(widget: QWidget, name: str, value: bool) -> None:
    widget.setProperty(name, "true" if value else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class TeaPad(QDialog):
    """Pick a drink (arrows and Enter, or a touch), its options and quantity, then "add".

    The keyboard stays on the pad itself: on the menu, the arrows move between the drinks and
    Enter opens one; on a drink, Up/Down move between its option groups and the quantity,
    Left/Right between the choices (a single choice is taken as the cursor moves, Space
    toggles a topping), + and − or a digit set the quantity, Enter adds, Esc goes back.
    """

    lineChosen = Signal(object)  # CartLine: the drink, its options and quantity

    def __init__(
        self, menu: Sequence[MenuItem], language: str = "th", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teaPad")
        self.setModal(True)
        self.setStyleSheet(style.STYLE_SHEET + PAD_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.language = language
        self.menu = [item for item in menu if item.active]
        self.item: MenuItem | None = None  # the drink being chosen (None: the menu)
        self.choice: dict[str, list[str]] = {}
        self.quantity = 1
        self.tile_index = 0  # the menu's current tile
        self.row = 0  # the options page: its current row (groups, then the quantity)
        self.col: dict[int, int] = {}  # the current choice in each row
        self._option_buttons: list[list[tuple[str, QPushButton]]] = []
        self.pages = QStackedWidget()
        self.title = style.named(QLabel(), "dialogTitle")
        self.message = style.named(QLabel(), "dialogMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._build_menu_page()
        self.options_page = style.named(QWidget(), "teaOptionsPage")
        self.pages.addWidget(self.options_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        self.resize(1180, 700)
        self.retranslateUi()
        self._show_tile()

    # --- the menu -------------------------------------------------------------------------
    def _build_menu_page(self) -> None:
        page = style.named(QWidget(), "teaMenuPage")
        grid = QGridLayout()
        grid.setSpacing(12)
        self.tiles: list[QPushButton] = []
        for i, item in enumerate(self.menu):
            tile = style.button(f"teaItem_{item.sku}")
            tile.setProperty("tile", "true")
            tile.setIcon(tile_icon(item))
            tile.setIconSize(QSize(ICON, ICON))
            tile.setMinimumSize(TILE)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tile.clicked.connect(lambda _=False, i=i: self.open_item(i))
            grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles.append(tile)
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addLayout(grid)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        self.close_button = style.button("teaClose")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.menu_page = page
        self.menu_scroll = scroll
        self.pages.addWidget(page)

    def _name(self, th: str, en: str) -> str:
        return pick(self.language, th, en) or th

    def _tile_text(self, item: MenuItem) -> str:
        return f"{self._name(item.name_th, item.name_en)}\n{fmt.baht(item.price)}"

    def _show_tile(self) -> None:
        for i, tile in enumerate(self.tiles):
            _polish(tile, "current", i == self.tile_index)
        if self.tiles:
            self.menu_scroll.ensureWidgetVisible(self.tiles[self.tile_index])

    def _move_tile(self, key: int) -> None:
        if not self.tiles:
            return
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -COLUMNS,
            Qt.Key.Key_Down: COLUMNS,
        }[Qt.Key(key)]
        target = self.tile_index + step
        if 0 <= target < len(self.tiles):
            self.tile_index = target
            self._show_tile()

    # --- one drink ------------------------------------------------------------------------
    def open_item(self, index: int) -> None:
        """The drink's options page, its defaults chosen, quantity 1."""
        if not 0 <= index < len(self.menu):
            return
        self.tile_index = index
        self._show_tile()
        item = self.menu[index]
        self.item = item
        self.choice = {g.code: [g.default] for g in item.groups if g.default and not g.multi}
        self.quantity = 1
        self.row = 0
        self.col = {}
        self._build_options(item)
        self.pages.setCurrentWidget(self.options_page)
        self.clear_message()
        self._refresh_options()
        self.retranslateUi()

    def _build_options(self, item: MenuItem) -> None:
        old = self.options_page.layout()
        if old is not None:  # a new widget for a new drink: the old one goes with its layout
            self.pages.removeWidget(self.options_page)
            self.options_page.deleteLater()
            self.options_page = style.named(QWidget(), "teaOptionsPage")
            self.pages.addWidget(self.options_page)
        layout = QVBoxLayout(self.options_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        head = QHBoxLayout()
        self.item_name = style.named(QLabel(), "teaItemName")
        head.addWidget(self.item_name, 1)
        self.price_label = style.named(QLabel(), "teaPrice")
        self.price_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.price_label)
        layout.addLayout(head)
        inner = QWidget()
        groups = QVBoxLayout(inner)
        groups.setContentsMargins(0, 0, 0, 0)
        groups.setSpacing(8)
        self._option_buttons = []
        self.group_labels: list[QLabel] = []
        for g_index, group in enumerate(item.groups):
            caption = style.named(QLabel(), "teaGroupName")
            self.group_labels.append(caption)
            groups.addWidget(caption)
            row = QHBoxLayout()
            row.setSpacing(8)
            buttons = []
            for option in group.options:
                b = style.button(f"teaOption_{group.code}_{option.code}")
                b.setProperty("option", "true")
                b.setCheckable(True)
                b.clicked.connect(lambda _=False, g=g_index, c=option.code: self.toggle(g, c))
                row.addWidget(b)
                buttons.append((option.code, b))
            row.addStretch(1)
            groups.addLayout(row)
            self._option_buttons.append(buttons)
        groups.addStretch(1)
        scroll = QScrollArea()  # a drink with many groups scrolls; its keys stay in view
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        self.options_scroll = scroll
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        self.back_button = style.button("teaBack")
        self.back_button.clicked.connect(self.back_to_menu)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        self.quantity_caption = style.named(QLabel(), "teaGroupName")
        bottom.addWidget(self.quantity_caption)
        self.less_button = style.button("teaLess", "−")
        self.less_button.clicked.connect(lambda: self.set_quantity(self.quantity - 1))
        self.quantity_label = style.named(QLabel(), "teaQuantity")
        self.quantity_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more_button = style.button("teaMore", "+")
        self.more_button.clicked.connect(lambda: self.set_quantity(self.quantity + 1))
        for w in (self.less_button, self.quantity_label, self.more_button):
            bottom.addWidget(w)
        bottom.addSpacing(24)
        self.add_button = style.button("teaAdd")
        self.add_button.setMinimumWidth(260)
        self.add_button.clicked.connect(self.add)
        bottom.addWidget(self.add_button)
        layout.addLayout(bottom)

    @property
    def groups(self) -> tuple[OptionGroup, ...]:
        return () if self.item is None else self.item.groups

    def toggle(self, g_index: int, code: str) -> None:
        """Touch (or Space) on a choice: a single group takes it, a multi group flips it."""
        group = self.groups[g_index]
        chosen = self.choice.get(group.code, [])
        if group.multi:
            chosen = [c for c in chosen if c != code] if code in chosen else [*chosen, code]
        elif code in chosen and not group.required:
            chosen = []
        else:
            chosen = [code]
        self.choice[group.code] = chosen
        self.row = g_index
        self.col[g_index] = [c for c, _b in self._option_buttons[g_index]].index(code)
        self.clear_message()
        self._refresh_options()

    def set_quantity(self, quantity: int) -> None:
        self.quantity = max(1, min(MAX_QUANTITY, quantity))
        self._refresh_options()

    @property
    def chosen(self) -> dict[str, tuple[str, ...]]:
        """The choice as the domain takes it (group code -> option codes, in menu order)."""
        out: dict[str, tuple[str, ...]] = {}
        for group in self.groups:
            picked = self.choice.get(group.code, [])
            codes = tuple(o.code for o in group.options if o.code in picked)
            if codes:
                out[group.code] = codes
        return out

    @property
    def unit_price(self) -> Decimal:
        from pos.domain.tea import price

        if self.item is None:
            return Decimal(0)
        return price(self.item, self.chosen)

    def _refresh_options(self) -> None:
        if self.item is None:
            return
        for g_index, (group, buttons) in enumerate(
            zip(self.groups, self._option_buttons, strict=True)
        ):
            picked = self.choice.get(group.code, [])
            for c_index, (code, b) in enumerate(buttons):
                b.setChecked(code in picked)
                current = g_index == self.row and c_index == self.col.get(g_index, 0)
                _polish(b, "current", current)
                if current:
                    self.options_scroll.ensureWidgetVisible(b)
        self.quantity_label.setText(str(self.quantity))
        _polish(self.quantity_label, "current", self.row == len(self.groups))
        try:
            total = self.unit_price * self.quantity
        except ShopError:
            total = Decimal(0)
        self.price_label.setText(fmt.baht(total))

    def _move_option(self, key: int) -> None:
        rows = len(self.groups) + 1  # the groups, then the quantity
        k = Qt.Key(key)
        if k in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.row = max(0, min(rows - 1, self.row + (1 if k == Qt.Key.Key_Down else -1)))
        elif self.row == len(self.groups):  # the quantity: left less, right more
            self.set_quantity(self.quantity + (1 if k == Qt.Key.Key_Right else -1))
            return
        else:
            group = self.groups[self.row]
            count = len(group.options)
            col = self.col.get(self.row, self._chosen_col(self.row))
            col = max(0, min(count - 1, col + (1 if k == Qt.Key.Key_Right else -1)))
            self.col[self.row] = col
            if not group.multi:  # a single choice follows the cursor
                self.choice[group.code] = [group.options[col].code]
        if self.row < len(self.groups) and self.row not in self.col:
            self.col[self.row] = self._chosen_col(self.row)
        self._refresh_options()

    def _chosen_col(self, g_index: int) -> int:
        group = self.groups[g_index]
        picked = self.choice.get(group.code, [])
        codes = [o.code for o in group.options]
        return codes.index(picked[0]) if picked and picked[0] in codes else 0

    def _space(self) -> None:
        if self.row < len(self.groups):
            buttons = self._option_buttons[self.row]
            if buttons:
                code = buttons[self.col.get(self.row, self._chosen_col(self.row))][0]
                self.toggle(self.row, code)

    def back_to_menu(self) -> None:
        self.item = None
        self.clear_message()
        self.pages.setCurrentWidget(self.menu_page)
        self.retranslateUi()
        self.setFocus()

    def add(self) -> None:
        """The drink as a cart line, if its choice is complete; the pad closes."""
        from pos.domain.tea import menu_line, validate

        if self.item is None:
            return
        try:
            validate(self.item, self.chosen)
            line = menu_line(self.item, self.chosen, self.quantity)
        except ShopError as exc:
            self.show_message(exc.message(self.language))
            return
        self.accept()
        self.lineChosen.emit(line)

    # --- messages, keys, language -----------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", "error")
        self.message.style().polish(self.message)
        self.message.show()

    def clear_message(self) -> None:
        self.message.hide()
        self.message.clear()

    @property
    def message_text(self) -> str:
        return str(self.message.text()) if self.message.isVisible() else ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if self.item is None:  # the menu
            if key in arrows:
                self._move_tile(key)
            elif enter:
                self.open_item(self.tile_index)
            elif key == Qt.Key.Key_Escape:
                self.reject()
            else:
                super().keyPressEvent(event)
            event.accept()
            return
        text = event.text()
        if key in arrows:
            self._move_option(key)
        elif enter:
            self.add()
        elif key == Qt.Key.Key_Escape:
            self.back_to_menu()
        elif key == Qt.Key.Key_Space:
            self._space()
        elif key == Qt.Key.Key_Plus or text == "+":
            self.set_quantity(self.quantity + 1)
        elif key == Qt.Key.Key_Minus or text in ("-", "−"):
            self.set_quantity(self.quantity - 1)
        elif text.isdigit() and text != "0":
            self.set_quantity(int(text))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Tea corner"))
        self.close_button.setText(self.tr("Close (Esc)"))
        for tile, item in zip(self.tiles, self.menu, strict=True):
            tile.setText(self._tile_text(item))
        if self.item is None:
            self.title.setText(
                self.tr("Tea corner: choose a drink (arrows, Enter)")
                if self.menu
                else self.tr("The tea menu is empty")
            )
            return
        self.title.setText(self.tr("Choose the options (arrows, Space), then Enter to add"))
        self.item_name.setText(self._name(self.item.name_th, self.item.name_en))
        for caption, group in zip(self.group_labels, self.groups, strict=True):
            caption.setText(self._name(group.name_th, group.name_en))
        for group, buttons in zip(self.groups, self._option_buttons, strict=True):
            for option, (_code, b) in zip(group.options, buttons, strict=True):
                name = self._name(option.name_th, option.name_en)
                b.setText(f"{name}\n{_delta(option.price_delta)}" if option.price_delta else name)
        self.quantity_caption.setText(self.tr("Quantity"))
        self.back_button.setText(self.tr("Back (Esc)"))
        self.add_button.setText(self.tr("Add to the sale (Enter)"))

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.current_language()
            self.retranslateUi()
        super().changeEvent(event)
