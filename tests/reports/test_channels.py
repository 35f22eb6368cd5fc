"""Sales by channel (SQLite and PostgreSQL): a counter and a web-shop terminal sell in one store;
the end-of-day, month, target and settlement reports split their figures by channel (a refund
under the channel of the sale it refunds), the split adds up to the unchanged totals, and the
CSV, XLSX and PDF (read back by pypdf and pdftotext) show it."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db import models as m
from pos.app import main
from pos.app.bootstrap import Store
from pos.domain.cart import Discount, DiscountKind
from pos.domain.channels import Channel
from pos.domain.eod import ChannelRow, EodReport
from pos.domain.payment import Tender, TenderKind
from pos.domain.refund import RefundReceipt
from pos.domain.sale import Receipt
from pos.services.auth import Auth
from pos.services.baskets import Baskets
from pos.services.checkout import Checkout
from pos.services.eod import eod_report, producer_settlements, target_progress
from pos.services.returns import Returns
from tests.baskets.conftest import pay_cash, template
from tests.helpers.channels import channel_terminal
from tests.helpers.selling import PlainTestHasher, seller
from tests.integration.conftest import FixedClock
from tests.labels.pdfscan import assert_words_in_pdf

D = Decimal
DAY = date(2026, 11, 27)
NEXT = DAY + timedelta(days=1)
TEA, DINO, BALM = "8859999000025", "8859999000049", "8859999000056"
TEA_MAKER, DINO_MAKER = "KK-MKK-02", "KK-PWG-03"


@dataclass
class Sold:
    counter: list[Receipt]
    web: list[Receipt]
    refunds: dict[str, RefundReceipt]  # what was refunded, by the refund's name in the test
    web_prefix: str


def _promptpay(checkout: Checkout, cart: object) -> Receipt:
    from pos.domain.cart import Cart

    assert isinstance(cart, Cart)
    due = cart.totals().total
    tender = Tender(TenderKind.PROMPTPAY, due, reference="QR")
    return checkout.complete(cart, [tender], actor=seller(checkout))


@pytest.fixture
def sold(shop: Store, checkout: Checkout, baskets: Baskets, clock: FixedClock) -> Sold:
    """27 Nov: two counter sales (teas and a balm with discounts; two tea baskets) and two
    web-shop sales (two teas; a dinosaur). An hour later, at the counter, one web tea and the
    counter's balm are refunded; on the 28th, at the counter, the web's dinosaur."""
    web_terminal = channel_terminal(shop, Channel.WEB, "ร้านออนไลน์", "KK-W")
    web = Checkout(shop.uow, shop.settings, web_terminal, clock)

    cart = checkout.new_cart()
    row = checkout.add_to_cart(cart, checkout.lookup(f"3*{TEA}"))
    checkout.add_to_cart(cart, checkout.lookup(BALM))
    cart.set_line_discount(cart.lines[row].line_id, Discount(DiscountKind.PERCENT, D(10), "box"))
    cart.set_sale_discount(Discount(DiscountKind.AMOUNT, D(5), "member"))
    teas = _promptpay(checkout, cart)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"2*{template(baskets, 'GIFT-TEA').barcode}"))
    gift = pay_cash(checkout, cart)

    cart = web.new_cart()
    web.add_to_cart(cart, web.lookup(f"2*{TEA}"))
    web_teas = _promptpay(web, cart)
    cart = web.new_cart()
    web.add_to_cart(cart, web.lookup(DINO))
    web_dino = _promptpay(web, cart)

    auth = Auth(shop.uow, shop.settings, clock, PlainTestHasher(), shop.terminal.terminal_id)
    auth.ensure_demo_users()
    manager = auth.login("manager", "9999")
    returns = Returns(shop.uow, auth, shop.settings, shop.terminal, clock)
    clock.current += timedelta(hours=1)
    one_web_tea = returns.refund(manager, web_teas.receipt_no, {1: D(1)}, "promptpay", "late")
    balm = returns.refund(manager, teas.receipt_no, {2: D(1)}, "cash", "allergy")
    clock.current += timedelta(days=1)
    dino = returns.refund(manager, web_dino.receipt_no, {}, "promptpay", "never delivered")
    return Sold(
        [teas, gift],
        [web_teas, web_dino],
        {"web tea": one_web_tea, "balm": balm, "web dino": dino},
        web_terminal.receipt_prefix,
    )


def _total(receipts: list[Receipt], what: str) -> Decimal:
    return sum((getattr(r, what) for r in receipts), D(0))


def _channels(report: EodReport) -> dict[str, ChannelRow]:
    return {c.key: c for c in report.by_channel}


def _reconciles(report: EodReport) -> None:
    """The channels add up to the report's totals, which the split does not change."""
    rows = report.by_channel
    assert rows[0].key == "counter"
    assert sum(c.receipts for c in rows) == report.sales_count
    for part, whole in (
        ("gross", report.gross),
        ("discounts", report.discounts),
        ("sales", report.total),
        ("vat", report.vat),
        ("refunded", report.refunded),
        ("net", report.net_total),
    ):
        assert sum((getattr(c, part) for c in rows), D(0)) == whole, part
    assert sum(c.refunds for c in rows) == len(report.refunds)
    assert all(c.gross - c.discounts == c.sales for c in rows)
    assert all(c.sales - c.refunded == c.net for c in rows)


