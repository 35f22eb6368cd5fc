"""After an admin reset a PIN: the user types a new PIN twice before logging in (the till)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.services.auth import PinChangeRequired
from ui import i18n, style
from ui.backoffice.listing import form_button
from ui.worker import Worker


class PinChanger(Protocol):
    def change_own_pin(self, token: str, new_pin: str, again: str) -> Actor: ...


class NewPinDialog(QDialog):
    """New PIN, then again; Enter moves on and saves. `outcome` is what the log-in page says."""

    def __init__(
        self,
        auth: PinChanger,
        asked: PinChangeRequired,
        parent: QWidget | None = None,
        worker: Worker | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker  # the till's: the PIN may be set on the central database
        self.setObjectName("newPinDialog")
        self.auth = auth
        self.asked = asked
        self.setWindowTitle(self.tr("Set a new PIN"))
        self.setMinimumWidth(460)
        self.outcome = self.tr("Your PIN was not changed: log in with the temporary PIN again")
        info = QLabel(asked.message(i18n.current_language()))
        info.setWordWrap(True)
        self.pin = style.named(QLineEdit(), "newPin")
        self.again = style.named(QLineEdit(), "newPinAgain")
        for field in (self.pin, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(8)
        self.pin.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.save)
        self.error = style.named(QLabel(), "newPinError")
        self.error.setWordWrap(True)
        save = form_button("newPinSave", self.tr("Set PIN (Enter)"))
        save.clicked.connect(self.save)
        form = QFormLayout(self)
        form.addRow(info)
        form.addRow(self.tr("New PIN (4-8 digits)"), self.pin)
        form.addRow(self.tr("New PIN again"), self.again)
        form.addRow(self.error)
        form.addRow(save)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.pin.setFocus()

    def save(self) -> None:
        pin, again = self.pin.text(), self.again.text()
        if self.worker is None:
            try:
                actor = self.auth.change_own_pin(self.asked.token, pin, again)
            except ShopError as exc:
                self._refused(exc)
                return
            self._changed(actor)
            return
        self.pin.setReadOnly(True)
        self.again.setReadOnly(True)
        self.worker.run(
            lambda: self.auth.change_own_pin(self.asked.token, pin, again),
            self._changed,
            self._refused,
        )

    def _refused(self, exc: Exception) -> None:
        self.pin.setReadOnly(False)
        self.again.setReadOnly(False)
        text = exc.message(i18n.current_language()) if isinstance(exc, ShopError) else repr(exc)
        self.error.setText(text)
        self.pin.clear()
        self.again.clear()
        self.pin.setFocus()

    def _changed(self, actor: Actor) -> None:
        self.outcome = self.tr("{name}: your new PIN is set: log in with it").format(
            name=actor.display_name
        )
        self.accept()
