"""The tea corner in the windows (issue 18 items 2-4): a cashier opens the menu pad by its key,
picks a drink and its options by keys, adds two beside a silk scarf and takes the money; the
receipt carries the options and the order number; the tea counter's orders window (polling the
store) marks it ready, and the customer display calls it; another process sees the same."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Services, Store, open_store
from pos.domain.auth import Actor
from pos.domain.settings import Settings
from pos.services.customer_display import Screen
from tests.ui.conftest import (
    SILK,
    back_to_scanning,
    demo_store,
    key,
    modal,
    open_till,
    scan_and_wait,
)
from tests.ui.test_payment import field, open_payment, wait_for_sale
from ui.customer_display.window import CustomerDisplay
from ui.tea.orders_window import TeaOrdersWindow
from ui.till.tea_pad import TeaPad
from ui.till.window import TillWindow

MILK_TEA = "MENU-MILKTEA"  # ชานมใบหม่อน 45.00: L +10, 50 % +0, iced +5, pearls +10


@pytest.fixture
def tea_store(migrated_sqlite_url: str) -> Iterator[Store]:
    """The demo store with the tea corner's default menu; the customer display in a window."""
    with demo_store(migrated_sqlite_url, Settings(customer_display="window")) as opened:
        Services(opened).tea_menu.seed_default(opened.terminal.terminal_id)
        yield opened


def open_pad(qtbot: QtBot, till: TillWindow) -> TeaPad:
    """Shift+F6 in the scan field: the menu pad, with the keyboard."""
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    pad = modal(qtbot, "teaPad")
    assert isinstance(pad, TeaPad)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pad)
    return pad


def pick_item(qtbot: QtBot, pad: TeaPad, sku: str) -> None:
    """Arrows to the drink's tile, Enter."""
    target = [item.sku for item in pad.menu].index(sku)
    while pad.tile_index != target:
        key(qtbot, pad, Qt.Key.Key_Right if pad.tile_index < target else Qt.Key.Key_Left)
    key(qtbot, pad, Qt.Key.Key_Return)
    assert pad.item is not None
    assert pad.item.sku == sku


def pick_option(qtbot: QtBot, pad: TeaPad, group: str, code: str) -> None:
    """Up/Down to the group, Left/Right to the option (a single choice follows the cursor),
    Space for a topping."""
    row = [g.code for g in pad.groups].index(group)
    while pad.row != row:
        key(qtbot, pad, Qt.Key.Key_Down if pad.row < row else Qt.Key.Key_Up)
    options = [o.code for o in pad.groups[row].options]
    target = options.index(code)
    for _ in range(len(options)):
        col = pad.col.get(row, 0)
        if col == target:
            break
        key(qtbot, pad, Qt.Key.Key_Right if col < target else Qt.Key.Key_Left)
    if pad.groups[row].multi:
        key(qtbot, pad, Qt.Key.Key_Space)
    assert code in pad.chosen.get(group, ())


def wait_for(qtbot: QtBot, condition: object, timeout: int = 8_000) -> None:
    assert callable(condition)
    qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)


def _display(qtbot: QtBot, till: TillWindow) -> CustomerDisplay:
    display = till.customer_display.display
    assert display is not None
    qtbot.waitUntil(display.isVisible, timeout=5_000)
    return display


