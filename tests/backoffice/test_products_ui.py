"""The back-office window through its real widgets: the log-in, its tabs, the till's menu entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db import models as m
from pos.app.bootstrap import Services, Store
from pos.domain.labels import LabelBatch, LabelLogLine, LabelQuery
from tests.helpers.selling import FastArgon2
from tests.ui import conftest as till_fixtures
from tests.ui.conftest import TEA, log_in, open_till, scan_and_wait, type_text
from tests.ui.test_login_shift import pay_cash_exact
from ui import i18n
from ui.backoffice.products_page import ProductForm, ProductsPage
from ui.backoffice.window import BackOfficeLoginDialog, BackOfficeWindow

NO_MODIFIER = Qt.KeyboardModifier.NoModifier

store = till_fixtures.store  # the demo store of the till's tests, as a fixture here


@pytest.fixture
def services(store: Store) -> Services:
    services = Services(store, queue_prints=False)
    services.auth.hasher = FastArgon2()
    return services


def login_dialog(qtbot: QtBot, services: Services) -> BackOfficeLoginDialog:
    i18n.install_language("en")  # the messages these tests read are the English ones
    dialog = BackOfficeLoginDialog(services.auth, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.username, timeout=5_000)
    return dialog


def type_login(qtbot: QtBot, username: str, pin: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), username)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), pin)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def open_back_office(
    qtbot: QtBot, services: Services, username: str = "manager", pin: str = "9999"
) -> BackOfficeWindow:
    """Log in on the real dialog (keys into the focused field), then the window, shown."""
    dialog = login_dialog(qtbot, services)
    type_login(qtbot, username, pin)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor is not None
    window = BackOfficeWindow(services, dialog.actor, "en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: focused_in(window), timeout=5_000)
    return window


def focused_in(window: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and focus.window() is window


@pytest.mark.parametrize(("username", "pin"), [("cashier", "1111")])
def test_the_back_office_log_in_refuses_who_is_not_a_manager(
    qtbot: QtBot, services: Services, username: str, pin: str
) -> None:
    dialog = login_dialog(qtbot, services)
    type_login(qtbot, username, pin)
    assert dialog.actor is None
    assert dialog.isVisible()
    assert "may not" in dialog.error.text()
    assert dialog.pin.text() == ""


def test_label_staff_see_only_the_stock_and_orders_pages(
    qtbot: QtBot, services: Services
) -> None:
    staff = open_back_office(qtbot, services, "labels", "2222")
    assert list(staff.pages) == ["stock", "orders"]  # they also pick, pack and ship orders
    staff.close()


def test_a_wrong_pin_is_refused_and_a_manager_logs_in(qtbot: QtBot, services: Services) -> None:
    dialog = login_dialog(qtbot, services)
    type_login(qtbot, "manager", "1234")
    assert dialog.actor is None
    assert dialog.error.text()
    qtbot.keyClicks(QApplication.focusWidget(), "9999")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.actor is not None
    assert dialog.actor.username == "manager"


def test_the_window_shows_the_pages_its_actor_may_use(qtbot: QtBot, services: Services) -> None:
    from ui.backoffice.window import PAGES

    manager = open_back_office(qtbot, services)
    assert manager.windowTitle() == "OTOP POS — back office"
    shown = [manager.tabs.tabText(i) for i in range(manager.tabs.count())]
    assert shown == [s.title for s in PAGES if manager.actor.may(s.action)]
    assert manager.who.text().endswith(" (manager)")
    assert manager.width() <= 1366
    assert manager.height() <= 768
    i18n.install_language("th")  # the role in Thai too, never the English word in Thai
    try:
        qtbot.waitUntil(lambda: manager.who.text().startswith("เข้าสู่ระบบ"), timeout=5_000)
        assert manager.who.text().endswith("(ผู้จัดการ)")
        assert "manager" not in manager.who.text()
    finally:
        i18n.install_language("en")


def test_the_tills_back_office_entry_is_a_managers(qtbot: QtBot, store: Store) -> None:
    with open_till(qtbot, store) as till:  # the cashier is logged in
        action = till.actions_by_name["back_office"]
        assert not action.isVisible()
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
        )
        assert till.tools.back_office_window is None
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier
        )  # switch cashier
        log_in(qtbot, till, "manager", "9999")
        qtbot.waitUntil(lambda: action.isVisible(), timeout=5_000)
        assert action in till.header.menu.actions()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is till.scan_field, timeout=5_000)
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_B,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )  # fmt: skip
        window = till.tools.back_office_window
        assert window is not None
        assert window.isVisible()
        assert window.actor.username == "manager"
        page = products_page(window)
    # closed with the till, its search worker stopped (not left running under a gone window)
    assert not window.isVisible()
    assert page.worker.closed


# --- the products page -------------------------------------------------------------------
def products_page(window: BackOfficeWindow) -> ProductsPage:
    page = window.show_page("products")
    assert isinstance(page, ProductsPage)
    return page


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Give `widget` the keyboard and type `text` into it (Thai too), as a person does."""
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5_000)
    focused = QApplication.focusWidget()
    assert focused is not None
    type_text(focused, text)


