"""The users page (the admin's): list, add, change a role, reset a PIN, unlock, deactivate.

A banner warns while any demo user still has its demo PIN. Typing in the search field filters
the list, Enter opens a user, Ctrl+N adds one; in a form Ctrl+S saves and Esc closes. The
service refuses anyone but an admin and names the field it refuses.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos.domain.auth import Actor, Role
from pos.domain.errors import ShopError
from pos.services.producers import FieldError
from pos.services.users import ROLE_NAMES, UserView
from ui import i18n, style
from ui.backoffice.listing import RecordTable, form_button, labelled_row


class UsersBackend(Protocol):
    def all(self, actor: Actor) -> list[UserView]: ...
    def demo_pins_in_use(self) -> list[str]: ...
    def add(
        self, actor: Actor, username: str, display_name: str, role: str | Role, pin: str
    ) -> UserView: ...
    def set_role(self, actor: Actor, username: str, role: str | Role) -> None: ...
    def reset_pin(self, actor: Actor, username: str, temporary_pin: str | None = None) -> str: ...
    def unlock(self, actor: Actor, username: str) -> bool: ...
    def set_active(self, actor: Actor, username: str, active: bool) -> None: ...


class DemoPinCheck(Protocol):
    def demo_pins_in_use(self) -> list[str]: ...


class DemoPinBanner(QLabel):
    """The back office's warning while a demo user (cashier, labels, manager, admin) keeps its
    demo PIN; hidden once every one was changed. The window may show it above its pages too."""

    def __init__(self, users: DemoPinCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDemoWarning")
        self.users = users
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff3cd; color: #664d03; padding: 8px;")
        self.refresh()

    def refresh(self) -> None:
        demo = self.users.demo_pins_in_use()  # each hash checked once (cached by the service)
        self.setText(self.tr(
            "Demo PINs still in use by {names}: anyone who read the manual can log in as them. "
            "Open each user and reset the PIN before real use."
        ).format(names=", ".join(demo)))  # fmt: skip
        self.setVisible(bool(demo))


class UserServices(Protocol):
    """What the page needs of pos.app.bootstrap.Services."""

    @property
    def users(self) -> UsersBackend: ...


def _message(exc: ShopError) -> str:
    return exc.message(i18n.current_language())


def _role_combo(name: str) -> QComboBox:
    combo = style.named(QComboBox(), name)
    th = i18n.current_language() == "th"
    for role in Role:
        en, thai = ROLE_NAMES[role]
        combo.addItem(thai if th else en, role.value)
    return combo


def _pin_field(name: str) -> QLineEdit:
    field = style.named(QLineEdit(), name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(8)
    return field


class _Form(QDialog):
    """A user form: its error line, Ctrl+S, the cursor on the field the service refused."""

    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumWidth(520)
        self.error = style.named(QLabel(), f"{name}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.done_text = ""  # what the page says once the form closed after a change
        self.fields: dict[str, QWidget] = {}
        self.first: QWidget | None = None
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def save(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        if self.first is not None:
            self.first.setFocus()

    def refused(self, exc: ShopError) -> None:
        self.error.setText(_message(exc))
        if isinstance(exc, FieldError) and exc.field in self.fields:
            self.fields[exc.field].setFocus()

    def finish(self, text: str) -> None:
        self.done_text = text
        self.accept()


class NewUserDialog(_Form):
    def __init__(self, backend: UsersBackend, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("userNewForm", parent)
        self.backend = backend
        self.actor = actor
        self.setWindowTitle(self.tr("New user"))
        self.username = style.named(QLineEdit(), "userName")
        self.display_name = style.named(QLineEdit(), "userDisplayName")
        self.role = _role_combo("userRole")
        self.pin = _pin_field("userPin")
        self.again = _pin_field("userPinAgain")
        form = QFormLayout(self)
        form.addRow(self.tr("User name (to log in)"), self.username)
        form.addRow(self.tr("Name shown"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("PIN (4-8 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.again)
        form.addRow(self.error)
        save = form_button("userNewSave", self.tr("Save (Ctrl+S)"))
        save.clicked.connect(self.save)
        form.addRow(save)
        self.fields = {"username": self.username, "display_name": self.display_name,
                       "role": self.role, "pin": self.pin}  # fmt: skip
        self.first = self.username

    def save(self) -> None:
        if self.pin.text() != self.again.text():
            self.refused(FieldError("pin", "PIN: the two PINs differ", "PIN: PIN ทั้งสองครั้งไม่ตรงกัน"))
            return
        try:
            user = self.backend.add(
                self.actor, self.username.text(), self.display_name.text(),
                str(self.role.currentData()), self.pin.text(),
            )  # fmt: skip
        except ShopError as exc:
            self.refused(exc)
            return
        self.finish(self.tr("Added {name}: they log in with the PIN given").format(
            name=user.username))  # fmt: skip


class UserDialog(_Form):
    """One user: change the role (Ctrl+S), reset the PIN, unlock, deactivate or activate."""

    def __init__(
        self, backend: UsersBackend, actor: Actor, user: UserView, parent: QWidget | None = None
    ) -> None:
        super().__init__("userForm", parent)
        self.backend = backend
        self.actor = actor
        self.user = user
        self.setWindowTitle(self.tr("User {name}").format(name=user.username))
        self.role = _role_combo("userRole")
        self.role.setCurrentIndex(max(0, self.role.findData(user.role.value)))
        self.temporary = _pin_field("userTempPin")
        self.temporary.setEchoMode(QLineEdit.EchoMode.Normal)
        self.temporary.setPlaceholderText(self.tr("empty: six random digits"))
        save = form_button("userSaveRole", self.tr("Save role (Ctrl+S)"))
        save.clicked.connect(self.save)
        reset = form_button("userResetPin", self.tr("Reset PIN"))
        reset.clicked.connect(self.reset_pin)
        unlock = form_button("userUnlock", self.tr("Unlock"))
        unlock.clicked.connect(self.unlock)
        unlock.setEnabled(user.locked or user.failed_attempts > 0)
        active = form_button(
            "userActive", self.tr("Deactivate") if user.active else self.tr("Activate")
        )
        active.clicked.connect(self.toggle_active)
        state = QLabel(self._state())
        form = QFormLayout(self)
        form.addRow(self.tr("User name"), QLabel(user.username))
        form.addRow(self.tr("Name shown"), QLabel(user.display_name))
        form.addRow(self.tr("State"), state)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Temporary PIN"), self.temporary)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        for b in (reset, unlock, active):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(save)
        form.addRow(buttons)
        self.fields = {"role": self.role, "pin": self.temporary}
        self.first = self.role

    def _state(self) -> str:
        u = self.user
        parts = [self.tr("active") if u.active else self.tr("inactive")]
        if u.locked:
            parts.append(self.tr("locked after wrong PINs"))
        elif u.failed_attempts:
            parts.append(self.tr("{n} wrong PIN(s)").format(n=u.failed_attempts))
        if u.must_change_pin:
            parts.append(self.tr("sets a new PIN at the next log-in"))
        return ", ".join(parts)

    def save(self) -> None:
        role = str(self.role.currentData())
        try:
            self.backend.set_role(self.actor, self.user.username, role)
        except ShopError as exc:
            self.refused(exc)
            return
        self.finish(self.tr("{name} is now {role}").format(
            name=self.user.username, role=self.role.currentText()))  # fmt: skip

    def reset_pin(self) -> None:
        typed = self.temporary.text().strip() or None
        try:
            pin = self.backend.reset_pin(self.actor, self.user.username, typed)
        except ShopError as exc:
            self.refused(exc)
            return
        self.finish(self.tr(
            "Temporary PIN of {name}: {pin}. They set their own at the next log-in."
        ).format(name=self.user.username, pin=pin))  # fmt: skip

    def unlock(self) -> None:
        try:
            self.backend.unlock(self.actor, self.user.username)
        except ShopError as exc:
            self.refused(exc)
            return
        self.finish(self.tr("{name} is unlocked").format(name=self.user.username))

    def toggle_active(self) -> None:
        try:
            self.backend.set_active(self.actor, self.user.username, not self.user.active)
        except ShopError as exc:
            self.refused(exc)
            return
        text = self.tr("{name} is deactivated") if self.user.active else self.tr(
            "{name} is active again")  # fmt: skip
        self.finish(text.format(name=self.user.username))


class UsersPage(QWidget):
    """The store's users for the admin (the service refuses anyone else)."""

    def __init__(self, services: UserServices, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPage")
        self.backend = services.users
        self.actor = actor
        self.users: dict[str, UserView] = {}
        self.dialog: _Form | None = None
        self.banner = DemoPinBanner(self.backend)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: user name, name, role"))
        headers = [self.tr("User name"), self.tr("Name shown"), self.tr("Role"), self.tr("State")]
        self.table = RecordTable("userList", headers, self.search)
        self.table.opened.connect(self.open_user)
        self.status = style.named(QLabel(), "usersStatus")
        self.status.setWordWrap(True)
        new = form_button("userNew", self.tr("New user (Ctrl+N)"))
        new.clicked.connect(self.new_user)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_user)
        bar = labelled_row((self.tr("Search"), self.search, 1))
        bar.addWidget(new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.reload()
        self.setFocusProxy(self.search)  # the window gives the page the keyboard: typing searches
        self.search.setFocus()

    def reload(self, keep: str | None = None) -> None:
        th = i18n.current_language() == "th"
        self.users = {u.username: u for u in self.backend.all(self.actor)}
        rows = []
        for u in self.users.values():
            en, thai = ROLE_NAMES[u.role]
            rows.append((u.username, [u.username, u.display_name, thai if th else en,
                                      self._state(u)]))  # fmt: skip
        self.table.set_rows(rows, keep)
        self.banner.refresh()

    def _state(self, u: UserView) -> str:
        if not u.active:
            return self.tr("inactive")
        if u.locked:
            return self.tr("locked")
        if u.must_change_pin:
            return self.tr("new PIN at next log-in")
        return self.tr("active")

    def new_user(self) -> None:
        self._open(NewUserDialog(self.backend, self.actor, self))

    def open_user(self, username: str) -> None:
        self._open(UserDialog(self.backend, self.actor, self.users[username], self))

    def _open(self, dialog: _Form) -> None:
        if self.dialog is not None:
            dialog.deleteLater()
            return
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: _Form) -> None:
        self.dialog = None
        if dialog.done_text:
            keep = dialog.user.username if isinstance(dialog, UserDialog) else None
            self.reload(keep)
            self.status.setText(dialog.done_text)
        self.table.setFocus()
