"""The preview of a receipt, an X or Z report and a refund slip, through the real till at
1366x768: it never covers the next sale's cart (Esc and the next scan close it), and each
document's preview says what it is."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    SILK,
    TEA,
    approve,
    back_to_scanning,
    key,
    modal,
    scan_and_wait,
    type_text,
)
from ui.receipt_preview import PreviewKind, ReceiptPreview
from ui.till.window import TillWindow

SHOP_TH = "ศูนย์ส่งเสริมและพัฒนาสินค้า OTOP จังหวัดขอนแก่น"
TAX_ID = "0994000617721"


def sell_for_cash(qtbot: QtBot, till: TillWindow, code: str) -> ReceiptPreview:
    """A sale of `code`, paid with the exact cash: the receipt's preview is up."""
    scan_and_wait(qtbot, till, code)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    dialog = modal(qtbot, "paymentDialog")
    cash = dialog.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    key(qtbot, cash, Qt.Key.Key_Return)  # the exact amount is pre-filled
    qtbot.waitUntil(lambda: till.cart.is_empty and till.last_receipt is not None, timeout=10_000)
    back_to_scanning(qtbot, till)
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    return preview


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_next_scan_closes_the_receipt_preview_and_its_line_is_in_view(
    qtbot: QtBot, till: TillWindow
) -> None:
    assert till.size().width() <= 1366
    assert till.size().height() <= 768
    preview = sell_for_cash(qtbot, till, TEA)
    receipt = till.last_receipt
    assert receipt is not None
    assert preview.kind is PreviewKind.RECEIPT
    assert preview.heading == f"ใบเสร็จเลขที่ {receipt.receipt_no}"
    assert preview.windowTitle() == preview.heading
    assert global_rect(preview).intersects(global_rect(till.table))  # up over the empty cart

    # the next customer: the wedge types into whatever has the keyboard, then Enter
    focused = QApplication.focusWidget()
    assert focused is till.scan_field
    qtbot.keyClicks(focused, SILK)
    assert not preview.isVisible()  # gone at the scan's first key
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not till.busy, timeout=5_000)
    assert [line.product.sku for line in till.cart] == ["KK-SILK-001"]
    assert till.model.index(0, 2).data() == "1"  # quantity and price columns in full view
    assert till.model.index(0, 3).data() == "1,850.00"
    assert not preview.isVisible()
    assert QApplication.focusWidget() is till.scan_field


def test_esc_closes_the_preview_and_keeps_the_keyboard_in_the_scan_field(
    qtbot: QtBot, till: TillWindow
) -> None:
    preview = sell_for_cash(qtbot, till, TEA)
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not preview.isVisible()
    back_to_scanning(qtbot, till)
    scan_and_wait(qtbot, till, TEA)  # and the next sale goes on as usual
    assert len(till.cart) == 1


def test_a_recalled_sale_closes_the_preview_over_the_cart(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F5)  # parked: the customer went to fetch money
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
    preview = sell_for_cash(qtbot, till, SILK)  # the next customer meanwhile
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_F6)
    dialog = modal(qtbot, "recallDialog")
    key(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart) == 1 and not till.busy, timeout=5_000)
    assert not preview.isVisible()
    back_to_scanning(qtbot, till)


