"""Make the README's screenshots from the demo store: docs/till-cart.png, docs/till-promptpay.png.

Runs the real till window offscreen on a fresh demo store, scans products the way a scanner
does (key events into the scan field), and grabs the window and the payment dialog.
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pos.app import build_till_context, load_demo, open_store  # noqa: E402
from pos.domain.barcodes import MeasureKind, make_variable_measure  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from ui.app import create_till_window  # noqa: E402

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
        for code in codes:
            QTest.keyClicks(window.scan_field, code)
            QTest.keyClick(window.scan_field, Qt.Key.Key_Return)
            wait(lambda: not window.busy)
        weight = make_variable_measure("00001", MeasureKind.WEIGHT, Decimal("0.750"),
                                       settings.vm_layout)
        QTest.keyClicks(window.scan_field, weight)
        QTest.keyClick(window.scan_field, Qt.Key.Key_Return)
        wait(lambda: not window.busy)
        window.grab().save(str(docs / "till-cart.png"))
        window.pay()
        wait(lambda: window.payment_dialog is not None)
        dialog = window.payment_dialog
        assert dialog is not None
        dialog.choose_method(dialog.PROMPTPAY)
        QApplication.processEvents()
        dialog.grab().save(str(docs / "till-promptpay.png"))
        dialog.reject()
        window.close()
        store.close()
    print(f"wrote {docs / 'till-cart.png'} and {docs / 'till-promptpay.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
