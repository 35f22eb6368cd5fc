"""The curation page in the real back-office window (keys into the focused widget), then the
real till: an application approved is sold; a certificate expired is flagged (warn) or refused
(block)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import func, select

from db import models as m
from pos.app.bootstrap import Services, Store, open_store
from pos.domain.auth import Actor, Role
from pos.domain.curation import Certificate, CertKind, Criterion
from pos.domain.settings import Settings
from tests.backoffice.test_products_ui import open_back_office
from tests.helpers.selling import FastArgon2
from tests.ui import conftest as till_fixtures
from tests.ui.conftest import TEA, key, modal, open_till, scan_and_wait, type_text
from tests.ui.test_payment import open_payment, wait_for_sale
from ui import i18n, style
from ui.backoffice.curation_page import CurationPage

MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)
SKU = "KK-MAT-009"


store = till_fixtures.store  # the demo store of the till's tests, as a fixture here


def open_page(qtbot: QtBot, store: Store, actor: Actor = MANAGER) -> CurationPage:
    """The curation tab of the real back-office window, the manager logged in by keys (an
    actor the window would not let in gets the page on its own)."""
    i18n.install_language("en")  # the messages these tests read are the English ones
    if actor is not MANAGER:
        page = CurationPage(Services(store), actor)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        settled(qtbot, page)
        return page
    services = Services(store, queue_prints=False)
    services.auth.hasher = FastArgon2()
    window = open_back_office(qtbot, services, "manager", "9999")
    assert window.tabs.tabText(window.tabs.indexOf(window.page("curation"))) == "Curation"
    page = window.show_page("curation")
    assert isinstance(page, CurationPage)
    settled(qtbot, page)
    focus(qtbot, page, page.app_search)
    return page


def focus(qtbot: QtBot, page: CurationPage, field: QWidget) -> None:
    page.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=5_000)


def type_in(qtbot: QtBot, form: QWidget, name: str, text: str) -> None:
    field = form.findChild(QWidget, name)
    assert field is not None, name
    field.setFocus()
    focused = QApplication.focusWidget()
    assert focused is field
    if isinstance(focused, QLineEdit | QAbstractSpinBox):
        focused.selectAll()  # typing replaces what is there
    type_text(focused, text)


def save(qtbot: QtBot, page: CurationPage) -> None:
    """Ctrl+S in the form; wait for the page's worker (the save, and the lists read again)."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, page)


def settled(qtbot: QtBot, page: CurationPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


def submit_application(qtbot: QtBot, page: CurationPage) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = modal(qtbot, "applicationForm")
    for name, text in (
        ("sku", SKU), ("producer", "KK-CHB-01"), ("name_th", "เสื่อกกทอมือ"),
        ("name_en", "Hand-woven reed mat"), ("price", "450"),
        ("story_th", "ทอจากกกริมหนองน้ำ"),
    ):  # fmt: skip
        type_in(qtbot, form, name, text)
    save(qtbot, page)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=5_000)


def cell(page: CurationPage, row: int, col: int, table: str = "app") -> str:
    widget = page.app_table if table == "app" else page.cert_table
    item = widget.item(row, col)
    assert item is not None
    return item.text()


