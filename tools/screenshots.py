"""Make the README's screenshots from the demo store: docs/till-login.png, docs/till-cart.png,
docs/till-promptpay.png, docs/till-x-report.png, docs/shift-close.png, the tea corner's
docs/tea-menu-pad.png (a drink's options) and docs/tea-orders.png (the tea counter's orders),
and docs/rooms-week.png (`rooms`: the room calendar's week only).

Runs the real till window offscreen on a fresh demo store, scans products the way a scanner
does (key events into the scan field), and grabs the window and the payment dialog.
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from pos.app.bootstrap import build_till_context, load_demo, open_store  # noqa: E402
from pos.domain.barcodes import MeasureKind, make_variable_measure  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from ui.app import create_till_window  # noqa: E402
from ui.till.window import TillWindow  # noqa: E402

# a typical Khon Kaen basket of goods: silk, mulberry tea x2, sausage, dinosaur, balm, rice
WANTED = ("KK-TX-0001", "KK-BV-0001", "KK-BV-0001", "KK-FD-0001", "KK-HH-0001", "KK-HB-0001")


def wait(condition: object, seconds: float = 20.0) -> None:
    assert callable(condition)
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the till")
        QApplication.processEvents()
        time.sleep(0.01)


def tea_pad(window: TillWindow, docs: Path) -> None:
    """Shift+F6: the menu pad; mulberry milk tea L, 50 %, iced, pearls, two of them (keys, as
    a cashier types them); its options page is the picture; Enter adds them to the sale."""
    QTest.keyClick(window.scan_field, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    wait(lambda: window.tea.pad is not None and window.tea.pad.isVisible())
    pad = window.tea.pad
    assert pad is not None
    QTest.keyClick(pad, Qt.Key.Key_Right)  # the second drink: mulberry milk tea
    QTest.keyClick(pad, Qt.Key.Key_Return)
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down,
              Qt.Key.Key_Space):  # size L, sweetness and iced as they are, pearls
        QTest.keyClick(pad, k)
    QTest.keyClicks(pad, "2")
    QApplication.processEvents()
    pad.grab().save(str(docs / "tea-menu-pad.png"))
    QTest.keyClick(pad, Qt.Key.Key_Return)
    wait(lambda: window.tea.pad is None and not window.busy)


def tea_orders(window: TillWindow, docs: Path) -> None:
    """The tea counter's orders window (from the till's menu): the sale's order, new."""
    window.actions_by_name["tea_orders"].trigger()
    orders = window.tea.orders_window
    assert orders is not None
    orders.resize(1280, 720)
    wait(lambda: bool(orders.numbers("new")))
    QApplication.processEvents()
    orders.grab().save(str(docs / "tea-orders.png"))
    orders.close()
    window.activateWindow()  # the till's keys again
    wait(lambda: QApplication.activeWindow() is window)


def main() -> int:
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings()
        store = open_store(str(Path(tmp) / "demo.db"), settings)
        load_demo(store)
        with store.uow() as read:
            owners = read.catalog.barcode_owners()
        by_sku = {sku: code for code, sku in owners.items()}
        codes = [by_sku.get(sku, sku) for sku in WANTED]  # scan the barcode, else type the SKU
        window = create_till_window(build_till_context(store), language="th")
        window.resize(1366, 768)
        window.show()
        wait(lambda: window.index is not None)
        # the log-in page, the demo cashier's name and PIN typed
        wait(lambda: window.locked)
        QTest.keyClicks(window.login_page.user_field, "cashier")
        QTest.keyClick(window.login_page.user_field, Qt.Key.Key_Return)
        QTest.keyClicks(window.login_page.pin_field, "1111")
        QApplication.processEvents()
        window.grab().save(str(docs / "till-login.png"))
        QTest.keyClick(window.login_page.pin_field, Qt.Key.Key_Return)
        wait(lambda: not window.locked and QApplication.activeModalWidget() is not None)
        shift = QApplication.activeModalWidget()  # no shift open yet: open it with the float
        assert shift is not None
        float_field = shift.findChild(QLineEdit, "floatField")
        assert float_field is not None
        QTest.keyClicks(float_field, "2000")
        QTest.keyClick(float_field, Qt.Key.Key_Return)
        wait(lambda: QApplication.activeModalWidget() is None and window.shift_open is True)
        for code in codes:
            QTest.keyClicks(window.scan_field, code)
            QTest.keyClick(window.scan_field, Qt.Key.Key_Return)
            wait(lambda: not window.busy)
        weight = make_variable_measure("00001", MeasureKind.WEIGHT, Decimal("0.750"),
                                       settings.vm_layout)
        QTest.keyClicks(window.scan_field, weight)
        QTest.keyClick(window.scan_field, Qt.Key.Key_Return)
        wait(lambda: not window.busy)
        tea_pad(window, docs)
        window.grab().save(str(docs / "till-cart.png"))
        window.pay()
        wait(lambda: window.payment_dialog is not None)
        dialog = window.payment_dialog
        assert dialog is not None
        dialog.choose_method(dialog.PROMPTPAY)
        QApplication.processEvents()
        dialog.grab().save(str(docs / "till-promptpay.png"))
        dialog.choose_method(dialog.CASH)
        cash = dialog.findChild(QLineEdit, "cashTendered")
        assert cash is not None
        QTest.keyClick(cash, Qt.Key.Key_Return)  # paid in cash, exact
        wait(lambda: window.last_receipt is not None and not window.busy)
        tea_orders(window, docs)
        # the X report (F10) in the preview: what the shift took so far, headed by the shop
        QTest.keyClick(window.scan_field, Qt.Key.Key_Escape)  # the receipt's preview goes
        QTest.keyClick(window.scan_field, Qt.Key.Key_F10)
        wait(lambda: window.receipt_preview is not None and window.receipt_preview.isVisible()
             and not window.busy)
        preview = window.receipt_preview
        assert preview is not None
        preview.resize(500, 720)
        QApplication.processEvents()
        preview.grab().save(str(docs / "till-x-report.png"))
        preview.close()
        # close the shift: the drawer counted note by note (a little short)
        window.activateWindow()
        QTest.keyClick(window.scan_field, Qt.Key.Key_F11)
        wait(lambda: QApplication.activeModalWidget() is not None
             and QApplication.activeModalWidget().objectName() == "closeShiftDialog")
        close = QApplication.activeModalWidget()
        assert close is not None
        counts = {"count_1000": "4", "count_500": "2", "count_100": "6", "count_50": "2",
                  "count_10": "1", "count_5": "1", "count_2": "2", "count_0_50": "1"}
        for name, n in counts.items():
            field = close.findChild(QLineEdit, name)
            assert field is not None
            QTest.keyClicks(field, n)
        QApplication.processEvents()
        close.grab().save(str(docs / "shift-close.png"))
        close.reject()
        window.close()
        store.close()
    for name in ("till-login.png", "till-cart.png", "till-promptpay.png", "till-x-report.png",
                 "shift-close.png", "tea-menu-pad.png", "tea-orders.png"):
        print(f"wrote {docs / name}")
    return 0


