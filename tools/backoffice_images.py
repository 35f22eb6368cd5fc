"""Make docs/backoffice-products.png and docs/product-form.png from the demo store: the back
office's products page (the list filtered by a search) and one product's form, in Thai.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/backoffice_images.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from pos.app.bootstrap import Services, open_store  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from pos.services.products import draft_of  # noqa: E402


def settle(busy: Callable[[], bool] = lambda: False) -> None:
    """Let the window draw (and its search come back from the worker)."""
    end = time.monotonic() + 20
    while busy() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        QApplication.processEvents()


def main() -> int:
    from ui import i18n
    from ui.app import ensure_app
    from ui.backoffice.products_page import ProductsPage
    from ui.backoffice.settings_page import GROUPS, SettingsPage
    from ui.backoffice.window import BackOfficeWindow

    ensure_app()
    i18n.install_language("th")
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OTOP_POS_HOME"] = tmp
        services = Services(open_store(str(Path(tmp) / "demo.db"), Settings()), queue_prints=False)
        try:
            services.load_demo()
            manager = services.auth.login("manager", "9999")
            silk = services.products.get("KK-TX-0001")
            # a price changed once, so that the form shows a price history
            services.products.edit(manager, silk.sku, replace(draft_of(silk), price="1,990"))
            window = BackOfficeWindow(services, manager, "th")
            window.resize(1366, 728)  # a 1366x768 laptop screen less its task bar
            window.show()
            page = window.show_page("products")
            assert isinstance(page, ProductsPage)
            page.search.setText("KK-TX")
            settle(lambda: page.loading)
            window.grab().save(str(docs / "backoffice-products.png"))
            print("docs/backoffice-products.png: the products page")
            page.open_selected()
            settle()
            assert page.form is not None
            page.form.grab().save(str(docs / "product-form.png"))
            print("docs/product-form.png: a product's form")
            page.form.reject()
            window.close()
            # the admin's settings editor, on the payment group with its live PromptPay QR
            admin = services.auth.login("admin", "0000")
            services.settings_file = Path(tmp) / "settings.json"
            window = BackOfficeWindow(services, admin, "th")
            window.resize(1366, 728)
            window.show()
            settings_page = window.show_page("settings")
            assert isinstance(settings_page, SettingsPage)
            settings_page.groups.setCurrentRow([g for g, _ in GROUPS].index("payment"))
            settle()
            window.grab().save(str(docs / "backoffice-settings.png"))
            print("docs/backoffice-settings.png: the settings editor")
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
