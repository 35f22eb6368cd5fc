"""The refund dialog (Ctrl+R): scan the receipt, choose lines and quantities (or the amount of
a booking's payment), cash or PromptPay."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from pos.domain.auth import Action, Actor
from pos.domain.bilingual import Bilingual
from pos.domain.cart import ProductKind
from pos.domain.money import MONEY_PLACES, AmountError
from ui import format as fmt
from ui import i18n, style
from ui.dialogs import MAX_QUANTITY, QUANTITY, QUANTITY_PLACES, parse_decimal, read_number
from ui.shift_dialogs import ApprovalDialog, Run, _WorkerDialog

if TYPE_CHECKING:
    from pos.domain.refund import RefundReceipt, ReturnableLine, ReturnableSale
    from pos.services.auth import Approval, Auth
    from pos.services.returns import Returns


REFUND_AMOUNT = Bilingual("จำนวนเงินที่คืน", "amount to refund")
# the lines' list scrolls past this height: a sale of many lines keeps the dialog on a
# 1366x768 screen, its reason, total and buttons in view
LINES_MAX_HEIGHT = 300


def _qty(value: Decimal) -> str:
    return fmt.quantity(value, value != value.to_integral_value())


def by_amount(line: ReturnableLine) -> bool:
    """A service line of one (a booking's payment) is refunded by amount, as the service
    takes it (`Returns.refund(amounts=...)`): part of it, as the cancellation rule allows."""
    return line.kind is ProductKind.SERVICE and line.quantity_sold == 1


class RefundDialog(_WorkerDialog):
    """Find the sale, then refund what the customer brought back; a cashier's refund asks a
    manager's PIN first (the service checks the approval)."""

    refunded = Signal(object)  # RefundReceipt

    def __init__(
        self, returns: Returns, auth: Auth, actor: Actor, run: Run, parent: QWidget | None = None
    ) -> None:
        super().__init__("refundDialog", run, parent)
        self._returns, self._auth, self._actor = returns, auth, actor
        self.sale: ReturnableSale | None = None
        self._receipt_caption = QLabel()
        self.receipt_field = style.named(QLineEdit(), "refundReceipt")
        self._sale_label = style.named(QLabel(), "refundSale")
        self._sale_label.setWordWrap(True)
        self._lines_box = QWidget()
        self._lines = QGridLayout(self._lines_box)
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._lines.setHorizontalSpacing(12)
        self._lines_scroll = style.named(QScrollArea(), "refundLines")
        self._lines_scroll.setWidget(self._lines_box)
        self._lines_scroll.setWidgetResizable(True)
        self._lines_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._lines_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._lines_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._lines_scroll.viewport().setAutoFillBackground(False)  # the dialog's own colour
        self._lines_box.setAutoFillBackground(False)
        self._lines_scroll.hide()
        self.quantity_fields: dict[int, QLineEdit] = {}
        self.amount_fields: dict[int, QLineEdit] = {}  # lines refunded by amount (`by_amount`)
        self._cash = style.named(QRadioButton(), "refundCash")
        self._promptpay = style.named(QRadioButton(), "refundPromptPay")
        self._methods = QButtonGroup(self)
        self._methods.addButton(self._cash, 0)
        self._methods.addButton(self._promptpay, 1)
        self._cash.setChecked(True)
        for radio in (self._cash, self._promptpay):
            radio.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self._cash.click)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self._promptpay.click)
        self._reason_caption = QLabel()
        self.reason_field = style.named(QLineEdit(), "refundReason")
        self.total_label = style.named(QLabel(), "refundTotal")
        self.total_label.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        methods = QHBoxLayout()
        methods.addWidget(self._cash)
        methods.addWidget(self._promptpay)
        for w in (self._receipt_caption, self.receipt_field, self._sale_label):
            self._body.addWidget(w)
        self._body.addWidget(self._lines_scroll)
        self._body.addLayout(methods)
        self._body.addWidget(self._reason_caption)
        self._body.addWidget(self.reason_field)
        self._body.addWidget(self.total_label)
        self.resize(760, 620)
        self.retranslateUi()
        self.receipt_field.setFocus()

    @property
    def method(self) -> str:
        return "promptpay" if self._promptpay.isChecked() else "cash"

    def find_sale(self) -> None:
        text, returns = self.receipt_field.text(), self._returns
        self._submit(lambda: returns.find(text), self._found)

    def _found(self, sale: ReturnableSale) -> None:
        self.sale = sale
        self._message.hide()
        while self._lines.count():
            item = self._lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.quantity_fields.clear()
        self.amount_fields.clear()
        en = i18n.current_language() == "en"
        for row, line in enumerate(sale.lines):
            name = QLabel(f"{line.line_no}. {line.name_en if en else line.name_th}")
            name.setWordWrap(True)
            left, field = self._amount_field(line) if by_amount(line) else self._qty_field(line)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setMaximumWidth(110)
            field.textChanged.connect(lambda _t: self._update())
            self._lines.addWidget(name, row, 0)
            self._lines.addWidget(left, row, 1)
            self._lines.addWidget(field, row, 2)
        self._fit_lines()
        self._sale_label.setText(
            self.tr("Receipt {number} · {total} · sold by {cashier}").format(
                number=sale.receipt_no, total=fmt.baht(sale.total), cashier=sale.cashier_name
            )
        )
        self._update()
        self.reason_field.setFocus()

    def _qty_field(self, line: ReturnableLine) -> tuple[QLabel, QLineEdit]:
        left = QLabel(
            self.tr("{left} of {sold} returnable").format(
                left=_qty(line.quantity_returnable), sold=_qty(line.quantity_sold)
            )
        )
        field = style.named(QLineEdit(), f"refundQty{line.line_no}")
        if line.quantity_returnable > 0:
            field.setText(_qty(line.quantity_returnable))
        else:
            field.setEnabled(False)
        self.quantity_fields[line.line_no] = field
        return left, field

    def _amount_field(self, line: ReturnableLine) -> tuple[QLabel, QLineEdit]:
        """Baht, to the satang, at most what is left of what was paid (all of it to start)."""
        left = QLabel(
            self.tr("{left} of {paid} refundable").format(
                left=fmt.baht(line.amount_refundable), paid=fmt.baht(line.paid)
            )
        )
        field = style.named(QLineEdit(), f"refundAmount{line.line_no}")
        if line.amount_refundable > 0:
            field.setText(fmt.money(line.amount_refundable))
        else:
            field.setEnabled(False)
        self.amount_fields[line.line_no] = field
        return left, field

    def amounts(self) -> dict[int, Decimal]:
        """Baht typed for the lines refunded by amount (line no -> amount, more than zero)."""
        out: dict[int, Decimal] = {}
        for no, field in self.amount_fields.items():
            try:
                a = read_number(field.text(), REFUND_AMOUNT)
            except AmountError:
                continue
            if a is not None and a > 0:
                out[no] = a
        return out

    def _fit_lines(self) -> None:
        """The lines' list as tall as its lines, up to LINES_MAX_HEIGHT (then it scrolls);
        Tab goes down the quantities and amounts, then to the reason."""
        self._lines_box.adjustSize()
        height = self._lines_box.sizeHint().height()
        self._lines_scroll.setFixedHeight(min(height, LINES_MAX_HEIGHT))
        self._lines_scroll.show()
        previous: QWidget = self.receipt_field
        fields = {**self.quantity_fields, **self.amount_fields}
        for _, field in sorted(fields.items()):
            if field.isEnabled():
                QWidget.setTabOrder(previous, field)
                previous = field
        QWidget.setTabOrder(previous, self.reason_field)

    def quantities(self) -> dict[int, Decimal]:
        out: dict[int, Decimal] = {}
        for no, field in self.quantity_fields.items():
            q = parse_decimal(field.text())
            if q is not None and q > 0:
                out[no] = q
        return out

    def _refused_quantity(self) -> str | None:
        """The one parser's message for the first quantity it refuses (None: none is)."""
        for no, field in self.quantity_fields.items():
            try:
                read_number(field.text(), QUANTITY, places=QUANTITY_PLACES, maximum=MAX_QUANTITY)
            except AmountError as exc:
                field.setFocus()
                field.selectAll()
                return self.tr("Line {n}: {reason}").format(
                    n=no, reason=exc.message(i18n.current_language())
                )
        assert self.sale is not None
        for no, field in self.amount_fields.items():
            left = self.sale.line(no).amount_refundable
            try:
                read_number(field.text(), REFUND_AMOUNT, places=MONEY_PLACES, maximum=left)
            except AmountError as exc:
                field.setFocus()
                field.selectAll()
                return self.tr("Line {n}: {reason}").format(
                    n=no, reason=exc.message(i18n.current_language())
                )
        return None

    def _update(self) -> None:
        if self.sale is None:
            self.total_label.setText("")
            return
        from pos.domain.refund import line_amount

        total = Decimal(0)
        for no, q in self.quantities().items():
            line = self.sale.line(no)
            if q <= line.quantity_returnable:
                total += line_amount(line, q)
        for no, a in self.amounts().items():
            if a <= self.sale.line(no).amount_refundable:
                total += a
        self.total_label.setText(self.tr("To refund: {amount}").format(amount=fmt.baht(total)))

    def _confirm(self) -> None:
        if self.sale is None or self.receipt_field.hasFocus():
            self.find_sale()
            return
        if not self.reason_field.text().strip():
            self.show_message(self.tr("A refund needs a reason"))
            self.reason_field.setFocus()
            return
        refused = self._refused_quantity()
        if refused is not None:
            self.show_message(refused)
            return
        if not self.quantities() and not self.amounts():
            self.show_message(self.tr("Choose what is returned (a quantity on a line)"))
            return
        if self._actor.may(Action.REFUND):
            self._refund(None)
            return
        # a cashier's refund: a manager approves it first, for this receipt
        dialog = ApprovalDialog(
            self._auth,
            self._actor,
            Action.REFUND,
            self.sale.receipt_no,
            self._run,
            self,
            reason=self.reason_field.text().strip(),
        )
        dialog.approved.connect(self._refund)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _refund(self, approval: Approval | None) -> None:
        assert self.sale is not None
        returns, actor, number = self._returns, self._actor, self.sale.receipt_no
        quantities, method, reason = self.quantities(), self.method, self.reason_field.text()
        amounts = self.amounts()
        self._submit(
            lambda: returns.refund(
                actor, number, quantities, method, reason, approval, amounts=amounts
            ),
            self._done,
        )

    def _failed(self) -> None:
        """A refused refund (the cancellation rule's amount, say): back to this dialog, the
        first amount typed selected to type over."""
        self.activateWindow()
        for no in self.amounts():
            self.amount_fields[no].setFocus()
            self.amount_fields[no].selectAll()
            break

    def _done(self, refund: RefundReceipt) -> None:
        self.refunded.emit(refund)
        self.accept()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Refund"))
        self._title.setText(self.tr("Refund: scan the receipt's barcode or type its number"))
        self._receipt_caption.setText(self.tr("Receipt number"))
        self._cash.setText(self.tr("F1 Cash"))
        self._promptpay.setText(self.tr("F2 PromptPay"))
        self._reason_caption.setText(self.tr("Reason (e.g. damaged, wrong size)"))
        self._ok.setText(self.tr("Refund (Enter)"))
        self._update()
