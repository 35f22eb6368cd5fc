"""Products pulled from the central database while the till runs are in its search index and
its status bar's count after the sync round, with no restart (issue 13, item 19)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import open_store
from pos.domain.settings import Settings
from pos.services.catalog import import_csv
from tests.sync.conftest import Central
from tests.sync.test_till_status import show, with_central
from ui.till import store_flow
from ui.till.window import TillWindow

pytestmark = pytest.mark.pg

CSV = (
    "sku,name_th,name_en,category,producer_code,price\n"
    "KK-SILK-NEW-1,ผ้าไหมลายดอกแก้ว,Dok Kaew pattern silk,textile,{producer},2150.00\n"
)


@pytest.fixture
def windows() -> Iterator[list[TillWindow]]:
    opened: list[TillWindow] = []
    yield opened
    for w in opened:
        w.close()  # stops the sync loop before the counter's store is closed


def test_a_pull_while_the_till_runs_refreshes_find_and_the_count(
    qtbot: QtBot, central: Central, make_counter, windows: list[TillWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store_flow, "CATALOGUE_CHECK_MS", 600_000)  # the round, not the timer
    c = make_counter("Counter 2")
    till = show(qtbot, windows, with_central(c.store, central.counter_url))
    indicator = till.sync_status
    qtbot.waitUntil(lambda: till.index is not None, timeout=20_000)
    qtbot.waitUntil(
        lambda: indicator.status is not None and indicator.status.online is True, timeout=20_000
    )
    index = till.index
    assert index is not None
    before = len(index)
    assert index.search("dok kaew") == []

    # the back office imports a product into the central database
    office = open_store(central.admin_url, Settings(), create=False)
    try:
        producer = str(central.scalar("SELECT code FROM producers ORDER BY code LIMIT 1"))
        n = import_csv(office.uow, io.StringIO(CSV.format(producer=producer)),
                       office.terminal.terminal_id)
        assert n == 1
    finally:
        office.close()

    button = indicator.findChild(QToolButton, "syncNow")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # "sync now": a round pulls it
    qtbot.waitUntil(lambda: till.index is not index, timeout=30_000)
    assert till.index is not None
    assert len(till.index) == before + 1
    [found] = till.index.search("dok kaew")
    assert found.sku == "KK-SILK-NEW-1"
    label = till.findChild(QLabel, "statusCatalogue")
    assert label is not None
    assert f"{before + 1:,}" in label.text()