def test_the_end_of_day_report_splits_sales_and_refunds_by_channel(shop: Store, sold: Sold) -> None:
    day = eod_report(shop.uow, DAY)
    _reconciles(day)
    assert [c.key for c in day.by_channel] == ["counter", "web"]  # no LINE, no Facebook
    counter, web = _channels(day)["counter"], _channels(day)["web"]
    assert (counter.receipts, counter.sales, counter.vat) == (
        2, _total(sold.counter, "total"), _total(sold.counter, "vat")
    )  # fmt: skip
    assert (web.receipts, web.sales, web.vat) == (
        2, _total(sold.web, "total"), _total(sold.web, "vat")
    )  # fmt: skip
    # both refunds were made at the counter: the web tea's is the web's
    assert (counter.refunds, counter.refunded) == (1, sold.refunds["balm"].total)
    assert (web.refunds, web.refunded) == (1, sold.refunds["web tea"].total)
    assert web.discounts == 0 < counter.discounts
    assert counter.share + web.share == D(100)
    assert web.label.th == "เว็บไซต์"

    # the closed day was kept in report_days: read back from it, the split is the same
    with shop.uow() as read:
        kept = read.session.scalars(
            select(m.ReportDay.scope).where(m.ReportDay.day == "2026-11-27")
        )
        assert list(kept) == ["*"]
    assert eod_report(shop.uow, DAY).by_channel == day.by_channel

    # the next day sold nothing; the web's dinosaur refunded on it still has the web's row
    after = eod_report(shop.uow, NEXT)
    _reconciles(after)
    assert [(c.key, c.receipts, c.sales, c.refunds, c.refunded) for c in after.by_channel] == [
        ("counter", 0, 0, 0, 0),
        ("web", 0, 0, 1, sold.refunds["web dino"].total),
    ]

    # one terminal: the web shop's own report has its sales and no counter's
    own = eod_report(shop.uow, DAY, terminal=sold.web_prefix)
    _reconciles(own)
    assert own.total == _total(sold.web, "total")
    assert [(c.key, c.receipts, c.sales) for c in own.by_channel] == [
        ("counter", 0, 0),
        ("web", 2, web.sales),
    ]


def test_the_month_and_the_target_split_by_channel(shop: Store, sold: Sold) -> None:
    month = eod_report(shop.uow, date(2026, 11, 1), last=date(2026, 11, 30))
    _reconciles(month)
    days = [eod_report(shop.uow, d) for d in (DAY, NEXT)]
    for key in ("counter", "web"):
        rows = [_channels(r)[key] for r in days]
        got = _channels(month)[key]
        assert got.receipts == sum(r.receipts for r in rows)
        assert got.sales == sum((r.sales for r in rows), D(0))
        assert got.refunded == sum((r.refunded for r in rows), D(0))
    web_refunds = sold.refunds["web tea"].total + sold.refunds["web dino"].total
    assert _channels(month)["web"].net == _total(sold.web, "total") - web_refunds

    target = target_progress(shop.uow, 2_200_000_000, 2026, date(2026, 11, 30))
    assert target.to_date == month.total
    assert [(r.key, int(r.quantity), r.sales) for r in target.by_channel] == [
        (c.key, c.receipts, c.sales) for c in month.by_channel
    ]
    assert target.by_channel[1].name == "เว็บไซต์ / Web shop"
    before = target_progress(shop.uow, 2_200_000_000, 2026, date(2026, 11, 26))
    assert [(r.key, r.sales) for r in before.by_channel] == [("counter", 0)]


def test_the_settlement_counts_online_sales_and_says_how_much_came_online(
    shop: Store, sold: Sold
) -> None:
    both = producer_settlements(shop.uow, DAY, NEXT)
    period = eod_report(shop.uow, DAY, last=NEXT)
    assert sum((s.sales for s in both), D(0)) == period.net_total  # the web's sales are in
    assert sum((s.online for s in both), D(0)) == _channels(period)["web"].net
    by = {s.producer_code: s for s in both}
    web_tea = next(ln for ln in sold.web[0].lines if ln.sku == "KK-TEA-001")
    assert by[TEA_MAKER].online == web_tea.total - sold.refunds["web tea"].total
    assert 0 < by[TEA_MAKER].online < by[TEA_MAKER].sales
    assert by[DINO_MAKER].online == 0  # the web's dinosaur came back on the 28th
    first = {s.producer_code: s for s in producer_settlements(shop.uow, DAY, DAY)}
    assert first[DINO_MAKER].online == sold.web[1].total
    assert first[DINO_MAKER].online_pct == (
        first[DINO_MAKER].online * 100 / first[DINO_MAKER].sales
    ).quantize(D("0.01"))
    assert all(s.owed + s.commission == s.sales for s in both)


