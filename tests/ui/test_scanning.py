"""The scan field: codes typed as a scanner does, quantities, line keys, bad codes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos.domain.barcodes import with_check_digit
from tests.ui.conftest import (
    BALM,
    DINO,
    SAUSAGE,
    SILK,
    TEA,
    approve,
    back_to_scanning,
    key,
    modal,
    rice_label,
    scan,
    scan_and_wait,
)
from ui.till.window import TillWindow


def lines(till: TillWindow) -> list[tuple[str, Decimal]]:
    return [(line.product.sku, line.quantity) for line in till.cart]


def test_scans_fill_the_cart_and_the_totals(qtbot: QtBot, till: TillWindow) -> None:
    scan(qtbot, till, SILK)
    scan(qtbot, till, "3*" + TEA)
    scan(qtbot, till, SAUSAGE)
    scan(qtbot, till, SILK)  # the same product again: its line's quantity goes up
    scan(qtbot, till, rice_label("0.750"))
    qtbot.waitUntil(lambda: len(till.cart) == 4 and not till.busy, timeout=5_000)

    assert lines(till) == [
        ("KK-SILK-001", Decimal("2.000")),
        ("KK-TEA-001", Decimal("3.000")),
        ("KK-SAUS-001", Decimal("1.000")),
        ("KK-RICE-001", Decimal("0.750")),
    ]
    assert till.total_label.text() == "฿4,190.00"
    model = till.model
    assert model.index(3, 2).data() == "0.750"  # weights with 3 decimals
    assert model.index(0, 2).data() == "2"
    assert model.index(0, 5).data() == "3,700.00"  # thousands separators
    assert model.index(0, 1).data() == "ผ้าไหมมัดหมี่ลายนาค"
    right = model.index(0, 5).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    # the last scanned line is selected, and the rice is VAT exempt
    assert till.selected_row() == 3
    vat = till.findChild(QLabel, "vatLabel")
    assert vat is not None
    assert "4,145.00" in vat.text()
    assert "45.00" in vat.text()
    assert "271.17" in vat.text()
    assert till.message == ""
    assert QApplication.focusWidget() is till.scan_field
    assert till.scan_field.text() == ""


def test_invalid_barcode_shows_a_message_and_keeps_the_cart(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, "2*" + DINO)
    before = lines(till)
    scan_and_wait(qtbot, till, SILK[:-1] + "9")  # wrong check digit

    assert "ไม่ถูกต้อง" in till.message
    assert till.message_kind == "error"
    assert lines(till) == before
    assert till.scan_field.text() == ""
    assert QApplication.focusWidget() is till.scan_field


def test_unknown_product_shows_a_message_and_keeps_the_cart(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, TEA)
    before = lines(till)
    unknown = with_check_digit("885999900099")
    scan_and_wait(qtbot, till, unknown)

    assert f"ไม่พบสินค้ารหัส {unknown}" in till.message
    assert lines(till) == before
    # the next good scan works and clears the error
    scan_and_wait(qtbot, till, TEA)
    assert lines(till) == [("KK-TEA-001", Decimal("2.000"))]
    assert till.message == ""


def test_weighed_product_without_a_scale_label_is_refused(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, "KK-RICE-001")
    assert "ชั่ง" in till.message
    assert till.cart.is_empty


def test_quantity_key_applies_to_the_next_scan(qtbot: QtBot, till: TillWindow) -> None:
    qtbot.keyClicks(till.scan_field, "4")
    key(qtbot, till.scan_field, Qt.Key.Key_F3)
    assert till.pending_quantity == 4
    scan_and_wait(qtbot, till, BALM)
    assert lines(till) == [("KK-BALM-001", Decimal("4.000"))]
    assert till.pending_quantity is None
    assert till.total_label.text() == "฿182.00"


def test_quantity_key_changes_the_selected_line(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, SAUSAGE)
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_Up)  # select the sausage
    assert till.selected_row() == 0
    key(qtbot, till.scan_field, Qt.Key.Key_F3)
    dialog = modal(qtbot, "quantityDialog")
    field = dialog.findChild(QLineEdit, "quantityField")
    assert field is not None
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, "5")  # replaces the selected current quantity
    key(qtbot, field, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)

    assert lines(till) == [("KK-SAUS-001", Decimal("5.000")), ("KK-TEA-001", Decimal("1.000"))]
    assert till.total_label.text() == "฿545.00"


def test_plus_minus_and_delete_work_on_the_selected_line(
    qtbot: QtBot, till: TillWindow
) -> None:
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, DINO)
    key(qtbot, till.scan_field, Qt.Key.Key_Plus)
    key(qtbot, till.scan_field, Qt.Key.Key_Plus)
    assert lines(till) == [("KK-TEA-001", Decimal("1.000")), ("KK-DINO-001", Decimal("3.000"))]
    key(qtbot, till.scan_field, Qt.Key.Key_Minus)
    assert lines(till)[1] == ("KK-DINO-001", Decimal("2.000"))
    key(qtbot, till.scan_field, Qt.Key.Key_Delete)
    assert lines(till) == [("KK-TEA-001", Decimal("1.000"))]
    assert till.total_label.text() == "฿120.00"
    key(qtbot, till.scan_field, Qt.Key.Key_F8)
    assert till.cart.is_empty
    assert till.total_label.text() == "฿0.00"


def test_escape_clears_the_scan_field(qtbot: QtBot, till: TillWindow) -> None:
    qtbot.keyClicks(till.scan_field, "88599")
    key(qtbot, till.scan_field, Qt.Key.Key_Escape)
    assert till.scan_field.text() == ""
    assert till.cart.is_empty


def test_function_keys_are_touch_buttons(till: TillWindow) -> None:
    bar = till.findChild(QWidget, "keyBar")
    assert bar is not None
    buttons = bar.findChildren(QPushButton)
    texts = [b.text().split("\n")[0] for b in buttons]
    for k in ("F1", "F2", "F3", "F4", "F5", "F6", "F8", "F9", "F12", "+", "−"):
        assert k in texts
    assert all(b.height() >= 64 for b in buttons)


def test_cancel_sale_asks_then_clears_the_cart(qtbot: QtBot, till: TillWindow) -> None:
    scan_and_wait(qtbot, till, SILK)
    scan_and_wait(qtbot, till, TEA)
    key(qtbot, till.scan_field, Qt.Key.Key_F9)
    dialog = modal(qtbot, "confirmCancel")
    key(qtbot, dialog, Qt.Key.Key_Escape)  # No: the sale stays
    back_to_scanning(qtbot, till)
    assert len(till.cart) == 2

    key(qtbot, till.scan_field, Qt.Key.Key_F9)
    dialog = modal(qtbot, "confirmCancel")
    key(qtbot, dialog, Qt.Key.Key_Return)
    approve(qtbot, "customer changed their mind")  # a cashier cancels with a manager's PIN
    qtbot.waitUntil(lambda: till.cart.is_empty)
    assert till.total_label.text() == "฿0.00"
    assert till.model.rowCount() == 0
    back_to_scanning(qtbot, till)


def test_unexpected_error_is_logged_and_shown_as_a_generic_message(
    qtbot: QtBot,
    till: TillWindow,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    scan_and_wait(qtbot, till, TEA)

    def broken(text: str) -> None:
        raise RuntimeError("database driver exploded")

    monkeypatch.setattr(till.ctx.checkout, "lookup", broken)
    with caplog.at_level("ERROR"):
        scan_and_wait(qtbot, till, DINO)
    assert till.message == till.bug_text()
    assert "database driver exploded" in caplog.text
    assert "Traceback" in caplog.text
    assert lines(till) == [("KK-TEA-001", Decimal("1.000"))]
