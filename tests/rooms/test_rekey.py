"""A counter made before the centre's ids were derived from their codes (its CENTRE producer,
SVC-ROOM and SVC-DELIVERY under random ids, a booking deposit and a delivery fee sold) meets
the central database: refused until the re-keying migration, then its sales land under
central's ids, the journal verifies on both sides, nothing is doubled, and again is nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import downgrade, upgrade
from db.rekey import rekey_centre_rows
from db.uow import SqlUnitOfWorkFactory
from pos.app.bootstrap import Services
from pos.domain.cart import CartLine
from pos.domain.catalog import centre_id
from pos.domain.payment import Tender, TenderKind
from pos.domain.rooms import RoomRules
from pos.domain.sale import Receipt
from pos.domain.shop_time import BANGKOK
from pos.ports.rooms import Customer
from pos.services.journal import verify_journal
from tests.helpers.selling import seller
from tests.rooms.conftest import CASHIER, MANAGER, ROOM
from tests.sync.conftest import Central, Counter, central, make_counter  # noqa: F401 (fixtures)

pytestmark = pytest.mark.pg
GUEST = Customer("สมศรี", "0812345678", "อบต.", "อบรม", 10)
SKUS = ("SVC-DELIVERY", "SVC-ROOM")


def _make_old(counter: Counter) -> dict[str, str]:
    """The centre's rows as versions before the derived ids made them: random ids."""
    old = {sku: str(uuid.uuid4()) for sku in (*SKUS, "CENTRE")}
    with counter.store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        conn.execute(
            text("UPDATE producers SET id = :o WHERE code = 'CENTRE'"), {"o": old["CENTRE"]}
        )
        conn.execute(
            text("UPDATE products SET producer_id = :o WHERE producer_id = :d"),
            {"o": old["CENTRE"], "d": centre_id("producer", "CENTRE")},
        )
        for sku in SKUS:
            for table, col in (("products", "id"), ("product_barcodes", "product_id")):
                conn.execute(
                    text(f"UPDATE {table} SET {col} = :o WHERE {col} = :d"),
                    {"o": old[sku], "d": centre_id("product", sku)},
                )
    return old


def _sell(services: Services, line: CartLine) -> Receipt:
    cart = services.checkout.new_cart()
    cart.add_line(line)
    tender = Tender(TenderKind.CASH, cart.totals().total)
    return services.checkout.complete(cart, [tender], actor=seller(services.checkout))


def _rows(counter: Counter) -> list[tuple[object, ...]]:
    with counter.store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT l.id, l.product_id, l.producer_id, p.sku FROM sale_lines l "
                "JOIN products p ON p.id = l.product_id ORDER BY l.id"
            )
        ] + [tuple(r) for r in conn.exec_driver_sql("SELECT * FROM rekeyed_ids ORDER BY old_id")]


