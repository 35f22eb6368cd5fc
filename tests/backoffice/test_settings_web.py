"""The settings editor's "Web shop" group through the real widget: its fields, when each
takes effect, a refusal under its field and a save."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from pos.domain.setting_fields import FIELDS
from tests.backoffice import test_settings_page as editor
from tests.backoffice.test_settings_page import type_into
from ui.backoffice.settings_page import GROUPS, SettingsPage

page = editor.page  # the editor on a settings file of its own, as a fixture here

WEB = ["web_safety_buffer", "web_reservation_minutes", "web_shipping_fee",
       "web_free_shipping_over", "web_receipt_prefix"]  # fmt: skip
# the online channels' own group, beside their secrets (tests/secrets)
CHANNELS = ["web_public_url", "chat_enabled_channels", "line_monthly_quota", "facebook_page_id",
            "line_api_base", "line_data_api_base", "line_liff_sdk_url", "facebook_graph_base",
            "thailandpost_api_base", "thailandpost_hook_base", "tracking_poll_minutes"]  # fmt: skip


def shown_fields(widget: SettingsPage) -> list[str]:
    return [key for key in FIELDS if key in widget.editors and widget.editors[key].isVisible()]


def test_the_web_shops_fields_have_their_own_group_and_say_when_they_apply(
    qtbot: QtBot, page: tuple[SettingsPage, Path, str]
) -> None:
    widget, _, _ = page
    titles = [widget.groups.item(row).text() for row in range(widget.groups.count())]
    assert "Web shop" in titles
    widget.groups.setCurrentRow(titles.index("Payment"))
    QApplication.processEvents()
    assert "promptpay_id" in shown_fields(widget)
    assert not set(WEB) & set(shown_fields(widget))
    widget.groups.setCurrentRow(titles.index("Web shop"))
    QApplication.processEvents()
    assert shown_fields(widget) == WEB
    for key in WEB:
        applies = widget.findChild(QLabel, f"{key}Applies")
        assert applies is not None
        assert applies.isVisible()
        assert applies.text() == (
            "After a restart of the web shop (otop-pos shop serve) and of the back office"
        )
    till = widget.findChild(QLabel, "promptpay_idApplies")
    assert till is not None
    assert till.text() == "Takes effect now"
    widget.groups.setCurrentRow(titles.index("Online channels"))
    QApplication.processEvents()
    assert shown_fields(widget) == CHANNELS


def test_a_web_setting_is_refused_under_its_field_then_saved(
    qtbot: QtBot, page: tuple[SettingsPage, Path, str]
) -> None:
    widget, path, _ = page
    before = path.read_bytes()
    type_into(qtbot, widget, "web_shipping_fee", "60")
    type_into(qtbot, widget, "web_safety_buffer", "20000")
    widget.groups.setCurrentRow(0)  # another group is shown when Ctrl+S is pressed
    focus = widget.findChild(QLineEdit, "shop_name_en")
    assert focus is not None
    focus.setFocus()
    qtbot.keyClick(focus, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = widget.findChild(QLabel, "web_safety_bufferError")
    assert error is not None
    assert error.isVisible()
    assert "10,000" in error.text()
    assert path.read_bytes() == before
    # the refused field's group is shown, its field has the cursor
    assert widget.groups.currentRow() == [g for g, _ in GROUPS].index("web")
    assert QApplication.focusWidget() is widget.findChild(QLineEdit, "web_safety_buffer")
    type_into(qtbot, widget, "web_safety_buffer", "2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "2 setting(s)" in widget.status.text()
    saved = json.loads(path.read_text("utf-8"))
    assert (saved["web_shipping_fee"], saved["web_safety_buffer"]) == (60, 2)
    assert not error.isVisible()