def test_an_x_and_a_z_report_preview_say_what_they_are_and_carry_the_shop_header(
    qtbot: QtBot, till: TillWindow
) -> None:
    sell_for_cash(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F10)
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.kind is PreviewKind.X_REPORT, timeout=5_000)
    assert preview.heading == "รายงาน X (ระหว่างกะ)"
    assert preview.windowTitle() == "รายงาน X (ระหว่างกะ)"
    assert "เลขที่" not in preview.heading
    assert SHOP_TH in preview.text
    assert TAX_ID in preview.text
    till.set_language("en")
    assert preview.heading == "X report (shift so far)"

    # the Z report the till shows once the shift is closed
    shifts, actor = till.ctx.shifts, till.actor
    assert shifts is not None
    assert actor is not None
    z = shifts.close(actor, {Decimal(1000): 2, Decimal(100): 1, Decimal(20): 1})
    till.set_language("th")
    till.shift.show_report(z)
    assert preview.kind is PreviewKind.Z_REPORT
    assert z.document_no
    assert preview.heading == f"รายงาน Z เลขที่ {z.document_no}"
    assert preview.windowTitle() == preview.heading
    text = preview.text
    assert text.index(SHOP_TH) < text.index("รายงาน Z")  # the shop heads it, as on paper
    assert f"เลขประจำตัวผู้เสียภาษี {TAX_ID} (สำนักงานใหญ่)" in text
    assert "หมายเลขเครื่อง" in text  # the POS ID
    assert "ศาลากลางจังหวัดขอนแก่น" in text  # the address, as printed
    assert "Khon Kaen OTOP Promotion and Development Centre" in text
    till.set_language("en")
    assert preview.heading == f"Z report {z.document_no}"


def test_a_refund_slip_preview_says_refund_slip_and_its_number(
    qtbot: QtBot, till: TillWindow
) -> None:
    sell_for_cash(qtbot, till, "2*" + TEA)
    receipt = till.last_receipt
    assert receipt is not None
    qtbot.keyClick(till.scan_field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = modal(qtbot, "refundDialog")
    number = dialog.findChild(QLineEdit, "refundReceipt")
    assert number is not None
    qtbot.keyClicks(number, receipt.receipt_no)
    key(qtbot, number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "refundQty1") is not None, timeout=5_000)
    reason = dialog.findChild(QLineEdit, "refundReason")
    assert reason is not None
    reason.setFocus()
    type_text(reason, "damaged box")
    key(qtbot, reason, Qt.Key.Key_Return)
    approve(qtbot, "damaged box")
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.kind is PreviewKind.REFUND, timeout=10_000)
    assert preview.receipt_no == "KK01-R-000001"
    assert preview.heading == "ใบคืนสินค้า เลขที่ KK01-R-000001"
    assert preview.windowTitle() == preview.heading
    assert "ใบเสร็จ" not in preview.heading
    till.set_language("en")
    assert preview.heading == "Refund slip KK01-R-000001"


def test_ctrl_shift_p_reprints_the_last_receipt_as_a_copy_and_a_typed_one_by_its_number(
    qtbot: QtBot, till: TillWindow
) -> None:
    sell_for_cash(qtbot, till, TEA)
    first = till.last_receipt
    assert first is not None
    sell_for_cash(qtbot, till, SILK)
    last = till.last_receipt
    assert last is not None
    key(qtbot, till.scan_field, Qt.Key.Key_Escape)
    qtbot.keyClick(
        till.scan_field,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = modal(qtbot, "reprintDialog")
    field = dialog.findChild(QLineEdit, "reprintReceipt")
    assert field is not None
    assert QApplication.focusWidget() is field
    assert field.text() == last.receipt_no  # the last sale's, typed already
    key(qtbot, field, Qt.Key.Key_Return)
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: "สำเนา / COPY" in preview.text, timeout=10_000)
    assert preview.receipt_no == last.receipt_no
    assert "ผ้าไหม" in preview.text
    assert f"สำเนา {last.receipt_no}" in till.message
    back_to_scanning(qtbot, till)
    qtbot.keyClick(
        till.scan_field,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = modal(qtbot, "reprintDialog")
    field = dialog.findChild(QLineEdit, "reprintReceipt")
    assert field is not None
    qtbot.keyClicks(field, "KK01-99999999")  # the number selected: typing replaces it
    key(qtbot, field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "KK01-99999999" in dialog.findChild(QLabel, "dialogMessage").text(), timeout=10_000
    )
    assert dialog.isVisible()  # an unknown number: said in the dialog, nothing printed
    field.selectAll()
    qtbot.keyClicks(field, first.receipt_no)
    key(qtbot, field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.receipt_no == first.receipt_no, timeout=10_000)
    assert "สำเนา / COPY" in preview.text
    assert "ชาใบหม่อน" in preview.text
