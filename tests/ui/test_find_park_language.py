"""Find a product, park and recall a sale, switch the language, start the till."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_till_context
from tests.ui.conftest import (
    DINO,
    SILK,
    TEA,
    back_to_scanning,
    key,
    modal,
    scan_and_wait,
    type_text,
)
from ui import i18n
from ui.app import run_till
from ui.find_dialog import FindDialog
from ui.till.window import TillWindow


def lines(till: TillWindow) -> list[tuple[str, Decimal]]:
    return [(line.product.sku, line.quantity) for line in till.cart]


def test_find_by_thai_name_without_tone_marks_adds_the_product(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F2)
    dialog = modal(qtbot, "findDialog")
    assert isinstance(dialog, FindDialog)
    query = dialog.findChild(QLineEdit, "findQuery")
    assert query is not None
    assert QApplication.focusWidget() is query
    type_text(query, "ไสกรอก")  # ไส้กรอก typed without the tone mark
    assert [r.sku for r in dialog.results] == ["KK-SAUS-001"]
    key(qtbot, query, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: len(till.cart) == 2 and not till.busy)
    assert lines(till) == [("KK-TEA-001", Decimal("1.000")), ("KK-SAUS-001", Decimal("1.000"))]
    assert till.selected_row() == 1
    back_to_scanning(qtbot, till)


def test_find_by_english_part_and_arrow_keys(qtbot: QtBot, till: TillWindow) -> None:
    key(qtbot, till.scan_field, Qt.Key.Key_F2)
    dialog = modal(qtbot, "findDialog")
    assert isinstance(dialog, FindDialog)
    query = dialog.findChild(QLineEdit, "findQuery")
    assert query is not None
    qtbot.keyClicks(query, "SILK")
    skus = [r.sku for r in dialog.results]
    assert skus[0] == "KK-SILK-001"
    key(qtbot, query, Qt.Key.Key_Down)
    key(qtbot, query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart) == 1 and not till.busy)
    assert lines(till) == [(skus[min(1, len(skus) - 1)], Decimal("1.000"))]


def test_find_shows_loading_until_the_index_is_there(qtbot: QtBot) -> None:
    dialog = FindDialog()
    qtbot.addWidget(dialog)
    dialog.start("ไหม")
    status = dialog.findChild(QLabel, "findStatus")
    assert status is not None
    assert status.text() == dialog.tr("Loading catalogue…")
    assert dialog.results == []


def test_park_then_recall_brings_the_sale_back(
    qtbot: QtBot, till: TillWindow, store: Store
) -> None:
    scan_and_wait(qtbot, till, "2*" + SILK)
    scan_and_wait(qtbot, till, TEA)
    parked_lines = lines(till)
    key(qtbot, till.scan_field, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy)
    assert till.total_label.text() == "฿0.00"
    assert till.message_kind == "ok"

    # another customer meanwhile
    scan_and_wait(qtbot, till, DINO)
    key(qtbot, till.scan_field, Qt.Key.Key_F6)  # refused: the current sale is not finished
    qtbot.waitUntil(lambda: not till.busy)
    assert till.message_kind == "error"
    assert QApplication.activeModalWidget() is None
    key(qtbot, till.scan_field, Qt.Key.Key_F8)
    assert till.cart.is_empty

    key(qtbot, till.scan_field, Qt.Key.Key_F6)
    dialog = modal(qtbot, "recallDialog")
    key(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart) == 2 and not till.busy)
    assert lines(till) == parked_lines
    assert till.total_label.text() == "฿3,820.00"
    back_to_scanning(qtbot, till)
    with store.uow() as uow:
        assert uow.parking.list(store.terminal.terminal_id) == []


def test_recall_with_nothing_parked_says_so(qtbot: QtBot, till: TillWindow) -> None:
    key(qtbot, till.scan_field, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not till.busy and till.message != "")
    assert till.message_kind == "info"
    assert QApplication.activeModalWidget() is None


def test_language_switch_retranslates_and_changes_messages(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, SILK)
    status = till.findChild(QLabel, "statusLanguage")
    assert status is not None
    assert "ไทย" in status.text()
    assert till.model.index(0, 1).data() == "ผ้าไหมมัดหมี่ลายนาค"

    language_button = till.findChild(QPushButton, "languageButton")
    assert language_button is not None
    qtbot.mouseClick(language_button, Qt.MouseButton.LeftButton)
    assert till.language == "en"
    assert "English" in status.text()
    assert till.model.index(0, 1).data() == "Mudmee silk, naga pattern"
    back_to_scanning(qtbot, till)
    scan_and_wait(qtbot, till, SILK[:-1] + "0")
    assert "is not valid" in till.message

    key(qtbot, till.scan_field, Qt.Key.Key_L)  # plain L is typed, not a shortcut
    assert till.scan_field.text() == "l"
    qtbot.keyClick(till.scan_field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert till.language == "th"
    assert "ไทย" in status.text()


def test_catalogue_size_is_in_the_status_bar(till: TillWindow) -> None:
    status = till.findChild(QLabel, "statusCatalogue")
    assert status is not None
    assert "8" in status.text()


def test_bundled_font_draws_thai(till: TillWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert QFontInfo(app.font()).family() == "OTOP Sans"
    total = till.total_label
    assert QFontInfo(total.font()).family() == "OTOP Sans"
    metrics = QFontMetrics(app.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "ผ้าไหมมัดหมี่฿")


def test_self_test_scans_on_the_demo_store(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_till(build_till_context(store), self_test=True, language="th") == 0
    assert "self-test ok" in capsys.readouterr().out
    with store.uow() as uow:
        assert uow.sales.count() == 0  # the self-test never sells


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context><name>TillActions</name>
<message><source>PAY</source><translation>ชำระเงิน</translation></message>
<message><source>Help</source><translation>ช่วยเหลือ</translation></message>
</context>
</TS>
"""


def test_installed_translation_relabels_the_keys(
    qtbot: QtBot, till: TillWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ts = tmp_path / "otop_pos_th.ts"
    ts.write_text(TS, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(ts), "-qm", str(tmp_path / "otop_pos_th.qm")],
                   check=True, capture_output=True)
    monkeypatch.setattr(i18n, "I18N", tmp_path)
    pay = till.findChild(QPushButton, "payButton")
    assert pay is not None
    till.set_language("en")
    assert pay.text() == "F12\nPAY"
    till.set_language("th")
    assert pay.text() == "F12\nชำระเงิน"
    helpb = till.findChild(QPushButton, "helpButton")
    assert helpb is not None
    assert helpb.text() == "F1\nช่วยเหลือ"
    till.set_language("en")
    assert pay.text() == "F12\nPAY"
