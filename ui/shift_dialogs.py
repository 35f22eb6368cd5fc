"""Shift dialogs: open with a float, paid-in/out, count the drawer to close, manager approval."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from pos.domain.auth import ACTION_NAMES, Action, Actor
from pos.domain.bilingual import Bilingual
from pos.domain.errors import ShopError
from pos.domain.money import AmountError
from pos.domain.payment import THAI_DENOMINATIONS
from ui import format as fmt
from ui import i18n, style
from ui.dialogs import ConfirmDialog, _Dialog, read_number

if TYPE_CHECKING:
    from pos.domain.cashup import ShiftReport
    from pos.ports.shifts import ShiftRecord
    from pos.services.auth import Approval, Auth
    from pos.services.shifts import Shifts

T = TypeVar("T")


class Run(Protocol):
    """run(fn, on_success, on_failure): the till's ordered worker; fn's result goes to
    on_success on the UI thread, its error to on_failure."""

    def __call__(
        self, fn: Callable[[], T], ok: Callable[[T], None], fail: Callable[[Exception], None], /
    ) -> None: ...


class _WorkerDialog(_Dialog):
    """A dialog whose OK runs one service call on the worker; errors stay in the dialog."""

    def __init__(self, name: str, run: Run, parent: QWidget | None) -> None:
        super().__init__(name, parent)
        self._run = run
        self.busy = False

    def _submit(self, fn: Callable[[], T], done: Callable[[T], None]) -> None:
        if self.busy:
            return
        self.busy = True
        self._ok.setEnabled(False)

        def ok(result: T) -> None:
            self.busy = False
            self._ok.setEnabled(True)
            done(result)

        def fail(exc: Exception) -> None:
            self.busy = False
            self._ok.setEnabled(True)
            if isinstance(exc, ShopError):
                self.show_error(exc)
            else:
                self.show_message(self.tr("Something went wrong (it was logged). Try again."))
            self._failed()

        self._run(fn, ok, fail)

    def _failed(self) -> None:
        """After a refused call: e.g. clear the PIN."""

    def reject(self) -> None:
        if not self.busy:  # the call is on its way: its answer comes back to this dialog
            super().reject()


FLOAT = Bilingual("เงินทอนตั้งต้น", "float")


class OpenShiftDialog(_WorkerDialog):
    """No shift is open at this counter: open one with the float in the drawer."""

    opened = Signal(object)  # ShiftRecord

    def __init__(self, shifts: Shifts, actor: Actor, run: Run, parent: QWidget | None = None):
        super().__init__("openShiftDialog", run, parent)
        self._shifts, self._actor = shifts, actor
        self._caption = QLabel()
        self._caption.setWordWrap(True)
        self.float_field = style.named(QLineEdit(), "floatField")
        self.float_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.float_field.setStyleSheet("font-size: 32px; font-weight: bold;")
        self._body.addWidget(self._caption)
        self._body.addWidget(self.float_field)
        self.resize(520, 300)
        self.retranslateUi()
        self.float_field.setFocus()

    def _confirm(self) -> None:
        try:
            value = read_number(self.float_field.text() or "0", FLOAT)
        except AmountError as exc:
            self.show_error(exc)
            self.float_field.selectAll()
            return
        if value is None or value < 0:
            self.show_message(self.tr("Type the float in baht, e.g. 2000"))
            self.float_field.selectAll()
            return
        shifts, actor = self._shifts, self._actor
        self._submit(lambda: shifts.open(actor, value), self._opened)

    def _opened(self, shift: ShiftRecord) -> None:
        self.opened.emit(shift)
        self.accept()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Open shift"))
        self._title.setText(
            self.tr("Open a shift for {name}").format(name=self._actor.display_name)
        )
        self._caption.setText(
            self.tr(
                "No shift is open at this counter. Count the float "
                "(change money) in the drawer and type it:"
            )
        )
        self._ok.setText(self.tr("Open shift (Enter)"))


class CashMoveDialog(_WorkerDialog):
    """Paid-in or paid-out: an amount and a reason, into the shift's cash."""

    moved = Signal(str, object)  # kind, amount

    def __init__(
        self, kind: str, shifts: Shifts, actor: Actor, run: Run, parent: QWidget | None = None
    ) -> None:
        super().__init__("cashMoveDialog", run, parent)
        self.kind = kind  # "paid_in" | "paid_out"
        self._shifts, self._actor = shifts, actor
        self._amount_caption, self._reason_caption = QLabel(), QLabel()
        self.amount_field = style.named(QLineEdit(), "cashAmountField")
        self.amount_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reason_field = style.named(QLineEdit(), "cashReasonField")
        for w in (self._amount_caption, self.amount_field, self._reason_caption, self.reason_field):
            self._body.addWidget(w)
        self.resize(560, 340)
        self.retranslateUi()
        self.amount_field.setFocus()

    def _confirm(self) -> None:
        if self.amount_field.hasFocus() and not self.reason_field.text().strip():
            self.reason_field.setFocus()  # Enter moves on from the amount to the reason
            return
        try:
            value = read_number(self.amount_field.text())
        except AmountError as exc:
            self.show_error(exc)
            self.amount_field.setFocus()
            self.amount_field.selectAll()
            return
        if value is None or value <= 0:
            self.show_message(self.tr("Type an amount more than zero"))
            self.amount_field.setFocus()
            return
        shifts, actor, reason = self._shifts, self._actor, self.reason_field.text()
        move = shifts.paid_in if self.kind == "paid_in" else shifts.paid_out
        self._submit(lambda: move(actor, value, reason), lambda _r: self._moved(value))

    def _moved(self, amount: Decimal) -> None:
        self.moved.emit(self.kind, amount)
        self.accept()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        title = self.tr("Paid in") if self.kind == "paid_in" else self.tr("Paid out")
        self.setWindowTitle(title)
        self._title.setText(title)
        self._amount_caption.setText(self.tr("Amount (baht)"))
        self._reason_caption.setText(self.tr("Reason (e.g. more change, ice, delivery)"))


