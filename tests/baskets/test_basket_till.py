"""The till: F7, a custom basket scanned together at the counter, paid, stock moved."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.domain.settings import Settings
from tests.baskets.conftest import open_basket_store, stock
from tests.ui.conftest import (
    approve,
    back_to_scanning,
    key,
    modal,
    open_till,
    scan_and_wait,
    type_text,
)
from ui.basket_dialog import BasketDialog
from ui.dialogs import RecallDialog
from ui.till.window import TillWindow

DINO, BALM, TEA = "8859999000049", "8859999000056", "8859999000025"


@pytest.fixture
def basket_store(migrated_sqlite_url: str) -> Iterator[Store]:
    store = open_basket_store(migrated_sqlite_url, Settings())
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def basket_till(qtbot: QtBot, basket_store: Store) -> Iterator[TillWindow]:
    with open_till(qtbot, basket_store) as window:
        yield window


def gift_tea_barcode(store: Store) -> str:
    """The tea and sausage gift basket's own barcode (a template basket)."""
    with store.uow() as uow:
        code = next(t.barcode for t in uow.baskets.templates() if t.code == "GIFT-TEA")
    assert code is not None
    return code


def open_basket_dialog(qtbot: QtBot, till: TillWindow) -> BasketDialog:
    key(qtbot, till.scan_field, Qt.Key.Key_F7)
    dialog = modal(qtbot, "basketDialog")
    assert isinstance(dialog, BasketDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scan_field, timeout=5_000)
    return dialog


def basket_scan(qtbot: QtBot, dialog: BasketDialog, code: str) -> None:
    """The scanner types into the basket's own scan field while the dialog is up."""
    assert QApplication.focusWidget() is dialog.scan_field
    qtbot.keyClicks(dialog.scan_field, code)
    qtbot.keyClick(dialog.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)