def test_an_application_approved_in_the_review_form_is_sold_at_the_till(
    qtbot: QtBot, store: Store
) -> None:
    page = open_page(qtbot, store)
    submit_application(qtbot, page)
    assert page.app_table.rowCount() == 1
    assert (cell(page, 0, 0), cell(page, 0, 4)) == (SKU, "submitted")

    with open_till(qtbot, store) as till:  # not approved yet: the till refuses it
        scan_and_wait(qtbot, till, SKU)
        assert till.cart.is_empty
        assert "ยังไม่ผ่านการคัดสรรของคณะกรรมการ ขายไม่ได้" in till.banner.text()  # the till: Thai
    i18n.install_language("en")

    page.service.add_certificate(  # the producer's stars, shown to the committee
        MANAGER,
        Certificate(CertKind.OTOP_STARS, "4", issued=date(2023, 8, 1), producer_code="KK-CHB-01"),
    )
    page.reload()
    settled(qtbot, page)
    focus(qtbot, page, page.app_search)
    qtbot.keyClicks(page.app_search, "reed")  # typing filters; Enter opens the review
    assert page.app_table.rowCount() == 1
    qtbot.keyClick(page.app_search, Qt.Key.Key_Return)
    form = modal(qtbot, "reviewForm")
    held = form.findChild(QLabel, "reviewCertificates")
    assert held is not None
    assert held.text() == "OTOP 4 stars (2023) · valid"
    members = form.findChild(QPlainTextEdit, "members")
    assert members is not None
    type_in(qtbot, form, "members", "นายสมชาย")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # one name a line
    type_text(QApplication.focusWidget(), "นางสมศรี")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    total = form.findChild(QLabel, "reviewTotal")
    assert total is not None
    assert total.text() == "0 of 50 (pass mark 30): below the pass mark"
    for c in Criterion:
        type_in(qtbot, form, f"score_{c.value}", "8")
    assert total.text() == "40 of 50 (pass mark 30): passes"
    save(qtbot, page)  # two members: the quorum is three, the form stays with the message
    error = form.findChild(QLabel, "formError")
    assert error is not None
    assert "Members present: 2 present, the quorum is 3" in error.text()
    assert form.isVisible()
    type_in(qtbot, form, "members", "น.ส.วิไล")
    save(qtbot, page)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=5_000)
    assert cell(page, 0, 4) == "approved"

    with open_till(qtbot, store) as till:
        scan_and_wait(qtbot, till, SKU)
        assert [line.product.sku for line in till.cart] == [SKU]
        dialog = open_payment(qtbot, till)
        cash = dialog.findChild(QLineEdit, "cashTendered")
        assert cash is not None
        key(qtbot, cash, Qt.Key.Key_Return)
        receipt = wait_for_sale(qtbot, till)
        assert [line.sku for line in receipt.lines] == [SKU]


def add_certificate(qtbot: QtBot, page: CurationPage, expires: str) -> QWidget:
    page.tabs.setCurrentIndex(1)
    focus(qtbot, page, page.cert_search)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = modal(qtbot, "certificateForm")
    kind = form.findChild(QWidget, "kind")
    assert kind is not None
    kind.setFocus()
    for _ in range(2):  # OTOP stars, มผช., then อย.
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    type_in(qtbot, form, "number", "40-1-12345-2-0001")
    type_in(qtbot, form, "holder", "KK-TEA-001")
    type_in(qtbot, form, "issued", "2024-01-05")
    type_in(qtbot, form, "expires", expires)
    type_in(qtbot, form, "file", "scans/tea-fda.pdf")
    save(qtbot, page)
    return form