def open_form(qtbot: QtBot, page: ProductsPage, key: Qt.Key,
              modifier: Qt.KeyboardModifier = NO_MODIFIER) -> ProductForm:
    qtbot.waitUntil(lambda: focused_in(page.window()), timeout=5_000)
    press(qtbot, key, modifier)
    qtbot.waitUntil(lambda: page.form is not None and focused_in(page.form), timeout=5_000)
    assert page.form is not None
    return page.form


def listed(qtbot: QtBot, page: ProductsPage) -> list[str]:
    """The SKUs the list shows once the search typed has come back from the worker."""
    qtbot.waitUntil(lambda: not page.loading, timeout=5_000)
    return page.skus()


def test_typing_filters_the_list_and_enter_opens_the_product(
    qtbot: QtBot, services: Services
) -> None:
    window = open_back_office(qtbot, services)
    page = products_page(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search, timeout=5_000)
    assert len(listed(qtbot, page)) == 8
    qtbot.keyClicks(page.search, "mudmee")
    assert listed(qtbot, page) == ["KK-SILK-001"]
    page.search.clear()
    qtbot.keyClicks(page.search, TEA[-6:])  # a part of its barcode
    assert listed(qtbot, page) == ["KK-TEA-001"]
    form = open_form(qtbot, page, Qt.Key.Key_Return)
    assert form.sku.text() == "KK-TEA-001"
    assert form.sku.isReadOnly()
    assert form.price.text() == "120.00"
    assert form.width() <= 1366
    assert form.height() <= 768
    # the units share a line (a row each made the form 758 px, 783 with a title bar, in the
    # shop's Thai fonts): with a window manager's title bar it fits a 768 px screen
    assert form.unit_th.mapTo(form, QPoint(0, 0)).y() == form.unit_en.mapTo(form, QPoint(0, 0)).y()
    assert form.minimumSizeHint().height() + 30 <= 768
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.form is None, timeout=5_000)
    # the filters: deactivated products only (none yet), then a category
    page.search.clear()
    page.active.setCurrentIndex(page.active.findData(False))
    assert listed(qtbot, page) == []
    page.active.setCurrentIndex(0)
    page.category.setCurrentIndex(page.category.findData("textile"))
    assert "KK-SILK-001" in listed(qtbot, page)
    assert "KK-TEA-001" not in listed(qtbot, page)


def test_a_product_added_with_a_new_in_store_code_is_sold_at_the_till(
    qtbot: QtBot, services: Services, store: Store
) -> None:
    window = open_back_office(qtbot, services)
    page = products_page(window)
    form = open_form(qtbot, page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is form.sku
    qtbot.keyClicks(form.sku, "KK-MAT-009")
    type_into(qtbot, form.name_th, "เสื่อกกลายขิด")
    type_into(qtbot, form.name_en, "Reed mat, khit pattern")
    form.category.setCurrentIndex(form.category.findData("household"))
    form.producer.setCurrentIndex(form.producer.findData("KK-PWG-03"))
    type_into(qtbot, form.price, "abc")
    form.new_code.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # "new in-store code"
    assert len(form.codes()) == 1
    code = form.codes()[0]
    assert code.startswith("20")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # refused, naming the field; the cursor is put there; nothing saved
    assert "ราคา" in form.error.text() or "Price" in form.error.text()
    assert QApplication.focusWidget() is form.price
    assert form.isVisible()
    with store.uow() as read:
        assert read.catalog.product_by_barcode(code) is None
    form.price.clear()
    qtbot.keyClicks(form.price, "350")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form is None, timeout=5_000)
    assert "KK-MAT-009" in listed(qtbot, page)
    window.close()

    with open_till(qtbot, store) as till:
        scan_and_wait(qtbot, till, code)
        assert [line.product.sku for line in till.cart] == ["KK-MAT-009"]
        pay_cash_exact(qtbot, till)
        receipt = till.last_receipt
        assert receipt is not None
    assert [(line.sku, line.name_th, line.total) for line in receipt.lines] == [
        ("KK-MAT-009", "เสื่อกกลายขิด", Decimal("350.00"))
    ]


def test_a_price_changed_in_the_form_is_in_the_labels_changed_selection(
    qtbot: QtBot, services: Services, store: Store
) -> None:
    with store.uow(write=True) as w:  # every product has a label at today's price
        rows = w.session.execute(select(m.Product.id, m.Product.sku, m.Product.unit_price))
        w.labels.record_label_batch(LabelBatch(
            "b-1", datetime.now(UTC) - timedelta(hours=1), "a4-3x7",
            tuple(LabelLogLine(pid, sku, price, 1) for pid, sku, price in rows)))  # fmt: skip
        w.commit()
    window = open_back_office(qtbot, services)
    page = products_page(window)
    qtbot.keyClicks(page.search, "KK-DINO")
    form = open_form(qtbot, page, Qt.Key.Key_Return)
    form.price.clear()
    type_into(qtbot, form.price, "275")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form is None, timeout=5_000)
    form = open_form(qtbot, page, Qt.Key.Key_Return)  # its history is in the form
    assert form.history.rowCount() == 1
    assert form.history.item(0, 1).text() == "฿275.00"
    assert form.history.item(0, 3).text() == "manager"
    press(qtbot, Qt.Key.Key_Escape)
    with store.uow() as read:
        changed = [p.sku for p in read.labels.find_for_labels(LabelQuery(changed=True))]
    assert changed == ["KK-DINO-001"]
