"""The shipped Thai translation: complete, compiled, and what the till really shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from resources import I18N
from tests.ui.conftest import SILK, scan_and_wait
from tools import i18n as i18n_tool
from ui.cart_model import Column
from ui.till.window import TillWindow

TS = I18N / "otop_pos_th.ts"
QM = I18N / "otop_pos_th.qm"


def ts_messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) of every message still in the code."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            found.append((name, message.findtext("source") or "", translation))
    return found


@pytest.fixture(scope="module")
def translator() -> QTranslator:
    assert QM.exists(), "run `python tools/i18n.py release`"
    t = QTranslator()
    assert t.load(str(QM))
    return t


def test_every_message_has_a_thai_translation() -> None:
    messages = ts_messages()
    assert len(messages) > 150
    unfinished = [(c, s) for c, s, t in messages if t.get("type") == "unfinished"]
    empty = [(c, s) for c, s, t in messages if not (t.text or "").strip()]
    assert unfinished == []
    assert empty == []
    assert all(
        any("\u0e00" <= ch <= "\u0e7f" for ch in t.text or "") or s == "#" for _c, s, t in messages
    ), "a translation without any Thai in it"


def test_the_qm_gives_every_translation_of_the_ts(translator: QTranslator) -> None:
    stale = [
        (context, source)
        for context, source, t in ts_messages()
        if translator.translate(context, source) != t.text
    ]
    assert stale == [], "the .qm is older than the .ts: run `python tools/i18n.py release`"


@pytest.mark.parametrize(
    ("context", "source", "thai"),
    [
        ("TillActions", "PAY", "ชำระเงิน"),
        ("TillActions", "Park", "พักบิล"),
        ("TillActions", "Recall", "เรียกบิล"),
        ("TillActions", "Cancel sale", "ยกเลิกบิล"),
        ("TillWindow", "Scan here…", "สแกนบาร์โค้ดที่นี่…"),
        ("LastLinePanel", "Change {amount}", "เงินทอน {amount}"),
        ("PaymentDialog", "F2\nPromptPay", "F2\nพร้อมเพย์"),
        ("CartTableModel", "Qty", "จำนวน"),
        ("TillDialog", "OK (Enter)", "ตกลง (Enter)"),
    ],
)
def test_known_strings_come_out_in_thai(
    translator: QTranslator, context: str, source: str, thai: str
) -> None:
    assert translator.translate(context, source) == thai


def test_translation_is_in_step_with_the_code() -> None:
    """What CI runs: no string in the code without a checked Thai translation in the .qm."""
    assert i18n_tool.check() == []


def test_till_shows_thai_then_english(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, SILK)
    pay = till.findChild(QPushButton, "payButton")
    caption = till.findChild(QLabel, "totalCaption")
    assert pay is not None
    assert caption is not None
    assert pay.text() == "F12\nชำระเงิน"
    assert caption.text() == "ยอดสุทธิ"
    assert till.scan_field.placeholderText() == "สแกนบาร์โค้ดที่นี่…"
    assert till.model.headerData(Column.QTY, Qt.Orientation.Horizontal) == "จำนวน"

    till.set_language("en")
    assert pay.text() == "F12\nPAY"
    assert caption.text() == "TOTAL"
    assert till.model.headerData(Column.QTY, Qt.Orientation.Horizontal) == "Qty"
    assert till.scan_field.placeholderText() == "Scan here…"

    till.set_language("th")
    assert pay.text() == "F12\nชำระเงิน"
    assert caption.text() == "ยอดสุทธิ"


def test_thai_key_labels_fit_the_touch_buttons(qtbot: QtBot, till: TillWindow) -> None:
    till.resize(till.minimumSize())  # 1280 x 720: the narrowest the till gets
    qtbot.waitUntil(lambda: till.width() == till.minimumWidth())
    QApplication.processEvents()
    bar = till.findChild(QWidget, "keyBar")
    assert bar is not None
    too_wide = []
    for button in bar.findChildren(QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        # the stylesheet's border and padding are taken off the button's width
        room = (
            button.style()
            .subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
            .width()
        )
        assert 0 < room < button.width()
        for line in button.text().split("\n"):
            if button.fontMetrics().horizontalAdvance(line) > room:
                too_wide.append((button.objectName(), line, room))
    assert too_wide == []
