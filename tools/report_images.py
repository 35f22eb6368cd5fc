"""Pictures of the report PDFs' pages for docs/, from a month of generated demo sales.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/report_images.py [--sales 1500] [--out docs]

A demo store in a temporary folder gets `--sales` sales over the 30 days up to 27 November
2026 through the checkout service, a web-shop terminal (channel "web") a fifth as many, then on
the last day a few gift baskets and discounted sales. Written: report-eod-page1.png,
report-eod-page2.png, ... (the last day),
report-month-page1.png (the month's first page), report-target-page1.png (its section of sales
against the yearly target), report-producers-page1.png (the month's settlement).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QImage  # noqa: E402

from pos.app.bootstrap import load_demo, open_report_store, open_store  # noqa: E402
from pos.domain.basket import add_template  # noqa: E402
from pos.domain.cart import Discount, DiscountKind  # noqa: E402
from pos.domain.payment import cash_tender  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from pos.services.demo import ScriptedClock, demo_sales, demo_shifts  # noqa: E402
from pos.services.eod import eod_report, producer_settlements, target_progress  # noqa: E402
from printing.qt import FAMILY  # noqa: E402
from printing.report_pdf import (  # noqa: E402
    eod_html,
    producers_html,
    report_page_images,
    target_html,
)

LAST = date(2026, 11, 27)
END = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # 18:00 in Bangkok


def _extras(store: object) -> None:
    """Gift baskets and discounts on the last day, so that their sections have rows."""
    from pos.app.bootstrap import Store

    assert isinstance(store, Store)
    checkout = store.checkout()
    clock = ScriptedClock(END)
    checkout.clock = clock
    actor, shifts = demo_shifts(store.uow, store.settings, store.terminal, clock)
    if shifts.current() is None:
        shifts.open(actor, Decimal(0))
    with store.uow() as read:
        templates = read.baskets.templates()
        products = read.catalog.unit_products(40)
    reasons = ("สินค้ามีตำหนิ / damaged", "ลูกค้าประจำ / regular customer")
    for i, t in enumerate(templates[:3]):
        cart = checkout.new_cart()
        add_template(cart, t, 1 + i % 2)
        due = cart.totals().total
        checkout.complete(cart, [cash_tender(due, due)], actor=actor)
    for i, p in enumerate(products[:6]):
        cart = checkout.new_cart()
        line = cart.add(p, Decimal(1 + i % 3))
        off = Discount(DiscountKind.PERCENT, Decimal(10), reasons[i % 2])
        cart.set_line_discount(line.line_id, off)
        if i % 3 == 0:
            cart.set_sale_discount(Discount(DiscountKind.AMOUNT, Decimal(5), "สมาชิก / member"))
        due = cart.totals().total
        checkout.complete(cart, [cash_tender(due, due)], actor=actor)


def _web_shop(store: object, sales: int) -> None:
    """A web-shop terminal (channel "web", receipts KK-W-...) and `sales` of its sales over
    the month, so that the by-channel section has a web row and producers sell online."""
    from sqlalchemy import select

    from db import models as m
    from pos.app.bootstrap import Store
    from pos.ports.terminals import TerminalInfo
    from pos.services.checkout import Checkout

    assert isinstance(store, Store)
    with store.uow(write=True) as w:
        shop_id = w.session.scalars(select(m.Shop.id)).one()
        row = m.Terminal(shop_id=shop_id, name="ร้านออนไลน์ / Web shop", receipt_prefix="KK-W",
                         channel="web")  # fmt: skip
        w.session.add(row)
        w.session.flush()
        web = TerminalInfo(row.id, row.name, row.pos_id, row.receipt_prefix)
        w.commit()
    checkout = Checkout(store.uow, store.settings, web, ScriptedClock(END))
    demo_sales(checkout, store.uow, sales, 30, seed=23, end=END)


def _save(images: list[QImage], out: Path, stem: str) -> list[Path]:
    paths = []
    for i, image in enumerate(images, 1):
        path = out / f"{stem}-page{i}.png"
        if not image.save(str(path)):
            raise OSError(f"cannot write {path}")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sales", type=int, default=1500)
    p.add_argument("--out", type=Path, default=ROOT / "docs")
    p.add_argument("--dpi", type=int, default=90)
    args = p.parse_args(argv)
    settings = replace(Settings(), yearly_target=2_200_000_000)
    with tempfile.TemporaryDirectory(prefix="otop-report-images-") as tmp:
        store = open_store(str(Path(tmp) / "demo.sqlite3"), settings)
        try:
            load_demo(store)
            demo_sales(store.checkout(), store.uow, args.sales, 30, end=END)
            _web_shop(store, args.sales // 5)
            _extras(store)
        finally:
            store.close()
        reports = open_report_store(str(Path(tmp) / "demo.sqlite3"), settings)
        try:
            day = eod_report(reports.uow, LAST)
            month = eod_report(reports.uow, date(2026, 10, 29), last=LAST)
            target = target_progress(reports.uow, settings.yearly_target, 2026, LAST)
            owed = producer_settlements(reports.uow, date(2026, 10, 29), LAST)
        finally:
            reports.close()
    written = _save(report_page_images(eod_html(day, settings), args.dpi), args.out, "report-eod")
    pages = report_page_images(eod_html(month, settings, target), args.dpi)
    written += _save(pages[:1], args.out, "report-month")
    alone = f"<html><body style=\"font-family:'{FAMILY}'; font-size:9px;\">{target_html(target)}"
    written += _save(
        report_page_images(alone + "</body></html>", args.dpi), args.out, "report-target"
    )
    html = producers_html(owed, date(2026, 10, 29), LAST, settings)
    written += _save(report_page_images(html, args.dpi)[:1], args.out, "report-producers")
    for path in written:
        print(path)
    print(f"day: {day.sales_count} receipts; month: {month.sales_count} receipts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
