"""Checkout on a real SQLite file and a real PostgreSQL server: scans, the sale, its numbers."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.exc import DBAPIError

from db import models as m
from db.engine import make_engine
from pos.app.bootstrap import Store, open_store
from pos.domain.cart import Cart, Discount, DiscountKind
from pos.domain.errors import (
    CartError,
    InvalidBarcode,
    PaymentError,
    ShopError,
    StoreUnavailable,
    UnknownProduct,
)
from pos.domain.payment import Tender, TenderKind, cash_tender
from pos.domain.sale import Receipt
from pos.services.catalog import export_csv, import_csv
from pos.services.checkout import Checkout
from tests.helpers.gs1 import reference_check_digit
from tests.helpers.selling import seller
from tests.integration.conftest import FixedClock, open_small_store

CENT = Decimal("0.01")


# --- helpers ------------------------------------------------------------------------------
def scale_label(prefix: str, plu: str, value: int) -> str:
    """A scale-printed EAN-13 built by hand: prefix, 5-digit item, 5-digit value, check."""
    data = f"{prefix}{plu}{value:05d}"
    return data + str(reference_check_digit(data))


def weight_label(grams: int, plu: str = "00001") -> str:
    return scale_label("21", plu, grams)


def price_label(satang: int, plu: str = "00001") -> str:
    return scale_label("23", plu, satang)


def vat_of(vatable: Decimal) -> Decimal:
    """VAT in a VAT-inclusive amount at 7%, half-up to the satang (DOMAIN.md)."""
    return (vatable * 7 / 107).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def checkout(store: Store, clock: FixedClock) -> Checkout:
    return Checkout(store.uow, store.settings, store.terminal, clock)


def scan(checkout: Checkout, cart: Cart, *codes: str) -> Cart:
    for code in codes:
        checkout.add_to_cart(cart, checkout.lookup(code))
    return cart


def pay_exact(checkout: Checkout, cart: Cart) -> Receipt:
    due = cart.totals().total
    return checkout.complete(
        cart, [Tender(TenderKind.PROMPTPAY, due, reference="PP1")], actor=seller(checkout)
    )


def one_silk_sale(checkout: Checkout) -> Receipt:
    return pay_exact(checkout, scan(checkout, checkout.new_cart(), "8851234000012"))


def fetch(store: Store, query: Any) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(query))


def sales_facts(store: Store) -> dict[str, int]:
    """How many rows of each sale fact the database holds."""
    with store.engine.connect() as conn:

        def count(table: Any, *where: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar())

        return {
            "sales": count(m.Sale),
            "lines": count(m.SaleLine),
            "payments": count(m.Payment),
            "stock": count(m.StockMovement, m.StockMovement.reason == "sale"),
            "outbox": count(m.OutboxEvent),
        }


def stock(store: Store, *skus: str) -> dict[str, Decimal]:
    with store.uow() as read:
        ids = {read.catalog.product_by_sku(s).product_id: s for s in skus}  # type: ignore[union-attr]
        on_hand = read.catalog.stock_on_hand(ids)
    return {ids[pid]: qty for pid, qty in on_hand.items()}


def in_store_code_of(store: Store, sku: str) -> str:
    with store.uow() as read:
        owners = read.catalog.barcode_owners()
    return next(code for code, owner in owners.items() if owner == sku)


# --- scanning -----------------------------------------------------------------------------
def test_every_kind_of_code_finds_its_product(store: Store, checkout: Checkout) -> None:
    dino = in_store_code_of(store, "DINO-001")
    assert dino.startswith("20"), "a product without a GS1 code gets the shop's in-store code"
    cases = [
        # (what the scanner sends, SKU, quantity, line amount)
        ("8851234000012", "SILK-001", "1", "1290.00"),  # EAN-13
        ("036000291452", "TEA-001", "1", "85.00"),  # UPC-A as printed (12 digits)
        ("0036000291452", "TEA-001", "1", "85.00"),  # UPC-A as an EAN-13 scanner sends it
        ("96385074", "BALM-001", "1", "45.00"),  # EAN-8
        ("SILK-001", "SILK-001", "1", "1290.00"),  # SKU typed by the cashier
        (" JAEW-001 ", "JAEW-001", "1", "35.50"),  # stray blanks from the keyboard
        ("3*8851234000029", "JAEW-001", "3", "106.50"),  # quantity typed before the code
        (dino, "DINO-001", "1", "199.00"),  # in-store code
        (weight_label(417), "SAUS-W", "0.417", "75.06"),  # scale label: 417 g at 180.00/kg
        (weight_label(1000), "SAUS-W", "1.000", "180.00"),
        (price_label(5000), "SAUS-W", None, "50.00"),  # scale label with the price printed
    ]
    wrong = []
    for code, sku, qty, amount in cases:
        cart = checkout.new_cart()
        try:
            scan(checkout, cart, code)
        except ShopError as exc:
            wrong.append(f"{code!r}: {type(exc).__name__}: {exc}")
            continue
        (line,) = cart.lines
        got = (line.product.sku, line.quantity if qty else None, line.gross)
        want = (sku, Decimal(qty) if qty else None, Decimal(amount))
        if got != want:
            wrong.append(f"{code!r}: got {got}, want {want}")
    assert not wrong, "\n".join(wrong)


def test_a_price_label_charges_the_printed_price(checkout: Checkout) -> None:
    """The customer pays what the scale printed, whatever the price per kilo works out to."""
    for satang in (5000, 12345, 999, 100_00):
        cart = scan(checkout, checkout.new_cart(), price_label(satang))
        assert cart.totals().total == Decimal(satang) / 100, price_label(satang)
        # stock moves by the weight the amount stands for (180.00 baht a kilo)
        (line,) = cart.lines
        assert line.quantity == (Decimal(satang) / 100 / 180).quantize(Decimal("0.001"))


def test_the_till_refuses_codes_it_cannot_sell(checkout: Checkout) -> None:
    """Each refusal is the typed error the cashier sees, with the code in the message."""
    cases: list[tuple[str, type[ShopError], str]] = [
        # a wrong check digit: a misread is caught before it sells anything
        ("8851234000013", InvalidBarcode, "check digit"),  # EAN-13
        ("036000291453", InvalidBarcode, "check digit"),  # UPC-A
        ("96385075", InvalidBarcode, "check digit"),  # EAN-8
        ("2100001004171", InvalidBarcode, "check digit"),  # scale label
        ("3*8851234000019", InvalidBarcode, "check digit"),
        # valid codes nobody carries
        ("8851234000050", UnknownProduct, "8851234000050"),
        ("8850000000010", UnknownProduct, "8850000000010"),
        ("NOPE-404", UnknownProduct, "NOPE-404"),
        ("silk-001", UnknownProduct, "silk-001"),  # SKUs are exact
        (price_label(5000, plu="00099"), UnknownProduct, price_label(5000, plu="00099")),
        # sold by weight: only a scale label says how much
        ("SAUS-W", CartError, "weigh"),
        (weight_label(0), CartError, "no weight"),
    ]
    wrong = []
    for code, error, words in cases:
        try:
            checkout.lookup(code)
        except ShopError as exc:
            if type(exc) is not error or words not in exc.message_en:
                wrong.append(f"{code!r}: {type(exc).__name__}: {exc.message_en}")
            elif code.split("*")[-1] not in exc.message_en and error is not CartError:
                wrong.append(f"{code!r}: the message does not name the code: {exc.message_en}")
        else:
            wrong.append(f"{code!r}: accepted")
    assert not wrong, "\n".join(wrong)


# --- completing a sale --------------------------------------------------------------------
@pytest.fixture
def fresh_store(db_url: str) -> Iterator[Store]:
    """An empty database, migrated and loaded by the test itself (no template copy)."""
    opened = open_small_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


def test_complete_writes_the_whole_sale_in_one_commit(
    fresh_store: Store, clock: FixedClock
) -> None:
    store = fresh_store
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    cart = scan(
        checkout,
        checkout.new_cart(),
        "8851234000012",  # silk 1290.00
        "3*8851234000029",  # chili paste 3 x 35.50
        "2*8851234000036",  # sticky rice 2 x 60.00, VAT-exempt
        weight_label(417),  # sausage 0.417 kg x 180.00 = 75.06
    )
    due = Decimal("1591.56")
    assert cart.totals().total == due
    before = stock(store, "SILK-001", "JAEW-001", "RICE-001", "SAUS-W")

    commits: list[object] = []

    def count_commit(conn: object) -> None:
        commits.append(conn)

    actor = seller(checkout)
    event.listen(store.engine, "commit", count_commit)
    try:
        receipt = checkout.complete(cart, [cash_tender(due, Decimal(2000))], actor=actor)
    finally:
        event.remove(store.engine, "commit", count_commit)
    assert len(commits) == 1, "sale, lines, payments, stock and outbox: one transaction"

    assert receipt.receipt_no == "KK01-00000001"
    (sale,) = fetch(store, select(m.Sale))
    assert sale.id == receipt.sale_id
    assert sale.receipt_no == "KK01-00000001"
    assert sale.seq == 1
    assert sale.status == "completed"
    assert sale.sold_at == clock.current
    assert (sale.cashier_id, sale.cashier_name) == (actor.user_id, "สมใจ (แคชเชียร์)")
    assert (sale.total, sale.paid, sale.change) == (due, due, Decimal("408.44"))
    vatable = due - Decimal("120.00")
    assert (sale.vatable, sale.exempt, sale.vat) == (vatable, Decimal("120.00"), vat_of(vatable))

    lines = fetch(store, select(m.SaleLine).order_by(m.SaleLine.line_no))
    assert [
        (ln.line_no, ln.sku, ln.name_th, ln.quantity, ln.unit_price, ln.total, ln.vat_exempt)
        for ln in lines
    ] == [
        (
            1,
            "SILK-001",
            "ผ้าไหมมัดหมี่ลายนาค",
            Decimal(1),
            Decimal("1290.00"),
            Decimal("1290.00"),
            False,
        ),
        (2, "JAEW-001", "แจ่วบองปลาร้า", Decimal(3), Decimal("35.50"), Decimal("106.50"), False),
        (3, "RICE-001", "ข้าวเหนียวเขี้ยวงู", Decimal(2), Decimal("60.00"), Decimal("120.00"), True),
        (4, "SAUS-W", "ไส้กรอกอีสานหมู", Decimal("0.417"), Decimal("180.00"), Decimal("75.06"), False),
    ]
    assert all(ln.sale_id == sale.id for ln in lines)
    assert lines[2].vat == 0
    assert sum(ln.vat for ln in lines) == sale.vat
    assert lines[0].barcode == "8851234000012"  # what was scanned, for the audit

    (payment,) = fetch(store, select(m.Payment))
    assert (payment.sale_id, payment.kind, payment.amount, payment.tendered) == (
        sale.id,
        "cash",
        due,
        Decimal("2000.00"),
    )

    movements = fetch(store, select(m.StockMovement).where(m.StockMovement.reason == "sale"))
    assert sorted(mv.quantity for mv in movements) == sorted(
        Decimal(q) for q in ("-1", "-3", "-2", "-0.417")
    )
    assert {(mv.sale_id, mv.terminal_id) for mv in movements} == {
        (sale.id, store.terminal.terminal_id)
    }
    after = stock(store, "SILK-001", "JAEW-001", "RICE-001", "SAUS-W")
    assert {sku: before[sku] - after[sku] for sku in before} == {
        "SILK-001": Decimal(1),
        "JAEW-001": Decimal(3),
        "RICE-001": Decimal(2),
        "SAUS-W": Decimal("0.417"),
    }

    (event_row,) = fetch(store, select(m.OutboxEvent))
    assert (event_row.kind, event_row.aggregate_id, event_row.sent_at) == (
        "sale.completed",
        sale.id,
        None,
    )
    # the outbox row only marks the sale to send: its rows (checked above) are what travels
    assert event_row.payload == {}


def test_receipt_numbers_run_without_gaps(checkout: Checkout, clock: FixedClock) -> None:
    numbers = []
    for i in range(4):
        clock.current += timedelta(minutes=3)
        cart = scan(checkout, checkout.new_cart(), *["8851234000029"] * (i + 1))
        numbers.append(pay_exact(checkout, cart).receipt_no)
    assert numbers == [f"KK01-0000000{i}" for i in (1, 2, 3, 4)]
    assert checkout.reprint("KK01-00000003").total == Decimal("106.50")


def test_two_sales_at_once_never_share_a_number(store: Store, clock: FixedClock) -> None:
    """The till's worker and a second window (or process) ringing up at the same moment."""
    errors: list[BaseException] = []
    numbers: list[str] = []

    def ring_up(count: int) -> None:
        checkout = Checkout(store.uow, store.settings, store.terminal, clock)
        try:
            for _ in range(count):
                numbers.append(one_silk_sale(checkout).receipt_no)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    seller(Checkout(store.uow, store.settings, store.terminal, clock))  # the shift is open
    workers = [threading.Thread(target=ring_up, args=(8,)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert not errors
    assert sorted(numbers) == [f"KK01-{n:08d}" for n in range(1, 25)]
    assert sales_facts(store)["sales"] == 24


def test_tenders_that_do_not_settle_write_nothing(store: Store, checkout: Checkout) -> None:
    cart = scan(checkout, checkout.new_cart(), "8851234000012")  # 1290.00
    refused = [
        [Tender(TenderKind.PROMPTPAY, Decimal("1000.00"), reference="PP1")],  # short
        [Tender(TenderKind.PROMPTPAY, Decimal("1300.00"), reference="PP1")],  # too much
        [Tender(TenderKind.CARD, Decimal("1290.00"))],  # no approval code
        [],
    ]
    for tenders in refused:
        with pytest.raises(PaymentError):
            checkout.complete(cart, tenders, actor=seller(checkout))
    with pytest.raises(CartError):
        checkout.complete(
            checkout.new_cart(), [cash_tender(Decimal(0), Decimal(100))], actor=seller(checkout)
        )

    assert sales_facts(store) == dict.fromkeys(("sales", "lines", "payments", "stock", "outbox"), 0)
    assert pay_exact(checkout, cart).receipt_no == "KK01-00000001"


def _fail_outbox_inserts(engine: Engine) -> None:
    """A trigger that makes the sale's last write (its outbox row) fail inside the database."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER outbox_broken BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'outbox is broken'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION outbox_broken() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'outbox is broken'; END $$"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER outbox_broken BEFORE INSERT ON outbox "
                "FOR EACH ROW EXECUTE FUNCTION outbox_broken()"
            )


def _repair_outbox(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "DROP TRIGGER outbox_broken"
            if engine.dialect.name == "sqlite"
            else "DROP TRIGGER outbox_broken ON outbox"
        )


def test_a_failure_in_the_middle_of_recording_leaves_no_trace(
    store: Store, checkout: Checkout
) -> None:
    assert one_silk_sale(checkout).receipt_no == "KK01-00000001"
    facts = sales_facts(store)
    stock_before = stock(store, "SILK-001", "JAEW-001")

    _fail_outbox_inserts(store.engine)
    cart = scan(checkout, checkout.new_cart(), "8851234000012", "8851234000029")
    with pytest.raises(DBAPIError, match="outbox is broken"):
        pay_exact(checkout, cart)

    assert sales_facts(store) == facts, "no sale, line, payment or stock row of the failed sale"
    assert stock(store, "SILK-001", "JAEW-001") == stock_before
    _repair_outbox(store.engine)
    assert pay_exact(checkout, cart).receipt_no == "KK01-00000002", "no number was used up"


def test_a_full_disk_on_the_counter_loses_nothing(migrated_sqlite_url: str) -> None:
    """SQLite runs out of room half-way through the sale: a shop error, and no half sale."""
    store = open_small_store(migrated_sqlite_url)
    try:
        checkout = Checkout(store.uow, store.settings, store.terminal, FixedClock())
        assert one_silk_sale(checkout).receipt_no == "KK01-00000001"
        facts = sales_facts(store)
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

        def cap(dbapi_conn: Any, _record: object) -> None:
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

        store.engine.dispose()
        event.listen(store.engine, "connect", cap)
        # forty weighed packs: the sale's rows need pages the "disk" no longer has
        cart = scan(checkout, checkout.new_cart(), *(weight_label(300 + i) for i in range(40)))
        with pytest.raises(StoreUnavailable) as caught:
            pay_exact(checkout, cart)
        assert "full" in caught.value.message_en

        event.remove(store.engine, "connect", cap)
        store.engine.dispose()
        assert sales_facts(store) == facts
        assert pay_exact(checkout, cart).receipt_no == "KK01-00000002"
    finally:
        store.close()


@pytest.mark.pg
def test_a_locked_central_table_fails_the_sale_cleanly(migrated_pg_url: str) -> None:
    """Another session holds the outbox: the sale times out as a shop error, half-written never."""
    store = open_small_store(migrated_pg_url)
    holder = make_engine(migrated_pg_url)
    try:
        checkout = Checkout(store.uow, store.settings, store.terminal, FixedClock())
        assert one_silk_sale(checkout).receipt_no == "KK01-00000001"
        facts = sales_facts(store)
        with store.engine.begin() as conn:
            name = conn.exec_driver_sql("SELECT current_database()").scalar()
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET lock_timeout = 300')
        store.engine.dispose()  # new sessions pick up the timeout

        cart = scan(checkout, checkout.new_cart(), "8851234000012", weight_label(250))
        with holder.connect() as other:
            other.execute(text("LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE"))
            with pytest.raises(StoreUnavailable, match="lock timeout"):
                pay_exact(checkout, cart)
            other.rollback()

        assert sales_facts(store) == facts
        assert pay_exact(checkout, cart).receipt_no == "KK01-00000002"
    finally:
        holder.dispose()
        store.close()


# --- the receipt printer ------------------------------------------------------------------
class CommittedSaleChecker:
    """A receipt sink that looks, through its own connection, whether the sale is committed."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.seen: list[tuple[str, str | None]] = []

    def stage(self, uow: object, receipt: Receipt) -> None:
        pass  # this sink keeps no print jobs

    def submit(self, receipt: Receipt) -> None:
        with self.engine.connect() as conn:
            status = conn.execute(
                select(m.Sale.status).where(m.Sale.receipt_no == receipt.receipt_no)
            ).scalar()
        self.seen.append((receipt.receipt_no, status))


class OfflinePrinter:
    def __init__(self) -> None:
        self.calls = 0

    def stage(self, uow: object, receipt: Receipt) -> None:
        pass  # this sink keeps no print jobs

    def submit(self, receipt: Receipt) -> None:
        self.calls += 1
        raise ShopError("The receipt printer is offline", "เครื่องพิมพ์ใบเสร็จไม่พร้อมใช้งาน")


@pytest.fixture
def committed_checker(store: Store) -> Iterator[CommittedSaleChecker]:
    sink = CommittedSaleChecker(store.url)
    try:
        yield sink
    finally:
        sink.engine.dispose()


def test_the_receipt_is_printed_only_after_the_commit(
    store: Store, clock: FixedClock, committed_checker: CommittedSaleChecker
) -> None:
    checkout = Checkout(store.uow, store.settings, store.terminal, clock, committed_checker)
    one_silk_sale(checkout)
    one_silk_sale(checkout)
    assert committed_checker.seen == [
        ("KK01-00000001", "completed"),
        ("KK01-00000002", "completed"),
    ]


def test_a_printer_fault_does_not_lose_the_sale(
    store: Store, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    printer = OfflinePrinter()
    checkout = Checkout(store.uow, store.settings, store.terminal, clock, printer)
    with caplog.at_level(logging.WARNING):
        receipt = one_silk_sale(checkout)
    assert printer.calls == 1
    assert receipt.receipt_no == "KK01-00000001"
    assert "KK01-00000001" in caplog.text, "the unprinted receipt is logged"
    assert sales_facts(store) == {"sales": 1, "lines": 1, "payments": 1, "stock": 1, "outbox": 1}
    assert checkout.reprint("KK01-00000001").total == Decimal("1290.00")
    assert one_silk_sale(checkout).receipt_no == "KK01-00000002"


# --- what the sale remembers --------------------------------------------------------------
def _edit_catalogue(store: Store, sku: str, **changes: str) -> None:
    """Change a product the way the office does: export, edit the row, import."""
    import csv

    out = io.StringIO()
    export_csv(store.uow, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    row = next(r for r in rows if r["sku"] == sku)
    row.update(changes)
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    import_csv(store.uow, io.StringIO(edited.getvalue()), store.terminal.terminal_id)


def test_a_price_change_after_scanning_does_not_change_the_sold_line(
    store: Store, checkout: Checkout
) -> None:
    cart = scan(checkout, checkout.new_cart(), "8851234000012")
    _edit_catalogue(
        store, "SILK-001", price="1390.00", name_th="ผ้าไหมมัดหมี่ลายนาค รุ่นใหม่", vat_exempt="yes"
    )
    fresh = checkout.lookup("8851234000012").product
    assert (fresh.unit_price, fresh.vat_exempt) == (Decimal("1390.00"), True), "the edit landed"

    receipt = pay_exact(checkout, cart)
    assert receipt.total == Decimal("1290.00")
    (line,) = fetch(store, select(m.SaleLine))
    assert (line.name_th, line.unit_price, line.total, line.vat_exempt, line.vat) == (
        "ผ้าไหมมัดหมี่ลายนาค",
        Decimal("1290.00"),
        Decimal("1290.00"),
        False,
        vat_of(Decimal(1290)),
    )

    _edit_catalogue(store, "SILK-001", price="990.00", name_th="ผ้าไหมลดราคา")
    again = checkout.reprint(receipt.receipt_no)
    assert [(ln.name_th, ln.unit_price) for ln in again.lines] == [
        ("ผ้าไหมมัดหมี่ลายนาค", Decimal("1290.00"))
    ]
    assert (again.total, again.vat) == (Decimal("1290.00"), vat_of(Decimal(1290)))


def _snapshot(cart: Cart) -> list[tuple[object, ...]]:
    return [(ln.product.sku, ln.quantity, ln.unit_price, ln.discount) for ln in cart]


def test_park_and_recall_restore_the_cart(
    store: Store, checkout: Checkout, clock: FixedClock
) -> None:
    flaw = Discount(DiscountKind.PERCENT, Decimal(10), "ตำหนิเล็กน้อย")
    cart = scan(checkout, checkout.new_cart(), "2*8851234000029", "8851234000012")
    first_silk = cart.lines[1]
    cart.set_line_discount(first_silk.line_id, flaw)
    scan(checkout, cart, "8851234000012")  # a second scarf: its own line
    # the flaw was on the other scarf: the cashier moves the discount
    cart.set_line_discount(first_silk.line_id, None)
    cart.set_line_discount(cart.lines[2].line_id, flaw)
    scan(checkout, cart, weight_label(417), price_label(5000), "2*8851234000036")
    cart.set_sale_discount(Discount(DiscountKind.AMOUNT, Decimal("20.00"), "ลูกค้าประจำ"))
    before = _snapshot(cart)
    total = cart.totals().total
    assert len(before) == 6

    parked_id = checkout.park(cart, label="โต๊ะ 3 รอแฟนมาจ่าย")
    (parked,) = checkout.parked()
    assert (parked.parked_id, parked.label, parked.parked_at) == (
        parked_id,
        "โต๊ะ 3 รอแฟนมาจ่าย",
        clock.current,
    )

    # the counter restarts: the parked sale is still there
    store.close()
    again = open_store(store.url, store.settings)
    try:
        restarted = Checkout(again.uow, again.settings, again.terminal, clock)
        assert [p.parked_id for p in restarted.parked()] == [parked_id]
        recalled = restarted.recall(parked_id)

        assert _snapshot(recalled) == before
        assert recalled.sale_discount == cart.sale_discount
        assert recalled.totals().total == total
        assert restarted.parked() == []
        with pytest.raises(CartError):
            restarted.recall(parked_id)
        assert pay_exact(restarted, recalled).total == total
    finally:
        again.close()


def test_vat_exempt_goods_are_kept_apart(store: Store, checkout: Checkout) -> None:
    cart = scan(checkout, checkout.new_cart(), "8851234000012", "2*8851234000036")
    receipt = pay_exact(checkout, cart)
    (sale,) = fetch(store, select(m.Sale))
    assert (sale.total, sale.vatable, sale.exempt, sale.vat) == (
        Decimal("1410.00"),
        Decimal("1290.00"),
        Decimal("120.00"),
        Decimal("84.39"),
    )
    assert (receipt.vatable, receipt.exempt, receipt.vat) == (
        sale.vatable,
        sale.exempt,
        sale.vat,
    )
    lines = {ln.sku: ln for ln in fetch(store, select(m.SaleLine))}
    assert (lines["RICE-001"].vat_exempt, lines["RICE-001"].vat) == (True, Decimal("0.00"))
    assert (lines["SILK-001"].vat_exempt, lines["SILK-001"].vat) == (False, Decimal("84.39"))


@pytest.mark.parametrize(
    ("discount", "amount"),
    [
        (Discount(DiscountKind.AMOUNT, Decimal("33.33"), "ลูกค้าประจำ"), Decimal("33.33")),
        (Discount(DiscountKind.PERCENT, Decimal("7"), "วันเกิด"), Decimal("29.72")),
    ],
)
def test_a_sale_discount_is_spread_over_the_lines_exactly(
    store: Store, checkout: Checkout, discount: Discount, amount: Decimal
) -> None:
    cart = scan(
        checkout,
        checkout.new_cart(),
        "8851234000029",  # 35.50
        "96385074",  # 45.00
        in_store_code_of(store, "DINO-001"),  # 199.00
        "8851234000036",  # 60.00, VAT-exempt
        "0036000291452",  # 85.00
    )
    subtotal = Decimal("424.50")
    cart.set_sale_discount(discount)
    pay_exact(checkout, cart)

    (sale,) = fetch(store, select(m.Sale))
    lines = fetch(store, select(m.SaleLine).order_by(m.SaleLine.line_no))
    assert (sale.subtotal, sale.sale_discount, sale.discount_total) == (subtotal, amount, amount)
    assert sum(ln.sale_discount for ln in lines) == amount
    assert sum(ln.total for ln in lines) == sale.total == subtotal - amount
    assert sum(ln.vat for ln in lines) == sale.vat == vat_of(sale.vatable)
    assert sale.vatable + sale.exempt == sale.total
    assert sale.exempt == next(ln.total for ln in lines if ln.vat_exempt)
    for ln in lines:  # each line carries its fair share, to the satang
        fair = ln.gross * amount / subtotal
        assert abs(ln.sale_discount - fair) < CENT, (ln.sku, ln.sale_discount, fair)


def test_sales_are_stamped_in_utc(store: Store, checkout: Checkout, clock: FixedClock) -> None:
    bangkok_evening = datetime(2026, 11, 27, 22, 15, tzinfo=UTC) - timedelta(hours=7)
    clock.current = bangkok_evening
    receipt = one_silk_sale(checkout)
    (sale,) = fetch(store, select(m.Sale))
    assert sale.sold_at == bangkok_evening
    assert sale.sold_at.utcoffset() == timedelta(0)
    assert checkout.reprint(receipt.receipt_no).sold_at == bangkok_evening
