"""The settings page's checks as they are typed: the PromptPay QR drawn live from the ID, and
the central database's "test connection" run off the UI thread (a part of
`ui.backoffice.settings_page.SettingsPage`, which mixes it in)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.promptpay import PromptPayError, promptpay_payload
from ui import style
from ui.backoffice.settings_common import SettingsBackend, message
from ui.qr import qr_pixmap
from ui.worker import Worker

if TYPE_CHECKING:
    _Widget = QWidget  # the settings page: a QWidget with what is declared below
else:
    _Widget = object


class SettingsChecks(_Widget):
    """What the checks need of the page is declared here; `SettingsPage` provides it."""

    if TYPE_CHECKING:
        backend: SettingsBackend
        editors: dict[str, QLineEdit | QPlainTextEdit | QCheckBox | QComboBox]
        worker: Worker

    def _qr_preview(self, form: QFormLayout) -> None:
        """The payment group's QR of the PromptPay ID, redrawn as it is typed."""
        self.qr = style.named(QLabel(), "promptpayQr")
        self.qr.setFixedSize(220, 220)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = style.named(QLabel(), "promptpayQrCaption")
        self.qr_caption.setWordWrap(True)
        form.addRow("", self.qr)
        form.addRow("", self.qr_caption)
        promptpay = self.editors["promptpay_id"]
        assert isinstance(promptpay, QLineEdit)
        promptpay.textChanged.connect(self._draw_qr)

    def _connection_test(self, form: QFormLayout) -> None:
        """The central group's "test connection" button and what answered."""
        self.test_connection_button = style.named(QPushButton(), "testConnection")
        self.test_connection_button.clicked.connect(self.test_connection)
        self.connection_result = style.named(QLabel(), "connectionResult")
        self.connection_result.setWordWrap(True)
        form.addRow("", self.test_connection_button)
        form.addRow("", self.connection_result)

    def _draw_qr(self) -> None:
        editor = self.editors["promptpay_id"]
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        try:
            payload = promptpay_payload(text) if text else ""
        except PromptPayError as exc:
            self.qr.setPixmap(QPixmap())
            self.qr_caption.setText(self.tr("Not a PromptPay ID: {reason}").format(reason=exc))
            return
        self.qr_payload = payload
        if not payload:
            self.qr.setPixmap(QPixmap())
            self.qr_caption.setText(self.tr("No PromptPay ID: the till takes no PromptPay."))
            return
        self.qr.setPixmap(qr_pixmap(payload, 200))
        self.qr_caption.setText(self.tr("Scan to check: it must name the shop's account."))

    def test_connection(self) -> None:
        editor = self.editors["central_url"]
        assert isinstance(editor, QLineEdit)
        url = editor.text().strip()
        if not url:
            self.connection_result.setText(
                self.tr("No central database: this is a standalone store.")
            )
            return
        self.test_connection_button.setEnabled(False)
        self.connection_result.setText(self.tr("Connecting…"))
        self.worker.run(lambda: self.backend.test_connection(url), self._connected,
                        self._not_connected, name="test_connection")  # fmt: skip

    def _connected(self, answer: str) -> None:
        if isValid(self):
            self.test_connection_button.setEnabled(True)
            self.connection_result.setText(self.tr("Connected: {answer}").format(answer=answer))

    def _not_connected(self, exc: Exception) -> None:
        if isValid(self):
            self.test_connection_button.setEnabled(True)
            self.connection_result.setText(
                self.tr("No connection: {reason}").format(reason=message(exc))
            )
