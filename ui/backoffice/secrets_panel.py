"""The settings editor's online channels: each secret set or not (never its value), replaced
or cleared by the admin, and each channel's "test connection" run off the UI thread."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.secrets import SECRET_NAMES, env_name
from pos.domain.shop_time import local
from pos.ports.secrets import SecretStatus
from ui import i18n, style
from ui.worker import Worker

CHANNELS = ("line", "facebook", "thailandpost")


class SecretsBackend(Protocol):
    """What the panel needs of the settings editor's backend (pos.app.settings_backend)."""

    def secret_status(self) -> dict[str, SecretStatus] | None: ...
    def secrets_on_counter(self) -> bool: ...
    def set_secret(self, actor: Actor, name: str, value: str) -> None: ...
    def clear_secret(self, actor: Actor, name: str) -> None: ...
    def check_channel(self, channel: str) -> str: ...


def _message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(i18n.current_language())
    return type(exc).__name__  # a bug: logged by the worker; never a value in the text


class ChannelSecretsPanel(QGroupBox):
    """The "Channels" group: one row per secret (status, Replace field, Clear) and one "Test
    connection" per channel. A value typed is sent once (Enter or Replace) and the field
    empties; Esc empties it unsaved."""

    def __init__(
        self, backend: SecretsBackend, actor: Actor, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("channelSecrets")
        self.backend = backend
        self.actor = actor
        self.worker = worker
        self.names: dict[str, QLabel] = {}
        self.states: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        self.replace_buttons: dict[str, QPushButton] = {}
        self.clear_buttons: dict[str, QPushButton] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.results: dict[str, QLabel] = {}
        self.statuses: dict[str, SecretStatus] = {}

        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        for row, name in enumerate(SECRET_NAMES):
            label = style.named(QLabel(), f"{name}Label")
            state = style.named(QLabel(), f"{name}State")
            state.setStyleSheet("color: #5f6368;")
            field = style.named(QLineEdit(), f"{name}Replace")
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(4001)  # one over the limit: the service names the limit
            field.returnPressed.connect(lambda n=name: self.replace(n))
            field.installEventFilter(self)
            label.setBuddy(field)
            replace = style.named(QPushButton(), f"{name}ReplaceButton")
            replace.setAutoDefault(True)  # Enter on the focused button presses it
            replace.clicked.connect(lambda _c=False, n=name: self.replace(n))
            clear = style.named(QPushButton(), f"{name}Clear")
            clear.setAutoDefault(True)
            clear.clicked.connect(lambda _c=False, n=name: self.clear(n))
            self.names[name], self.states[name], self.fields[name] = label, state, field
            self.replace_buttons[name], self.clear_buttons[name] = replace, clear
            for col, widget in enumerate((label, state, field, replace, clear)):
                grid.addWidget(widget, row, col)
        tests = QVBoxLayout()
        for channel in CHANNELS:
            button = style.named(QPushButton(), f"{channel}Test")
            button.setAutoDefault(True)
            button.clicked.connect(lambda _c=False, c=channel: self.test(c))
            result = style.named(QLabel(), f"{channel}TestResult")
            result.setWordWrap(True)
            self.test_buttons[channel], self.results[channel] = button, result
            line = QHBoxLayout()
            line.addWidget(button)
            line.addWidget(result, 1)
            tests.addLayout(line)
        self.message = style.named(QLabel(), "secretsMessage")
        self.message.setWordWrap(True)
        self.where = style.named(QLabel(), "secretsWhere")
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: #b26a00;")
        self.where.setVisible(backend.secrets_on_counter())
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addLayout(tests)
        self.retranslateUi()
        self.refresh()

    # --- the secrets ---------------------------------------------------------------------
    def refresh(self) -> None:
        self.worker.run(self.backend.secret_status, self._show, self._failed, name="secrets")

    def _show(self, statuses: dict[str, SecretStatus] | None) -> None:
        if not isValid(self):
            return
        if statuses is None:
            self.message.setText(self.tr("This store keeps no secrets."))
            self.setEnabled(False)
            return
        self.statuses = statuses
        for name, state in self.states.items():
            state.setText(self._state_text(name, statuses.get(name, SecretStatus(False))))

    def _state_text(self, name: str, status: SecretStatus) -> str:
        if status.from_env:
            return self.tr("set by the environment ({var})").format(var=env_name(name))
        if not status.set or status.updated_at is None:
            return self.tr("not set")
        when = local(status.updated_at).strftime("%d/%m/%Y %H:%M")
        return self.tr("set on {date} by {name}").format(date=when, name=status.updated_by)

    def replace(self, name: str) -> None:
        field = self.fields[name]
        value = field.text()
        field.clear()  # never shown again, whatever the answer
        if not value.strip():
            self.message.setText(self.tr("Type the new value first (nothing was saved)."))
            return
        self.message.setText(self.tr("Saving…"))
        self.worker.run(
            lambda: self.backend.set_secret(self.actor, name, value),
            lambda _none: self._done(self.tr("Saved: {name}.").format(name=self._name(name))),
            self._failed,
            name="set_secret",
        )

    def clear(self, name: str) -> None:
        self.fields[name].clear()
        self.worker.run(
            lambda: self.backend.clear_secret(self.actor, name),
            lambda _none: self._done(self.tr("Cleared: {name}.").format(name=self._name(name))),
            self._failed,
            name="clear_secret",
        )

    def _done(self, text: str) -> None:
        if isValid(self):
            self.message.setText(text)
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        if isValid(self):
            self.message.setText(self.tr("Not saved: {reason}").format(reason=_message(exc)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in a Replace field empties it (nothing saved)."""
        if (
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and watched.text()
        ):
            watched.clear()
            return True
        return super().eventFilter(watched, event)

    # --- the channels' connection tests --------------------------------------------------
    def test(self, channel: str) -> None:
        button, result = self.test_buttons[channel], self.results[channel]
        button.setEnabled(False)
        result.setText(self.tr("Connecting…"))
        self.worker.run(
            lambda: self.backend.check_channel(channel),
            lambda answer: self._answered(channel, answer),
            lambda exc: self._no_answer(channel, exc),
            name="check_channel",
        )

    def _answered(self, channel: str, answer: str) -> None:
        if isValid(self):
            self.test_buttons[channel].setEnabled(True)
            self.results[channel].setText(self.tr("Connected: {answer}").format(answer=answer))

    def _no_answer(self, channel: str, exc: Exception) -> None:
        if isValid(self):
            self.test_buttons[channel].setEnabled(True)
            self.results[channel].setText(
                self.tr("No connection: {reason}").format(reason=_message(exc))
            )

    # --- language --------------------------------------------------------------------------
    def _name(self, name: str) -> str:
        names = {
            "line_channel_secret": self.tr("LINE channel secret"),
            "line_channel_access_token": self.tr("LINE channel access token"),
            "line_liff_id": self.tr("LINE LIFF ID"),
            "facebook_app_secret": self.tr("Facebook app secret"),
            "facebook_page_access_token": self.tr("Facebook page access token"),
            "facebook_verify_token": self.tr("Facebook webhook verify token"),
            "thailandpost_token": self.tr("Thailand Post API token"),
            "thailandpost_hook_token": self.tr("Thailand Post webhook API token"),
            "carrier_webhook_secret": self.tr("Carrier webhook secret"),
            "chat_link_secret": self.tr("Chat link signing key"),
        }
        return names.get(name, name)

    def retranslateUi(self) -> None:
        self.setTitle(self.tr("Online channels: tokens and keys"))
        self.where.setText(self.tr("This is a counter's own store: the shop server reads the "
                                   "central database's secrets. Set them in the back office "
                                   "opened on the central database (otop-pos backoffice --db "
                                   "postgresql://…) or with otop-pos secrets set."))  # fmt: skip
        for name, label in self.names.items():
            label.setText(self._name(name))
            self.fields[name].setPlaceholderText(self.tr("Replace: type the new value"))
            self.replace_buttons[name].setText(self.tr("Replace"))
            self.clear_buttons[name].setText(self.tr("Clear"))
        tests = {
            "line": self.tr("Test connection: LINE"),
            "facebook": self.tr("Test connection: Facebook"),
            "thailandpost": self.tr("Test connection: Thailand Post"),
        }
        for channel, button in self.test_buttons.items():
            button.setText(tests[channel])
        if self.statuses:
            self._show(self.statuses)
