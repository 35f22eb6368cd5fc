"""The till's log-in page: user name and PIN, a big touch PIN pad, keyboard digits + Enter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import style


class LoginPage(QWidget):
    """Who is at the till: `submitted(username, pin)`; the window checks it on its worker."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self._busy = False
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = style.named(QFrame(), "totalsPanel")
        card.setMinimumWidth(980)
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 22, 28, 22)
        box.setSpacing(10)
        # its look is in style.STYLE_SHEET (#loginTitle, #loginPin, #loginMessage, pinKey
        # buttons): one style sheet for the window, none per widget, keeps the first frame quick
        self._title = style.named(QLabel(), "loginTitle")
        self._hint = QLabel()
        self._hint.setWordWrap(True)
        self._user_caption = QLabel()
        self.user_field = style.named(QLineEdit(), "loginUser")
        self.user_field.setMinimumHeight(48)
        self.user_field.returnPressed.connect(self._user_entered)
        self._pin_caption = QLabel()
        self.pin_field = style.named(QLineEdit(), "loginPin")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(8)
        self.pin_field.setMinimumHeight(56)
        self.pin_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_field.returnPressed.connect(self.submit)
        self.message_label = style.named(QLabel(), "loginMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setMinimumHeight(48)
        self.message_label.hide()
        box.addWidget(self._title)
        box.addWidget(self._hint)
        # the fields and a message on the left, the PIN pad on the right: a message of two
        # or three lines grows its own column and never squeezes the pad (issue 13, item 15)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        fields = QVBoxLayout()
        fields.setSpacing(10)
        for w in (
            self._user_caption,
            self.user_field,
            self._pin_caption,
            self.pin_field,
            self.message_label,
        ):
            fields.addWidget(w)
        fields.addStretch(1)
        columns.addLayout(fields, 2)
        pad = QGridLayout()
        pad.setSpacing(8)
        self._pad: dict[str, QPushButton] = {}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "enter"]
        for i, k in enumerate(keys):
            b = style.button(f"pinKey_{k}", k if k.isdigit() else "")
            b.setMinimumHeight(72)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the PIN field
            b.setProperty("pinKey", True)
            b.clicked.connect(lambda _=False, k=k: self._pad_key(k))
            pad.addWidget(b, i // 3, i % 3)
            self._pad[k] = b
        pad.setRowStretch(4, 1)  # the keys keep together at the top of their column
        for col in range(3):  # three equal columns, wide enough for "ตกลง (Enter)"
            pad.setColumnStretch(col, 1)
            pad.setColumnMinimumWidth(col, 190)
        columns.addLayout(pad, 3)
        box.addLayout(columns)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.retranslateUi()

    @property
    def message(self) -> str:
        return str(self.message_label.text()) if self.message_label.isVisibleTo(self) else ""

    def show_message(self, text: str, kind: str = "error") -> None:
        """`text` under the fields: an error (red), or "info" (a log-out, a parked sale)."""
        self.message_label.setText(text)
        self.message_label.setProperty("kind", kind)
        self.message_label.style().polish(self.message_label)
        self.message_label.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for b in self._pad.values():
            b.setEnabled(not busy)
        self.pin_field.setReadOnly(busy)
        self.user_field.setReadOnly(busy)

    def reset(self, username: str = "") -> None:
        """Ready for the next person; `username` pre-filled (e.g. switch back)."""
        self.set_busy(False)
        self.user_field.setText(username)
        self.pin_field.clear()
        self.focus_field()

    def focus_field(self) -> None:
        field = self.pin_field if self.user_field.text().strip() else self.user_field
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _user_entered(self) -> None:
        if self.user_field.text().strip():
            self.pin_field.setFocus()

    def _pad_key(self, key: str) -> None:
        if self._busy:
            return
        if key == "clear":
            self.pin_field.clear()
        elif key == "enter":
            self.submit()
        else:
            self.pin_field.insert(key)
        self.focus_field()

    def submit(self) -> None:
        if self._busy:
            return
        user, pin = self.user_field.text().strip(), self.pin_field.text()
        if not user:
            self.show_message(self.tr("Type your user name first"))
            self.user_field.setFocus()
            return
        if not pin:
            self.show_message(self.tr("Type your PIN"))
            self.pin_field.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(user, pin)

    def failed(self, text: str) -> None:
        """The service said no: its message, the PIN cleared for another try."""
        self.set_busy(False)
        self.show_message(text)
        self.pin_field.clear()
        self.focus_field()

    def retranslateUi(self) -> None:
        self._title.setText(self.tr("Log in to the till"))
        self._hint.setText(
            self.tr("Type your user name and PIN (the digits or the pad), then Enter")
        )
        self._user_caption.setText(self.tr("User name"))
        self._pin_caption.setText(self.tr("PIN"))
        self.user_field.setPlaceholderText(self.tr("e.g. cashier"))
        self._pad["clear"].setText(self.tr("Clear"))
        self._pad["enter"].setText(self.tr("Enter"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
