"""The till's small dialogs: quantity, discount, recall a parked sale, help, confirm."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.bilingual import Bilingual
from pos.domain.cart import Discount, DiscountKind, SoldBy
from pos.domain.errors import ShopError
from pos.domain.money import AN_AMOUNT, MAX_AMOUNT, MONEY_PLACES, AmountError, parse_amount
from pos.ports.sales import ParkedCart
from ui import format as fmt
from ui import i18n, style

# What a till's quantity field holds: a quantity column keeps 3 decimals (weights in kg), and
# no line of a sale at a counter is 100,000 pieces or kilograms.
QUANTITY = Bilingual("จำนวน", "quantity")
QUANTITY_PLACES = 3
MAX_QUANTITY = Decimal(99_999)


def read_number(
    text: str,
    what: Bilingual = AN_AMOUNT,
    *,
    places: int = MONEY_PLACES,
    maximum: Decimal = MAX_AMOUNT,
) -> Decimal | None:
    """A number typed into a till field, read by the shop's one parser (`parse_amount`);
    None when nothing is typed.

    Raises AmountError (English and Thai, naming `what`) for NaN, Infinity, 1e30, a value
    beyond `maximum` or with more than `places` decimals; zero and negative numbers are
    returned, for the dialog to refuse in its own words.
    """
    if not text.strip():
        return None
    return parse_amount(text, what=what, places=places, maximum=maximum, negative_ok=True)


def parse_decimal(text: str) -> Decimal | None:
    """A typed number (up to 3 decimals) by the one parser; None when empty or refused."""
    try:
        return read_number(text, places=QUANTITY_PLACES)
    except AmountError:
        return None


class _Dialog(QDialog):
    """A modal dialog with a title, a message line and Enter/Esc buttons."""

    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self._title = style.named(QLabel(), "dialogTitle")
        self._title.setWordWrap(True)
        self._message = style.named(QLabel(), "dialogMessage")
        self._message.setWordWrap(True)
        self._message.hide()
        self._ok = style.button(f"{name}Ok")
        self._ok.clicked.connect(self._confirm)
        self._cancel = style.button(f"{name}Cancel")
        self._cancel.clicked.connect(self.reject)
        self._body = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._cancel)
        buttons.addWidget(self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addLayout(self._body, 1)
        layout.addWidget(self._message)
        layout.addLayout(buttons)

    @property
    def message(self) -> str:
        return str(self._message.text()) if self._message.isVisible() else ""

    def show_message(self, text: str, kind: str = "error") -> None:
        self._message.setText(text)
        self._message.setProperty("kind", kind)
        self._message.style().polish(self._message)
        self._message.show()

    def show_error(self, exc: ShopError) -> None:
        self.show_message(exc.message(i18n.current_language()))

    def _confirm(self) -> None:
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self._confirm()
            return
        super().keyPressEvent(event)

    def retranslateUi(self) -> None:
        # an explicit context: self.tr here would use the subclass's name
        self._ok.setText(QCoreApplication.translate("TillDialog", "OK (Enter)"))
        self._cancel.setText(QCoreApplication.translate("TillDialog", "Cancel (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class _NumberDialog(_Dialog):
    """One big number field; `apply` gets the number typed and may refuse with a ShopError.

    A subclass sets its own texts (its tr() context) in retranslateUi and `_refusal`, then
    calls `_ready()` at the end of its __init__.
    """

    def __init__(
        self,
        name: str,
        field_name: str,
        text: str,
        apply: Callable[[Decimal], None],
        parent: QWidget | None,
    ) -> None:
        super().__init__(name, parent)
        self._apply = apply
        self._field = style.named(QLineEdit(text), field_name)
        self._field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._field.setStyleSheet("font-size: 32px; font-weight: bold;")
        self._hint = style.named(QLabel(), "dialogHint")
        self._hint.setWordWrap(True)
        self._body.addWidget(self._hint)
        self._body.addWidget(self._field)
        self.resize(480, 260)

    def _ready(self) -> None:
        self.retranslateUi()
        self._field.selectAll()
        self._field.setFocus()

    # what the field holds, for the one parser's messages (a subclass may change them)
    _what: Bilingual = AN_AMOUNT
    _places: int = MONEY_PLACES
    _maximum: Decimal = MAX_AMOUNT

    def _refusal(self) -> str:
        """The message for a number that is not more than zero."""
        raise NotImplementedError

    def _refuse(self, value: Decimal) -> str:
        """Why a number more than zero is refused ("": it is taken); a subclass may refuse."""
        return ""

    def _confirm(self) -> None:
        try:
            value = read_number(
                self._field.text(), self._what, places=self._places, maximum=self._maximum
            )
        except AmountError as exc:
            self.show_error(exc)
            self._field.selectAll()
            return
        refusal = self._refusal() if value is None or value <= 0 else self._refuse(value)
        if value is None or refusal:
            self.show_message(refusal)
            self._field.selectAll()
            return
        try:
            self._apply(value)
        except ShopError as exc:
            self.show_error(exc)
            self._field.selectAll()
            return
        self.accept()


class QuantityDialog(_NumberDialog):
    """Type a quantity; `apply` is called with it and may refuse with a ShopError.

    For a line, the hint and the check follow how its product is sold (`sold_by`): pieces
    are a whole number, a weight is kilograms with up to 3 decimals."""

    _what, _places, _maximum = QUANTITY, QUANTITY_PLACES, MAX_QUANTITY

    def __init__(
        self,
        for_line: str | None,
        current: str,
        apply: Callable[[Decimal], None],
        parent: QWidget | None = None,
        sold_by: SoldBy = SoldBy.UNIT,
    ) -> None:
        super().__init__("quantityDialog", "quantityField", current, apply, parent)
        self._for_line = for_line
        self._sold_by = sold_by
        self._ready()

    def _refusal(self) -> str:
        return self.tr("Type a quantity more than zero")

    def _refuse(self, value: Decimal) -> str:
        if self._sold_by is SoldBy.UNIT and value != value.to_integral_value():
            return self.tr("Pieces are counted whole: type a whole number, e.g. 3")
        return ""

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Quantity"))
        if self._for_line is not None:
            self._title.setText(self.tr("Quantity of {product}").format(product=self._for_line))
            if self._sold_by is SoldBy.WEIGHT:
                self._hint.setText(self.tr("Weights in kg with up to 3 decimals, e.g. 0.750"))
            else:
                self._hint.setText(self.tr("Quantity (pieces): a whole number, e.g. 3"))
        else:
            self._title.setText(self.tr("Quantity for the next scan"))
            self._hint.setText(self.tr("Then scan the product (or type its code and Enter)"))


class PriceDialog(_NumberDialog):
    """Type a new unit price for the selected line (a price override); `apply` may refuse."""

    _what = Bilingual("ราคา", "price")

    def __init__(
        self,
        product: str,
        current: Decimal,
        catalogue: Decimal,
        apply: Callable[[Decimal], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("priceDialog", "priceField", f"{current:.2f}", apply, parent)
        self._product, self._catalogue = product, catalogue
        self._ready()

    def _refusal(self) -> str:
        return self.tr("Type a price more than zero")

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Price"))
        self._title.setText(self.tr("New unit price of {product}").format(product=self._product))
        self._hint.setText(
            self.tr("Catalogue price {price}. A manager approves the new price at payment.")
            .format(price=fmt.baht(self._catalogue))
        )


DISCOUNT = Bilingual("ส่วนลด", "discount")


class DiscountDialog(_Dialog):
    """A discount on the selected line or on the whole sale: amount or percent, with a reason."""

    LINE, SALE = 0, 1

    def __init__(
        self,
        line_name: str | None,
        apply: Callable[[int, Discount | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("discountDialog", parent)
        self._apply = apply
        self._line_name = line_name
        self._target_line = style.named(QRadioButton(), "discountLine")
        self._target_sale = style.named(QRadioButton(), "discountSale")
        self._targets = QButtonGroup(self)
        self._targets.addButton(self._target_line, self.LINE)
        self._targets.addButton(self._target_sale, self.SALE)
        self._target_line.setEnabled(line_name is not None)
        (self._target_line if line_name is not None else self._target_sale).setChecked(True)
        self._amount = style.named(QRadioButton(), "discountAmount")
        self._percent = style.named(QRadioButton(), "discountPercent")
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self._amount, 0)
        self._kinds.addButton(self._percent, 1)
        self._amount.setChecked(True)
        self._value = style.named(QLineEdit(), "discountValue")
        self._value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._reason = style.named(QComboBox(), "discountReason")
        self._reason.setEditable(True)
        self._reason_caption = QLabel()
        self._value_caption = QLabel()
        self._remove = style.button("discountRemove")
        self._remove.clicked.connect(self._remove_discount)

        row1 = QHBoxLayout()
        row1.addWidget(self._target_line)
        row1.addWidget(self._target_sale)
        row2 = QHBoxLayout()
        row2.addWidget(self._amount)
        row2.addWidget(self._percent)
        self._body.addLayout(row1)
        self._body.addLayout(row2)
        self._body.addWidget(self._value_caption)
        self._body.addWidget(self._value)
        self._body.addWidget(self._reason_caption)
        self._body.addWidget(self._reason)
        self._body.addWidget(self._remove, 0, Qt.AlignmentFlag.AlignLeft)
        for key, radio in ((Qt.Key.Key_F1, self._target_line), (Qt.Key.Key_F2, self._target_sale),
                           (Qt.Key.Key_F3, self._amount), (Qt.Key.Key_F4, self._percent)):
            QShortcut(QKeySequence(key), self, lambda r=radio: self._pick(r))
        for radio in (self._target_line, self._target_sale, self._amount, self._percent):
            radio.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F1-F4 or a click; typing stays put
        self._value.textEdited.connect(self._value_edited)
        self.resize(600, 480)
        self.retranslateUi()
        self._reason.setCurrentText("")
        self._value.setFocus()

    @property
    def target(self) -> int:
        return self._targets.checkedId()

    def _pick(self, radio: QRadioButton) -> None:
        if radio.isEnabled():
            radio.setChecked(True)

    def _value_edited(self, text: str) -> None:
        if text.strip().endswith("%"):
            self._percent.setChecked(True)  # "10%" typed: a percentage

    def _discount(self) -> Discount | None:
        try:
            value = read_number(self._value.text().replace("%", ""), DISCOUNT)
        except AmountError as exc:
            self.show_error(exc)
            self._value.setFocus()
            return None
        if value is None or value <= 0:
            self.show_message(self.tr("Type the discount, e.g. 50 or 10"))
            self._value.setFocus()
            return None
        reason = self._reason.currentText().strip()
        if not reason:
            self.show_message(self.tr("A discount needs a reason"))
            self._reason.setFocus()
            return None
        kind = DiscountKind.PERCENT if self._percent.isChecked() else DiscountKind.AMOUNT
        try:
            return Discount(kind, value, reason)
        except ShopError as exc:
            self.show_error(exc)
            return None

    def _confirm(self) -> None:
        if self._value.hasFocus() and not self._reason.currentText().strip():
            self._reason.setFocus()  # Enter moves on from the amount to the reason
            return
        discount = self._discount()
        if discount is None:
            return
        try:
            self._apply(self.target, discount)
        except ShopError as exc:
            self.show_error(exc)
            return
        self.accept()

    def _remove_discount(self) -> None:
        try:
            self._apply(self.target, None)
        except ShopError as exc:
            self.show_error(exc)
            return
        self.accept()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Discount"))
        self._title.setText(self.tr("Discount (F4)"))
        self._target_line.setText(
            "F1  " + self.tr("Selected line: {product}").format(product=self._line_name)
            if self._line_name
            else "F1  " + self.tr("Selected line")
        )
        self._target_sale.setText("F2  " + self.tr("Whole sale"))
        self._amount.setText("F3  " + self.tr("Amount (฿)"))
        self._percent.setText("F4  " + self.tr("Percent (%)"))
        self._value_caption.setText(self.tr("Discount (e.g. 50, or 10% for a percentage)"))
        self._reason_caption.setText(self.tr("Reason (required)"))
        self._remove.setText(self.tr("Remove discount"))
        self._ok.setText(self.tr("Apply (Enter)"))
        current = self._reason.currentText()
        self._reason.clear()
        self._reason.addItems(
            [
                self.tr("Regular customer"),
                self.tr("Damaged goods"),
                self.tr("Promotion"),
                self.tr("Wholesale price"),
                self.tr("Staff purchase"),
            ]
        )
        self._reason.setCurrentText(current)


class RecallDialog(_Dialog):
    """Pick a parked sale to bring back: whose it is, when it was parked, its lines and its
    total, each in its own labelled column."""

    recallChosen = Signal(str)  # parked_id

    def __init__(self, parked: Sequence[ParkedCart], parent: QWidget | None = None) -> None:
        super().__init__("recallDialog", parent)
        self._parked = list(parked)
        self._list = style.named(QTreeWidget(), "parkedList")
        self._list.setStyleSheet("font-size: 18px;")
        self._list.setRootIsDecorated(False)
        self._list.setColumnCount(4)
        self._list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        head = self._list.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._body.addWidget(self._list)
        self._items: list[QTreeWidgetItem] = []
        for p in self._parked:
            item = QTreeWidgetItem()
            item.setData(0, Qt.ItemDataRole.UserRole, p.parked_id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._list.addTopLevelItem(item)
            self._items.append(item)
        if self._items:
            self._list.setCurrentItem(self._items[-1])
        self.resize(640, 420)
        self.retranslateUi()
        self._list.setFocus()

    @property
    def parked(self) -> list[ParkedCart]:
        return list(self._parked)

    @property
    def headers(self) -> list[str]:
        head = self._list.headerItem()
        return [head.text(c) for c in range(self._list.columnCount())]

    def rows(self) -> list[list[str]]:
        """The list as shown: owner, time parked, lines, total."""
        return [[item.text(c) for c in range(self._list.columnCount())] for item in self._items]

    def _confirm(self) -> None:
        item = self._list.currentItem()
        if item is None:
            self.reject()
            return
        parked_id = str(item.data(0, Qt.ItemDataRole.UserRole))
        self.accept()
        self.recallChosen.emit(parked_id)

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Recall a parked sale"))
        self._title.setText(
            self.tr("Parked sales (F6)") if self._parked else self.tr("No parked sales")
        )
        self._ok.setText(self.tr("Recall (Enter)"))
        self._list.setHeaderLabels(
            [self.tr("Cashier"), self.tr("Parked at"), self.tr("Lines"), self.tr("Total")])
        for col in (2, 3):  # counts and money right-aligned, their headers with them
            self._list.headerItem().setTextAlignment(
                col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for item, p in zip(self._items, self._parked, strict=True):
            total = p.total
            # a cart parked before its owner and total were kept: its label says what it is
            item.setText(0, p.owner or p.label)
            item.setText(1, fmt.local_time(p.parked_at))
            item.setText(2, self.tr("{count} line(s)").format(count=p.line_count))
            item.setText(3, "" if total is None else fmt.baht(total))


class ConfirmDialog(_Dialog):
    """Yes (Enter) or No (Esc)."""

    def __init__(
        self, name: str, title: str, text: str, yes: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(name, parent)
        self._title_text, self._yes = title, yes
        self._text = QLabel(text)
        self._text.setWordWrap(True)
        self._text.setStyleSheet("font-size: 18px;")
        self._body.addWidget(self._text)
        self.resize(520, 240)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self._title_text)
        self._title.setText(self._title_text)
        self._ok.setText(self._yes)
        self._cancel.setText(self.tr("No (Esc)"))


class HelpDialog(_Dialog):
    """The keys of the till: (keys, what they do) rows, asked for again on a language change."""

    def __init__(
        self, rows: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__("helpDialog", parent)
        self._rows = rows
        self._text = style.named(QLabel(), "helpText")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        self._body.addWidget(self._text)
        self._cancel.hide()
        self.resize(1200, 620)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Help"))
        self._title.setText(self.tr("Keys of the till"))
        self._ok.setText(self.tr("Close (Enter)"))
        rows = self._rows()
        # two columns, read down the left one first: every key fits a 1366x768 screen
        half = (len(rows) + 1) // 2
        left, right = rows[:half], rows[half:]

        def cells(row: tuple[str, str] | None) -> str:
            if row is None:
                return "<td></td><td></td>"
            return (f"<td style='padding:4px 14px 4px 0'><b>{row[0]}</b></td>"
                    f"<td style='padding:4px 30px 4px 0'>{row[1]}</td>")

        body = "".join(
            f"<tr>{cells(a)}{cells(right[i] if i < len(right) else None)}</tr>"
            for i, a in enumerate(left)
        )
        self._text.setText(f"<table>{body}</table>")