class CloseShiftDialog(_WorkerDialog):
    """Count the drawer note by note and coin by coin; expected vs counted, then close.

    Enter never closes the shift from a field: it moves to the next one, and from the last
    coin to the Close button; the button closes, asking once more when the drawer is off."""

    closed = Signal(object)  # ShiftReport (the Z report)

    def __init__(
        self,
        shifts: Shifts,
        actor: Actor,
        x_report: ShiftReport,
        warning: str,
        run: Run,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("closeShiftDialog", run, parent)
        self._shifts, self._actor = shifts, actor
        self.expected = x_report.cash.expected
        self._warning = style.named(QLabel(warning), "closeShiftWarning")
        self._warning.setWordWrap(True)
        self._warning.setProperty("kind", "error")
        self._warning.setVisible(bool(warning))
        self._body.addWidget(self._warning)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.count_fields: dict[Decimal, QLineEdit] = {}
        self._subtotals: dict[Decimal, QLabel] = {}
        half = (len(THAI_DENOMINATIONS) + 1) // 2
        for i, d in enumerate(THAI_DENOMINATIONS):
            row, col = i % half, (i // half) * 3
            label = QLabel(f"฿{d:g}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            field = style.named(QLineEdit(), f"count_{d:g}".replace(".", "_"))
            field.setValidator(QIntValidator(0, 100_000, field))
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setMaximumWidth(110)
            field.textChanged.connect(lambda _t: self._update())
            sub = style.named(QLabel(), "countSubtotal")
            sub.setMinimumWidth(130)
            sub.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, col)
            grid.addWidget(field, row, col + 1)
            grid.addWidget(sub, row, col + 2)
            self.count_fields[d] = field
            self._subtotals[d] = sub
        self._body.addLayout(grid)
        self.expected_label = style.named(QLabel(), "expectedLabel")
        self.counted_label = style.named(QLabel(), "countedLabel")
        self.difference_label = style.named(QLabel(), "differenceLabel")
        for w in (self.expected_label, self.counted_label, self.difference_label):
            w.setAlignment(Qt.AlignmentFlag.AlignRight)
            w.setStyleSheet("font-size: 20px; font-weight: bold;")
            self._body.addWidget(w)
        self._ok.clicked.disconnect()
        self._ok.clicked.connect(self.close_shift)  # the button closes; Enter counts on
        self._ok.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # where Enter on the last coin goes
        self.resize(820, 640)
        self.retranslateUi()
        self.count_fields[THAI_DENOMINATIONS[0]].setFocus()

    def counts(self) -> dict[Decimal, int]:
        out: dict[Decimal, int] = {}
        for d, field in self.count_fields.items():
            text = field.text().strip()
            if text.isdigit() and int(text):
                out[d] = int(text)
        return out

    @property
    def counted(self) -> Decimal:
        return sum((d * n for d, n in self.counts().items()), Decimal(0)).quantize(Decimal("0.01"))

    @property
    def difference(self) -> Decimal:
        return self.counted - self.expected

    def _update(self) -> None:
        counts = self.counts()
        for d, sub in self._subtotals.items():
            sub.setText(fmt.money(d * counts[d]) if d in counts else "")
        self.expected_label.setText(
            self.tr("Expected in the drawer: {amount}").format(amount=fmt.baht(self.expected))
        )
        self.counted_label.setText(
            self.tr("Counted: {amount}").format(amount=fmt.baht(self.counted))
        )
        diff = self.difference
        self.difference_label.setText(self.difference_text())
        color = style.GREEN if diff == 0 else style.RED
        self.difference_label.setStyleSheet(f"font-size: 20px; font-weight: bold; color: {color};")

    def _confirm(self) -> None:
        """Enter counts on: to the next field, and from the last one to the Close button;
        only on that button does it close (as a click does)."""
        if self._ok.hasFocus():
            self.close_shift()
            return
        focused = [d for d, f in self.count_fields.items() if f.hasFocus()]
        if focused and focused[0] != THAI_DENOMINATIONS[-1]:
            # Enter moves down the denominations, like counting the drawer
            i = THAI_DENOMINATIONS.index(focused[0])
            self.count_fields[THAI_DENOMINATIONS[i + 1]].setFocus()
            self.count_fields[THAI_DENOMINATIONS[i + 1]].selectAll()
            return
        self._ok.setFocus()

    def difference_text(self) -> str:
        diff = self.difference
        if diff == 0:
            return self.tr("Difference: none, the drawer is right")
        if diff < 0:
            return self.tr("Difference: {amount} short").format(amount=fmt.baht(-diff))
        return self.tr("Difference: {amount} over").format(amount=fmt.baht(diff))

    def close_shift(self) -> None:
        """The Close button: a drawer that is right closes; one that is short or over is
        asked about once more, naming the difference."""
        if self.busy:
            return
        if self.difference == 0:
            self._close_now()
            return
        diff = self.difference
        text = self.tr("Expected {expected} · counted {counted}\n{difference}\n\n"
                       "Close the shift and issue the Z report with this difference?").format(
            expected=fmt.baht(self.expected), counted=fmt.baht(self.counted),
            difference=self.difference_text())
        yes = (self.tr("Yes, close {amount} short (Enter)") if diff < 0
               else self.tr("Yes, close {amount} over (Enter)")).format(
            amount=fmt.baht(abs(diff)))
        confirm = ConfirmDialog("confirmCloseShift", self.tr("The drawer is not right"), text,
                                yes, self)
        confirm.accepted.connect(self._close_now)
        confirm.finished.connect(lambda _r: confirm.deleteLater())
        confirm.open()

    def _close_now(self) -> None:
        shifts, actor, counts = self._shifts, self._actor, self.counts()
        self._submit(lambda: shifts.close(actor, counts), self._closed)

    def _closed(self, report: ShiftReport) -> None:
        self.closed.emit(report)
        self.accept()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.setWindowTitle(self.tr("Close shift"))
        self._title.setText(self.tr("Count the drawer: how many of each note and coin?"))
        self._ok.setText(self.tr("Close shift (Z report)"))
        self._update()


class ApprovalDialog(_WorkerDialog):
    """A manager approves one action by username and PIN, with a reason: the approval is
    written to the audit log by the service and handed back through `approved`."""

    approved = Signal(object)  # Approval

    def __init__(
        self,
        auth: Auth,
        actor: Actor,
        action: Action,
        ref: str,
        run: Run,
        parent: QWidget | None = None,
        reason: str = "",
    ) -> None:
        super().__init__("approvalDialog", run, parent)
        self._auth, self._actor, self.action, self._ref = auth, actor, action, ref
        self._what = QLabel()
        self._what.setWordWrap(True)
        self._user_caption, self._pin_caption, self._reason_caption = QLabel(), QLabel(), QLabel()
        self.user_field = style.named(QLineEdit(), "approvalUser")
        self.pin_field = style.named(QLineEdit(), "approvalPin")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(8)
        self.reason_field = style.named(QLineEdit(reason), "approvalReason")
        if reason.strip():  # the reason the cashier gave (a discount's): shown, not asked again
            self.reason_field.setReadOnly(True)
            self.reason_field.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for w in (
            self._what,
            self._reason_caption,
            self.reason_field,
            self._user_caption,
            self.user_field,
            self._pin_caption,
            self.pin_field,
        ):
            self._body.addWidget(w)
        self.resize(560, 460)
        self.retranslateUi()
        (self.user_field if reason else self.reason_field).setFocus()

    def _confirm(self) -> None:
        # Enter moves on to the next empty field, then asks
        for field in (self.reason_field, self.user_field, self.pin_field):
            if not field.text().strip():
                field.setFocus()
                return
        auth, actor, action, ref = self._auth, self._actor, self.action, self._ref
        user, pin = self.user_field.text().strip(), self.pin_field.text()
        reason = self.reason_field.text()
        self._submit(lambda: auth.approve(actor, action, reason, user, pin, ref), self._done)

    def _failed(self) -> None:
        self.pin_field.clear()
        self.pin_field.setFocus()

    def _done(self, approval: Approval) -> None:
        self.approved.emit(approval)
        self.accept()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        en, th = ACTION_NAMES[self.action]
        what = en if i18n.current_language() == "en" else th
        self.setWindowTitle(self.tr("Manager approval"))
        self._title.setText(self.tr("Manager approval: {action}").format(action=what))
        self._what.setText(
            self.tr("{name} asks to {action}. {ref}").format(
                name=self._actor.display_name, action=what, ref=self._ref
            )
        )
        self._reason_caption.setText(self.tr("Reason"))
        self._user_caption.setText(self.tr("Manager's user name"))
        self._pin_caption.setText(self.tr("Manager's PIN"))
        self._ok.setText(self.tr("Approve (Enter)"))
