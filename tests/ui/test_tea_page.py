"""The back office's tea page through real widgets: a drink's option price and recipe changed
and saved through TeaMenu (the till's menu sells at the new price), a new drink, one taken off
the menu, and refusals in the user's language."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services
from pos.domain.auth import Actor, Role
from tests.ui.conftest import demo_store, type_text
from ui import i18n
from ui.backoffice.tea_page import TeaPage

MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)


@pytest.fixture
def services(migrated_sqlite_url: str) -> Iterator[Services]:
    with demo_store(migrated_sqlite_url) as opened:
        services = Services(opened)
        services.tea_menu.seed_default(opened.terminal.terminal_id)
        yield services


@pytest.fixture
def page(qtbot: QtBot, services: Services) -> Iterator[TeaPage]:
    i18n.install_language("en")
    widget = TeaPage(services, MANAGER)
    qtbot.addWidget(widget)
    widget.resize(1280, 680)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    yield widget
    i18n.install_language("th")


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    type_text(field, text)  # Thai too, as key events carrying the characters


def edit_cell(qtbot: QtBot, table: QTableWidget, row: int, col: int, text: str) -> None:
    """Select the cell, type over it (typing starts the editor), Enter."""
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, col).text() == text)  # the delegate commits queued


def open_drink(qtbot: QtBot, page: TeaPage, words: str) -> None:
    type_into(qtbot, page.search, words)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)


def save(qtbot: QtBot, page: TeaPage) -> None:
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)  # fmt: skip


def test_an_option_price_and_a_recipe_changed_sell_at_once(
    qtbot: QtBot, page: TeaPage, services: Services
) -> None:
    assert page.list.model_.rowCount() == 4
    open_drink(qtbot, page, "milk tea")
    assert page.name_en.text() == "Mulberry milk tea"
    assert page.recipe.text() == "TEA-LEAF 3"
    groups = [page.groups.item(r, 0).text() for r in range(page.groups.rowCount())]
    assert groups == ["size", "sweet", "temp", "top"]
    rows = {(page.options.item(r, 0).text(), page.options.item(r, 1).text()): r
            for r in range(page.options.rowCount())}  # fmt: skip
    assert page.options.item(rows["size", "L"], 5).text() == "TEA-CUP-L 1; TEA-LEAF 1; TEA-MILK 200"
    edit_cell(qtbot, page.options, rows["size", "L"], 4, "15")
    type_into(qtbot, page.recipe, "TEA-LEAF 4")
    save(qtbot, page)
    assert page.message_text.startswith("Saved")
    item = next(i for i in services.tea.menu() if i.sku == "MENU-MILKTEA")
    size = item.group("size")
    assert size is not None
    large = size.option("L")
    assert large is not None
    assert large.price_delta == Decimal(15)
    line = services.tea.line(item.product_id, {"size": ("L",)}, 1)
    assert line.unit_price == Decimal("65.00")  # 45 + 15 + iced 5
    leaf = services.tea_stock.product_ids(["TEA-LEAF"])["TEA-LEAF"]
    assert dict(line.uses)[leaf] == Decimal(5)  # 4 in the drink, 1 more for the large one


def test_refusals_are_shown_in_the_users_language(qtbot: QtBot, page: TeaPage) -> None:
    open_drink(qtbot, page, "juice")
    type_into(qtbot, page.recipe, "NO-SUCH 3")
    save(qtbot, page)
    assert page.message_text == "recipe: no stock item NO-SUCH"
    i18n.install_language("th")
    save(qtbot, page)
    assert page.message_text == "สูตร: ไม่มีวัตถุดิบ NO-SUCH"
    type_into(qtbot, page.recipe, "TEA-JUICE 60")
    page.name_en.clear()
    save(qtbot, page)
    assert "เมนูต้องมีชื่อภาษาไทยและอังกฤษ" in page.message_text


def test_a_new_drink_then_off_the_menu(qtbot: QtBot, page: TeaPage, services: Services) -> None:
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.sku
    qtbot.keyClicks(page.sku, "MENU-COCOA")
    type_into(qtbot, page.name_th, "โกโก้ใบหม่อน")
    type_into(qtbot, page.name_en, "Mulberry cocoa")
    type_into(qtbot, page.price, "50")
    type_into(qtbot, page.recipe, "TEA-MILK 150; TEA-CUP-M 1")
    page.add_group.click()
    for col, text in enumerate(("temp", "ร้อน/เย็น", "Hot or iced")):
        edit_cell(qtbot, page.groups, 0, col, text)
    edit_cell(qtbot, page.groups, 0, 5, "hot")
    for values in (("temp", "hot", "ร้อน", "hot", "0", ""),
                   ("temp", "iced", "เย็น", "iced", "5", "TEA-CUP-M 1")):  # fmt: skip
        page.add_option.click()
        for col, text in enumerate(values):
            if text:
                edit_cell(qtbot, page.options, page.options.rowCount() - 1, col, text)
    save(qtbot, page)
    assert page.message_text == "Saved: โกโก้ใบหม่อน"
    assert page.list.model_.rowCount() == 5
    cocoa = next(i for i in services.tea.menu() if i.sku == "MENU-COCOA")
    assert [o.code for o in cocoa.groups[0].options] == ["hot", "iced"]
    assert services.tea.line(cocoa.product_id, {"temp": ("iced",)}).unit_price == Decimal("55.00")
    # taken off the menu: the till's pad no longer offers it
    open_drink(qtbot, page, "cocoa")
    page.active_button.click()
    assert "MENU-COCOA" not in [i.sku for i in services.tea.menu()]
    assert page.active.isChecked() is False