def test_an_expired_certificate_is_flagged_on_the_page_and_warned_or_refused_at_the_till(
    qtbot: QtBot, store: Store
) -> None:
    page = open_page(qtbot, store)
    today = page.service.today()
    form = add_certificate(qtbot, page, "2024-13-01")  # a bad date: named, nothing written
    error = form.findChild(QLabel, "formError")
    assert error is not None
    assert "Expires: '2024-13-01' is not a date" in error.text()
    with store.engine.connect() as conn:
        assert conn.execute(
            select(func.count()).select_from(m.Certification).where(
                m.Certification.file.is_not(None)
            )
        ).scalar_one() == 0
    type_in(qtbot, form, "expires", (today - timedelta(days=1)).isoformat())
    save(qtbot, page)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=5_000)
    rows = [cell(page, r, 1, "cert") for r in range(page.cert_table.rowCount())]
    row = rows.index("40-1-12345-2-0001")
    assert cell(page, row, 0, "cert") == "Thai FDA"
    assert cell(page, row, 5, "cert").startswith("expired")
    item = page.cert_table.item(row, 5)
    assert item is not None
    assert item.background().color().name() == style.RED_SOFT
    assert page.alerts.text().startswith("1 expired")

    with open_till(qtbot, store) as till:  # warn (the default): sold, the cashier is told
        scan_and_wait(qtbot, till, TEA)
        assert [line.product.sku for line in till.cart] == ["KK-TEA-001"]
        assert "หมดอายุเมื่อ" in till.banner.text()

    blocking = open_store(store.url, Settings(expired_certificate="block"))
    try:
        with open_till(qtbot, blocking) as till:
            scan_and_wait(qtbot, till, TEA)
            assert till.cart.is_empty
            assert "ขายไม่ได้จนกว่าจะต่ออายุ" in till.banner.text()
    finally:
        blocking.close()

    # renewed: Enter on the certificate opens its form, a new expiry date, Ctrl+S
    i18n.install_language("en")
    focus(qtbot, page, page.cert_search)
    qtbot.keyClicks(page.cert_search, "40-1-12345")  # typing filters to the one certificate
    assert page.cert_table.rowCount() == 1
    qtbot.keyClick(page.cert_search, Qt.Key.Key_Return)
    form = modal(qtbot, "certificateForm")
    number = form.findChild(QLineEdit, "number")
    assert number is not None
    assert number.text() == "40-1-12345-2-0001"
    type_in(qtbot, form, "expires", (today + timedelta(days=400)).isoformat())
    save(qtbot, page)
    assert cell(page, 0, 5, "cert") == "valid"
    assert page.alerts.text() == "Every certificate is valid for more than 90 days"
    blocking = open_store(store.url, Settings(expired_certificate="block"))
    try:
        with open_till(qtbot, blocking) as till:  # renewed: sold again, with no warning
            scan_and_wait(qtbot, till, TEA)
            assert [line.product.sku for line in till.cart] == ["KK-TEA-001"]
            assert "หมดอายุ" not in till.banner.text()
    finally:
        blocking.close()


def test_a_cashier_sees_the_refusal_and_nothing_else(qtbot: QtBot, store: Store) -> None:
    page = open_page(qtbot, store, Actor("u-c", "cashier", "Cashier", Role.CASHIER))
    assert "may not record a curation review" in page.status.text()
    assert page.app_table.rowCount() == 0


def test_changes_asked_in_the_review_then_the_application_resubmitted_in_its_form(
    qtbot: QtBot, store: Store
) -> None:
    page = open_page(qtbot, store)
    submit_application(qtbot, page)
    focus(qtbot, page, page.app_search)
    qtbot.keyClick(page.app_search, Qt.Key.Key_Return)
    form = modal(qtbot, "reviewForm")
    type_in(qtbot, form, "members", "ก, ข, ค")  # commas separate names too
    for c in Criterion:
        type_in(qtbot, form, f"score_{c.value}", "5")
    decision = form.findChild(QWidget, "decision")
    assert decision is not None
    decision.setFocus()
    for _ in range(2):  # approve, reject, then ask for changes
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    save(qtbot, page)
    assert cell(page, 0, 4) == "changes requested"

    focus(qtbot, page, page.app_search)
    qtbot.keyClick(page.app_search, Qt.Key.Key_Return)  # now Enter opens the application
    again = modal(qtbot, "applicationForm")
    sku = again.findChild(QLineEdit, "sku")
    assert sku is not None
    assert (sku.text(), sku.isReadOnly()) == (SKU, True)
    type_in(qtbot, again, "price", "420")
    save(qtbot, page)
    assert (cell(page, 0, 3), cell(page, 0, 4)) == ("฿420.00", "resubmitted")
    with store.uow() as read:
        product = read.catalog.product_by_sku(SKU)
    assert product is not None
    assert (product.curation, str(product.unit_price)) == ("pending", "420.00")