def test_the_csv_xlsx_and_pdf_show_the_channels(
    shop: Store, sold: Sold, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = eod_report(shop.uow, DAY)
    out = tmp_path / "eod.csv"
    assert main(["report", "eod", "--db", shop.url, "--date", "2026-11-27", "-o", str(out)]) == 0
    assert "Web shop 2 /" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert list(rows[0])[:8] == ["section", "key", "name", "quantity", "amount", "share_pct",
                                 "pieces", "kg"]  # fmt: skip
    totals = {r["key"]: r["amount"] for r in rows if r["section"] == "totals"}
    assert (D(totals["total"]), D(totals["net_total"])) == (day.total, day.net_total)
    got = [
        (r["key"], int(r["quantity"]), D(r["amount"]), D(r["gross"]), D(r["discounts"]),
         int(r["refunds"]), D(r["refunded"]), D(r["net"]), D(r["vat"]))
        for r in rows if r["section"] == "channel"
    ]  # fmt: skip
    assert got == [
        (c.key, c.receipts, c.sales, c.gross, c.discounts, c.refunds, c.refunded, c.net, c.vat)
        for c in day.by_channel
    ]

    month = eod_report(shop.uow, date(2026, 11, 1), last=date(2026, 11, 30))
    book = tmp_path / "month.xlsx"
    assert main(["report", "month", "--db", shop.url, "--month", "2026-11", "-o", str(book)]) == 0
    sheet = load_workbook(book)["Channels"]
    cells = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(k, n, D(str(s)), D(str(net))) for k, _, n, _, _, s, _, _, net, _, _ in cells] == [
        (c.key, c.receipts, c.sales, c.net) for c in month.by_channel
    ]

    pdf = tmp_path / "month.pdf"
    assert main(["report", "month", "--db", shop.url, "--month", "2026-11", "-o", str(pdf)]) == 0
    web = _channels(month)["web"]
    assert_words_in_pdf(pdf.read_bytes(), [
        "ยอดขายตามช่องทาง", "Sales by channel", "หน้าร้าน", "เว็บไซต์", "หักคืนเงิน",
        f"{web.sales:,.2f}", f"{web.net:,.2f}", f"{month.net_total:,.2f}", "1/11/2569",
        "30/11/2569",
    ])  # fmt: skip

    owed = producer_settlements(shop.uow, DAY, NEXT)
    settle = tmp_path / "producers.csv"
    args = ["report", "producers", "--db", shop.url, "--from", "2026-11-27", "--to", "2026-11-28"]
    assert main([*args, "-o", str(settle)]) == 0
    lines = list(csv.DictReader(io.StringIO(settle.read_text("utf-8-sig"))))
    assert [(r["producer_code"], D(r["sales"]), D(r["online_sales"])) for r in lines] == [
        (s.producer_code, s.sales, s.online) for s in owed
    ]
    settle_pdf = tmp_path / "producers.pdf"
    assert main([*args, "-o", str(settle_pdf)]) == 0
    tea = next(s for s in owed if s.producer_code == TEA_MAKER)
    assert_words_in_pdf(settle_pdf.read_bytes(), [
        "ขายออนไลน์", f"{tea.online:,.2f}({tea.online_pct}%)",
        f"{sum((s.online for s in owed), D(0)):,.2f}",
    ])  # fmt: skip


def test_the_target_command_and_workbook_give_the_year_by_channel(
    shop: Store, sold: Sold, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings_file = tmp_path / "settings.json"
    settings_file.write_text(json.dumps({"yearly_target": 100_000}), "utf-8")
    base = ["--settings", str(settings_file), "report"]
    capsys.readouterr()
    assert main([*base, "target", "--db", shop.url, "--as-of", "2026-11-30"]) == 0
    printed = capsys.readouterr().out
    web = _total(sold.web, "total")
    assert f"เว็บไซต์ / Web shop: 2 receipts / บิล, {web:,.2f}" in printed
    assert f"หน้าร้าน / Counter: 2 receipts / บิล, {_total(sold.counter, 'total'):,.2f}" in printed
    out = tmp_path / "month.xlsx"
    assert main([*base, "month", "--db", shop.url, "--month", "2026-11", "-o", str(out)]) == 0
    target = {
        k: v for k, _, v in load_workbook(out)["Target"].iter_rows(min_row=2, values_only=True)
    }
    assert D(str(target["to_date_web"])) == web
    assert D(str(target["to_date_counter"])) + web == D(str(target["to_date"]))
    pdf = tmp_path / "month.pdf"
    assert main([*base, "month", "--db", shop.url, "--month", "2026-11", "-o", str(pdf)]) == 0
    assert_words_in_pdf(pdf.read_bytes(), ["ยอดขายสะสมตามช่องทาง", "เว็บไซต์ / Web shop"])


def test_a_month_that_is_not_one_is_refused(
    shop: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ("2026-13", "11-2026x", "1999-01"):
        out = tmp_path / "m.csv"
        assert main(["report", "month", "--db", shop.url, "--month", bad, "-o", str(out)]) == 2
        assert not out.exists()
    assert "ไม่ใช่เดือน" in capsys.readouterr().err
    from pos.app.cli.report import _month_days

    assert _month_days("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert _month_days(" 2026-12 ") == (date(2026, 12, 1), date(2026, 12, 31))
