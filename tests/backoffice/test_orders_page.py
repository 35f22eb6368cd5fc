"""The back office's orders page through the real widget: keys into the focused fields, the
real orders service on a SQLite file, the label PDF read back by zxing-cpp."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from db.slips import DirectorySlipStore
from pos.app.bootstrap import Services as BootServices
from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Actor
from pos.domain.money import format_baht
from pos.domain.orders import OrderLineRequest, OrderStatus, PaymentMethod
from pos.domain.settings import Settings
from pos.domain.taxinvoice import Buyer
from pos.ports.orders import OrderView
from pos.services.auth import Auth
from pos.services.order_desk import OrderDesk
from pos.services.orders import Orders
from pos.services.printing import TaxInvoices
from pos.services.shipping import ShippingDesk
from printing.shipping_label import QtShippingDocuments
from printing.taxinvoice_pdf import QtTaxInvoiceWriter
from tests.backoffice.test_products_ui import open_back_office, services, store  # noqa: F401
from tests.helpers.selling import PlainTestHasher
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock, build_small_store
from tests.labels.decode import pdf_page_images, read_codes
from tests.labels.pdfscan import assert_words_in_pdf
from tests.orders.conftest import delivery, pickup
from ui import i18n
from ui.backoffice.orders_page import OrdersPage

# the small catalogue: TEA-001 carries a UPC-A code (read as its EAN-13), SILK-001 an EAN-13
TEA_CODE, SILK_CODE = "036000291452", "8851234000012"


def slip_png() -> bytes:
    """A customer's slip picture: a red PNG (its colour is checked where it is shown)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(90, 160, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 20, 20))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


@dataclass
class Desk:
    store: Store
    orders: Orders
    order_desk: OrderDesk
    settings: Settings
    manager: Actor
    packer: Actor
    shipping: ShippingDesk
    tax_invoices: TaxInvoices
    clock: FixedClock


@dataclass
class Services:
    order_desk: OrderDesk
    shipping: ShippingDesk
    tax_invoices: TaxInvoices


@pytest.fixture
def desk(
    request: pytest.FixtureRequest, fresh_database: FreshDatabase, tmp_path: Path
) -> Iterator[Desk]:
    """The small catalogue on a SQLite file (or PostgreSQL, parametrized "pg")."""
    settings = Settings()
    backend = str(getattr(request, "param", "sqlite"))
    shop = open_store(fresh_database(backend, "small", build_small_store), settings)
    clock = FixedClock()
    auth = Auth(shop.uow, settings, clock, PlainTestHasher(), shop.terminal.terminal_id)
    auth.ensure_demo_users()
    orders = Orders(shop.uow, settings, clock, DirectorySlipStore(tmp_path / "slips"))
    shipping = ShippingDesk(settings, QtShippingDocuments(), clock)
    try:
        manager, packer = auth.login("manager", "9999"), auth.login("labels", "2222")
        invoices = TaxInvoices(shop.uow, settings, shop.terminal, clock, QtTaxInvoiceWriter())
        yield Desk(shop, orders, OrderDesk(shop.uow, settings, clock), settings, manager, packer,
                   shipping, invoices, clock)  # fmt: skip
    finally:
        shop.close()


opened: list[OrdersPage] = []


@pytest.fixture(autouse=True)
def _workers_end() -> Iterator[None]:
    """Each page's worker is shut down as the back office window does when it closes."""
    yield
    while opened:
        opened.pop().shutdown()


def open_page(
    qtbot: QtBot, desk: Desk, actor: Actor, tmp_path: Path, language: str = "en"
) -> OrdersPage:
    i18n.install_language(language)
    page = OrdersPage(Services(desk.order_desk, desk.shipping, desk.tax_invoices), actor)
    page.ask_path = lambda _title, name: str(tmp_path / name)  # the save dialog's answer
    qtbot.addWidget(page)
    opened.append(page)
    page.resize(1280, 680)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: OrdersPage) -> None:
    qtbot.waitUntil(lambda: page.worker.pending == 0)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_in(qtbot: QtBot, page: OrdersPage, field: QLineEdit, text: str) -> None:
    """Keys into the field that has the keyboard (a wedge scanner types, then Enter)."""
    assert focused() is field, focused()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, page)


