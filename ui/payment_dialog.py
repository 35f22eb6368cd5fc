"""Taking payment: cash with change, PromptPay QR, card approval code, split tenders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.domain.bilingual import Bilingual
from pos.domain.errors import PaymentError, ShopError
from pos.domain.money import AN_AMOUNT, AmountError, round_satang
from pos.domain.money import parse_amount as parse_money
from pos.domain.payment import (
    Settlement,
    Tender,
    TenderKind,
    cash_tender,
    quick_cash_amounts,
    settle,
)
from pos.domain.promptpay import PromptPayError, promptpay_payload
from ui import format as fmt
from ui import i18n, style
from ui.qr import qr_pixmap

QR_PX = 320
QUICK_BUTTONS = 5


CASH_RECEIVED = Bilingual("เงินสดที่รับ", "cash received")
PROMPTPAY_AMOUNT = Bilingual("ยอดพร้อมเพย์", "PromptPay amount")
CARD_AMOUNT = Bilingual("ยอดบัตร", "card amount")


def read_tender(text: str, what: Bilingual) -> Decimal:
    """A tender's typed amount by the shop's one parser; raises AmountError (a ShopError,
    shown in the dialog) for an empty field, zero, NaN, 1e30, more than a till holds …"""
    return parse_money(text, what=what, zero_ok=False)


def parse_amount(text: str) -> Decimal | None:
    """'1,000' or '245.50' -> Decimal; None for anything the one parser refuses (or zero):
    for the hints that follow typing (the QR, the change), never to take a tender."""
    try:
        return read_tender(text, AN_AMOUNT)
    except AmountError:
        return None


def _plain(amount: Decimal) -> str:
    return f"{round_satang(amount):.2f}"


class PaymentDialog(QDialog):
    """Tenders until the sale is settled; then asks the window to commit (commitRequested).

    The dialog stays open while the window saves the sale; on failure the tenders stay and
    the cashier can save again. Esc returns to the sale keeping the tenders taken so far.
    """

    commitRequested = Signal(list)  # list[Tender]

    CASH, PROMPTPAY, CARD = 0, 1, 2

    def __init__(
        self,
        due: Decimal,
        promptpay_id: str,
        tenders: Sequence[Tender] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setModal(True)
        self.resize(1040, 700)
        self._due = round_satang(due)
        self._promptpay_id = promptpay_id
        self._tenders: list[Tender] = list(tenders)
        self._committing = False
        self._payload = ""
        self._quick_amounts: list[Decimal] = []

        # --- summary (left) ---------------------------------------------------------
        self._title = style.named(QLabel(), "dialogTitle")
        self._due_caption = style.named(QLabel(), "dueCaption")
        self._due_label = style.named(QLabel(), "amountDue")
        self._remaining_caption = style.named(QLabel(), "remainingCaption")
        self._remaining_label = style.named(QLabel(), "remainingLabel")
        self._change_caption = style.named(QLabel(), "changeCaption")
        self._change_label = style.named(QLabel(), "changeLabel")
        self._tender_list = style.named(QListWidget(), "tenderList")
        self._tender_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._remove = style.button("removeTender")
        self._remove.clicked.connect(self.remove_tender)
        self._message = style.named(QLabel(), "paymentMessage")
        self._message.setWordWrap(True)
        self._message.hide()

        left = QVBoxLayout()
        left.addWidget(self._title)
        left.addWidget(self._due_caption)
        left.addWidget(self._due_label)
        left.addWidget(self._remaining_caption)
        left.addWidget(self._remaining_label)
        left.addWidget(self._change_caption)
        left.addWidget(self._change_label)
        left.addWidget(self._tender_list, 1)
        left.addWidget(self._remove)

        # --- methods (right) ---------------------------------------------------------
        self._method_bar = style.named(QWidget(), "methodBar")
        bar = QHBoxLayout(self._method_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self._methods = QButtonGroup(self)
        self._method_buttons: list[QPushButton] = []
        for i, name in enumerate(("payCash", "payPromptPay", "payCard")):
            b = style.button(name)
            b.setCheckable(True)
            self._methods.addButton(b, i)
            self._method_buttons.append(b)
            bar.addWidget(b)
        self._methods.idClicked.connect(self.choose_method)
        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_cash_page())
        self._pages.addWidget(self._build_promptpay_page())
        self._pages.addWidget(self._build_card_page())

        right = QVBoxLayout()
        right.addWidget(self._method_bar)
        right.addWidget(self._pages, 1)

        # --- bottom ------------------------------------------------------------------
        self._cancel = style.button("paymentBack")
        self._cancel.clicked.connect(self.reject)
        self._complete = style.button("completeSale")
        self._complete.clicked.connect(self._request_commit)
        bottom = QHBoxLayout()
        bottom.addWidget(self._message, 1)
        bottom.addWidget(self._cancel)
        bottom.addWidget(self._complete)

        columns = QHBoxLayout()
        left_frame = QFrame()
        left_frame.setLayout(left)
        left_frame.setFixedWidth(380)
        columns.addWidget(left_frame)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addLayout(bottom)

        for key, method in ((Qt.Key.Key_F1, self.CASH), (Qt.Key.Key_F2, self.PROMPTPAY),
                            (Qt.Key.Key_F3, self.CARD)):
            QShortcut(QKeySequence(key), self, lambda m=method: self.choose_method(m))
        QShortcut(QKeySequence(Qt.Key.Key_F8), self, self.remove_tender)

        self.retranslateUi()
        self.choose_method(self.CASH)
        self._refresh()

    # --- pages -----------------------------------------------------------------------
    def _build_cash_page(self) -> QWidget:
        page = QWidget()
        self._cash_caption = QLabel()
        self._cash_field = style.named(QLineEdit(), "cashTendered")
        self._cash_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._cash_field.setStyleSheet("font-size: 34px; font-weight: bold;")
        self._cash_field.returnPressed.connect(self.take_cash)
        self._cash_field.textChanged.connect(self._refresh_change_preview)
        self._cash_preview = style.named(QLabel(), "cashChangePreview")
        self._cash_preview.setStyleSheet(f"font-size: 22px; color: {style.GREEN};")
        self._quick_box = style.named(QWidget(), "quickCash")
        grid = QGridLayout(self._quick_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self._quick_buttons: list[QPushButton] = []
        for i in range(QUICK_BUTTONS):
            b = style.button(f"quickCash{i}")
            b.clicked.connect(lambda _=False, i=i: self._quick(i))
            self._quick_buttons.append(b)
            grid.addWidget(b, i // 3, i % 3)
        self._cash_take = style.button("cashConfirm")
        self._cash_take.clicked.connect(self.take_cash)
        layout = QVBoxLayout(page)
        layout.addWidget(self._cash_caption)
        layout.addWidget(self._cash_field)
        layout.addWidget(self._cash_preview)
        layout.addWidget(self._quick_box)
        layout.addStretch(1)
        layout.addWidget(self._cash_take)
        return page

    def _build_promptpay_page(self) -> QWidget:
        page = QWidget()
        self._pp_caption = QLabel()
        self._pp_amount = style.named(QLineEdit(), "promptpayAmount")
        self._pp_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._pp_amount.textChanged.connect(self._update_qr)
        self._pp_amount.returnPressed.connect(self.confirm_promptpay)
        self._qr_frame = style.named(QFrame(), "qrFrame")
        self._qr = style.named(QLabel(), "promptpayQr")
        self._qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._qr.setMinimumSize(QR_PX, QR_PX)
        self._pp_amount_label = style.named(QLabel(), "promptpayAmountLabel")
        self._pp_amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pp_hint = QLabel()
        self._pp_hint.setWordWrap(True)
        self._pp_hint.setStyleSheet(f"color: {style.MUTED}; font-size: 14px;")
        frame = QHBoxLayout(self._qr_frame)
        frame.addWidget(self._qr)
        info = QVBoxLayout()
        info.addWidget(self._pp_caption)
        info.addWidget(self._pp_amount)
        info.addWidget(self._pp_amount_label)
        info.addWidget(self._pp_hint)
        info.addStretch(1)
        self._pp_reference_caption = QLabel()
        self._pp_reference = style.named(QLineEdit(), "promptpayReference")
        self._pp_reference.returnPressed.connect(self.confirm_promptpay)
        info.addWidget(self._pp_reference_caption)
        info.addWidget(self._pp_reference)
        self._pp_received = style.button("promptpayReceived")
        self._pp_received.setMinimumHeight(64)
        self._pp_received.clicked.connect(self.confirm_promptpay)
        info.addWidget(self._pp_received)
        layout = QHBoxLayout(page)
        layout.addWidget(self._qr_frame)
        layout.addLayout(info, 1)
        return page

    def _build_card_page(self) -> QWidget:
        page = QWidget()
        self._card_caption = QLabel()
        self._card_amount = style.named(QLineEdit(), "cardAmount")
        self._card_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._card_reference_caption = QLabel()
        self._card_reference = style.named(QLineEdit(), "cardReference")
        self._card_amount.returnPressed.connect(self._card_reference.setFocus)
        self._card_reference.returnPressed.connect(self.confirm_card)
        self._card_take = style.button("cardConfirm")
        self._card_take.setMinimumHeight(64)
        self._card_take.clicked.connect(self.confirm_card)
        layout = QVBoxLayout(page)
        layout.addWidget(self._card_caption)
        layout.addWidget(self._card_amount)
        layout.addWidget(self._card_reference_caption)
        layout.addWidget(self._card_reference)
        layout.addStretch(1)
        layout.addWidget(self._card_take)
        return page

    # --- state -----------------------------------------------------------------------
    @property
    def due(self) -> Decimal:
        return self._due

    @property
    def tenders(self) -> list[Tender]:
        return list(self._tenders)

    @property
    def settlement(self) -> Settlement:
        return settle(self._due, self._tenders)

    @property
    def remaining(self) -> Decimal:
        return self.settlement.remaining

    @property
    def change(self) -> Decimal:
        return self.settlement.change

    @property
    def promptpay_payload(self) -> str:
        """The text in the QR code on screen ('' when none is shown)."""
        return self._payload

    @property
    def committing(self) -> bool:
        return self._committing

    @property
    def method(self) -> int:
        return self._pages.currentIndex()

    # --- actions ---------------------------------------------------------------------
    def choose_method(self, method: int) -> None:
        if self._committing:
            return
        self._methods.button(method).setChecked(True)
        self._pages.setCurrentIndex(method)
        self._prefill()
        field = {self.CASH: self._cash_field, self.PROMPTPAY: self._pp_amount,
                 self.CARD: self._card_reference}[method]
        field.setFocus()
        field.selectAll()

    def take_cash(self) -> None:
        remaining = self.remaining
        text = self._cash_field.text()
        if not text.strip():
            self._take(lambda: cash_tender(remaining, remaining))
            return
        self._take(lambda: cash_tender(remaining, read_tender(text, CASH_RECEIVED)))

    def confirm_promptpay(self) -> None:
        if not self._payload:
            self._show_message(self.tr("No PromptPay QR code is shown"))
            return
        text, reference = self._pp_amount.text(), self._pp_reference.text().strip()
        self._take(
            lambda: Tender(
                TenderKind.PROMPTPAY, read_tender(text, PROMPTPAY_AMOUNT), reference=reference
            )
        )

    def confirm_card(self) -> None:
        try:
            amount = read_tender(self._card_amount.text(), CARD_AMOUNT)
        except AmountError as exc:
            self._show_message(exc.message(i18n.current_language()))
            self._card_amount.setFocus()
            self._card_amount.selectAll()
            return
        reference = self._card_reference.text().strip()
        if not reference:
            self._show_message(self.tr("Type the approval code from the card terminal"))
            self._card_reference.setFocus()
            return
        self._take(lambda: Tender(TenderKind.CARD, amount, reference=reference))

    def remove_tender(self) -> None:
        if self._committing or not self._tenders:
            return
        row = self._tender_list.currentRow()
        if not 0 <= row < len(self._tenders):
            row = len(self._tenders) - 1
        del self._tenders[row]
        self._clear_message()
        self._refresh()
        self.choose_method(self.method)

    def _quick(self, i: int) -> None:
        if i < len(self._quick_amounts):
            remaining = self.remaining
            amount = self._quick_amounts[i]
            self._take(lambda: cash_tender(remaining, amount))

    def _take(self, make: Callable[[], Tender]) -> None:
        if self._committing:
            return
        if self._tenders and self.settlement.settled:
            self._request_commit()  # e.g. Enter again after a failed save
            return
        try:
            tender = make()
            settle(self._due, [*self._tenders, tender])
        except ShopError as exc:
            self._show_message(exc.message(i18n.current_language()))
            return
        self._tenders.append(tender)
        self._clear_message()
        self._pp_reference.clear()
        self._card_reference.clear()
        self._refresh()
        if self.settlement.settled:
            self._request_commit()
        else:
            self.choose_method(self.method)

    def _request_commit(self) -> None:
        if self._committing:
            return
        try:
            settled = self.settlement.settled
        except PaymentError as exc:
            self._show_message(exc.message(i18n.current_language()))
            return
        if not settled:
            self._show_message(self.tr("{amount} is still due").format(
                amount=fmt.baht(self.remaining)))
            return
        self.commitRequested.emit(list(self._tenders))

    # --- called by the window ----------------------------------------------------------
    def set_committing(self, committing: bool) -> None:
        self._committing = committing
        for w in (self._method_bar, self._pages, self._remove, self._cancel, self._complete):
            w.setEnabled(not committing)
        if committing:
            self._show_message(self.tr("Saving the sale…"), kind="info")
        self._refresh()

    def commit_failed(self, message: str) -> None:
        """The sale was not saved: keep the tenders, say why, let the cashier try again."""
        self.set_committing(False)
        self._show_message(message)
        self._complete.setFocus()

    # --- display ---------------------------------------------------------------------
    def _prefill(self) -> None:
        remaining = self.remaining
        amount = _plain(remaining) if remaining > 0 else ""
        self._cash_field.setText(amount)
        self._pp_amount.setText(amount)
        self._card_amount.setText(amount)
        self._update_qr()

    def _update_qr(self) -> None:
        amount = parse_amount(self._pp_amount.text())
        self._payload = ""
        self._qr.clear()
        ok = False
        if not self._promptpay_id:
            self._pp_hint.setText(self.tr("PromptPay is not set up for this shop"))
        elif amount is None or amount > self.remaining:
            self._pp_hint.setText(
                self.tr("Type an amount up to {amount}").format(amount=fmt.money(self.remaining))
            )
        else:
            try:
                self._payload = promptpay_payload(self._promptpay_id, amount)
            except PromptPayError:
                self._pp_hint.setText(self.tr("The shop's PromptPay ID is not valid"))
            else:
                self._qr.setPixmap(qr_pixmap(self._payload, QR_PX))
                self._pp_hint.setText(
                    self.tr("Customer scans with a banking app; press Payment received "
                            "only after the bank's notification.")
                )
                ok = True
        self._pp_amount_label.setText(fmt.baht(amount) if ok and amount is not None else "")
        self._pp_received.setEnabled(ok)

    def _refresh_change_preview(self) -> None:
        handed = parse_amount(self._cash_field.text())
        remaining = self.remaining
        if handed is not None and handed > remaining > 0:
            self._cash_preview.setText(
                self.tr("Change {amount}").format(amount=fmt.baht(handed - remaining))
            )
        else:
            self._cash_preview.setText("")

    def _refresh(self) -> None:
        s = self.settlement
        self._due_label.setText(fmt.baht(self._due))
        self._remaining_label.setText(fmt.baht(s.remaining))
        self._remaining_label.setProperty("settled", "true" if s.settled else "false")
        self._remaining_label.style().polish(self._remaining_label)
        self._change_label.setText(fmt.baht(s.change))
        self._tender_list.clear()
        for t in self._tenders:
            self._tender_list.addItem(self._describe(t))
        self._remove.setEnabled(bool(self._tenders) and not self._committing)
        self._complete.setEnabled(s.settled and not self._committing)
        self._quick_amounts = quick_cash_amounts(s.remaining) if s.remaining > 0 else []
        for i, b in enumerate(self._quick_buttons):
            if i < len(self._quick_amounts):
                amount = self._quick_amounts[i]
                label = fmt.money(amount)
                b.setText(self.tr("Exact\n{amount}").format(amount=label) if i == 0 else label)
                b.setVisible(True)
            else:
                b.setVisible(False)
        self._refresh_change_preview()

    def _describe(self, t: Tender) -> str:
        if t.kind is TenderKind.CASH:
            text = self.tr("Cash {amount}").format(amount=fmt.money(t.handed))
            if t.handed > t.amount:
                text += " · " + self.tr("change {amount}").format(
                    amount=fmt.money(t.handed - t.amount))
            return text
        if t.kind is TenderKind.PROMPTPAY:
            return self.tr("PromptPay {amount}").format(amount=fmt.money(t.amount)) + (
                f" · {t.reference}" if t.reference else "")
        return self.tr("Card {amount} · approval {code}").format(
            amount=fmt.money(t.amount), code=t.reference)

    def _show_message(self, text: str, kind: str = "error") -> None:
        self._message.setText(text)
        self._message.setObjectName("dialogMessage")
        self._message.setProperty("kind", kind)
        self._message.style().polish(self._message)
        self._message.show()

    def _clear_message(self) -> None:
        self._message.clear()
        self._message.hide()

    @property
    def message(self) -> str:
        return str(self._message.text()) if self._message.isVisible() else ""

    # --- Qt --------------------------------------------------------------------------
    def reject(self) -> None:
        if self._committing:
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter never falls through to a "default button": it means "take this payment"
            # (handled by the focused field) or, once settled, "save the sale"
            if self._complete.isEnabled():
                self._request_commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Payment"))
        self._title.setText(self.tr("Payment (F12)"))
        self._due_caption.setText(self.tr("Amount due"))
        self._remaining_caption.setText(self.tr("Still to pay"))
        self._change_caption.setText(self.tr("Change"))
        self._remove.setText(self.tr("Remove payment (F8)"))
        texts = (self.tr("F1\nCash"), self.tr("F2\nPromptPay"), self.tr("F3\nCard"))
        for b, text in zip(self._method_buttons, texts, strict=True):
            b.setText(text)
        self._cash_caption.setText(self.tr("Cash received (Enter = exact amount)"))
        self._cash_field.setPlaceholderText(self.tr("amount"))
        self._cash_take.setText(self.tr("Take cash (Enter)"))
        self._pp_caption.setText(self.tr("Amount for this QR code"))
        self._pp_reference_caption.setText(self.tr("Bank reference (optional)"))
        self._pp_received.setText(self.tr("Payment received (Enter)"))
        self._card_caption.setText(self.tr("Card amount"))
        self._card_reference_caption.setText(self.tr("Approval code (required)"))
        self._card_take.setText(self.tr("Card approved (Enter)"))
        self._cancel.setText(self.tr("Back to sale (Esc)"))
        self._complete.setText(self.tr("Complete sale (Enter)"))
        self._update_qr()
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