def test_an_old_counter_is_rekeyed_and_its_sales_land_under_centrals_ids(
    central: Central,  # noqa: F811
    make_counter,  # noqa: F811
) -> None:
    counter = make_counter("old counter")
    old = _make_old(counter)
    services = Services(counter.store, queue_prints=False)  # its rooms are its own
    room = services.rooms.save_room(MANAGER, ROOM)
    services.rooms.save_rules(MANAGER, room.id, RoomRules())
    day = datetime.now(UTC).astimezone(BANGKOK).date() + timedelta(days=7)
    day += timedelta(days=(2 - day.weekday()) % 7)
    start = datetime(day.year, day.month, day.day, 10, tzinfo=BANGKOK)
    b = services.rooms.book(room.id, start, start + timedelta(hours=2), GUEST, actor=CASHIER)
    deposit = _sell(services, services.rooms.payment_line(b.booking_no, "deposit"))
    with counter.store.uow() as read:
        fee_product = read.catalog.product_by_sku("SVC-DELIVERY")
    assert fee_product is not None
    assert fee_product.product_id == old["SVC-DELIVERY"]
    fee = _sell(services, CartLine(fee_product, Decimal(1), Decimal("50.00"), ref="delivery:W1"))
    with counter.store.engine.connect() as conn:
        sold = conn.exec_driver_sql(
            "SELECT product_id FROM sale_lines WHERE sale_id = ?", (deposit.sale_id,)
        ).scalar()
    assert sold == old["SVC-ROOM"]

    counter.service.sync_once()  # central knows neither id: both sales refused, kept
    assert sorted(p.document for p in counter.service.problems()) == sorted(
        [deposit.receipt_no, fee.receipt_no]
    )

    engine = make_engine(str(counter.store.engine.url))  # the store upgraded: migration 0024
    try:
        downgrade(engine, "0022")
        upgrade(engine)
    finally:
        engine.dispose()
    counter.service.sync_once()

    assert counter.service.problems() == []
    for receipt in (deposit, fee):
        assert central.scalar(
            "SELECT string_agg(l.product_id || ' ' || l.producer_id || ' ' || p.sku, ',') "
            "FROM sale_lines l JOIN products p ON p.id = l.product_id WHERE l.sale_id = :s",
            s=receipt.sale_id,
        ) == (
            f"{centre_id('product', receipt.lines[0].sku)} {centre_id('producer', 'CENTRE')} "
            f"{receipt.lines[0].sku}"
        )  # fmt: skip
    # one row per SKU on both sides, the old ids nowhere but in the notes
    with counter.store.engine.connect() as conn:
        here = conn.exec_driver_sql(
            "SELECT group_concat(sku || '=' || id, ',') FROM (SELECT sku, id FROM products "
            "WHERE sku LIKE 'SVC-%' ORDER BY sku)"
        ).scalar()
        named = conn.exec_driver_sql(
            "SELECT count(*) FROM sale_lines WHERE product_id IN (?, ?) OR producer_id = ?",
            (old["SVC-ROOM"], old["SVC-DELIVERY"], old["CENTRE"]),
        ).scalar()
        producers = conn.exec_driver_sql("SELECT count(*) FROM producers WHERE code = 'CENTRE'")
        assert producers.scalar() == 1
    assert here == ",".join(f"{s}={centre_id('product', s)}" for s in SKUS)
    assert named == 0
    assert central.scalar("SELECT count(*) FROM products WHERE sku LIKE 'SVC-%'") == 2
    assert central.scalar("SELECT count(*) FROM producers WHERE code = 'CENTRE'") == 1
    noted = "SELECT count(*) FROM rekeyed_ids WHERE old_id IN (:a, :b, :c)"
    assert central.scalar(noted, a=old["SVC-ROOM"], b=old["SVC-DELIVERY"], c=old["CENTRE"]) == 3

    # the journal as written (old ids) verifies here, matches central's copy, and there
    tid = counter.store.terminal.terminal_id
    central_uow = SqlUnitOfWorkFactory(central.admin)
    with central_uow() as there:
        theirs = there.journal.chain(tid)
    assert len(theirs) == 2
    mine = verify_journal(counter.store.uow, terminal_id=tid, central=theirs)
    assert mine.ok, mine.problems
    on_central = verify_journal(central_uow)
    assert on_central.ok, on_central.problems

    # again: nothing to do, nothing changed
    before = _rows(counter)
    with counter.store.engine.begin() as conn:
        assert rekey_centre_rows(conn) == []
    upgrade(counter.store.engine)
    assert _rows(counter) == before
    # central's later change of SVC-ROOM arrives on the same row (no clash on the SKU)
    central.execute("UPDATE products SET unit_price = 250 WHERE sku = 'SVC-ROOM'")
    counter.service.sync_once()
    with counter.store.uow() as read:
        pulled = read.catalog.product_by_sku("SVC-ROOM")
    assert pulled is not None
    assert (pulled.product_id, pulled.unit_price) == (centre_id("product", "SVC-ROOM"), 250)
