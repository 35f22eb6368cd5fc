"""Issue 19's UI story at the real till: book the room from the till's calendar, print the
slip to a printer on 127.0.0.1, pay the deposit at the till by scanning the slip's QR (the
receipt shows the booking), check in by scanning the same QR into the calendar, pay the
balance by picking the booking."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.domain.rooms import BookingStatus
from pos.domain.shop_time import local
from tests.printing.conftest import network_settings
from tests.printing.helpers import FakeNetworkPrinter
from tests.printing.test_booking_slip import raster_of
from tests.ui.conftest import back_to_scanning, demo_store, key, modal, open_till, type_text
from tests.ui.rooms_setup import SetClock, set_up_room
from tests.ui.test_payment import field, open_payment, wait_for_sale
from tests.ui.test_rooms_calendar import book_by_keys
from ui.rooms.calendar import RoomCalendarWindow
from ui.till.window import TillWindow


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as fake:
        yield fake


@pytest.fixture
def printing_store(migrated_sqlite_url: str, printer: FakeNetworkPrinter) -> Iterator[Store]:
    with demo_store(migrated_sqlite_url, network_settings(printer.target)) as opened:
        yield opened


def slip_qr(printer: FakeNetworkPrinter) -> str:
    """What a scanner reads off the last slip the printer got."""
    codes = zxingcpp.read_barcodes(raster_of(printer.documents[-1]).convert("L"))
    assert [c.format for c in codes] == [zxingcpp.BarcodeFormat.QRCode]
    return str(codes[0].text)


def pay_cash(qtbot: QtBot, till: TillWindow) -> Any:
    dialog = open_payment(qtbot, till)
    key(qtbot, field(dialog, "cashTendered"), Qt.Key.Key_Return)  # Enter: the exact cash
    receipt = wait_for_sale(qtbot, till)
    return receipt


def test_book_pay_the_deposit_check_in_by_the_slip_and_pay_the_balance(
    qtbot: QtBot, printing_store: Store, printer: FakeNetworkPrinter, tmp_path: Path
) -> None:
    with open_till(qtbot, printing_store) as till:
        services: Any = till.ctx.back_office
        clock = SetClock()
        set_up_room(services, services.auth.login("manager", "9999"), clock)

        # the cashier opens the room calendar from the till and books 11:00-12:00
        qtbot.keyClick(
            till.scan_field,
            Qt.Key.Key_M,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(
            lambda: isinstance(QApplication.activeWindow(), RoomCalendarWindow), timeout=10_000
        )
        calendar = QApplication.activeWindow()
        assert isinstance(calendar, RoomCalendarWindow)
        qtbot.waitUntil(
            lambda: bool(calendar.calendar.grid.columns) and not calendar.calendar.busy,
            timeout=10_000,
        )
        book_by_keys(qtbot, calendar, 2, "สมหญิง รักงาน", "0812345678")
        qtbot.waitUntil(lambda: calendar.calendar.selected() is not None, timeout=10_000)
        booking = calendar.calendar.selected()
        assert booking is not None
        assert booking.status is BookingStatus.HELD
        assert (booking.price, booking.deposit) == (Decimal("200.00"), Decimal("100.00"))

        # its slip on the receipt printer (F9); the QR read off what the printer got
        qtbot.keyClick(calendar.calendar.grid, Qt.Key.Key_F9)
        qtbot.waitUntil(
            lambda: len(printer.documents) == 1 and not calendar.calendar.busy, timeout=10_000
        )
        code = slip_qr(printer)
        assert code == booking.qr
        qtbot.keyClick(calendar.calendar.grid, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=5_000)

        # the deposit at the till: the slip's QR scanned into the till's scan field
        till.activateWindow()
        back_to_scanning(qtbot, till)
        qtbot.keyClicks(till.scan_field, code)
        qtbot.keyClick(till.scan_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(till.cart.lines) == 1, timeout=10_000)
        [line] = till.cart.lines
        assert line.ref == f"booking:{booking.id}:deposit"
        assert line.gross == Decimal("100.00")
        receipt = pay_cash(qtbot, till)
        assert receipt.total == Decimal("100.00")
        # the receipt carries the booking: the line's detail and the note after the total,
        # stored with the sale (a reprint shows them); the printed layout of both is the core's
        with printing_store.uow() as read:
            stored = read.sales.receipt(receipt.receipt_no)
        assert stored is not None
        [paid_line] = stored.lines
        assert paid_line.detail is not None
        assert booking.booking_no in paid_line.detail.th
        assert f"{local(booking.start):%H:%M}" in paid_line.detail.th
        assert any(booking.booking_no in note.text_th for note in stored.notes)
        paid = services.rooms.booking(booking.booking_no)
        assert paid.status is BookingStatus.CONFIRMED
        assert paid.paid == Decimal("100.00")

        # check in: the slip's QR scanned into the calendar's scan field (F2), at 10:50
        clock.current = clock.current.replace(minute=50)
        qtbot.keyClick(
            till.scan_field,
            Qt.Key.Key_M,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(
            lambda: isinstance(QApplication.activeWindow(), RoomCalendarWindow), timeout=10_000
        )
        calendar = QApplication.activeWindow()
        assert isinstance(calendar, RoomCalendarWindow)
        qtbot.waitUntil(lambda: not calendar.calendar.busy, timeout=10_000)
        qtbot.keyClick(calendar.calendar.grid, Qt.Key.Key_F2)
        scan = calendar.findChild(QLineEdit, "roomScan")
        assert QApplication.focusWidget() is scan
        qtbot.keyClicks(scan, code)
        qtbot.keyClick(scan, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: services.rooms.booking(booking.booking_no).status is BookingStatus.CHECKED_IN,
            timeout=10_000,
        )
        qtbot.waitUntil(
            lambda: (
                "checked in" in calendar.calendar.message.text()
                or "เช็กอิน" in calendar.calendar.message.text()
            ),
            timeout=5_000,
        )
        calendar.close()

        # the balance: Ctrl+M, the booking picked from the list by its name
        till.activateWindow()
        back_to_scanning(qtbot, till)
        qtbot.keyClick(till.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        picker = modal(qtbot, "bookingPickDialog")
        listing = picker.findChild(QListWidget, "bookingPickList")
        qtbot.waitUntil(lambda: listing.count() >= 1, timeout=10_000)
        search = picker.findChild(QLineEdit, "bookingPickScan")
        assert QApplication.focusWidget() is search
        type_text(search, "สมหญิง")
        assert listing.count() == 1
        assert booking.booking_no in listing.item(0).text()
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(till.cart.lines) == 1, timeout=10_000)
        [line] = till.cart.lines
        assert line.ref == f"booking:{booking.id}:balance"
        assert line.gross == Decimal("100.00")
        pay_cash(qtbot, till)
        done = services.rooms.booking(booking.booking_no)
        assert done.paid == Decimal("200.00")
        assert done.balance == Decimal("0.00")
        assert done.status is BookingStatus.CHECKED_IN
