"""The back office's stock page through the real widget: keys into the focused scan field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from pos.domain.auth import Actor
from pos.services.auth import Auth
from pos.services.baskets import Baskets
from pos.services.curation import Curation
from pos.services.printing import PrintQueue
from pos.services.stock import StockDesk
from printing.stock_pdf import QtStockSlipWriter
from tests.stock.conftest import Shop
from tests.ui.conftest import type_text
from ui import i18n
from ui.backoffice.stock_page import StockPage

D = Decimal


@dataclass
class Services:
    stock_desk: StockDesk
    auth: Auth
    baskets: Baskets
    curation: Curation


def open_page(
    qtbot: QtBot, shop: Shop, actor: Actor, queue: PrintQueue | None = None, language: str = "en"
) -> StockPage:
    i18n.install_language(language)
    store, settings = shop.store, shop.store.settings
    desk = StockDesk(store.uow, settings, store.terminal, shop.clock, shop.auth,
                     QtStockSlipWriter(), queue)  # fmt: skip
    baskets = Baskets(store.uow, settings, store.terminal, shop.clock)
    page = StockPage(Services(desk, shop.auth, baskets, Curation(store.uow, settings, shop.clock)),
                     actor)  # fmt: skip
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
def test_enter_after_the_counts_scope_starts_it(qtbot: QtBot, page: StockPage) -> None:
    page.tabs.setCurrentWidget(page.counting)
    count = page.counting
    count.scope.setFocus()
    qtbot.keyClicks(count.scope, "Shelf B2")
    qtbot.keyClick(count.scope, Qt.Key.Key_Return)  # no click on Start count
    qtbot.waitUntil(lambda: count.count is not None and count.scan.hasFocus(), timeout=5_000)
    assert count.count.scope == "Shelf B2"


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


def post(qtbot: QtBot, page: StockPage) -> None:
    qtbot.mouseClick(page.receiving.post_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.worker.pending == 0)


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_an_over_delivery_is_asked_about_once_then_received(
    qtbot: QtBot, page: StockPage, shop: Shop
) -> None:
    silk = shop.on_hand("SILK-001")  # 12: the opening stock, its usual delivery
    goods = page.receiving
    choose(goods.producer, "P-CNB")
    goods.scan.setFocus()
    scan(qtbot, page, "40*SILK-001")
    post(qtbot, page)
    dialog = goods.confirm_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    said = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "SILK-001 40 (usually 12)" in said
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # go back and check: nothing saved, lines kept
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert shop.on_hand("SILK-001") == silk
    assert goods.table.rowCount() == 1
    assert "Nothing was saved yet" in goods.status.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is goods.scan)
    post(qtbot, page)  # asked again, this time received as it is
    again = goods.confirm_dialog
    assert again is not None
    assert again is not dialog
    qtbot.waitUntil(again.isVisible)
    qtbot.keyClick(again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: goods.status.text() == "Saved as KK01-GR-000001.")
    assert shop.on_hand("SILK-001") == silk + 40
    assert page.documents[0].note.endswith("confirmed: SILK-001 40 (12)")


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_an_unknown_code_is_kept_aside_and_a_curation_application_started_from_it(
    qtbot: QtBot, shop: Shop
) -> None:
    page = open_page(qtbot, shop, shop.manager)
    try:
        silk = shop.on_hand("SILK-001")
        goods = page.receiving
        choose(goods.producer, "P-CNB")
        goods.scan.setFocus()
        scan(qtbot, page, "SILK-001")
        scan(qtbot, page, "8859999012345")
        assert "kept aside and not received" in goods.status.text()
        assert goods.aside_label.text() == "Kept aside, not received: 8859999012345"
        assert goods.apply_button.isVisible()
        assert goods.table.rowCount() == 1  # only the silk is on the delivery
        qtbot.mouseClick(goods.apply_button, Qt.MouseButton.LeftButton)
        form = goods.application
        assert form is not None
        qtbot.waitUntil(form.isVisible)
        assert (form.sku.text(), form.producer.text()) == ("8859999012345", "P-CNB")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name_th)
        type_text(form.name_th, "ผ้าไหมแพรวา")  # Thai: key events carrying the characters
        form.name_en.setFocus()
        qtbot.keyClicks(form.name_en, "Praewa silk")
        form.price.setFocus()
        qtbot.keyClicks(form.price, "abc")
        qtbot.keyClick(form.price, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: form.error.text() != "")  # refused by name, the form stays
        assert "price" in form.error.text().lower()
        assert form.isVisible()
        form.price.clear()
        qtbot.keyClicks(form.price, "1590")
        qtbot.keyClick(form.price, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not form.isVisible())
        assert "application for 8859999012345 submitted" in goods.status.text()
        assert goods.aside_label.text() == (
            "Kept aside, not received: 8859999012345 (application submitted)"
        )
        assert not goods.apply_button.isVisible()
        [app] = page.services.curation.applications(shop.manager)
        d = app.details
        assert (d.sku, d.producer_code, d.name_en, d.price) == (
            "8859999012345", "P-CNB", "Praewa silk", D(1590),
        )  # fmt: skip
        assert app.status.value == "submitted"
        qtbot.waitUntil(lambda: QApplication.focusWidget() is goods.scan)
        scan(qtbot, page, "2*8859999012345")  # more of it: its product waits for the committee
        assert "is waiting for the curation committee" in goods.status.text()
        assert goods.table.rowCount() == 1
        post(qtbot, page)
        assert goods.status.text() == "Saved as KK01-GR-000001. 1 code(s) kept aside, not received."
        assert [ln.sku for ln in page.documents[0].lines] == ["SILK-001"]
        assert shop.on_hand("SILK-001") == silk + 1
        assert not goods.aside_label.isVisible()
    finally:
        page.shutdown()


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_label_staff_keep_an_unknown_code_aside_for_a_manager(
    qtbot: QtBot, page: StockPage, shop: Shop
) -> None:
    goods = page.receiving
    goods.scan.setFocus()
    scan(qtbot, page, "8859999012345")
    assert "A manager can start a curation application" in goods.status.text()
    assert goods.aside_label.isVisible()
    assert not goods.apply_button.isVisible()


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_the_slip_goes_to_the_receipt_printer_from_the_window(qtbot: QtBot, shop: Shop) -> None:
    from dataclasses import replace

    from pos.domain.settings import PrinterProfile
    from printing.printer import EscPosPrinter
    from tests.printing.helpers import FakeNetworkPrinter

    with FakeNetworkPrinter() as printer:
        profile = PrinterProfile(name="receipt", connection="network", target=printer.target,
                                 mode="text", codepage=21, timeout_s=2)  # fmt: skip
        settings = replace(shop.store.settings, printers=(profile,))
        queue = PrintQueue(shop.store.uow, settings, EscPosPrinter(), shop.clock)
        page = open_page(qtbot, shop, shop.labels, queue)
        try:
            goods = page.receiving
            choose(goods.producer, "P-CNB")
            goods.reference.setFocus()
            qtbot.keyClicks(goods.reference, "DN-77")
            goods.scan.setFocus()
            scan(qtbot, page, "2*SILK-001")
            assert not goods.print_button.isEnabled()  # nothing saved to print yet
            post(qtbot, page)
            assert goods.print_button.isEnabled()
            qtbot.mouseClick(goods.print_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "printed on receipt" in goods.status.text())
            [sent] = printer.documents
        finally:
            page.shutdown()
    assert goods.status.text() == "Slip KK01-GR-000001 printed on receipt."
    for words in ("ใบรับสินค้า", "KK01-GR-000001", "DN-77", "SILK-001", "ผู้ส่งสินค้า"):
        assert words.encode("cp874") in sent, words


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_on_hand_shows_how_many_gift_baskets_can_be_made_and_are_ready(
    qtbot: QtBot, page: StockPage, shop: Shop
) -> None:
    page.tabs.setCurrentWidget(page.on_hand)
    table = page.on_hand.baskets
    qtbot.waitUntil(lambda: table.rowCount() == 1 and page.worker.pending == 0)

    def row() -> list[str]:
        return [table.item(0, c).text() for c in (0, 3, 4)]

    # one tea, two jaew and a box each: 40 tea, 60 jaew, 15 boxes
    assert row() == ["BK-NY", "15", "0"]
    baskets = page.services.baskets
    [choice] = baskets.choices()
    baskets.assemble(choice.template.template_id, 4)
    qtbot.mouseClick(page.on_hand.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row() == ["BK-NY", "11", "4"])
    assert table.horizontalHeaderItem(3).text() == "Can be made"


@pytest.mark.parametrize("shop", ["sqlite"], indirect=True)
def test_the_new_parts_speak_thai_and_fit_the_screen(qtbot: QtBot, shop: Shop) -> None:
    from tests.ui.test_thai_dialogs import ALLOWED, english_in

    allowed = ALLOWED | {"P", "CNB", "UDN", "PWG", "BPI", "BK", "NY"}  # producer, basket codes
    page = open_page(qtbot, shop, shop.manager, language="th")
    try:
        goods = page.receiving
        choose(goods.producer, "P-CNB")
        goods.scan.setFocus()
        scan(qtbot, page, "40*SILK-001")
        scan(qtbot, page, "8859999012345")
        assert goods.apply_button.isVisible()
        assert english_in(page, allowed) == []
        qtbot.mouseClick(goods.apply_button, Qt.MouseButton.LeftButton)
        form = goods.application
        assert form is not None
        qtbot.waitUntil(form.isVisible)
        assert english_in(form, allowed) == []
        hint = form.sizeHint()
        assert hint.width() <= 1366
        assert hint.height() <= 738  # a 30 px title bar on a 1366x768 screen
        qtbot.keyClick(form, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not form.isVisible())
        post(qtbot, page)
        dialog = goods.confirm_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        assert english_in(dialog, allowed) == []
        assert dialog.sizeHint().width() <= 1366
        assert dialog.sizeHint().height() <= 738
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        page.tabs.setCurrentWidget(page.on_hand)
        qtbot.waitUntil(lambda: page.on_hand.baskets.rowCount() == 1 and page.worker.pending == 0)
        assert english_in(page, allowed) == []
    finally:
        i18n.install_language("en")
        page.shutdown()
