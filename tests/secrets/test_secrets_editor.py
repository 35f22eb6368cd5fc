"""The settings editor's online channels through the real widget, keys only: a secret typed and
Enter saves it and is never shown again, Esc drops what was typed, Clear removes it, and each
channel's test connection answers in the page without holding the UI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from db.uow import SqlUnitOfWorkFactory
from pos.app.settings_backend import SettingsEditorBackend
from pos.config import SettingsFile, save_settings
from pos.domain.auth import Actor, Role
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.services.secrets import Secrets
from pos.services.settings import SettingsAdmin
from tests.integration.conftest import FixedClock
from ui import i18n
from ui.backoffice.settings_page import GROUPS, SettingsPage

ADMIN = Actor("u-a", "admin", "Somchai Admin", Role.ADMIN)
TOKEN = "kT9-secret-access-token-31x"


class Editor:
    def __init__(self, page: SettingsPage, secrets: Secrets, release: threading.Event) -> None:
        self.page, self.secrets, self.release = page, secrets, release


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path, migrated_sqlite_url: str) -> Iterator[Editor]:
    i18n.install_language("en")
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    engine = create_engine(migrated_sqlite_url)
    uow = SqlUnitOfWorkFactory(engine)
    secrets = Secrets(uow, FixedClock())
    release = threading.Event()

    def line_check() -> str:  # a slow channel: the page stays usable while it answers
        assert release.wait(10)
        return "bot OTOP Khon Kaen (@otopkk)"

    def facebook_check() -> str:
        raise ShopError("the page token was refused (401)", "โทเค็นของเพจถูกปฏิเสธ (401)")

    backend = SettingsEditorBackend(
        SettingsAdmin(SettingsFile(path), FixedClock(), uow),
        secrets=secrets,
        checks={"line": line_check, "facebook": facebook_check},
    )
    page = SettingsPage(backend, ADMIN)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.groups.setCurrentRow([g for g, _ in GROUPS].index("channels"))
    yield Editor(page, secrets, release)
    release.set()
    page.shutdown()
    engine.dispose()


def shown_texts(page: SettingsPage) -> str:
    texts = [w.text() for w in page.findChildren(QLineEdit)]
    texts += [w.text() for w in page.findChildren(QLabel)]
    return "\n".join(texts)


def state(page: SettingsPage, name: str) -> str:
    return page.channels.states[name].text()


def test_a_secret_typed_and_entered_is_saved_and_never_shown_again(
    qtbot: QtBot, editor: Editor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    page = editor.page
    qtbot.waitUntil(lambda: state(page, "line_channel_secret") == "not set")
    first = page.channels.fields["line_channel_secret"]
    first.setFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "old-value-1")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(page, "line_channel_secret").startswith("set on"))
    assert state(page, "line_channel_secret") == "set on 27/11/2026 11:30 by Somchai Admin"

    # Tab past Replace and Clear to the access token: typed, then Esc: dropped, nothing saved
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    token = page.channels.fields["line_channel_access_token"]
    assert QApplication.focusWidget() is token
    qtbot.keyClicks(token, "typed-then-dropped")
    qtbot.keyClick(token, Qt.Key.Key_Escape)
    assert token.text() == ""
    qtbot.keyClicks(token, TOKEN)
    assert token.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClick(token, Qt.Key.Key_Enter)
    assert token.text() == ""  # emptied at once
    qtbot.waitUntil(lambda: state(page, "line_channel_access_token").startswith("set on"))
    assert editor.secrets.get("line_channel_access_token") == TOKEN
    assert TOKEN not in shown_texts(page)
    assert "Saved: LINE channel access token." in page.channels.message.text()
    assert "secret line_channel_access_token set by admin" in caplog.text
    assert TOKEN not in caplog.text

    # back (Shift+Tab) to the channel secret's Clear, Enter: cleared
    qtbot.keyClick(token, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.channels.clear_buttons["line_channel_secret"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(page, "line_channel_secret") == "not set")
    assert editor.secrets.get("line_channel_secret") is None

    # an empty Enter and a refused value save nothing; the refusal never repeats the value
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert "nothing was saved" in page.channels.message.text()
    first.setFocus()
    qtbot.keyClicks(first, "x" * 4001)
    qtbot.keyClick(first, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.channels.message.text().startswith("Not saved"))
    assert "4000" in page.channels.message.text()
    assert "xxxx" not in shown_texts(page)
    assert state(page, "line_channel_secret") == "not set"


def test_each_channels_test_connection_answers_off_the_ui_thread(
    qtbot: QtBot, editor: Editor
) -> None:
    panel = editor.page.channels
    for channel in ("line", "facebook", "thailandpost"):
        panel.test_buttons[channel].setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert panel.results["line"].text() == "Connecting…"
    assert not panel.test_buttons["line"].isEnabled()
    # the LINE check still waits; the page answers keys meanwhile
    field = panel.fields["facebook_verify_token"]
    field.setFocus()
    qtbot.keyClicks(field, "abc")
    assert field.text() == "abc"
    editor.release.set()
    qtbot.waitUntil(lambda: panel.results["thailandpost"].text() != "Connecting…")
    assert panel.results["line"].text() == "Connected: bot OTOP Khon Kaen (@otopkk)"
    assert panel.results["facebook"].text() == "No connection: the page token was refused (401)"
    assert panel.results["thailandpost"].text().startswith("No connection: The thailandpost")
    assert panel.test_buttons["line"].isEnabled()

    i18n.install_language("th")
    editor.page.retranslateUi()
    panel.test_buttons["facebook"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "401" in panel.results["facebook"].text())
    assert "โทเค็นของเพจถูกปฏิเสธ" in panel.results["facebook"].text()
    i18n.install_language("en")


def test_the_channels_group_fits_the_counter_screen(editor: Editor) -> None:
    page = editor.page
    QApplication.processEvents()
    assert page.minimumSizeHint().width() <= 1366
    assert page.minimumSizeHint().height() <= 700
    assert page.channels.sizeHint().width() <= 1366 - page.groups.width()
    quota = page.findChild(QLineEdit, "line_monthly_quota")  # the channels' settings, beside
    assert quota is not None
    assert quota.isVisible()
    last = page.channels.clear_buttons["chat_link_secret"]
    assert last.mapTo(page, last.rect().topRight()).x() <= page.width()  # no sideways scroll
    assert page.save_button.isVisible()


def test_on_a_counter_the_panel_says_the_shop_server_reads_the_central_secrets(
    qtbot: QtBot, tmp_path: Path, migrated_sqlite_url: str
) -> None:
    i18n.install_language("en")
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    engine = create_engine(migrated_sqlite_url)
    uow = SqlUnitOfWorkFactory(engine)
    admin = SettingsAdmin(SettingsFile(path), FixedClock(), uow)
    for on_counter in (True, False):
        backend = SettingsEditorBackend(
            admin, secrets=Secrets(uow, FixedClock()), secrets_on_counter=on_counter
        )
        page = SettingsPage(backend, ADMIN)
        qtbot.addWidget(page)
        page.show()
        page.groups.setCurrentRow([g for g, _ in GROUPS].index("channels"))
        assert page.channels.where.isVisible() is on_counter
        assert "central database" in page.channels.where.text()
        page.shutdown()
    engine.dispose()
