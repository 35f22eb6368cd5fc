"""The settings editor through the real widget: keys typed into its fields, Ctrl+S, the checks."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from db.uow import SqlUnitOfWorkFactory
from pos.app.settings_backend import SettingsEditorBackend
from pos.config import SettingsFile, save_settings
from pos.domain.auth import Actor, Role
from pos.domain.promptpay import promptpay_payload
from pos.domain.setting_fields import FIELDS
from pos.domain.settings import PrinterProfile, Settings
from pos.services.settings import SettingsAdmin
from tests.integration.conftest import FixedClock
from tests.printing.helpers import FakeNetworkPrinter
from ui import i18n
from ui.backoffice.settings_page import GROUPS, SettingsPage

ADMIN = Actor("u-a", "admin", "Admin", Role.ADMIN)


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path, migrated_sqlite_url: str) -> tuple[SettingsPage, Path, str]:
    i18n.install_language("en")
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    uow = SqlUnitOfWorkFactory(create_engine(migrated_sqlite_url))
    admin = SettingsAdmin(SettingsFile(path), FixedClock(), uow)
    widget = SettingsPage(SettingsEditorBackend(admin), ADMIN)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget, path, migrated_sqlite_url
    widget.shutdown()


def type_into(qtbot: QtBot, page: SettingsPage, key: str, text: str) -> None:
    page.groups.setCurrentRow([g for g, _ in GROUPS].index(FIELDS[key].group))
    editor = page.findChild(QLineEdit, key)
    assert editor is not None
    assert editor.isVisible()
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_a_bad_tax_id_is_refused_under_its_field_and_nothing_saved(
    qtbot: QtBot, page: tuple[SettingsPage, Path, str]
) -> None:
    widget, path, _ = page
    before = path.read_bytes()
    type_into(qtbot, widget, "tax_id", "0994000617720")
    type_into(qtbot, widget, "pin_lock_minutes", "0")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    tax_error = widget.findChild(QLabel, "tax_idError")
    lock_error = widget.findChild(QLabel, "pin_lock_minutesError")
    assert tax_error is not None
    assert lock_error is not None
    assert "Tax ID (tax_id)" in tax_error.text()
    assert "lock" in lock_error.text().lower()
    assert "2 field(s)" in widget.status.text()
    assert path.read_bytes() == before
    # the first bad field is shown and focused
    assert QApplication.focusWidget() is widget.findChild(QLineEdit, "tax_id")


def test_the_promptpay_qr_follows_the_id_typed_and_is_saved(
    qtbot: QtBot, page: tuple[SettingsPage, Path, str]
) -> None:
    widget, path, url = page
    type_into(qtbot, widget, "promptpay_id", "+66-89-123-4567")
    assert widget.qr_payload == promptpay_payload("0891234567")
    assert "0066891234567" in widget.qr_payload
    assert not widget.qr.pixmap().isNull()
    type_into(qtbot, widget, "promptpay_id", "12345")
    assert widget.qr.pixmap().isNull()
    assert "PromptPay" in widget.qr_caption.text()
    type_into(qtbot, widget, "promptpay_id", "0891234567")
    vat = widget.findChild(QCheckBox, "vat_registered")
    assert vat is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "1 setting(s)" in widget.status.text()
    assert json.loads(path.read_text("utf-8"))["promptpay_id"] == "0891234567"
    with SqlUnitOfWorkFactory(create_engine(url))() as r:
        (entry,) = r.audit.entries(entity="settings")
    assert entry.after == {"promptpay_id": "0891234567"}


def test_test_connection_says_what_answers(
    qtbot: QtBot, page: tuple[SettingsPage, Path, str], migrated_pg_url: str
) -> None:
    widget, _, _ = page
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"postgresql://x:y@127.0.0.1:{s.getsockname()[1]}/pos"
    type_into(qtbot, widget, "central_url", dead)
    button = widget.findChild(QPushButton, "testConnection")
    assert button is not None
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: widget.connection_result.text().startswith("No connection"), timeout=15000
    )
    type_into(qtbot, widget, "central_url", migrated_pg_url)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.connection_result.text().startswith("Connected"), timeout=15000)
    assert "not yet a central database" in widget.connection_result.text()


def test_a_printer_is_added_tested_and_saved(
    qtbot: QtBot, page: tuple[SettingsPage, Path, str]
) -> None:
    widget, path, _ = page
    widget.groups.setCurrentRow(len(GROUPS) - 1)
    with FakeNetworkPrinter() as printer:
        widget.printers.append(
            PrinterProfile(
                name="kitchen", connection="network", target=printer.target, status_check=False
            )
        )
        widget._show_printers()
        widget.printer_table.selectRow(1)
        qtbot.mouseClick(widget.test_page_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: "was sent to kitchen" in widget.printer_result.text(), timeout=15000
        )
        qtbot.waitUntil(lambda: bool(printer.documents and printer.documents[0]), timeout=5000)
        assert printer.documents[0].startswith(b"\x1b@")
    widget.save()
    saved = json.loads(path.read_text("utf-8"))["printers"]
    assert [p["name"] for p in saved] == ["receipt", "kitchen"]


def test_the_editor_fits_the_counter_screen(page: tuple[SettingsPage, Path, str]) -> None:
    widget, _, _ = page
    widget.resize(1366, 700)
    for row in range(len(GROUPS)):
        widget.groups.setCurrentRow(row)
        QApplication.processEvents()
        assert widget.minimumSizeHint().width() <= 1366
        assert widget.minimumSizeHint().height() <= 700
    assert widget.save_button.isVisible()