def test_two_teas_and_a_scarf_one_receipt_then_ready_on_the_counter_and_the_display(
    qtbot: QtBot, tea_store: Store, migrated_sqlite_url: str
) -> None:
    with open_till(qtbot, tea_store) as till:
        display = _display(qtbot, till)
        pad = open_pad(qtbot, till)
        pick_item(qtbot, pad, MILK_TEA)
        small = pad.findChild(QPushButton, "teaOption_size_S")
        assert small is not None
        assert small.text() == "S\n−10.00"  # its price beside the drink's
        assert pad.chosen == {"size": ("M",), "sweet": ("50",), "temp": ("iced",)}  # defaults
        pick_option(qtbot, pad, "size", "L")
        pick_option(qtbot, pad, "sweet", "50")
        pick_option(qtbot, pad, "temp", "iced")
        pick_option(qtbot, pad, "top", "pearl")
        qtbot.keyClicks(pad, "2")
        assert pad.quantity == 2
        assert pad.price_label.text() == "฿140.00"  # (45 + 10 + 5 + 10) x 2, as it changes
        key(qtbot, pad, Qt.Key.Key_Return)
        back_to_scanning(qtbot, till)
        assert len(till.cart) == 1
        drink = till.cart.lines[0]
        assert (drink.product.sku, drink.quantity, drink.unit_price) == (
            MILK_TEA,
            Decimal(2),
            Decimal("70.00"),
        )
        assert drink.detail is not None
        assert drink.detail.th == "L · หวาน 50% · เย็น · ไข่มุก"
        assert till.total_label.text() == "฿140.00"
        assert till.last_line.secondary.text().startswith("L · หวาน 50% · เย็น · ไข่มุก")
        assert display.shown.screen is Screen.CART
        scan_and_wait(qtbot, till, SILK)
        assert till.total_label.text() == "฿1,990.00"

        dialog = open_payment(qtbot, till)
        key(qtbot, field(dialog, "cashTendered"), Qt.Key.Key_Return)  # cash, exact
        receipt = wait_for_sale(qtbot, till)
        assert [(ln.sku, ln.quantity) for ln in receipt.lines] == [
            (MILK_TEA, Decimal(2)),
            ("KK-SILK-001", Decimal(1)),
        ]
        assert receipt.lines[0].detail is not None
        assert receipt.lines[0].detail.th == "L · หวาน 50% · เย็น · ไข่มุก"
        assert [(n.text_th, n.big) for n in receipt.notes] == [("คิว 1", True)]
        with tea_store.uow() as read:  # as stored: a reprint shows the same
            stored = read.sales.receipt(receipt.receipt_no)
        assert stored is not None
        assert stored.lines[0].detail == receipt.lines[0].detail
        assert [(n.text_th, n.text_en, n.big) for n in stored.notes] == [("คิว 1", "ORDER 1", True)]
        back_to_scanning(qtbot, till)

        # the tea counter's window, from the till's menu: order 1 is new, Enter marks it ready
        till.actions_by_name["tea_orders"].trigger()
        orders = till.tea.orders_window
        assert isinstance(orders, TeaOrdersWindow)
        qtbot.waitExposed(orders)
        wait_for(qtbot, lambda: orders.numbers("new") == [1])
        card = orders.card(1)
        assert card is not None
        assert "2 × ชานมใบหม่อน  ·  L · หวาน 50% · เย็น · ไข่มุก" in card.drinks.text()
        orders.activateWindow()
        orders.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is orders)
        key(qtbot, orders, Qt.Key.Key_Return)
        wait_for(qtbot, lambda: orders.numbers("ready") == [1] and not orders.numbers("new"))
        # the customer display calls it (it polls ready_now)
        wait_for(qtbot, lambda: "คิว 1 พร้อมแล้ว" in display.texts)
        assert display.shown.ready == (1,)

        # another terminal on the same store (its own engine) hands the drinks over: both
        # windows follow by themselves
        other = open_store(migrated_sqlite_url, Settings())
        try:
            tea = Services(other).tea
            actor = till.actor
            assert isinstance(actor, Actor)
            tea.mark_collected(1, actor)
        finally:
            other.close()
        wait_for(qtbot, lambda: not orders.numbers("ready"))
        wait_for(qtbot, lambda: "คิว 1 พร้อมแล้ว" not in display.texts)
        assert display.shown.ready == ()


def test_the_pad_by_touch_and_its_refusals(qtbot: QtBot, tea_store: Store) -> None:
    with open_till(qtbot, tea_store) as till:
        pad = open_pad(qtbot, till)
        tile = pad.tiles[[i.sku for i in pad.menu].index(MILK_TEA)]
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        assert pad.item is not None
        assert pad.item.sku == MILK_TEA
        start = time.monotonic()
        for name in ("teaOption_size_S", "teaOption_top_pearl", "teaOption_top_jelly"):
            button = pad.findChild(type(tile), name)
            assert button is not None, name
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert pad.chosen == {
            "size": ("S",),
            "sweet": ("50",),
            "temp": ("iced",),
            "top": ("pearl", "jelly"),
        }
        assert pad.price_label.text() == "฿60.00"  # 45 - 10 + 5 + 10 + 10
        assert time.monotonic() - start < 2
        # a required choice cannot be taken away by touching it again
        qtbot.mouseClick(pad.findChild(type(tile), "teaOption_size_S"), Qt.MouseButton.LeftButton)
        assert pad.chosen["size"] == ("S",)
        # a topping can
        qtbot.mouseClick(
            pad.findChild(type(tile), "teaOption_top_jelly"), Qt.MouseButton.LeftButton
        )
        assert pad.chosen["top"] == ("pearl",)
        assert pad.price_label.text() == "฿50.00"
        assert pad.width() <= 1366
        assert pad.height() <= 768 - 40
        # Esc: back to the menu; Esc again: the pad goes, nothing was added
        key(qtbot, pad, Qt.Key.Key_Escape)
        assert pad.item is None
        key(qtbot, pad, Qt.Key.Key_Escape)
        back_to_scanning(qtbot, till)
        assert till.cart.is_empty


def test_the_idle_display_shows_the_tea_menu_among_the_stories(
    qtbot: QtBot, tea_store: Store
) -> None:
    with open_till(qtbot, tea_store) as till:
        display = _display(qtbot, till)
        wait_for(qtbot, lambda: display.showcase.tea_menu)
        assert [t.sku for t in display.showcase.tea_menu] == [
            "MENU-TEA",
            "MENU-MILKTEA",
            "MENU-JUICE",
            "MENU-COOKIE",
        ]
        assert display.shown.screen is Screen.IDLE
        for _ in range(display.showcase.pages):  # the slideshow's pages, as its timer turns them
            if display.on_tea_menu:
                break
            display.next_slide()
        assert display.on_tea_menu
        wait_for(qtbot, lambda: display.painted_revision == display.revision)
        assert "ร้านชาใบหม่อน สั่งได้ที่เคาน์เตอร์" in display.texts
        assert "ชานมใบหม่อน" in display.texts
        assert "฿45.00" in display.texts