def test_a_custom_basket_is_scanned_together_at_the_till_and_paid(
    qtbot: QtBot, basket_till: TillWindow, basket_store: Store
) -> None:
    till = basket_till
    scan_and_wait(qtbot, till, TEA)  # a loose item first
    dialog = open_basket_dialog(qtbot, till)
    # the templates with what can be made now; Songkran 2020 is listed last, out of season
    assert dialog.templates.rowCount() == 4
    cells = [dialog.templates.item(r, 2).text() for r in range(4)]
    assert cells == ["ทำได้ 5 ชุด", "ทำได้ 3 ชุด", "ทำได้ 3 ชุด", "ไม่อยู่ในช่วงขาย"]

    basket_scan(qtbot, dialog, DINO)
    basket_scan(qtbot, dialog, "2*" + BALM)
    basket_scan(qtbot, dialog, "0000000")  # a wrong code: said in the dialog, nothing added
    assert dialog.status
    assert dialog.contents.count() == 2
    dialog.container.setCurrentIndex(1)  # woven bamboo basket 60.00
    dialog.wrapping.setCurrentIndex(2)  # cellophane and ribbon 25.00
    fee = dialog.findChild(QLineEdit, "basketFee")
    assert fee is not None
    fee.selectAll()
    qtbot.keyClicks(fee, "30")
    dialog.message_field.setFocus()
    type_text(dialog.message_field, "สุขสันต์วันเกิด")
    assert dialog.price_label.text().endswith("฿456.00")  # 250 + 91 + 60 + 25 + 30
    dialog.scan_field.setFocus()
    qtbot.keyClick(dialog.scan_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    back_to_scanning(qtbot, till)

    # one group of four lines under the loose tea: the basket's own row, then its items
    assert len(till.cart) == 5
    assert len(till.cart.groups) == 1
    assert till.model.rowCount() == 6
    assert till.model.index(1, 3).data() == "456.00"
    group_rows = [till.model.index(r, 1).data() for r in range(2, 6)]
    assert all(text.startswith("    └ ") for text in group_rows)
    assert till.total_label.text() == "฿576.00"

    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    pay = modal(qtbot, "paymentDialog")
    cash = pay.findChild(QLineEdit, "cashTendered")
    assert cash is not None
    qtbot.keyClicks(cash, "600")
    key(qtbot, cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.last_receipt is not None, timeout=10_000)
    receipt = till.last_receipt
    assert receipt is not None
    assert receipt.total == Decimal("576.00")
    grouped = [ln for ln in receipt.lines if ln.basket_id]
    assert [ln.sku for ln in grouped] == ["KK-DINO-001", "KK-BALM-001", "KK-PK-0001", "KK-PK-0004"]
    assert grouped[0].basket_message == "สุขสันต์วันเกิด"
    preview = till.receipt_preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    assert stock(basket_store, "KK-DINO-001") == 3
    assert stock(basket_store, "KK-BALM-001") == 18
    assert stock(basket_store, "KK-PK-0001") == 4
    assert stock(basket_store, "KK-PK-0004") == 7
    assert stock(basket_store, "KK-TEA-001") == 9


def test_a_template_basket_from_the_list_and_by_its_barcode(
    qtbot: QtBot, basket_till: TillWindow, basket_store: Store
) -> None:
    till = basket_till
    dialog = open_basket_dialog(qtbot, till)
    qtbot.keyClick(dialog.scan_field, Qt.Key.Key_Down)  # second row: the silk set
    qtbot.keyClick(dialog.scan_field, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    assert len(till.cart) == 3
    (group,) = till.cart.groups.values()
    assert group.name_en == "Silk gift set"
    assert till.total_label.text() == "฿1,795.50"
    with basket_store.uow() as uow:
        code = next(t.barcode for t in uow.baskets.templates() if t.code == "GIFT-TEA")
    assert code is not None
    scan_and_wait(qtbot, till, code)
    assert len(till.cart.groups) == 2
    assert till.total_label.text() == "฿2,194.50"


def test_delete_on_a_basket_item_takes_the_whole_basket_off(
    qtbot: QtBot, basket_till: TillWindow, basket_store: Store
) -> None:
    till = basket_till
    scan_and_wait(qtbot, till, TEA)
    with basket_store.uow() as uow:
        code = next(t.barcode for t in uow.baskets.templates() if t.code == "GIFT-TEA")
    assert code is not None
    scan_and_wait(qtbot, till, code)
    assert till.model.rowCount() == 6  # the tea, the basket's own row, its four items
    assert till.selected_row() == 1  # the basket's own row
    key(qtbot, till.scan_field, Qt.Key.Key_Plus)  # one more of a basket item: refused
    assert till.message_kind == "error"
    assert till.total_label.text() == "฿519.00"
    key(qtbot, till.scan_field, Qt.Key.Key_Delete)
    assert till.model.rowCount() == 1
    assert not till.cart.groups
    assert "กระเช้าชาใบหม่อนและไส้กรอก" in till.message
    assert till.total_label.text() == "฿120.00"
    back_to_scanning(qtbot, till)


def test_a_basket_is_one_row_with_its_items_beneath_it_and_the_keys_act_on_it(
    qtbot: QtBot, basket_till: TillWindow, basket_store: Store
) -> None:
    """A line, a basket and a line: the basket's own row (its name, count, price, amount)
    comes before its items, which are indented and carry no money of their own."""
    till = basket_till
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, gift_tea_barcode(basket_store))
    scan_and_wait(qtbot, till, DINO)
    (group,) = till.cart.groups.values()
    items = till.cart.group_lines(group.group_id)
    basket_amount = sum((ln.net for ln in items), Decimal(0))
    model = till.model

    def row(r: int) -> list[str]:
        return [model.index(r, c).data() for c in range(model.columnCount())]

    rows = [row(r) for r in range(model.rowCount())]
    assert len(rows) == 1 + 1 + len(items) + 1
    assert rows[0] == ["1", "ชาใบหม่อนอบแห้ง", "1", "120.00", "", "120.00"]
    assert rows[1] == ["2", group.name_th, "1", f"{group.price:,.2f}", "", f"{basket_amount:,.2f}"]
    assert group.name_th == "กระเช้าชาใบหม่อนและไส้กรอก"
    for r, item in zip(range(2, 2 + len(items)), items, strict=True):
        assert rows[r][0] == ""  # the basket's items are not counted on their own
        assert rows[r][1] == "    └ " + item.product.name_th
        assert rows[r][3:] == ["", "", ""]  # no money of their own
    assert rows[-1] == ["3", "ตุ๊กตาไดโนเสาร์ภูเวียง", "1", "250.00", "", "250.00"]
    assert till.total_label.text() == f"฿{120 + basket_amount + 250:,.2f}"
    assert till.totals.items_label.text().endswith(" · 3 รายการ")  # the basket is one line

    # up from the dinosaur: a basket's item, then the basket's own row; the last-line panel
    # shows each, and Delete on the basket's row takes the basket off
    key(qtbot, till.scan_field, Qt.Key.Key_Up)
    assert till.selected_row() == 5
    assert till.last_line.name.text() == items[-1].product.name_th
    for _ in range(4):
        key(qtbot, till.scan_field, Qt.Key.Key_Up)
    assert till.selected_row() == 1
    assert till.last_line.name.text() == group.name_th
    assert till.last_line.price.text() == f"฿{basket_amount:,.2f}"
    key(qtbot, till.scan_field, Qt.Key.Key_Delete)
    assert not till.cart.groups
    assert [row(r)[:2] for r in range(model.rowCount())] == [
        ["1", "ชาใบหม่อนอบแห้ง"], ["2", "ตุ๊กตาไดโนเสาร์ภูเวียง"]]
    assert till.total_label.text() == "฿370.00"


def test_a_parked_sale_with_a_basket_counts_the_basket_as_one_line_in_the_recall_list(
    qtbot: QtBot, basket_till: TillWindow, basket_store: Store
) -> None:
    till = basket_till
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, gift_tea_barcode(basket_store))
    total = till.total_label.text()
    key(qtbot, till.scan_field, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=5_000)
    key(qtbot, till.scan_field, Qt.Key.Key_F6)
    dialog = modal(qtbot, "recallDialog")
    assert isinstance(dialog, RecallDialog)
    ((_owner, _when, lines, shown_total),) = dialog.rows()
    assert (lines, shown_total) == ("2 รายการ", total)
    key(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(till.cart.groups) == 1 and not till.busy, timeout=5_000)
    assert till.model.basket(1) is not None  # back with its own row
    assert till.total_label.text() == total


def test_after_payment_started_a_line_below_a_basket_comes_off_with_a_managers_pin(
    qtbot: QtBot, basket_till: TillWindow, basket_store: Store
) -> None:
    """The line keys find the cart line of the row selected below a basket's rows (the
    model has one row more than the cart for each basket)."""
    till = basket_till
    scan_and_wait(qtbot, till, TEA)
    scan_and_wait(qtbot, till, gift_tea_barcode(basket_store))
    scan_and_wait(qtbot, till, DINO)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    modal(qtbot, "paymentDialog")
    key(qtbot, QApplication.activeModalWidget(), Qt.Key.Key_Escape)  # payment has started
    back_to_scanning(qtbot, till)
    assert till.selected_row() == till.model.rowCount() - 1  # the dinosaur, the last row
    key(qtbot, till.scan_field, Qt.Key.Key_Delete)
    approve(qtbot, "customer changed her mind")
    qtbot.waitUntil(lambda: len(till.cart) == 5, timeout=10_000)
    skus = [line.product.sku for line in till.cart]
    assert skus[0] == "KK-TEA-001"
    assert "KK-DINO-001" not in skus
    assert len(till.cart.groups) == 1  # the basket stays; only the dinosaur came off
    back_to_scanning(qtbot, till)
