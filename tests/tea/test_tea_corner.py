"""The tea corner through the till's own services on a real SQLite file (and PostgreSQL):
a mixed sale with drinks, the order number, tickets on a TCP printer exactly once, recipes
moving stock, refunds printing a cancellation, the orders window's states and the reports."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app.bootstrap import Services
from pos.app.command_line import main
from pos.domain.auth import Actor
from pos.domain.payment import cash_tender
from pos.domain.sale import Receipt
from pos.domain.tea import MenuItem, OrderStatus, TeaError
from pos.services.auth import Auth
from pos.services.eod import eod_report, write_eod_csv
from printing.document import Size, Text, receipt_document
from printing.text_receipt import render_text
from tests.helpers.selling import PlainTestHasher, cashier_on_shift
from tests.printing.helpers import FakeNetworkPrinter, free_port
from tests.tea.conftest import MILK_L, MILK_S, SCARF, Clock, OpenServices, stock_of, tea_settings

Choice = Mapping[str, tuple[str, ...]]


def _item(svc: Services, sku: str) -> MenuItem:
    return next(i for i in svc.tea.menu() if i.sku == sku)


def _cashier(svc: Services) -> Actor:
    return cashier_on_shift(svc.store.uow, svc.settings, svc.store.terminal, svc.clock)


def _manager(svc: Services) -> Actor:
    _cashier(svc)  # the demo users, with the tests' quick PIN hashes
    auth = Auth(svc.store.uow, svc.settings, svc.clock, PlainTestHasher(),
                svc.store.terminal.terminal_id)  # fmt: skip
    return auth.login("manager", "9999")


def ring(
    svc: Services, drinks: Sequence[tuple[str, Choice, int]], *, scarf: bool = True
) -> Receipt:
    """A sale at the till: the silk scarf scanned, then each drink from the menu pad, cash."""
    checkout = svc.checkout
    cart = checkout.new_cart()
    if scarf:
        checkout.add_to_cart(cart, checkout.lookup(SCARF))
    for sku, choice, qty in drinks:
        cart.add_line(svc.tea.line(_item(svc, sku).product_id, choice, qty))
    due = cart.totals().total
    receipt = checkout.complete(cart, [cash_tender(due, Decimal(2000))], actor=_cashier(svc))
    assert svc.tea.wait_idle()  # the tickets print aside, on the tea corner's sender
    return receipt


def tickets(printer: FakeNetworkPrinter) -> list[str]:
    """What each job the tea printer received says (text mode: CP874 lines)."""
    return [doc.decode("cp874", errors="replace") for doc in printer.documents]


MIXED = [("MENU-MILKTEA", MILK_L, 2), ("MENU-MILKTEA", MILK_S, 1)]


def test_the_receipt_shows_each_drinks_options_under_it_and_the_big_order_number(
    tea_db: str, services: OpenServices
) -> None:
    svc = services(tea_db, tea_settings(None))
    receipt = ring(svc, MIXED)
    assert receipt.total == Decimal("650.00") + 2 * Decimal("70.00") + Decimal("35.00")
    text = render_text(receipt, svc.settings)
    lines = text.splitlines()
    # each drink's options right under its own line
    first = next(i for i, ln in enumerate(lines) if "ชานมใบหม่อน" in ln)
    second = next(i for i, ln in enumerate(lines) if "ชานมใบหม่อน" in ln and i > first)
    assert any("L · หวาน 50% · เย็น · ไข่มุก" in ln for ln in lines[first:second])
    assert any("S · หวาน 0% · ร้อน" in ln for ln in lines[second : second + 4])
    assert "คิว 1" in text
    assert "ORDER 1" in text
    big = [b for b in receipt_document(receipt, svc.settings) if isinstance(b, Text)]
    assert any("คิว 1" in b.text and b.size is not Size.NORMAL for b in big)
    # the reprint of the receipt shows the same (the notes and details are stored)
    again = svc.checkout.reprint(receipt.receipt_no)
    assert render_text(again, svc.settings).count("คิว 1") == text.count("คิว 1")


def test_a_mixed_sale_has_one_receipt_with_the_order_number_and_a_ticket_per_drink(
    tea_db: str, services: OpenServices
) -> None:
    with FakeNetworkPrinter() as printer:
        svc = services(tea_db, tea_settings(printer.target))
        receipt = ring(svc, MIXED)
        assert receipt.total == Decimal("650.00") + 2 * Decimal("70.00") + Decimal("35.00")
        assert [(n.text_th, n.text_en, n.big) for n in receipt.notes] == [("คิว 1", "ORDER 1", True)]
        again = svc.checkout.reprint(receipt.receipt_no)  # stored with the sale
        assert again.notes == receipt.notes
        details = [ln.detail for ln in again.lines]
        assert details[0] is None  # the scarf
        assert details[1] is not None
        assert details[1].th == "L · หวาน 50% · เย็น · ไข่มุก"
        assert details[2] is not None
        assert details[2].en == "S · 0% sweet · hot"
        printed = tickets(printer)
    assert len(printed) == 2  # one ticket per drink line, none for the scarf
    assert all("คิว 1" in t for t in printed)
    assert "1/2" in printed[0]
    assert "2 x ชานมใบหม่อน" in printed[0]
    assert "ไข่มุก" in printed[0]
    assert "2/2" in printed[1]
    assert "1 x ชานมใบหม่อน" in printed[1]
    assert "ร้อน" in printed[1]
    assert not any("ผ้าไหม" in t for t in printed)
    [order] = svc.tea.orders()
    assert order.number == 1
    assert order.status == OrderStatus.NEW
    assert order.receipt_no == receipt.receipt_no
    assert all(line.sent for line in order.lines)


def test_a_tea_printer_that_is_off_keeps_tickets_queued_and_prints_each_once_later(
    tea_db: str, services: OpenServices
) -> None:
    with FakeNetworkPrinter(online=False) as printer:
        svc = services(tea_db, tea_settings(printer.target))
        first = ring(svc, MIXED)
        second = ring(svc, [("MENU-TEA", {"temp": ("hot",)}, 1)], scarf=False)  # keeps selling
        assert first.receipt_no != second.receipt_no
        assert printer.documents == [b""] * len(printer.connections)  # asked, nothing printed
        assert [o.number for o in svc.tea.orders()] == [1, 2]
        assert not any(ln.sent for o in svc.tea.orders() for ln in o.lines)
        printer.online = True
        assert svc.tea.flush() == 3  # the banner's retry, or the next sale
        assert svc.tea.flush() == 0
        ring(svc, [], scarf=True)  # a sale without drinks prints no ticket
        printed = [t for t in tickets(printer) if t]
    assert len(printed) == 3
    assert sorted(t.count("คิว 1") for t in printed) == [0, 1, 1]
    assert sum("คิว 2" in t for t in printed) == 1
    assert all(ln.sent for o in svc.tea.orders() for ln in o.lines)


def test_a_printer_that_cannot_be_reached_never_blocks_the_sale(
    tea_db: str, services: OpenServices
) -> None:
    svc = services(tea_db, tea_settings(f"127.0.0.1:{free_port()}"))
    receipt = ring(svc, MIXED)
    assert svc.checkout.reprint(receipt.receipt_no).total == receipt.total
    queued = [j for j in svc.print_queue.queued() if j.kind == "tea_ticket"]  # type: ignore[union-attr]
    # the first was tried and failed; the next waits behind it (the printer is off)
    assert sorted(j.status for j in queued) == ["failed", "pending"]


def test_without_a_tea_printer_tickets_are_on_the_orders_window_only(
    tea_db: str, services: OpenServices
) -> None:
    svc = services(tea_db, tea_settings(None))
    ring(svc, MIXED)
    [order] = svc.tea.orders()
    assert [ln.quantity for ln in order.lines] == [Decimal(2), Decimal(1)]
    assert order.lines[0].detail_th == "L · หวาน 50% · เย็น · ไข่มุก"
    assert svc.tea.flush() == 0


def test_recipes_move_stock_and_show_in_on_hand_and_low_stock(
    tea_db: str, services: OpenServices
) -> None:
    svc = services(tea_db, tea_settings(None))
    skus = ("TEA-LEAF", "TEA-MILK", "TEA-CUP-L", "TEA-CUP-S", "TEA-PEARL", SCARF, "MENU-MILKTEA")
    before = {sku: stock_of(svc.store, sku) for sku in skus}
    ring(svc, MIXED)
    moved = {sku: stock_of(svc.store, sku) - before[sku] for sku in skus}
    assert moved == {
        "TEA-LEAF": Decimal(-(2 * 4 + 3)),  # 3 g a drink, 1 g more for L
        "TEA-MILK": Decimal(-(2 * 200 + 100)),
        "TEA-CUP-L": Decimal(-2),
        "TEA-CUP-S": Decimal(-1),
        "TEA-PEARL": Decimal(-60),
        SCARF: Decimal(-1),
        "MENU-MILKTEA": Decimal(0),  # a made-to-order drink has no stock of its own
    }
    manager = _manager(svc)
    svc.stock_desk.set_threshold(manager, "TEA-CUP-L", Decimal(199))
    low = {r.sku for r in svc.stock_desk.on_hand(low_only=True)}
    assert "TEA-CUP-L" in low
    assert "TEA-CUP-S" not in low
    on_hand = {r.sku: r.on_hand for r in svc.stock_desk.on_hand()}
    assert on_hand["TEA-CUP-L"] == Decimal(198)


def test_on_hand_lists_the_stock_items_not_the_drinks(tea_db: str, services: OpenServices) -> None:
    svc = services(tea_db, tea_settings(None))
    on_hand = {r.sku for r in svc.stock_desk.on_hand()}
    assert "TEA-CUP-L" in on_hand
    assert "MENU-MILKTEA" not in on_hand


def test_a_refunded_drink_prints_one_cancel_ticket(tea_db: str, services: OpenServices) -> None:
    with FakeNetworkPrinter() as printer:
        svc = services(tea_db, tea_settings(printer.target))
        receipt = ring(svc, MIXED)
        manager = _manager(svc)
        leaf = stock_of(svc.store, "TEA-LEAF")
        # line 2: the two L milk teas (line 1 is the scarf); one of them back
        svc.returns.refund(manager, receipt.receipt_no, {2: Decimal(1)}, "cash", "ลูกค้าเปลี่ยนใจ")
        assert stock_of(svc.store, "TEA-LEAF") == leaf  # a refunded drink returns no stock
        svc.returns.refund(manager, receipt.receipt_no, {2: Decimal(1)}, "cash", "ลูกค้าเปลี่ยนใจ")
        assert svc.tea.wait_idle()
        printed = tickets(printer)
    cancels = [t for t in printed if "CANCEL" in t]
    assert len(printed) == 4
    assert len(cancels) == 2
    assert all("1 x ชานมใบหม่อน" in t and "ยกเลิก" in t and "คิว 1" in t for t in cancels)
    [order] = svc.tea.orders()
    assert order.lines[0].cancelled == Decimal(2)
    assert order.lines[1].cancelled == 0
    assert order.status == OrderStatus.NEW  # the hot tea is still to make


def test_orders_go_new_ready_collected_and_the_display_sees_ready_ones(
    tea_db: str, services: OpenServices, clock: Clock
) -> None:
    svc = services(tea_db, tea_settings(None))
    for _ in range(3):
        ring(svc, [("MENU-TEA", {}, 1)], scarf=False)
    actor = _cashier(svc)
    assert [o.number for o in svc.tea.orders(OrderStatus.NEW)] == [1, 2, 3]
    svc.tea.mark_ready(2, actor)
    clock.advance(minutes=1)
    svc.tea.mark_ready(1, actor)
    assert svc.tea.ready_now() == [2, 1]
    svc.tea.mark_collected(2, actor)
    assert svc.tea.ready_now() == [1]
    clock.advance(minutes=11)
    assert svc.tea.ready_now() == []  # shown ready for ten minutes
    assert [o.number for o in svc.tea.orders(OrderStatus.READY)] == [1]
    with pytest.raises(TeaError, match="No order 9"):
        svc.tea.mark_ready(9, actor)
    with pytest.raises(TeaError):
        svc.tea.mark_ready(2, actor)  # collected: not ready again
    clock.advance(days=1)
    ring(svc, [("MENU-TEA", {}, 1)], scarf=False)
    assert [o.number for o in svc.tea.orders()] == [1]  # a new day starts at 1 again


def test_reprint_and_cancel_print_their_banners_once(tea_db: str, services: OpenServices) -> None:
    with FakeNetworkPrinter() as printer:
        svc = services(tea_db, tea_settings(printer.target))
        ring(svc, MIXED)
        actor = _cashier(svc)
        svc.tea.reprint(1, actor)
        order = svc.tea.cancel(1, actor)
        with pytest.raises(TeaError):
            svc.tea.cancel(1, actor)
        printed = tickets(printer)
    assert len(printed) == 6
    assert sum("REPRINT" in t and "พิมพ์ซ้ำ" in t for t in printed) == 2
    assert sum("CANCEL" in t for t in printed) == 2
    assert order.status == OrderStatus.CANCELLED


def test_the_eod_report_and_the_tea_report_have_the_tea_section(
    tea_db: str, services: OpenServices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svc = services(tea_db, tea_settings(None))
    ring(svc, MIXED)
    ring(svc, [("MENU-COOKIE", {}, 3)], scarf=False)
    day = svc.tea.today()
    tea = svc.tea.tea_report(day, day)
    assert tea.orders == 2
    assert tea.quantity == Decimal(6)
    assert tea.amount == Decimal("140.00") + Decimal("35.00") + Decimal("75.00")
    assert [(r.sku, r.amount) for r in tea.by_item] == [
        ("MENU-MILKTEA", Decimal("175.00")), ("MENU-COOKIE", Decimal("75.00")),
    ]  # fmt: skip
    assert [(r.sku, r.quantity) for r in tea.by_item] == [
        ("MENU-MILKTEA", Decimal(3)), ("MENU-COOKIE", Decimal(3)),
    ]  # fmt: skip
    options = {f"{r.group}={r.code}": r.quantity for r in tea.by_option}
    assert options["size=L"] == 2
    assert options["size=S"] == 1
    assert options["top=pearl"] == 2
    assert [(h.hour, h.orders) for h in tea.by_hour] == [(11, 2)]
    report = eod_report(svc.store.uow, day)
    assert report.tea == tea
    csv_path = tmp_path / "eod.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        write_eod_csv(report, f)
    rows = csv_path.read_text("utf-8").splitlines()
    assert "tea_item,MENU-MILKTEA,ชานมใบหม่อน,3,175.00," in rows
    assert "tea,orders,,2,," in rows
    assert any(r.startswith("tea_hour,11,") for r in rows)
    svc.close()
    out = tmp_path / "tea.csv"
    code = main(["report", "tea", "--db", tea_db, "--from", day.isoformat(), "-o", str(out)])
    assert code == 0
    assert "tea_option,size=L,L,2" in out.read_text("utf-8")
    assert main(["report", "tea", "--db", tea_db, "--date", day.isoformat()]) == 0
    said = capsys.readouterr()
    assert "item\tMENU-COOKIE\t3\t75.00" in said.out
    assert "2 orders, 6 drinks, 250.00 baht" in said.err
    pdf = tmp_path / "eod.pdf"
    assert main(["report", "eod", "--db", tea_db, "--date", day.isoformat(), "-o", str(pdf)]) == 0
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Tea by option" in text
    assert "MENU-MILKTEA" in text


@pytest.mark.pg
def test_on_postgresql_concurrent_sales_get_distinct_order_numbers(
    tea_pg: str, services: OpenServices
) -> None:
    svc = services(tea_pg, tea_settings(None))
    _cashier(svc)
    errors: list[BaseException] = []

    def sell() -> None:
        try:
            for _ in range(4):
                ring(svc, [("MENU-TEA", {}, 1)], scarf=False)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=sell) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(o.number for o in svc.tea.orders()) == list(range(1, 13))
    assert stock_of(svc.store, "TEA-LEAF") == Decimal(2000 - 12 * 3)
