"""The labels window driven as staff use it: search, tick, copies, sheet, preview, save, print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPdfWriter
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_label_desk
from tests.labels.pdfscan import read_pdf
from tests.ui.conftest import type_text
from ui.app import ensure_app
from ui.labels_window import COL_COPIES, COL_PRINT, COL_SKU, LabelsWindow


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[LabelsWindow]:
    ensure_app()
    win = LabelsWindow(build_label_desk(store), language="th")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.category.count() > 1, timeout=5_000)
    yield win
    win.close()


def _find(qtbot: QtBot, win: LabelsWindow) -> int:
    with qtbot.waitSignal(win.itemsLoaded, timeout=10_000) as found:
        qtbot.mouseClick(win.find_button, Qt.MouseButton.LeftButton)
    return int(found.args[0])


def _skus(win: LabelsWindow) -> list[str]:
    return [win.table.item(r, COL_SKU).text() for r in range(win.table.rowCount())]


def test_search_by_thai_name_and_preview_the_page(qtbot: QtBot, window: LabelsWindow):
    type_text(window.search, "ไหม")  # Thai is typed as key events carrying text
    assert _find(qtbot, window) >= 1
    assert "KK-SILK-001" in _skus(window)
    assert window.preview.pixmap() is not None
    assert not window.preview.pixmap().isNull()
    assert window.label_count == len(_skus(window))
    assert window.save_button.isEnabled()


def test_copies_template_and_start_shape_the_job(qtbot: QtBot, window: LabelsWindow):
    window.category.setCurrentIndex(window.category.findData("textile"))
    count = _find(qtbot, window)
    assert count >= 1
    window.set_copies(0, 5)
    window.template.setCurrentIndex(window.template.findData("a4-4x10"))
    window.start.setValue(38)
    qtbot.waitUntil(lambda: window.pages == 2, timeout=3_000)
    assert window.label_count == 5 + (count - 1)
    assert str(window.label_count) in window.page_label.text()
    assert window.start.maximum() == 40
    # untick every row: nothing to print
    for row in range(window.table.rowCount()):
        window.table.item(row, COL_PRINT).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: not window.save_button.isEnabled(), timeout=3_000)


def test_save_pdf_logs_the_batch_and_new_then_finds_nothing(
    qtbot: QtBot, window: LabelsWindow, tmp_path: Path
):
    window.new_only.setChecked(True)
    count = _find(qtbot, window)
    assert count > 1
    window.set_copies(0, 2)
    target = tmp_path / "labels.pdf"
    with qtbot.waitSignal(window.batchDone, timeout=30_000) as done:
        window.save_pdf_to(target)
    printed = done.args[0]
    assert printed.labels == count + 1
    assert sum(len(p.labels()) for p in read_pdf(target)) == count + 1
    assert str(target) in window.status.text()
    assert _find(qtbot, window) == 0  # all labelled now


def test_print_draws_the_pages_and_logs_them(qtbot: QtBot, window: LabelsWindow, tmp_path):
    qtbot.keyClicks(window.skus, "KK-SILK-001:3")
    assert _find(qtbot, window) == 1
    assert window.table.item(0, COL_COPIES).text() == "3"
    out = tmp_path / "printed.pdf"
    printer = QPdfWriter(str(out))  # stands in for the printer the print dialog returns
    with qtbot.waitSignal(window.batchDone, timeout=10_000) as done:
        window.print_to(printer)
    del printer
    assert done.args[0].label_count == 3
    assert out.stat().st_size > 1000
    assert "1" in window.status.text()


def test_a_typo_in_the_sku_list_is_explained(qtbot: QtBot, window: LabelsWindow):
    qtbot.keyClicks(window.skus, "KK-NOPE")
    qtbot.mouseClick(window.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "KK-NOPE" in window.status.text(), timeout=5_000)
    assert window.find_button.isEnabled()


def test_enter_in_the_sku_list_finds_its_products(qtbot: QtBot, window: LabelsWindow):
    window.skus.setFocus()
    qtbot.keyClicks(window.skus, "KK-SILK-001:2 KK-TEA-001")
    with qtbot.waitSignal(window.itemsLoaded, timeout=10_000) as found:
        qtbot.keyClick(window.skus, Qt.Key.Key_Return)  # no click on Find
    assert int(found.args[0]) == 2
    assert sorted(_skus(window)) == ["KK-SILK-001", "KK-TEA-001"]
