"""Make the customer display's screenshots from the demo store: docs/customer-display-cart.png,
docs/customer-display-qr.png, docs/customer-display-idle.png, docs/customer-display-tea.png.

Runs the real till offscreen on a fresh demo store with its customer display in a window
(setting customer_display = window, 1024x600), scans products the way a scanner does (key
events into the till's scan field), opens the payment (F12) and grabs the display each time.
The demo catalogue has no photos: a few products are given drawn stand-ins (woven stripes,
labelled as such in the picture) so that the photo slots show.
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/display_images.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from pos.app.bootstrap import build_till_context, load_demo, open_store  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from ui.app import create_till_window, ensure_app  # noqa: E402

# silk, coffee x2, sausage, sticky-rice basket, herbal compress
WANTED = ("KK-TX-0001", "KK-BV-0001", "KK-BV-0001", "KK-FD-0001", "KK-HH-0001", "KK-HB-0001")
# stand-in pictures: (SKU, stripe colours)
PICTURES = {
    "KK-TX-0001": ("#5b1f6e", "#c9a227", "#8e2c48"),
    "KK-BV-0001": ("#4a2c1d", "#8a5a3b", "#d9b38c"),
    "KK-FD-0001": ("#a63d2f", "#e7b48f", "#6b2a1f"),
    "KK-HH-0001": ("#b08a4f", "#e3cf9d", "#7a5a2e"),
}


def wait(condition: object, seconds: float = 20.0) -> None:
    assert callable(condition)
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the till")
        QApplication.processEvents()
        time.sleep(0.01)


def stand_in(path: Path, colours: tuple[str, ...]) -> str:
    """A woven-stripes picture marked as a stand-in (the demo has no photos)."""
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for i in range(0, 600, 40):
        painter.fillRect(QRect(0, i, 600, 40), QColor(colours[(i // 40) % len(colours)]))
    for i in range(0, 600, 60):
        painter.fillRect(QRect(i, 0, 12, 600), QColor(colours[(i // 60 + 1) % len(colours)]))
    painter.setPen(QColor("#ffffff"))
    font = painter.font()
    font.setPixelSize(28)
    painter.setFont(font)
    painter.drawText(QRect(0, 540, 590, 50), int(Qt.AlignmentFlag.AlignRight), "stand-in picture")
    painter.end()
    image.save(str(path), "JPEG", 90)
    return str(path)


def main() -> int:
    ensure_app()  # fonts and pictures need the application
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(customer_display="window")
        store = open_store(str(Path(tmp) / "demo.db"), settings)
        load_demo(store)
        with store.engine.begin() as con:
            for sku, colours in PICTURES.items():
                photo = stand_in(Path(tmp) / f"{sku}.jpg", colours)
                con.exec_driver_sql("UPDATE products SET image = ? WHERE sku = ?", (photo, sku))
        with store.uow() as read:
            owners = read.catalog.barcode_owners()
        by_sku = {sku: code for code, sku in owners.items()}
        codes = [by_sku.get(sku, sku) for sku in WANTED]
        window = create_till_window(build_till_context(store), language="th")
        window.resize(1366, 768)
        window.show()
        display = window.customer_display.display
        assert display is not None
        wait(lambda: window.index is not None and display.isVisible())
        wait(lambda: display.slide is not None)
        wait(lambda: window.locked)
        QApplication.processEvents()
        display.grab().save(str(docs / "customer-display-idle.png"))
        wait(lambda: bool(display.showcase.tea_menu))  # the slideshow's tea menu page
        for _ in range(display.showcase.pages):
            if display.on_tea_menu:
                break
            display.next_slide()
        wait(lambda: display.painted_revision == display.revision)
        display.grab().save(str(docs / "customer-display-tea.png"))
        QTest.keyClicks(window.login_page.user_field, "cashier")
        QTest.keyClick(window.login_page.user_field, Qt.Key.Key_Return)
        QTest.keyClicks(window.login_page.pin_field, "1111")
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
        wait(lambda: display.painted_revision == display.revision)
        display.grab().save(str(docs / "customer-display-cart.png"))
        window.pay()
        wait(lambda: window.payment_dialog is not None)
        wait(lambda: bool(display.payload) and display.painted_revision == display.revision)
        display.grab().save(str(docs / "customer-display-qr.png"))
        dialog = window.payment_dialog
        assert dialog is not None
        dialog.reject()
        window.close()
        store.close()
    for name in ("cart", "qr", "idle", "tea"):
        print(f"wrote {docs / f'customer-display-{name}.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
