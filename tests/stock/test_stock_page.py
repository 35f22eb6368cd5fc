"""The back office's stock page through the real widget: keys into the focused scan field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos.domain.auth import Actor
from pos.services.auth import Auth
from pos.services.stock import StockDesk
from printing.stock_pdf import QtStockSlipWriter
from tests.stock.conftest import Shop
from ui import i18n
from ui.backoffice.stock_page import StockPage

D = Decimal


@dataclass
class Services:
    stock_desk: StockDesk
    auth: Auth


def open_page(qtbot: QtBot, shop: Shop, actor: Actor) -> StockPage:
    i18n.install_language("en")
    desk = StockDesk(shop.store.uow, shop.store.settings, shop.store.terminal, shop.clock,
                     shop.auth, QtStockSlipWriter())  # fmt: skip
    page = StockPage(Services(desk, shop.auth), actor)
    qtbot.addWidget(page)
    page.resize(1280, 680)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.receiving.producer.count() > 0)
    return page


@pytest.fixture
def page(qtbot: QtBot, shop: Shop) -> Iterator[StockPage]:
    widget = open_page(qtbot, shop, shop.labels)
    yield widget
    widget.shutdown()


def scan(qtbot: QtBot, page: StockPage, text: str) -> None:
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit), focused
    qtbot.keyClicks(focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.worker.pending == 0)


def choose(combo: object, data: str) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(data))


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_a_delivery_received_by_scanning(
    qtbot: QtBot, page: StockPage, shop: Shop, tmp_path: Path
) -> None:
    silk, pha = shop.on_hand("SILK-001"), shop.on_hand("PHA-001")
    goods = page.receiving
    choose(goods.producer, "P-CNB")
    goods.reference.setFocus()
    qtbot.keyClicks(goods.reference, "DN-0412")
    goods.scan.setFocus()
    for code in ("SILK-001", "SILK-001", "3*PHA-001", "TEA-001"):
        scan(qtbot, page, code)
    assert [goods.table.item(r, 0).text() for r in range(goods.table.rowCount())] == [
        "SILK-001", "PHA-001", "TEA-001",
    ]  # fmt: skip
    assert goods.table.item(1, 2).text() == "3"
    # the tea is another producer's: posting is refused, nothing saved, the lines kept
    qtbot.mouseClick(goods.post_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.worker.pending == 0)
    assert "another producer's product" in goods.status.text()
    assert shop.on_hand("SILK-001") == silk
    goods.table.selectRow(2)
    qtbot.mouseClick(goods.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(goods.post_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.worker.pending == 0)
    assert goods.status.text() == "Saved as KK01-GR-000001."
    assert (shop.on_hand("SILK-001"), shop.on_hand("PHA-001")) == (silk + 2, pha + 3)
    assert page.documents[0].reference == "DN-0412"
    assert QApplication.focusWidget() is goods.scan  # ready for the next delivery
    slip = tmp_path / "slip.pdf"
    page.ask_path = lambda _suggested: str(slip)
    qtbot.mouseClick(goods.slip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slip.exists() and page.worker.pending == 0)
    assert "Slip saved" in goods.status.text()


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_a_count_with_a_difference_posted_by_a_manager_while_the_till_sells(
    qtbot: QtBot, page: StockPage, shop: Shop
) -> None:
    silk, tea = shop.on_hand("SILK-001"), shop.on_hand("TEA-001")
    page.tabs.setCurrentWidget(page.counting)
    count = page.counting
    qtbot.keyClicks(count.scope, "Shelf A1")
    qtbot.mouseClick(count.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: count.count is not None and count.scan.hasFocus())
    shop.sell("TEA-001")  # a sale at the till while the count runs
    for _ in range(int(silk) - 1):  # one silk missing from the shelf
        scan(qtbot, page, "SILK-001")
    scan(qtbot, page, f"{tea - 1}=TEA-001")
    shop.sell("SILK-001")  # sold after it was counted
    qtbot.waitUntil(lambda: count.table.rowCount() == 2 and page.worker.pending == 0)
    rows = {count.table.item(r, 0).text(): count.table.item(r, 4).text() for r in range(2)}
    assert rows == {"SILK-001": "-1", "TEA-001": "0"}
    qtbot.mouseClick(count.post_button, Qt.MouseButton.LeftButton)
    dialog = page.approval_dialog  # label staff may not post: a manager's PIN
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.user_field, "manager")
    qtbot.keyClicks(dialog.pin_field, "9999")
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "posted" in count.status.text(), timeout=10000)
    assert "1 product(s) adjusted" in count.status.text()
    assert shop.on_hand("SILK-001") == silk - 2
    assert shop.on_hand("TEA-001") == tea - 1


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_goods_returned_to_their_producer(qtbot: QtBot, page: StockPage, shop: Shop) -> None:
    tea = shop.on_hand("TEA-001")
    page.tabs.setCurrentWidget(page.returning)
    back = page.returning
    choose(back.producer, "P-UDN")
    choose(back.reason, "expired")
    assert QApplication.focusWidget() is back.scan
    scan(qtbot, page, "2*TEA-001")
    qtbot.mouseClick(back.post_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.worker.pending == 0)
    assert back.status.text() == "Saved as KK01-RP-000001."
    assert page.documents[0].reason == "expired"
    assert shop.on_hand("TEA-001") == tea - 2
    scan(qtbot, page, "NO-SUCH-CODE")
    assert "No product has the code" in back.status.text()
