"""Receipt pictures for people to look at: docs/receipt-*.png from the demo store.

Rings up one realistic sale on a throw-away copy of the demo store (resources/demo) and
renders it exactly as a raster printer prints it: an 80 mm receipt of a VAT-registered shop
and a 58 mm receipt of a shop that is not; also the printer test page and the A4 full tax
invoice of the first sale.

    .venv/bin/python tools/receipt_images.py [--out docs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pos.app.bootstrap import Store, load_demo, open_store  # noqa: E402
from pos.domain.cart import Discount, DiscountKind  # noqa: E402
from pos.domain.payment import Tender, TenderKind, cash_tender  # noqa: E402
from pos.domain.sale import Receipt  # noqa: E402
from pos.domain.settings import PrinterProfile, Settings  # noqa: E402
from pos.domain.taxinvoice import Buyer  # noqa: E402
from pos.services.checkout import Checkout  # noqa: E402
from pos.services.demo import demo_cashier  # noqa: E402
from pos.services.printing import TaxInvoices  # noqa: E402
from printing.document import printer_test_page  # noqa: E402
from printing.escpos_job import render_body  # noqa: E402
from printing.printer import receipt_image, save_png  # noqa: E402
from printing.taxinvoice_pdf import QtTaxInvoiceWriter, tax_invoice_image  # noqa: E402
from resources import DEMO  # noqa: E402

SOLD_AT = datetime(2026, 11, 27, 7, 42, 15, tzinfo=UTC)  # 14:42 in Bangkok, 27 พ.ย. 2569
# (sku, quantity): silk, mulberry tea (discounted), sausage by weight, organic rice (VAT
# exempt), dinosaur chocolate eggs; a small stand-in is used if the demo lacks them
BASKET = (
    ("KK-TX-0001", "1"),
    ("KK-BV-0011", "2"),
    ("KK-FD-0005", "0.450"),
    ("KK-FD-0052", "1"),
    ("KK-FD-0070", "3"),
)


class _Clock:
    def now(self) -> datetime:
        return SOLD_AT


def _ring_up(store: Store, *, split: bool) -> Receipt:
    checkout = Checkout(store.uow, store.settings, store.terminal, _Clock())
    cart = checkout.new_cart()
    with store.uow() as read:
        products = [(read.catalog.product_by_sku(sku), qty) for sku, qty in BASKET]
    for product, qty in products:
        if product is None:
            continue
        line = cart.add(product, Decimal(qty))
        if product.sku == "KK-BV-0011":
            cart.set_line_discount(
                line.line_id, Discount(DiscountKind.PERCENT, Decimal(10), "โปรชาใบหม่อน")
            )
    if cart.is_empty:
        raise SystemExit("the demo store has none of the products of the sample sale")
    due = cart.totals().total
    if split:
        tenders = [
            Tender(TenderKind.PROMPTPAY, Decimal(1000), reference="PP8853780"),
            cash_tender(due - Decimal(1000), Decimal(3000)),
        ]
    else:
        tenders = [cash_tender(due, Decimal(5000))]
    actor = demo_cashier(store.uow, store.settings, store.terminal, _Clock())
    return checkout.complete(cart, tenders, actor=actor)


def _store(folder: Path, settings: Settings) -> Store:
    store = open_store(str(folder / "counter.sqlite3"), settings)
    if not (DEMO / "products.json").is_file():
        raise SystemExit(f"the demo catalogue is missing in {DEMO}")
    load_demo(store)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    out: Path = args.out
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        vat = _store(Path(tmp) / "vat", Settings())
        (Path(tmp) / "novat").mkdir()
        try:
            receipt = _ring_up(vat, split=False)
            p80 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=80)
            written.append(
                save_png(receipt_image(receipt, vat.settings, p80), out / "receipt-80mm-vat.png")
            )
            page = printer_test_page(vat.settings, "raster", None, 80)
            written.append(save_png(render_body(page, p80), out / "receipt-test-page-80mm.png"))
            invoices = TaxInvoices(
                vat.uow, vat.settings, vat.terminal, _Clock(), QtTaxInvoiceWriter()
            )
            buyer = Buyer.checked(
                "บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด",
                "99/9 หมู่ 1 ถ.มะลิวัลย์ ต.ในเมือง อ.ภูเวียง จ.ขอนแก่น 40150",
                "0994000617721",
                "00001",
            )
            invoice = invoices.issue(receipt.receipt_no, buyer)
            written.append(
                save_png(
                    tax_invoice_image(invoice, vat.settings), out / "receipt-tax-invoice-a4.png"
                )
            )
            written.append(invoices.write_pdf(invoice, Path(tmp) / "invoice.pdf"))
        finally:
            vat.close()
        novat_settings = Settings(vat_registered=False)
        novat = _store(Path(tmp) / "novat", novat_settings)
        try:
            receipt = _ring_up(novat, split=True)
            p58 = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=58)
            image = receipt_image(replace(receipt), novat_settings, p58)
            written.append(save_png(image, out / "receipt-58mm-novat.png"))
        finally:
            novat.close()
    for path in written:
        if path.suffix == ".png":
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