def press(qtbot: QtBot, page: OrdersPage, button: QPushButton) -> None:
    """A button reached by the keyboard and pressed with Space."""
    assert button.isEnabled(), button.objectName()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    settle(qtbot, page)


def open_order(qtbot: QtBot, page: OrdersPage, order_no: str) -> None:
    page.search.setFocus()
    qtbot.keyClicks(page.search, order_no)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert page.order is not None
    assert page.order.order_no == order_no
    page.search.clear()


def tab_text(page: OrdersPage, status: OrderStatus) -> str:
    return page.status_tabs.tabText(list(OrderStatus).index(status) + 1)


@pytest.mark.parametrize("desk", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)],
                         indirect=True)  # fmt: skip
def test_a_promptpay_order_from_payment_to_shipping(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    order = desk.orders.place(
        "page-test-0001",
        delivery(),
        [OrderLineRequest("product", "SILK-001", 1), OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.PROMPTPAY,
    )
    desk.orders.attach_slip(order.order_no, "0812345678", slip_png(), "image/png")
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    assert tab_text(page, OrderStatus.AWAITING_PAYMENT) == "Awaiting payment (1)"
    assert page.list.shown_keys() == [order.order_no]
    open_order(qtbot, page, order.order_no)
    shown = page.slip.pixmap().toImage()  # the customer's slip beside the order
    assert not shown.isNull()
    assert shown.pixelColor(shown.width() // 2, shown.height() // 2).red() > 180
    assert "สมชาย ใจดี" in page.customer.text()

    # the payment seen on the account: the order becomes a sale of the web channel
    assert focused() is page.confirm_button
    press(qtbot, page, page.confirm_button)
    assert page.order.status is OrderStatus.PAID
    assert page.order.receipt_no is not None
    assert page.order.receipt_no.startswith("KK-W")
    assert page.order.receipt_no in page.message.text()
    assert tab_text(page, OrderStatus.PAID) == "Paid (1)"

    # picking, and the pick list for the shelves
    press(qtbot, page, page.pick_button)
    assert page.order.status is OrderStatus.PICKING
    press(qtbot, page, page.pick_list_button)
    (picks,) = tmp_path.glob("pick-list-*.pdf")
    assert_words_in_pdf(
        picks.read_bytes(), [order.order_no, "ผ้าไหมมัดหมี่ลายนาค", "ชาใบหม่อนอบแห้ง", "SILK-001"]
    )

    # packing: each scan ticks a unit; a product not in the order, or one too many, refused
    page.pack_scan.setFocus()
    type_in(qtbot, page, page.pack_scan, SILK_CODE)
    assert "2 unit(s) still to scan" in page.message.text()
    type_in(qtbot, page, page.pack_scan, SILK_CODE)
    assert "packed already" in page.message.text()
    type_in(qtbot, page, page.pack_scan, "BALM-001")
    assert f"is not in order {order.order_no}" in page.message.text()
    assert focused() is page.pack_scan
    packed = {
        page.lines.item(r, 0).text(): page.lines.item(r, 5).text()
        for r in range(page.lines.rowCount())
    }
    assert packed == {"SILK-001": "1/1", "TEA-001": "0/2"}
    type_in(qtbot, page, page.pack_scan, TEA_CODE)
    type_in(qtbot, page, page.pack_scan, "TEA-001")
    assert page.order.status is OrderStatus.PACKED
    assert "packed" in page.message.text()

    # shipping: a Thailand Post number with a wrong check digit is refused, then the right one
    assert page.carrier.currentData() == "thailand_post_ems"
    assert focused() is page.tracking
    type_in(qtbot, page, page.tracking, "EX123456789TH")
    assert "check digit" in page.message.text()
    assert page.order.status is OrderStatus.PACKED
    page.tracking.clear()
    type_in(qtbot, page, page.tracking, "EX123456785TH")
    assert page.order.status is OrderStatus.SHIPPED
    assert page.order.tracking_no == "EX123456785TH"
    assert "track.thailandpost.co.th" in page.customer.text()

    # the label: its barcode reads back as the tracking number, its QR as the status page
    press(qtbot, page, page.label_pdf_button)
    pdf = (tmp_path / f"label-{order.order_no}.pdf").read_bytes()
    (image,) = pdf_page_images(pdf, dpi=300)
    codes = dict(read_codes(image))
    assert codes["Code128"] == "EX123456785TH"
    assert codes["QRCode"].endswith(f"/order?no={order.order_no}")
    assert_words_in_pdf(pdf, ["สมชาย", "ใจดี", "40000", "081-234-5678", order.order_no])
    # the same label drawn for the label printer (here a PDF writer at its 203 dpi)
    printed = tmp_path / "printer.pdf"
    writer = QPdfWriter(str(printed))
    writer.setResolution(203)
    page.print_label_to(writer)
    del writer
    assert page.message.text() == "Shipping label sent to the printer"
    (image,) = pdf_page_images(printed.read_bytes(), dpi=300)
    assert dict(read_codes(image))["Code128"] == "EX123456785TH"
    assert tab_text(page, OrderStatus.SHIPPED) == "Shipped (1)"


def test_a_packer_packs_but_may_not_confirm_or_cancel(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    order = desk.orders.place(
        "page-test-0002", delivery(), [OrderLineRequest("product", "TEA-001", 1)], PaymentMethod.COD
    )
    page = open_page(qtbot, desk, desk.packer, tmp_path)
    open_order(qtbot, page, order.order_no)
    assert not page.confirm_button.isEnabled()
    assert not page.cancel_button.isEnabled()
    press(qtbot, page, page.pick_button)  # COD: picked before it is paid
    assert focused() is page.pack_scan
    type_in(qtbot, page, page.pack_scan, TEA_CODE)
    assert page.order.status is OrderStatus.PACKED
    # COD orders go only with carriers that collect cash; the label shows the amount due
    carriers = [page.carrier.itemData(i) for i in range(page.carrier.count())]
    assert "pickup" not in carriers
    type_in(qtbot, page, page.tracking, "EX 1234 5678 5 TH")
    assert page.order.status is OrderStatus.SHIPPED
    assert page.order.receipt_no is not None  # sold when handed to the carrier
    press(qtbot, page, page.label_pdf_button)
    assert_words_in_pdf(
        (tmp_path / f"label-{order.order_no}.pdf").read_bytes(),
        ["เก็บเงินปลายทาง", f"฿{order.total:,.2f}"],
    )


def test_a_pickup_order_handed_over_and_one_cancelled(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    kept = desk.orders.place(
        "page-test-0003",
        pickup(),
        [OrderLineRequest("product", "TEA-001", 1)],
        PaymentMethod.AT_PICKUP,
    )
    dropped = desk.orders.place(
        "page-test-0004",
        pickup(),
        [OrderLineRequest("product", "SILK-001", 1)],
        PaymentMethod.AT_PICKUP,
    )
    silk = desk.orders.product("SILK-001")
    assert silk is not None
    before = desk.orders.availability([silk.product_id])[silk.product_id]
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    assert tab_text(page, OrderStatus.NEW) == "New (2)"
    open_order(qtbot, page, dropped.order_no)
    page.cancel_reason.setFocus()
    qtbot.keyClick(page.cancel_reason, Qt.Key.Key_Return)  # no reason: refused
    assert "reason" in page.message.text()
    type_in(qtbot, page, page.cancel_reason, "customer asked to cancel")
    assert page.order.status is OrderStatus.CANCELLED
    assert "Cancelled: customer asked to cancel" in page.customer.text()
    assert desk.orders.availability([silk.product_id])[silk.product_id] == before + 1

    open_order(qtbot, page, kept.order_no)
    assert not page.ship_button.isEnabled()  # picked up at the centre, not shipped
    press(qtbot, page, page.pick_button)
    type_in(qtbot, page, page.pack_scan, TEA_CODE)
    assert page.order.status is OrderStatus.PACKED
    page.tender.setCurrentIndex(page.tender.findData("cash"))
    press(qtbot, page, page.delivered_button)
    assert page.order.status is OrderStatus.DELIVERED
    assert page.order.receipt_no is not None
    assert tab_text(page, OrderStatus.DELIVERED) == "Delivered (1)"
    assert tab_text(page, OrderStatus.CANCELLED) == "Cancelled (1)"


def test_the_orders_tab_of_managers_and_packers_fits_the_screen(
    qtbot: QtBot,
    store: Store,  # noqa: F811
    services: BootServices,  # noqa: F811
) -> None:
    sku = services.orders.browse()[0].sku  # the demo catalogue's first product sold online
    placed = services.orders.place(
        "page-test-0005", delivery(), [OrderLineRequest("product", sku, 1)], PaymentMethod.PROMPTPAY
    )
    for username, pin in (("labels", "2222"), ("manager", "9999")):
        window = open_back_office(qtbot, services, username, pin)
        assert "orders" in window.pages
        page = window.show_page("orders")
        assert isinstance(page, OrdersPage)
        qtbot.waitUntil(lambda page=page: page.list.shown_keys() == [placed.order_no])
        assert focused() is page.search  # the keyboard goes to the page's search field
        qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter opens the order listed
        qtbot.waitUntil(lambda page=page: page.order is not None)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366
        assert hint.height() <= 768
        assert page.confirm_button.isEnabled() is (username == "manager")
        window.close()


def test_a_parcel_scanned_in_full_is_closed_with_its_button(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    """All units were scanned (at another desk) but the parcel was not closed: opening the
    order puts the keyboard on "Mark packed"; Space closes it."""
    order = desk.orders.place(
        "page-test-0006",
        pickup(),
        [OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.AT_PICKUP,
    )
    desk.order_desk.start_picking(order.order_no, desk.packer)
    for _ in range(2):
        desk.order_desk.pack_scan(order.order_no, "TEA-001")
    page = open_page(qtbot, desk, desk.packer, tmp_path)
    open_order(qtbot, page, order.order_no)
    assert focused() is page.packed_button
    assert page.lines.item(0, 5).text() == "2/2"
    qtbot.keyClick(page.packed_button, Qt.Key.Key_Space)
    settle(qtbot, page)
    assert page.order is not None
    assert page.order.status is OrderStatus.PACKED
    assert not page.packed_button.isEnabled()


def test_the_page_speaks_thai(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    order = desk.orders.place(
        "page-test-0007", delivery(), [OrderLineRequest("product", "TEA-001", 1)], PaymentMethod.COD
    )
    page = open_page(qtbot, desk, desk.packer, tmp_path, "th")
    try:
        assert tab_text(page, OrderStatus.NEW) == "คำสั่งซื้อใหม่ (1)"
        open_order(qtbot, page, order.order_no)
        assert page.detail.history.text().endswith("(ลูกค้า)")  # placed by the customer
        assert "customer" not in page.detail.history.text()
        assert page.pick_button.text() == "เริ่มจัดสินค้า"
        press(qtbot, page, page.pick_button)
        type_in(qtbot, page, page.pack_scan, TEA_CODE)
        assert page.message.text() == f"ตรวจสินค้าของ {order.order_no} ครบทุกชิ้นแล้ว: แพ็กเรียบร้อย"
        assert tab_text(page, OrderStatus.PACKED) == "แพ็กแล้ว (1)"
        type_in(qtbot, page, page.tracking, "EX123456789TH")
        assert "เลขตรวจสอบไม่ถูกต้อง (ควรเป็น 5)" in page.message.text()
    finally:
        i18n.install_language("en")


def test_a_gift_basket_is_packed_item_by_item(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    order = desk.orders.place(
        "page-test-0008",
        pickup(),
        [OrderLineRequest("basket", "BK-NY", 1)],
        PaymentMethod.AT_PICKUP,
    )
    page = open_page(qtbot, desk, desk.packer, tmp_path)
    open_order(qtbot, page, order.order_no)
    press(qtbot, page, page.pick_button)

    def rows() -> dict[str, str]:
        return {page.lines.item(r, 0).text(): page.lines.item(r, 5).text()
                for r in range(page.lines.rowCount())}  # fmt: skip

    # the basket's line, then each of its items to scan (tea 1, chilli paste 2, the basket)
    assert rows() == {"BK-NY": "", "BASKET-BOX": "0/1", "JAEW-001": "0/2", "TEA-001": "0/1"}
    for code in ("8851234000029", "BASKET-BOX", TEA_CODE):
        type_in(qtbot, page, page.pack_scan, code)
    assert rows()["JAEW-001"] == "1/2"
    assert page.order is not None
    assert page.order.status is OrderStatus.PICKING
    type_in(qtbot, page, page.pack_scan, "JAEW-001")
    assert page.order.status is OrderStatus.PACKED


def test_a_new_web_order_appears_without_a_reload(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    assert page.list.shown_keys() == []
    page.poll.setInterval(100)  # the page looks every 30 s; the test does not wait that long
    order = desk.orders.place(
        "page-test-0009",
        delivery(),
        [OrderLineRequest("product", "TEA-001", 1)],
        PaymentMethod.PROMPTPAY,
    )
    qtbot.waitUntil(lambda: page.list.shown_keys() == [order.order_no], timeout=3_000)
    assert tab_text(page, OrderStatus.AWAITING_PAYMENT) == "Awaiting payment (1)"


def test_an_order_placed_while_another_page_was_shown_is_listed_on_coming_back(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    assert page.list.shown_keys() == []
    page.hide()  # the manager is on another tab of the back office
    order = desk.orders.place(
        "page-test-0010",
        delivery(),
        [OrderLineRequest("product", "TEA-001", 1)],
        PaymentMethod.PROMPTPAY,
    )
    page.show()  # the orders tab again: no F5, no 30 s wait for the poll
    qtbot.waitUntil(lambda: page.list.shown_keys() == [order.order_no], timeout=3_000)
    assert page.poll.remainingTime() > 3_000  # listed by coming back, not by the poll
    # its row is the list's current one, not yet open: the page says how to open it
    assert page.detail.title.text() == "Open an order of the list: double-click it, or Enter"
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.order is not None, timeout=3_000)
    assert page.detail.title.text() != "Open an order of the list: double-click it, or Enter"


def test_a_paid_order_cancelled_names_the_receipt_to_refund(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    order = desk.orders.place(
        "page-test-0010",
        delivery(),
        [OrderLineRequest("product", "TEA-001", 1)],
        PaymentMethod.PROMPTPAY,
    )
    receipt = desk.order_desk.confirm_payment(order.order_no, desk.manager)
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    open_order(qtbot, page, order.order_no)
    page.cancel_reason.setFocus()
    type_in(qtbot, page, page.cancel_reason, "out of stock at the shelf")
    assert page.order is not None
    assert page.order.status is OrderStatus.CANCELLED
    assert f"refund due: receipt {receipt.receipt_no}" in page.customer.text()


COMPANY = Buyer.checked(
    "บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด", "99/9 หมู่ 1 ต.ในเมือง อ.ภูเวียง จ.ขอนแก่น 40150",
    "0994000617721", "1",
)  # fmt: skip


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_tax_invoice_asked_for_at_checkout_is_saved_from_the_order(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    order = desk.orders.place(
        "page-test-0020", delivery(tax_invoice=COMPANY),
        [OrderLineRequest("product", "TEA-001", 1)], PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    open_order(qtbot, page, order.order_no)
    assert not page.invoice_button.isEnabled()  # nothing sold yet
    press(qtbot, page, page.confirm_button)
    press(qtbot, page, page.invoice_button)
    settle(qtbot, page)
    assert page.invoice_dialog is None  # issued with the sale: its PDF is saved at once
    assert "KK-W-T00000001" in page.message.text()
    text = pdf_text(tmp_path / "KK-W-T00000001.pdf")
    assert "KK-W-T00000001" in text
    assert "0994000617721" in text
    assert "ORIGINAL" in text


def test_staff_issue_an_orders_tax_invoice_on_the_web_series(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    order = desk.orders.place(
        "page-test-0021", pickup(), [OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    receipt = desk.order_desk.confirm_payment(order.order_no, desk.manager)
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    open_order(qtbot, page, order.order_no)
    press(qtbot, page, page.invoice_button)
    dialog = page.invoice_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.name_field.text() == "Jane Doe"  # the order's customer, filled in
    assert dialog.receipt_field.text() == receipt.receipt_no
    dialog.pdf_path = tmp_path / "issued.pdf"
    dialog.name_field.setText(COMPANY.name)
    dialog.address_field.setPlainText(COMPANY.address)
    assert focused() is dialog.tax_id_field
    qtbot.keyClicks(dialog.tax_id_field, "0-9940-00617-72-1")
    assert dialog.issue_button.isEnabled(), dialog.problem
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_path is not None)
    assert dialog.invoice is not None
    assert dialog.invoice.number == "KK-W-T00000001"  # the web's series, not counter KK01's
    assert "KK-W-T00000001" in pdf_text(tmp_path / "issued.pdf")
    dialog.reject()
    qtbot.waitUntil(lambda: page.invoice_dialog is None)


def test_a_late_payment_sold_or_noted_as_refund_due(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    tea = desk.orders.place(
        "page-test-0022", delivery(), [OrderLineRequest("product", "TEA-001", 1)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    silk = desk.orders.place(
        "page-test-0023", delivery(), [OrderLineRequest("product", "SILK-001", 3)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    desk.clock.current += timedelta(minutes=31)
    assert desk.orders.expire_reservations() == 2
    found = desk.orders.product("SILK-001")
    assert found is not None
    desk.orders.place(
        "page-test-0024", pickup(), [OrderLineRequest("product", "SILK-001", found.available - 1)],
        PaymentMethod.AT_PICKUP,
    )  # fmt: skip
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    open_order(qtbot, page, tea.order_no)
    assert "payment time ran out" in page.customer.text()
    assert not page.pick_button.isEnabled()
    press(qtbot, page, page.confirm_button)
    assert page.order is not None
    assert page.order.status is OrderStatus.PAID
    assert "Late payment of" in page.message.text()
    assert "Paid late, after the reservation ran out" in page.customer.text()
    open_order(qtbot, page, silk.order_no)
    press(qtbot, page, page.confirm_button)
    assert page.order.status is OrderStatus.CANCELLED
    said = page.message.text()
    assert "stock is short" in said
    assert "need 3, left 1" in said
    assert focused() is page.late_refund_button
    qtbot.keyClick(page.late_refund_button, Qt.Key.Key_Space)
    settle(qtbot, page)
    amount = format_baht(silk.total)
    assert f"refund due {amount}" in page.customer.text()
    assert not page.confirm_button.isEnabled()
    assert not page.late_refund_button.isEnabled()


class ShownOrders(QLabel):
    """A further detail section: it notes each order the page shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str | None] = []

    def show_order(self, order: OrderView | None) -> None:
        self.seen.append(None if order is None else order.order_no)
        self.setText("" if order is None else f"events of {order.order_no}")


def test_a_tab_and_a_detail_section_added_to_the_page(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    order = desk.orders.place(
        "page-test-0009", delivery(), [OrderLineRequest("product", "SILK-001", 1)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    page = open_page(qtbot, desk, desk.manager, tmp_path)
    assert not page.tabs.tabBar().isVisible()  # the orders alone: no tab bar
    section = ShownOrders()
    page.detail.add_section(section)
    chat = QLineEdit()
    assert page.add_tab("Chat", chat) == 1
    assert page.tabs.tabBar().isVisible()
    open_order(qtbot, page, order.order_no)
    assert section.seen[-1] == order.order_no
    assert section.isVisible()
    assert section.text() == f"events of {order.order_no}"
    # the section sits in the detail, above the steps
    assert (
        section.mapTo(page, section.rect().topLeft()).y()
        < page.steps.mapTo(page, page.steps.rect().topLeft()).y()
    )
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    assert page.tabs.currentWidget() is chat
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0
    assert focused() is page.search
