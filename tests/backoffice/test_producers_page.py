"""The producers page through real widgets: keys typed into the focused widget, Ctrl+N, Ctrl+S."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import Actor, Role
from pos.services.producers import ProducerForm, Producers
from tests.integration.conftest import FixedClock
from tests.ui.conftest import type_text
from ui import i18n
from ui.backoffice.producers_page import ProducerDialog, ProducersPage

MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)
SILK = ProducerForm("P001", "กลุ่มทอผ้าไหมบ้านโนนทัน", "Ban Non Than Silk", "group", "ชนบท")
RICE = ProducerForm("P002", "สหกรณ์ข้าวหอมมะลิ", "Jasmine Rice Co-op", "sme", "พล")
MAT = ProducerForm("P003", "กลุ่มเสื่อกก", "Reed Mat Group", "group", "เขวาสินรินทร์", "Surin",
                   "Khwao Sinarin")  # fmt: skip


class _Services:
    def __init__(self, producers: Producers) -> None:
        self.producers = producers


@pytest.fixture
def page(qtbot: QtBot, migrated_sqlite_url: str) -> Iterator[ProducersPage]:
    i18n.install_language("en")
    engine = create_engine(migrated_sqlite_url)
    producers = Producers(SqlUnitOfWorkFactory(engine), FixedClock())
    for form in (SILK, RICE, MAT):
        producers.add(MANAGER, form)
    widget = ProducersPage(_Services(producers), MANAGER)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    yield widget
    engine.dispose()


def focused() -> object:
    return QApplication.focusWidget()


def form_of(qtbot: QtBot, page: ProducersPage) -> ProducerDialog:
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    assert page.dialog is not None
    return page.dialog


def type_in(qtbot: QtBot, dialog: ProducerDialog, name: str, text: str) -> None:
    widget = dialog.findChild(QLineEdit, name) or dialog.findChild(QComboBox, name)
    assert widget is not None, name
    widget.setFocus()
    qtbot.waitUntil(lambda: focused() in (widget, getattr(widget, "lineEdit", lambda: None)()))
    target = focused()
    if isinstance(target, QLineEdit):
        target.selectAll()
    elif isinstance(widget, QComboBox) and widget.isEditable():
        widget.lineEdit().selectAll()  # typing replaces what the combo shows
    type_text(target, text)


def test_add_a_producer_with_the_keyboard(qtbot: QtBot, page: ProducersPage) -> None:
    assert page.table.shown_keys() == ["P001", "P002", "P003"]
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = form_of(qtbot, page)
    qtbot.waitUntil(lambda: focused() is dialog.code, timeout=3000)
    qtbot.keyClicks(focused(), "p104")
    type_in(qtbot, dialog, "producerNameTh", "กลุ่มแม่บ้านเกษตรกรบ้านหัน")
    type_in(qtbot, dialog, "producerNameEn", "Ban Han Housewives")
    # the district combo filters Khon Kaen's districts as you type
    type_in(qtbot, dialog, "producerDistrict", "nab")
    completer = dialog.district.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "ชนบท · Chonnabot"
    dialog.district.lineEdit().selectAll()
    type_text(focused(), "ชนบท · Chonnabot")
    type_in(qtbot, dialog, "producerTaxId", "0405554482241")
    type_in(qtbot, dialog, "producerBank", "004")
    type_in(qtbot, dialog, "producerAccount", "1234567890")
    type_in(qtbot, dialog, "producerAccountName", "กลุ่มแม่บ้าน")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    stored = page.backend.all()
    added = next(p for p in stored if p.code == "P104")
    assert (added.district_en, added.kind, added.bank_code, added.tax_id) == (
        "Chonnabot", "group", "004", "0405554482241")  # fmt: skip
    assert page.table.current_key() == "P104"
    assert "Saved P104" in page.status.text()


def test_a_bad_tax_id_is_named_the_cursor_goes_there_and_nothing_is_saved(
    qtbot: QtBot, page: ProducersPage
) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = form_of(qtbot, page)
    qtbot.waitUntil(lambda: focused() is dialog.code, timeout=3000)
    qtbot.keyClicks(focused(), "P105")
    type_in(qtbot, dialog, "producerNameTh", "กลุ่ม")
    type_in(qtbot, dialog, "producerNameEn", "Group")
    type_in(qtbot, dialog, "producerDistrict", "Phon")
    type_in(qtbot, dialog, "producerTaxId", "0405554482242")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = dialog.findChild(QLabel, "producerError")
    assert error is not None
    assert error.text().startswith("Tax ID")
    assert focused() is dialog.tax_id
    assert dialog.isVisible()
    assert [p.code for p in page.backend.all()] == ["P001", "P002", "P003"]
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    assert [p.code for p in page.backend.all()] == ["P001", "P002", "P003"]


def test_search_filters_enter_edits_and_deactivate_hides(qtbot: QtBot, page: ProducersPage) -> None:
    assert focused() is page.search
    qtbot.keyClicks(page.search, "rice")
    assert page.table.shown_keys() == ["P002"]
    page.search.clear()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("group"))
    assert page.table.shown_keys() == ["P001", "P003"]
    page.district_filter.setCurrentIndex(page.district_filter.findData("*other*"))
    assert page.table.shown_keys() == ["P003"]
    page.district_filter.setCurrentIndex(0)
    page.kind_filter.setCurrentIndex(0)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "silk")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    dialog = form_of(qtbot, page)
    assert dialog.code.text() == "P001"
    assert dialog.code.isReadOnly()
    assert dialog.district.currentText() == "ชนบท · Chonnabot"
    type_in(qtbot, dialog, "producerContact", "081-111-2222")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    assert page.records["P001"] == dataclasses.replace(page.records["P001"], contact="081-111-2222")
    assert page.records["P001"].contact == "081-111-2222"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = form_of(qtbot, page)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    page.search.clear()
    assert page.table.shown_keys() == ["P002", "P003"]  # active only
    page.active_filter.setCurrentIndex(page.active_filter.findData("inactive"))
    assert page.table.shown_keys() == ["P001"]


def test_a_producer_from_another_province_moves_to_a_khon_kaen_district(
    qtbot: QtBot, page: ProducersPage
) -> None:
    page.search.setFocus()
    qtbot.keyClicks(page.search, "reed")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    dialog = form_of(qtbot, page)
    assert dialog.province.currentText() == "สุรินทร์ · Surin"
    assert dialog.district.currentText() == "เขวาสินรินทร์"
    assert dialog.district.count() == 0  # outside Khon Kaen: the district as written
    assert dialog.district_en.isEnabled()
    assert dialog.district_en.text() == "Khwao Sinarin"
    type_in(qtbot, dialog, "producerProvince", "Khon Kaen")
    assert dialog.district.count() == 26
    assert not dialog.district_en.isEnabled()
    type_in(qtbot, dialog, "producerDistrict", "Phon")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=3000)
    moved = page.records["P003"]
    assert (moved.province_en, moved.district_th, moved.district_en) == (
        "Khon Kaen",
        "พล",
        "Phon",
    )
