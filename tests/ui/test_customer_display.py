"""The customer display beside the real till (issue 18, item 1): scans at the till appear on
it, its PromptPay QR scans (zxing-cpp) to the payload of the sale's amount, it never shows a
PIN, an approval or another cashier's sale, and closing it or losing its screen never
disturbs the till."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.domain.promptpay import promptpay_payload
from pos.domain.settings import Settings
from pos.services.customer_display import Screen
from tests.labels.decode import qimage_to_pil, read_codes
from tests.ui.conftest import (
    SILK,
    TEA,
    approve,
    back_to_scanning,
    demo_store,
    key,
    log_in,
    modal,
    open_till,
    scan_and_wait,
)
from tests.ui.test_payment import field, open_payment, wait_for_sale
from ui.customer_display.window import CustomerDisplay
from ui.till.window import TillWindow

PHOTO_RGB = (20, 140, 90)  # the silk's photo: one flat colour, easy to find on the screen
SILK_TH = "ผ้าไหมมัดหมี่ลายนาค"
TEA_TH = "ชาใบหม่อนอบแห้ง"


def _photo(folder: Path) -> Path:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor(*PHOTO_RGB))
    path = folder / "silk.jpg"
    assert image.save(str(path), "JPEG", 95)
    return path


@pytest.fixture
def display_store(migrated_sqlite_url: str, tmp_path: Path) -> Iterator[Store]:
    """The demo store, its customer display in a window; the silk has a photo."""
    with demo_store(migrated_sqlite_url, Settings(customer_display="window")) as opened:
        db = migrated_sqlite_url.split(":///", 1)[1]
        with sqlite3.connect(db) as con:  # the photo as the back office stores it: a file path
            con.execute("UPDATE products SET image = ? WHERE sku = 'KK-SILK-001'",
                        (str(_photo(tmp_path)),))  # fmt: skip
        yield opened


@pytest.fixture
def till(qtbot: QtBot, display_store: Store) -> Iterator[TillWindow]:
    with open_till(qtbot, display_store) as window:
        yield window


def _display(qtbot: QtBot, till: TillWindow) -> CustomerDisplay:
    display = till.customer_display.display
    assert display is not None
    qtbot.waitUntil(display.isVisible, timeout=5_000)
    qtbot.waitExposed(display)
    return display


def _painted(qtbot: QtBot, display: CustomerDisplay) -> QImage:
    """Wait until the display has painted its latest state; what is on it."""
    qtbot.waitUntil(lambda: display.painted_revision == display.revision, timeout=5_000)
    return display.grab().toImage()


def _has_colour(image: QImage, rgb: tuple[int, int, int]) -> bool:
    target = QColor(*rgb)
    step = 4
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            if (abs(c.red() - target.red()) + abs(c.green() - target.green())
                    + abs(c.blue() - target.blue())) < 12:  # fmt: skip
                return True
    return False


def test_scans_at_the_till_appear_on_the_display_and_its_qr_pays_the_sale(
    qtbot: QtBot, till: TillWindow
) -> None:
    display = _display(qtbot, till)
    # the display never takes the keyboard: the scanner still types into the till
    assert QApplication.focusWidget() is till.scan_field
    assert not display.isActiveWindow()
    # idle: the producers' stories, the five-star silk first (with its photo)
    qtbot.waitUntil(lambda: display.slide is not None, timeout=10_000)
    image = _painted(qtbot, display)
    assert display.shown.screen is Screen.IDLE
    assert SILK_TH in display.texts
    assert "★★★★★" in display.texts
    assert "อ.ชนบท จ.ขอนแก่น" in display.texts  # the producer's district
    assert _has_colour(image, PHOTO_RGB)
    image.save("/tmp/display-idle.png")

    scan_and_wait(qtbot, till, SILK)
    image = _painted(qtbot, display)
    image.save("/tmp/display-cart.png")
    assert display.shown.screen is Screen.CART
    assert SILK_TH in display.texts
    assert "1,850.00" in display.texts
    assert _has_colour(image, PHOTO_RGB)  # the silk's photo beside its line

    scan_and_wait(qtbot, till, "2*" + TEA)
    _painted(qtbot, display)
    assert [ln.name_th for ln in display.shown.lines] == [SILK_TH, TEA_TH]
    assert [ln.quantity for ln in display.shown.lines] == [Decimal(1), Decimal(2)]
    assert "240.00" in display.texts
    assert "฿2,090.00" in display.texts  # the running total
    vat = till.cart.totals().vat
    assert f"{vat:,.2f}" in display.texts

    # the display's own language: the till stays Thai
    qtbot.keyClick(
        till.scan_field,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    _painted(qtbot, display)
    assert display.language == "en"
    assert till.language == "th"
    assert "Total" in display.texts
    assert "Mudmee silk, naga pattern" in display.texts
    assert QApplication.focusWidget() is till.scan_field

    dialog = open_payment(qtbot, till)
    qtbot.waitUntil(lambda: display.shown.screen is Screen.PAYMENT)
    image = _painted(qtbot, display)
    shop_id = till.ctx.settings.promptpay_id
    expected = promptpay_payload(shop_id, Decimal("2090.00"))
    assert read_codes(qimage_to_pil(image)) == [("QRCode", expected)]
    assert "5407" + "2090.00" in expected  # tag 54: the amount, as the bank app reads it
    assert "฿2,090.00" in display.texts

    cash = field(dialog, "cashTendered")
    qtbot.keyClicks(cash, "2100")
    key(qtbot, cash, Qt.Key.Key_Return)
    receipt = wait_for_sale(qtbot, till)
    _painted(qtbot, display)
    assert display.shown.screen is Screen.PAID
    assert "Paid, thank you" in display.texts
    assert "฿10.00" in display.texts  # the change
    assert receipt.receipt_no in " ".join(display.texts)
    back_to_scanning(qtbot, till)

    # the next customer's first scan: the cart again
    scan_and_wait(qtbot, till, TEA)
    _painted(qtbot, display)
    assert display.shown.screen is Screen.CART
    assert [ln.name_th for ln in display.shown.lines] == [TEA_TH]


def _every_widget_text(widget: QWidget) -> str:
    return " ".join(w.text() for w in widget.findChildren(QLineEdit))


def test_the_display_never_shows_a_pin_an_approval_or_another_cashiers_sale(
    qtbot: QtBot, till: TillWindow
) -> None:
    display = _display(qtbot, till)
    scan_and_wait(qtbot, till, SILK)
    # a typed price needs a manager: the approval dialog (reason, user, PIN) is the till's
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    price = modal(qtbot, "priceDialog")
    price_field = price.findChild(QLineEdit, "priceField")
    assert price_field is not None
    price_field.selectAll()
    qtbot.keyClicks(price_field, "1500")
    qtbot.keyClick(price_field, Qt.Key.Key_Return)
    back_to_scanning(qtbot, till)
    key(qtbot, till.scan_field, Qt.Key.Key_F12)
    approval = modal(qtbot, "approvalDialog")
    pin = approval.findChild(QLineEdit, "approvalPin")
    assert pin is not None
    qtbot.keyClicks(pin, "9999")  # the manager's PIN typed, not yet sent, the display up
    _painted(qtbot, display)
    assert approval.window() is not display
    assert display not in _ancestors(approval)
    assert display.findChildren(QWidget) == []  # it draws; it holds no dialog, no field
    assert display.shown.screen is Screen.CART
    shown = " ".join(display.texts)
    assert "9999" not in shown
    assert "manager" not in shown.lower()
    assert "อนุมัติ" not in shown
    assert "PIN" not in shown
    assert "9999" in _every_widget_text(approval)  # the PIN is in the till's dialog only
    pin.clear()
    approve(qtbot, "price match")
    payment = modal(qtbot, "paymentDialog")
    qtbot.waitUntil(lambda: display.shown.screen is Screen.PAYMENT)
    qtbot.keyClick(payment, Qt.Key.Key_Escape)
    back_to_scanning(qtbot, till)
    qtbot.waitUntil(lambda: display.shown.screen is Screen.CART)  # put off: no QR any more
    _painted(qtbot, display)

    # the cashier logs out, the manager logs in: the cashier's sale is parked for them and the
    # display never shows it to the manager's customer
    qtbot.keyClick(till.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: till.locked, timeout=5_000)
    _painted(qtbot, display)
    assert display.shown.screen is Screen.IDLE
    seen: list[str] = []
    screens: list[Screen] = []
    display.painted.connect(lambda _r: (seen.extend(display.texts),
                                        screens.append(display.shown.screen)))  # fmt: skip
    log_in(qtbot, till, "manager", "9999")
    qtbot.waitUntil(lambda: till.cart.is_empty and not till.busy, timeout=10_000)
    _painted(qtbot, display)
    assert display.shown.screen is Screen.IDLE
    assert set(screens) <= {Screen.IDLE}  # never the parked sale's lines or total
    assert "1,500.00" not in seen
    assert "9999" not in " ".join(seen)
    assert "9999" not in " ".join(display.texts)


def _ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def test_closing_the_display_or_losing_its_screen_never_disturbs_the_till(
    qtbot: QtBot, till: TillWindow
) -> None:
    display = _display(qtbot, till)
    scan_and_wait(qtbot, till, SILK)
    _painted(qtbot, display)
    # the customer's screen is unplugged: Qt says screenRemoved; the till sells on
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.screenRemoved.emit(display.screen())
    scan_and_wait(qtbot, till, TEA)
    assert len(till.cart) == 2
    assert QApplication.focusWidget() is till.scan_field
    # closed (a real close event): the till keeps selling, the keyboard stays with it
    assert display.close()
    qtbot.waitUntil(lambda: not display.isVisible())
    assert till.isVisible()
    assert till.customer_display.closed_by_user
    scan_and_wait(qtbot, till, TEA)
    assert [ln.quantity for ln in till.cart] == [Decimal(1), Decimal(2)]
    assert QApplication.focusWidget() is till.scan_field
    dialog = open_payment(qtbot, till)
    key(qtbot, field(dialog, "cashTendered"), Qt.Key.Key_Return)
    receipt = wait_for_sale(qtbot, till)
    assert receipt.total == Decimal("2090.00")
    assert not display.isVisible()  # it stays closed until reopened (Ctrl+Shift+D, the menu)


# Two screens need a platform that has them: the offscreen platform's screens come from a
# configuration file read at start, so this part runs the real till in a process of its own.
SCREENS = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": False,
    "screens": [
        {"name": "till-lcd", "x": 0, "y": 0, "width": 1366, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "customer-lcd", "x": 1366, "y": 0, "width": 1024, "height": 600,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ],
}  # fmt: skip
TWO_SCREENS = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pos.domain.settings import Settings
from tests.ui.conftest import TEA, demo_store, till_context
from ui.app import create_till_window, ensure_app

def wait(ok, seconds=20.0):
    end = time.monotonic() + seconds
    while not ok():
        assert time.monotonic() < end, "timed out"
        QApplication.processEvents()
        time.sleep(0.005)

def screen(name):
    return next(s for s in QGuiApplication.screens() if s.name() == name)

ensure_app()
out = {}
with demo_store("sqlite:///" + sys.argv[1], Settings(customer_display="customer-lcd")) as store:
    till = create_till_window(till_context(store), language="th")
    till.setScreen(screen("till-lcd"))
    till.setGeometry(screen("till-lcd").geometry())
    till.show()
    till.activateWindow()
    display = till.customer_display.display
    wait(lambda: till.index is not None and display.isVisible())
    out["display"] = [display.screen().name(), display.isFullScreen(), display.geometry().getRect()]
    till.log_in("cashier", "1111")
    wait(lambda: not till.locked and not till.busy and QApplication.activeModalWidget())
    QApplication.activeModalWidget().reject()  # no shift: scanning needs none, paying would
    wait(lambda: QApplication.activeModalWidget() is None)
    till.refocus()
    wait(lambda: QApplication.focusWidget() is till.scan_field)
    QGuiApplication.instance().screenRemoved.emit(screen("customer-lcd"))
    QApplication.processEvents()
    out["after_unplug"] = [display.isVisible(), till.isVisible()]
    QTest.keyClicks(till.scan_field, TEA)
    QTest.keyClick(till.scan_field, Qt.Key.Key_Return)
    wait(lambda: len(till.cart) == 1 and not till.busy)
    out["sold"] = [line.product.sku for line in till.cart]
    out["focus"] = QApplication.focusWidget() is till.scan_field
    QGuiApplication.instance().screenAdded.emit(screen("customer-lcd"))
    wait(lambda: display.isVisible())
    out["plugged_back"] = [display.screen().name(), display.isFullScreen()]
    till.session.new_sale()
    till.close()
print(json.dumps(out))
"""


def test_the_display_goes_full_screen_on_its_named_screen_and_leaves_with_it(
    tmp_path: Path,
) -> None:
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), "utf-8")
    script = tmp_path / "two_screens.py"
    script.write_text(TWO_SCREENS, "utf-8")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(root))
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "counter.db")],
        capture_output=True, text=True, env=env, cwd=root, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["display"] == ["customer-lcd", True, [1366, 0, 1024, 600]]
    assert out["after_unplug"] == [False, True]  # gone with its screen, not onto the till's
    assert out["sold"] == ["KK-TEA-001"]
    assert out["focus"] is True
    assert out["plugged_back"] == ["customer-lcd", True]
