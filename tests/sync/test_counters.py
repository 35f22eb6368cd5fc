"""Three counters sell and sync at the same time: the central totals are their sum."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.domain.errors import CentralUnavailable
from tests.sync.checks import assert_exactly_once, local_facts
from tests.sync.conftest import Central, Counter

pytestmark = pytest.mark.pg


def test_three_counters_selling_and_syncing_in_parallel(central: Central, make_counter) -> None:
    counters: list[Counter] = [make_counter(f"Counter {i}") for i in (2, 3, 4)]
    prefixes = {c.store.terminal.receipt_prefix for c in counters}
    assert len(prefixes) == 3  # allocated centrally, unique
    errors: list[BaseException] = []
    done = threading.Event()

    def seller(c: Counter, seed: int) -> None:
        try:
            for round_no in range(6):
                c.sell(8, seed=seed * 100 + round_no)
        except BaseException as exc:
            errors.append(exc)

    def syncer(c: Counter) -> None:
        try:
            while not done.is_set():
                c.service.sync_once()
        except BaseException as exc:
            errors.append(exc)

    sellers = [threading.Thread(target=seller, args=(c, i)) for i, c in enumerate(counters)]
    syncers = [threading.Thread(target=syncer, args=(c,)) for c in counters]
    for t in sellers + syncers:
        t.start()
    for t in sellers:
        t.join(60)
    done.set()
    for t in syncers:
        t.join(60)
    assert errors == []
    for _ in range(2):  # everything sent, then every counter's pull after the last push
        for c in counters:
            c.service.sync_once()

    grand_total = Decimal(0)
    for c in counters:
        assert_exactly_once(central, c)
        grand_total += local_facts(c)["total"]  # type: ignore[operator]
    all_sales = central.scalar(
        "SELECT count(*) FROM sales WHERE terminal_id IN (SELECT id FROM terminals "
        "WHERE NOT is_local)"
    )
    assert all_sales == 3 * 48
    assert (
        central.scalar(
            "SELECT sum(total) FROM sales WHERE terminal_id IN (SELECT id FROM terminals "
            "WHERE NOT is_local)"
        )
        == grand_total
    )
    assert central.scalar("SELECT count(DISTINCT receipt_no) FROM sales") == central.scalar(
        "SELECT count(*) FROM sales"
    )

    # central stock is the sum of every counter's movements, and each counter sees it
    with central.admin.connect() as conn:
        central_stock = dict(
            conn.execute(
                text("SELECT product_id, sum(quantity) FROM stock_movements GROUP BY product_id")
            ).all()
        )
    for c in counters:
        with c.store.engine.connect() as conn:
            seen = {
                pid: Decimal(str(q)).quantize(Decimal("0.001"))
                for pid, q in conn.execute(text("SELECT product_id, quantity FROM central_stock"))
            }
        assert seen == {p: q.quantize(Decimal("0.001")) for p, q in central_stock.items()}


def test_without_a_central_server_the_counter_sells_and_keeps_its_sales(
    central: Central, make_counter, proxy
) -> None:
    p, url = proxy
    c = make_counter("Counter 5", url=url)
    p.close()  # the network is gone
    c.sell(5, seed=3)
    with pytest.raises(CentralUnavailable):
        c.service.sync_once()
    status = c.service.status()
    assert status.online is False
    assert status.pending == 5
    assert status.failures == 1
    check = c.service.shift_close_check()
    assert not check.ok
    assert check.pending == 5
    assert "5" in check.message_en
