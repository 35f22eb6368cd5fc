"""Gift-basket pictures: docs/basket-till.png, basket-dialog.png, basket-receipt.png,
basket-label.png and gift-card.png.

Runs the real till offscreen on a throw-away demo store, opens F7, scans three products into
a custom basket the way a scanner does (key events), picks a container and a wrapping, types
a gift-card message, adds a New Year template basket, and pays; then renders the receipt as
the 80 mm raster printer prints it, the custom basket's gift card as the same printer
prints it, and the New Year basket's A6 label (the PDF, rasterised by pdftoppm, or drawn by
Qt where poppler is not installed).

    .venv/bin/python tools/basket_images.py [--out docs]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from pos.app.bootstrap import build_till_context, load_demo, open_store  # noqa: E402
from pos.domain.basket import add_template  # noqa: E402
from pos.domain.basket_print import BasketLabelData, basket_label_data, gift_cards  # noqa: E402
from pos.domain.payment import cash_tender  # noqa: E402
from pos.domain.settings import PrinterProfile, Settings  # noqa: E402
from printing.basket_label import PAGES, layout_basket_label, render_basket_label  # noqa: E402
from printing.gift_card import gift_card_image  # noqa: E402
from printing.printer import receipt_image, save_png  # noqa: E402
from ui.app import create_till_window  # noqa: E402
from ui.basket_dialog import BasketDialog  # noqa: E402

# silk scarf, mulberry tea, Isan sausage into a woven basket with cellophane and a ribbon
CONTENTS = ("KK-TX-0001", "KK-BV-0001", "KK-FD-0001")
MESSAGE = "สวัสดีปีใหม่ 2570 ขอให้มีความสุขมาก ๆ"


def wait(condition: object, seconds: float = 20.0) -> None:
    assert callable(condition)
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the till")
        QApplication.processEvents()
        time.sleep(0.01)


def type_text(widget: QLineEdit, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, ord(ch), Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def label_png(data: BasketLabelData, png: Path, dpi: int = 150) -> None:
    """The A6 basket label PDF as a picture."""
    from tools.label_images import pdf_to_png

    pdf = png.with_suffix(".pdf")
    with open(pdf, "wb") as fh:
        render_basket_label(data, fh, "a6")
    try:
        if pdf_to_png(pdf, png, dpi):
            return
        from PySide6.QtGui import QPainter

        from printing.label_qt import blank_image, draw_label

        drawing = layout_basket_label(data, *PAGES["a6"])
        image = blank_image(drawing.width, drawing.height, dpi)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(dpi / 72, dpi / 72)
        draw_label(painter, drawing, dpi / 72)
        painter.end()
        image.save(str(png))
    finally:
        pdf.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    out: Path = parser.parse_args(argv).out
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings()
        store = open_store(str(Path(tmp) / "demo.db"), settings)
        load_demo(store)
        with store.uow() as read:
            by_sku = {sku: code for code, sku in read.catalog.barcode_owners().items()}
            new_year = next(t for t in read.baskets.templates() if t.code == "GB-NY-01")
        window = create_till_window(build_till_context(store), language="th")
        window.resize(1366, 768)
        window.show()
        wait(lambda: window.index is not None)
        window.log_in("cashier", "1111")  # the demo cashier, then the shift's float
        wait(lambda: not window.locked and QApplication.activeModalWidget() is not None)
        shift = QApplication.activeModalWidget()
        float_field = shift.findChild(QLineEdit, "floatField") if shift is not None else None
        assert float_field is not None
        QTest.keyClicks(float_field, "2000")
        QTest.keyClick(float_field, Qt.Key.Key_Return)
        wait(lambda: QApplication.focusWidget() is window.scan_field)

        QTest.keyClick(window.scan_field, Qt.Key.Key_F7)
        wait(lambda: isinstance(QApplication.activeModalWidget(), BasketDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BasketDialog)
        for sku in CONTENTS:
            QTest.keyClicks(dialog.scan_field, by_sku.get(sku, sku))
            QTest.keyClick(dialog.scan_field, Qt.Key.Key_Return)
            wait(lambda: not dialog.busy)
        dialog.container.setCurrentIndex(1)
        dialog.wrapping.setCurrentIndex(dialog.wrapping.count() - 1)
        dialog.message_field.setFocus()
        type_text(dialog.message_field, MESSAGE)
        dialog.scan_field.setFocus()
        QApplication.processEvents()
        dialog.grab().save(str(out / "basket-dialog.png"))
        QTest.keyClick(dialog.scan_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait(lambda: QApplication.activeModalWidget() is None and len(window.cart.groups) == 1)
        # the New Year template sells from 1 December: put it in as the till will then
        window.session.add_basket(lambda cart: add_template(cart, new_year))
        QApplication.processEvents()
        window.grab().save(str(out / "basket-till.png"))

        due = window.cart.totals().total
        assert window.actor is not None
        receipt = window.ctx.checkout.complete(
            window.cart, [cash_tender(due, due)], actor=window.actor
        )
        p80 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=80)
        save_png(receipt_image(receipt, settings, p80), out / "basket-receipt.png")
        save_png(gift_card_image(gift_cards(receipt, settings), p80), out / "gift-card.png")
        label_png(basket_label_data(new_year, settings), out / "basket-label.png")
        window.close()
        store.close()
    for name in ("basket-till.png", "basket-dialog.png", "basket-receipt.png",
                 "basket-label.png", "gift-card.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
