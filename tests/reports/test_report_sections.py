"""Reports: baskets and discounts, any date range, per counter, yearly target, XLSX export."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from db import models as m
from pos.app import main
from pos.app.bootstrap import Store, open_report_store
from pos.domain.basket import BasketItem, CustomBasket, add_custom
from pos.domain.cart import Discount, DiscountKind
from pos.domain.eod import EodReport, GroupRow, TargetProgress
from pos.domain.errors import SettingsError, ShopError
from pos.domain.payment import Tender, TenderKind
from pos.domain.sale import Receipt
from pos.domain.settings import Settings
from pos.services.baskets import Baskets
from pos.services.checkout import Checkout
from pos.services.eod import eod_report, producer_settlements, target_progress
from tests.baskets.conftest import pay_cash, template
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock

D = Decimal
DAY = date(2026, 11, 27)
TEA, DINO, BALM = "8859999000025", "8859999000049", "8859999000056"
DAMAGED, MEMBER = "กล่องบุบ / damaged box", "สมาชิก / member"


@pytest.fixture
def sales(shop: Store, checkout: Checkout, baskets: Baskets, clock: FixedClock) -> list[Receipt]:
    """27 Nov: two template baskets; a custom basket; a discounted tea with a sale discount
    paid by PromptPay. 28 Nov: one tea."""
    out = []
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(f"2*{template(baskets, 'GIFT-TEA').barcode}"))
    out.append(pay_cash(checkout, cart))

    packaging = {p.sku: p for p in baskets.packaging()}
    basket = CustomBasket(message="สุขสันต์วันปีใหม่")
    basket.add(checkout.lookup(DINO).product)
    basket.container = BasketItem(packaging["KK-PK-0001"], D(1))
    cart = checkout.new_cart()
    add_custom(cart, basket)
    out.append(pay_cash(checkout, cart))

    cart = checkout.new_cart()
    row = checkout.add_to_cart(cart, checkout.lookup(TEA))
    checkout.add_to_cart(cart, checkout.lookup(BALM))
    cart.set_line_discount(cart.lines[row].line_id, Discount(DiscountKind.PERCENT, D(10), DAMAGED))
    cart.set_sale_discount(Discount(DiscountKind.AMOUNT, D(5), MEMBER))
    due = cart.totals().total
    tender = Tender(TenderKind.PROMPTPAY, due, reference="P1")
    out.append(checkout.complete(cart, [tender], actor=seller(checkout)))

    clock.current += timedelta(days=1)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(TEA))
    out.append(pay_cash(checkout, cart))
    return out


def _sum(rows: tuple[GroupRow, ...]) -> Decimal:
    return sum((r.sales for r in rows), D(0))


def test_baskets_and_discounts_sections_add_up(shop: Store, sales: list[Receipt]) -> None:
    r = eod_report(shop.uow, DAY)
    assert r.sales_count == 3
    assert r.total == sum((s.total for s in sales[:3]), D(0))
    baskets = {row.key: row for row in r.baskets}
    assert set(baskets) == {"GIFT-TEA", "custom"}
    assert (baskets["GIFT-TEA"].quantity, baskets["GIFT-TEA"].sales) == (D(2), D("798.00"))
    custom_lines = [line for line in sales[1].lines if line.basket_id]
    assert baskets["custom"].quantity == D(1)
    assert baskets["custom"].sales == sum((line.total for line in custom_lines), D(0))
    discounts = {(row.key, row.name): row for row in r.discount_reasons}
    assert set(discounts) == {("line", DAMAGED), ("sale", MEMBER)}
    assert discounts["sale", MEMBER].sales == D("5.00")
    assert discounts["line", DAMAGED].quantity == D(1)
    assert r.line_discounts == sum((line.discount for line in sales[2].lines), D(0)) > 0
    assert r.line_discounts + r.sale_discounts == r.discounts
    assert r.gross - r.discounts == r.total
    assert r.by_counter == ()  # one counter: no by-counter section
    assert eod_report(shop.uow, DAY + timedelta(days=1)).baskets == ()


def test_any_date_range_and_its_pdf_title(
    shop: Store, sales: list[Receipt], tmp_path: Path
) -> None:
    both = eod_report(shop.uow, DAY, last=DAY + timedelta(days=1))
    assert both.sales_count == 4
    assert both.total == sum((s.total for s in sales), D(0))
    assert (both.first_day, both.last_day) == (DAY, DAY + timedelta(days=1))
    with pytest.raises(ShopError) as bad:
        eod_report(shop.uow, DAY, last=DAY - timedelta(days=1))
    assert bad.value.message_th
    pdf = tmp_path / "period.pdf"
    args = ["report", "eod", "--db", shop.url, "--from", "2026-11-27", "--to", "2026-11-28"]
    assert main([*args, "-o", str(pdf)]) == 0
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    text = " ".join("".join(p.extract_text() for p in reader.pages).split())
    assert "27/11/2569" in text
    assert "28/11/2569" in text
    assert "2026-11-27" in text
    assert "2026-11-28" in text
    assert "Sales report for a period" in text
    assert f"{both.total:,.2f}" in text
    assert "Gift baskets" in text
    assert "Discounts by reason" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Sales report 2026-11-27 - 2026-11-28"


def _cells(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def _group_rows(report: EodReport) -> dict[str, tuple[GroupRow, ...]]:
    from printing.report_xlsx import eod_sections

    return {title: rows for title, _, rows in eod_sections(report)}


def test_eod_xlsx_reads_back_as_the_report(
    shop: Store, sales: list[Receipt], tmp_path: Path
) -> None:
    out = tmp_path / "eod.xlsx"
    assert main(["report", "eod", "--db", shop.url, "--date", "2026-11-27", "-o", str(out)]) == 0
    report = eod_report(shop.uow, DAY)
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Summary", "Tenders", "Categories", "Hours", "Districts", "Producers", "Top products",
        "Baskets", "Discounts", "Channels",
    ]  # fmt: skip
    summary = {key: (value, cell) for (key, _, value), cell in zip(
        _cells(wb["Summary"]), list(wb["Summary"].iter_rows(min_row=2)), strict=True
    )}  # fmt: skip
    assert D(str(summary["total"][0])) == report.total
    assert isinstance(summary["total"][0], int | float)  # a number, not text
    assert summary["total"][1][2].number_format == "#,##0.00"
    assert summary["sales"][0] == report.sales_count == 3
    assert D(str(summary["vat"][0])) == report.vat
    assert D(str(summary["line_discounts"][0])) == report.line_discounts
    assert summary["from"][0].date() == summary["to"][0].date() == DAY
    for title, rows in _group_rows(report).items():
        got = _cells(wb[title])
        assert [(k, n) for k, n, *_ in got] == [(r.key, r.name) for r in rows], title
        assert [D(str(s)).quantize(D("0.01")) for *_, s, _ in got] == [r.sales for r in rows]
        if any(r.goods for r in rows):  # pieces and kilograms in a column each
            assert [(D(str(p)), D(str(kg))) for _, _, p, kg, _, _ in got] == [
                (r.quantity, r.kg) for r in rows
            ], title
        else:
            assert [D(str(q)) for _, _, q, _, _ in got] == [r.quantity for r in rows]
    assert ("GIFT-TEA", "กระเช้าชาใบหม่อนและไส้กรอก") in [
        (k, n) for k, n, *_ in _cells(wb["Baskets"])
    ]  # Thai text intact
    assert wb["Top products"]["E2"].number_format == "#,##0.00"  # sales, after pieces and kg


def test_producers_xlsx_reads_back_as_the_settlement(
    shop: Store, sales: list[Receipt], tmp_path: Path
) -> None:
    out = tmp_path / "producers.xlsx"
    args = ["report", "producers", "--db", shop.url, "--from", "2026-11-27", "--to", "2026-11-28"]
    assert main([*args, "-o", str(out)]) == 0
    rows = producer_settlements(shop.uow, DAY, DAY + timedelta(days=1))
    got = _cells(load_workbook(out)["Producers"])
    assert [(code, name) for code, name, *_ in got[:-1]] == [
        (s.producer_code, s.producer_name) for s in rows
    ]
    # pieces and kilograms in a column each, then sales, rate, commission, owed
    assert [(D(str(r[3])), D(str(r[4]))) for r in got[:-1]] == [(s.quantity, s.kg) for s in rows]
    assert [D(str(r[5])).quantize(D("0.01")) for r in got[:-1]] == [s.sales for s in rows]
    assert [D(str(r[8])).quantize(D("0.01")) for r in got[:-1]] == [s.owed for s in rows]
    total = got[-1]
    assert total[0] == "รวม / Total"
    assert D(str(total[5])).quantize(D("0.01")) == sum((s.total for s in sales), D(0))


def _second_counter(store: Store, receipt_no: str) -> None:
    """A second counter in the same database (as on the central server) that made one sale."""
    with store.uow(write=True) as w:
        session = w.session
        shop_id = session.scalar(select(m.Terminal.shop_id))
        session.add(
            m.Terminal(
                id="00000000-0000-4000-8000-000000000002", shop_id=shop_id,
                name="เคาน์เตอร์ 2", pos_id="E0002", receipt_prefix="K2",
            )
        )  # fmt: skip
        session.flush()
        session.execute(
            update(m.Sale)
            .where(m.Sale.receipt_no == receipt_no)
            .values(terminal_id="00000000-0000-4000-8000-000000000002")
        )
        w.commit()


def test_per_counter_and_all_counters(shop: Store, sales: list[Receipt], tmp_path: Path) -> None:
    _second_counter(shop, sales[2].receipt_no)
    every = eod_report(shop.uow, DAY)
    assert len(every.by_counter) == 2
    assert _sum(every.by_counter) == every.total
    assert {r.name for r in every.by_counter} >= {"เคาน์เตอร์ 2"}
    for wanted in ("K2", "E0002", "เคาน์เตอร์ 2"):
        one = eod_report(shop.uow, DAY, terminal=wanted)
        assert (one.sales_count, one.total) == (1, sales[2].total)
        assert one.counter == "เคาน์เตอร์ 2 (K2)"
        assert one.by_counter == ()
        assert _sum(one.by_category) == one.total
    with pytest.raises(ShopError) as unknown:
        eod_report(shop.uow, DAY, terminal="K9")
    assert "K9" in str(unknown.value)
    assert "K2" in str(unknown.value)
    assert "ไม่มีเครื่องขาย" in unknown.value.message_th
    out = tmp_path / "k2.xlsx"
    args = ["report", "eod", "--db", shop.url, "--date", "2026-11-27", "--terminal", "K2"]
    assert main([*args, "-o", str(out)]) == 0
    summary = {k: v for k, _, v in _cells(load_workbook(out)["Summary"])}
    assert summary["counter"] == "เคาน์เตอร์ 2 (K2)"
    assert D(str(summary["total"])) == sales[2].total


def test_the_report_store_registers_no_counter(shop: Store, sales: list[Receipt]) -> None:
    """Reports may run on the central database: opening it must not add a terminal there."""

    def terminals() -> int:
        with shop.uow() as r:
            return int(r.session.scalar(select(func.count()).select_from(m.Terminal)) or 0)

    before = terminals()
    store = open_report_store(shop.url, Settings())
    try:
        assert eod_report(store.uow, DAY).sales_count == 3
    finally:
        store.close()
    assert terminals() == before


def test_target_arithmetic() -> None:
    t = TargetProgress(2026, D("2200000000.00"), D("1100000000.00"), date(2026, 11, 27))
    assert t.reached_pct == D("50.00")
    assert t.days_left == 34  # 28 Nov .. 31 Dec
    assert t.pace_needed == (D("1100000000") / 34).quantize(D("0.01"))
    done = TargetProgress(2026, D(1000), D(1500), date(2026, 12, 31))
    assert (done.remaining, done.days_left, done.pace_needed) == (D(0), 0, D("0.00"))
    ahead = TargetProgress(2027, D(365), D(0), date(2026, 12, 1))
    assert (ahead.days_left, ahead.pace_needed) == (365, D("1.00"))
    with pytest.raises(SettingsError):
        Settings(yearly_target=-1)
    with pytest.raises(SettingsError):
        Settings.from_dict({"yearly_target": "lots"})


def test_sales_against_the_yearly_target(
    shop: Store, sales: list[Receipt], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year_sales = sum((s.total for s in sales), D(0))
    t = target_progress(shop.uow, 10_000, 2026, DAY + timedelta(days=1))
    assert t.to_date == year_sales
    assert t.reached_pct == (year_sales / 100).quantize(D("0.01"), ROUND_HALF_UP)
    assert t.pace_needed == ((10_000 - year_sales) / 33).quantize(D("0.01"), ROUND_HALF_UP)
    only_first = target_progress(shop.uow, 10_000, 2026, DAY)
    assert only_first.to_date == year_sales - sales[3].total
    assert target_progress(shop.uow, 10_000, 2025, date(2025, 12, 31)).to_date == 0
    with pytest.raises(ShopError) as unset:
        target_progress(shop.uow, 0, 2026, DAY)
    assert "yearly_target" in unset.value.message_th

    settings_file = tmp_path / "settings.json"
    settings_file.write_text(json.dumps({"yearly_target": 10_000}), "utf-8")
    capsys.readouterr()
    base = ["--settings", str(settings_file), "report"]
    assert main([*base, "target", "--db", shop.url, "--as-of", "2026-11-28"]) == 0
    printed = capsys.readouterr().out
    assert "เป้ายอดขายปี 2569" in printed
    assert f"{year_sales:,.2f}" in printed
    out = tmp_path / "eod.xlsx"
    args = ["eod", "--db", shop.url, "--date", "2026-11-28", "-o", str(out)]
    assert main([*base, *args]) == 0
    target = {k: v for k, _, v in _cells(load_workbook(out)["Target"])}
    assert D(str(target["to_date"])) == year_sales
    assert D(str(target["target"])) == D(10_000)


def test_settings_keep_the_target(tmp_path: Path) -> None:
    s = replace(Settings(), yearly_target=2_200_000_000)
    assert Settings.from_dict(s.to_dict()).yearly_target == 2_200_000_000


def test_bad_report_options_get_bilingual_messages(
    shop: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "r.xlsx")
    eod = ["report", "eod", "--db", shop.url]
    for args in (
        [*eod, "--date", "2026-11-27", "--from", "2026-11-01", "-o", out],
        [*eod, "--from", "2026-11-28", "--to", "2026-11-27", "-o", out],
        [*eod, "--date", "27/11/2569", "-o", out],
        [*eod, "--date", "2026-11-27", "--terminal", "nowhere", "-o", out],
        [*eod, "--date", "2026-11-27", "-o", str(tmp_path / "r.docx")],
        ["report", "target", "--db", shop.url],  # no yearly_target set
    ):
        capsys.readouterr()
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in err), err  # a Thai line
        assert err.startswith("otop-pos: ")
    assert not (tmp_path / "r.xlsx").exists()
