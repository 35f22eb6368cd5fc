"""Products imported while the till runs: F2 finds them and the status bar counts them, with no
restart (issue 13, item 19: they scanned by SKU, but find and the count stayed as at start)."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, open_store
from pos.domain.settings import Settings
from pos.services.catalog import import_csv
from tests.ui.conftest import back_to_scanning, modal, open_till
from ui.till import store_flow

CSV = (
    "sku,name_th,name_en,category,producer_code,price\n"
    "KK-SILK-NEW-1,ผ้าไหมลายดอกแก้ว,Dok Kaew pattern silk,textile,KK-CHB-01,2150.00\n"
    "KK-TEA-NEW-2,ชาตะไคร้ใบเตย,Lemongrass pandan tea,beverage,KK-MKK-02,95.00\n"
)


def _catalogue_text(till: object) -> str:
    label = till.findChild(QLabel, "statusCatalogue")  # type: ignore[attr-defined]
    assert label is not None
    return str(label.text())


def test_products_imported_by_another_program_are_found_and_counted(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_flow, "CATALOGUE_CHECK_MS", 100)
    with open_till(qtbot, store) as till:
        index = till.index
        assert index is not None
        before = len(index)
        assert f"{before:,}" in _catalogue_text(till)
        qtbot.wait(350)  # a few checks of an unchanged catalogue: the index is kept
        assert till.index is index

        # `otop-pos catalog import` in another process: its own store, its own unit of work
        other = open_store(store.url, Settings(), create=False)
        try:
            assert import_csv(other.uow, io.StringIO(CSV), other.terminal.terminal_id) == 2
        finally:
            other.close()

        qtbot.waitUntil(lambda: till.index is not index, timeout=10_000)
        assert till.index is not None
        assert len(till.index) == before + 2
        assert f"{before + 2:,}" in _catalogue_text(till)

        # F2 finds the new silk by its English and its Thai name
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
        dialog = modal(qtbot, "findDialog")
        query = dialog.findChild(QLineEdit, "findQuery")
        results = dialog.findChild(QTableWidget, "findResults")
        assert query is not None
        assert results is not None
        qtbot.keyClicks(query, "dok kaew")
        found = [results.item(r, 0).text() + results.item(r, 1).text()
                 for r in range(results.rowCount())]
        assert len(found) == 1
        assert "ผ้าไหมลายดอกแก้ว" in found[0]
        qtbot.keyClick(query, Qt.Key.Key_Return)  # into the cart, as a scan of its SKU
        back_to_scanning(qtbot, till)
        qtbot.waitUntil(lambda: len(till.cart) == 1, timeout=5_000)
        assert till.cart.lines[0].product.sku == "KK-SILK-NEW-1"
