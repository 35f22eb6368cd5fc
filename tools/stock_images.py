"""Make docs/stock-receiving-slip.png (and -receipt.png, the receipt printer's), docs/stock-count-
report.png and docs/stock-statement.png from a fresh demo store: a delivery received, a count
with a difference posted, statements.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/stock_images.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pos.app.bootstrap import Services, load_demo, open_store  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from pos.domain.shop_time import shop_day  # noqa: E402
from pos.domain.stock import StockLine  # noqa: E402
from printing.report_pdf import report_page_images  # noqa: E402
from printing.stock_pdf import statements_html, stock_document_html  # noqa: E402
from printing.stock_text import stock_slip_document  # noqa: E402


def main() -> int:
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OTOP_POS_HOME"] = tmp
        settings = Settings()
        store = open_store(str(Path(tmp) / "demo.db"), settings)
        load_demo(store)
        services = Services(store, queue_prints=False)
        desk, auth = services.stock_desk, services.auth
        labels, manager = auth.login("labels", "2222"), auth.login("manager", "9999")
        skus = ("KK-FD-0001", "KK-FD-0002", "KK-FD-0005")
        products = [desk.find_product(s) for s in skus]
        lines = [StockLine(products[0].product_id, Decimal(24)),
                 StockLine(products[1].product_id, Decimal(12)),
                 StockLine(products[2].product_id, Decimal("3.250"))]  # fmt: skip
        delivery = desk.receive(labels, "P001", lines, reference="ส.1204/69")
        count = desk.start_count(labels, "ชั้นอาหาร A1-A3")
        shelf = {r.sku: r.on_hand for r in desk.on_hand(producer="P001")}
        desk.count(labels, count.document_id, skus[0], shelf[skus[0]] - 2, add=False)
        desk.count(labels, count.document_id, skus[1], shelf[skus[1]], add=False)
        desk.count(labels, count.document_id, skus[2], shelf[skus[2]] - Decimal("0.125"),
                   add=False)  # fmt: skip
        posted = desk.post_count(manager, count.document_id)
        today = shop_day(datetime.now(UTC))
        statements = desk.statements(today.replace(day=1), today, "P001")
        pages = (
            ("stock-receiving-slip.png", stock_document_html(delivery, settings)),
            ("stock-count-report.png", stock_document_html(posted, settings)),
            ("stock-statement.png", statements_html(statements, settings)),
        )
        for name, html in pages:
            report_page_images(html)[0].save(str(docs / name))
            print(f"wrote {docs / name}")
        from printing.escpos_job import render_body
        from printing.printer import save_png

        slip = render_body(stock_slip_document(delivery, settings), settings.receipt_printer)
        print(f"wrote {save_png(slip, docs / 'stock-receiving-slip-receipt.png')}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
