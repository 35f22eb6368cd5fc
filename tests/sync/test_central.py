"""The central database: idempotent init, the counter role's limits, catalogue changes down."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from db.central import init_central
from db.engine import make_engine
from pos.app import main
from pos.domain.settings import Settings
from tests.sync.conftest import Central, shop

pytestmark = pytest.mark.pg


def test_the_counter_role_cannot_update_or_delete_a_sale(central: Central, make_counter) -> None:
    c = make_counter("Counter 2")
    c.sell(2, seed=1)
    c.service.sync_once()
    role = make_engine(central.counter_url)
    try:
        for sql in (
            "UPDATE sales SET total = 0",
            "DELETE FROM sales",
            "DELETE FROM sale_lines",
            "UPDATE payments SET amount = 0",
            "TRUNCATE sales CASCADE",
            "UPDATE products SET unit_price = 1",
            "INSERT INTO terminals (id, shop_id, name, pos_id, receipt_prefix, is_local, "
            "created_at) SELECT 'x', id, 'x', '', 'ZZ', false, now() FROM shops",
        ):
            with role.begin() as conn, pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text(sql))
        with role.connect() as conn:  # but it reads the catalogue
            # the small catalogue and the centre's own SVC-ROOM and SVC-DELIVERY
            assert conn.execute(text("SELECT count(*) FROM products")).scalar() == 11
    finally:
        role.dispose()
    assert central.scalar("SELECT count(*) FROM sales WHERE total > 0") == 2


def test_a_central_price_change_reaches_a_counter_in_one_sync(
    central: Central, make_counter
) -> None:
    c = make_counter("Counter 2")
    with central.admin.connect() as conn:
        sku, code = conn.execute(
            text(
                "SELECT p.sku, b.code FROM products p "
                "JOIN product_barcodes b ON b.product_id = p.id "
                "WHERE p.sold_by = 'unit' ORDER BY p.sku LIMIT 1"
            )
        ).one()
    with c.store.uow() as read:
        before = read.catalog.product_by_barcode(code)
    assert before is not None
    new_price = before.unit_price + Decimal("11.50")
    other_code = central.scalar(
        "SELECT code FROM product_barcodes WHERE code <> :c ORDER BY code LIMIT 1", c=code
    )
    central.execute("UPDATE products SET unit_price = :p WHERE sku = :s", p=new_price, s=sku)
    central.execute("DELETE FROM product_barcodes WHERE code = :c", c=other_code)

    result = c.service.sync_once()

    assert result.pulled >= 1
    assert result.tombstones == 1
    with c.store.uow() as read:
        after = read.catalog.product_by_barcode(code)
        assert read.catalog.product_by_barcode(str(other_code)) is None
    assert after is not None
    assert after.unit_price == new_price
    # the till rings up the new price
    checkout = c.store.checkout()
    cart = checkout.new_cart()
    cart.add(after, Decimal(1))
    assert cart.totals().total == new_price
    # nothing more to pull the second time
    assert c.service.sync_once().pulled == 0


def test_init_is_idempotent_and_keeps_the_change_log(central: Central) -> None:
    seq = central.scalar("SELECT max(seq) FROM catalog_changes")
    rows = central.scalar("SELECT count(*) FROM catalog_changes")
    init_central(central.admin, shop(Settings()))
    assert central.scalar("SELECT count(*) FROM catalog_changes") == rows
    assert central.scalar("SELECT max(seq) FROM catalog_changes") == seq


def test_the_command_line_init_register_sync(central: Central, tmp_path, capsys) -> None:
    db = str(tmp_path / "counter9.sqlite3")
    assert main(["central", "init", "--url", central.admin_url]) == 0
    assert main(["central", "init", "--url", central.admin_url]) == 0
    assert (
        main(
            [
                "terminal",
                "register",
                "--central",
                central.counter_url,
                "--name",
                "Counter 9",
                "--db",
                db,
                "--pos-id",
                "E0000000000000009",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Counter 9" in out
    assert "receipt prefix KK" in out
    assert main(["sync", "--central", central.counter_url, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "sent 0 sale(s)" in out
    assert (
        central.scalar("SELECT pos_id FROM terminals WHERE name = 'Counter 9'")
        == "E0000000000000009"
    )
    assert main(["sync", "--db", db]) == 2  # no central URL configured: says so


def test_counters_see_central_stock_and_a_round_rewrites_only_what_changed(
    central: Central, make_counter
) -> None:
    a = make_counter("Counter 2")
    b = make_counter("Counter 3")

    def stock(c) -> dict[str, tuple[Decimal, str]]:  # type: ignore[no-untyped-def]
        with c.store.engine.connect() as conn:
            return {
                p: (Decimal(str(q)), at)
                for p, q, at in conn.execute(
                    text("SELECT product_id, quantity, as_of FROM central_stock")
                )
            }

    before = stock(b)
    assert len(before) == central.scalar("SELECT count(*) FROM stock_levels")
    a.sell(3, seed=2)
    a.service.sync_once()
    b.service.sync_once()  # b sees a's sales in the central stock
    after = stock(b)
    with a.store.engine.connect() as conn:
        sold = dict(
            conn.execute(
                text(
                    "SELECT product_id, sum(quantity) FROM stock_movements "
                    "WHERE reason = 'sale' GROUP BY product_id"
                )
            ).all()
        )
    assert sold
    for pid, (q, at) in after.items():
        if pid in sold:
            assert q == before[pid][0] + Decimal(str(sold[pid]))
            assert at != before[pid][1]
        else:
            assert (q, at) == before[pid]  # untouched