class _Clock:
    """The rooms service's clock for the picture: a week in December 2026, moved by hand."""

    def __init__(self, at: datetime) -> None:
        self.current = at

    def now(self) -> datetime:
        return self.current


def rooms_week() -> int:
    """docs/rooms-week.png: the room calendar's week at 1366x768, bookings in each status."""
    from pos.app.bootstrap import Services
    from pos.domain.rooms import DepositKind, DepositRule, Room, RoomRules
    from pos.domain.shop_time import BANGKOK
    from pos.ports.rooms import Customer
    from ui import i18n
    from ui.app import ensure_app
    from ui.rooms.calendar import RoomCalendarWindow

    ensure_app()
    i18n.install_language("th")
    docs = ROOT / "docs"
    monday = datetime(2026, 12, 14, tzinfo=BANGKOK)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "demo.db"), Settings())
        load_demo(store)
        services = Services(store, queue_prints=False)
        rooms = services.rooms
        clock = _Clock(monday + timedelta(hours=7))
        rooms.clock = clock
        manager = services.auth.login("manager", "9999")
        found = rooms.rooms(active_only=True)
        room = found[0] if found else rooms.save_room(
            manager, Room("", "CW1", "ห้องประชุม Co-working", "Co-working room", 12,
                          ("Smart TV", "Wi-Fi")))
        rules = RoomRules(deposit=DepositRule(DepositKind.NONE))
        rooms.save_rules(manager, room.id, rules)
        rooms.set_holidays(manager, [])

        def book(day: int, start: float, hours: float, name: str, org: str) -> str:
            at = monday + timedelta(days=day, hours=start)
            who = Customer(name, "0812345678", org, "", 8)
            return rooms.book(room.id, at, at + timedelta(hours=hours), who,
                              actor=manager).booking_no

        book(0, 9, 2, "สมชาย ใจดี", "วิสาหกิจชุมชนบ้านโคก")
        checked = book(0, 13.5, 3, "กลุ่มทอผ้าไหมบ้านเขวา", "")
        late = book(1, 8.5, 1, "นภา ศรีสุข", "")
        here = book(1, 10, 2.5, "ทีมงานศูนย์ OTOP", "")
        book(2, 10, 4, "ชมรมผู้สูงอายุ", "เทศบาลเมืองขอนแก่น")
        book(3, 13, 2, "Khon Kaen Startup Club", "")
        book(4, 8.5, 8, "อบรมการตลาดออนไลน์ OTOP", "สำนักงานพัฒนาชุมชน")
        rooms.save_rules(manager, room.id, RoomRules())  # a deposit again: these are held
        book(1, 14, 2, "ประชุมกรรมการหมู่บ้าน", "")
        book(5, 9, 3, "Co-working Saturday", "")
        clock.current = monday + timedelta(hours=13, minutes=20)
        rooms.check_in(checked, manager)
        clock.current = monday + timedelta(days=1, hours=9, minutes=45)
        rooms.mark_no_shows()
        assert rooms.booking(late).status.value == "no_show"
        clock.current = monday + timedelta(days=1, hours=10, minutes=5)
        rooms.check_in(here, manager)
        window = RoomCalendarWindow(services, manager)
        window.resize(1366, 768)
        window.show()
        wait(lambda: bool(window.calendar.grid.columns) and not window.calendar.busy)
        window.calendar.grid.put_cursor(monday + timedelta(days=1, hours=14))
        QApplication.processEvents()
        window.grab().save(str(docs / "rooms-week.png"))
        window.close()
        services.close()
    print(f"wrote {docs / 'rooms-week.png'}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["rooms"]:
        sys.exit(rooms_week())
    code = main()
    sys.exit(code or rooms_week())
