"""Compare what the counters hold with what the central database holds."""

from __future__ import annotations

from collections import Counter as Tally
from decimal import Decimal

from sqlalchemy import text

from tests.sync.conftest import Central, Counter


def local_facts(counter: Counter) -> dict[str, object]:
    with counter.store.engine.connect() as conn:
        return {
            "sales": set(conn.execute(text("SELECT id FROM sales")).scalars()),
            "lines": conn.execute(text("SELECT count(*) FROM sale_lines")).scalar(),
            "payments": conn.execute(text("SELECT count(*) FROM payments")).scalar(),
            "moves": conn.execute(
                text("SELECT count(*) FROM stock_movements WHERE sale_id IS NOT NULL")
            ).scalar(),
            "total": Decimal(
                str(conn.execute(text("SELECT coalesce(sum(total), 0) FROM sales")).scalar())
            ).quantize(Decimal("0.01")),
            "unsent": conn.execute(
                text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            ).scalar(),
            "events": conn.execute(text("SELECT count(*) FROM outbox")).scalar(),
        }


def central_facts(central: Central, terminal_id: str) -> dict[str, object]:
    with central.admin.connect() as conn:
        p = {"t": terminal_id}
        sales = list(conn.execute(text("SELECT id FROM sales WHERE terminal_id = :t"), p).scalars())
        return {
            "sales_list": sales,
            "sales": set(sales),
            "lines": conn.execute(
                text(
                    "SELECT count(*) FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
                    "WHERE s.terminal_id = :t"
                ),
                p,
            ).scalar(),
            "payments": conn.execute(
                text(
                    "SELECT count(*) FROM payments y JOIN sales s ON s.id = y.sale_id "
                    "WHERE s.terminal_id = :t"
                ),
                p,
            ).scalar(),
            "moves": conn.execute(
                text(
                    "SELECT count(*) FROM stock_movements "
                    "WHERE terminal_id = :t AND sale_id IS NOT NULL"
                ),
                p,
            ).scalar(),
            "total": Decimal(
                conn.execute(
                    text("SELECT coalesce(sum(total), 0) FROM sales WHERE terminal_id = :t"), p
                ).scalar()
            ).quantize(Decimal("0.01")),
            "events": conn.execute(
                text("SELECT count(*) FROM sync_events WHERE terminal_id = :t"), p
            ).scalar(),
        }


def assert_exactly_once(central: Central, counter: Counter) -> None:
    """Every sale of the counter is on the central database once, with all its rows."""
    here = local_facts(counter)
    there = central_facts(central, counter.store.terminal.terminal_id)
    assert here["unsent"] == 0
    dupes = [k for k, n in Tally(there["sales_list"]).items() if n > 1]  # type: ignore[arg-type]
    assert dupes == []
    assert there["sales"] == here["sales"]
    for key in ("lines", "payments", "moves", "total", "events"):
        assert there[key] == here[key], key


def assert_whole_sales_only(central: Central, counter: Counter) -> None:
    """A cut batch leaves no half sale: each central sale has all its lines and payments."""
    with central.admin.connect() as conn:
        central_lines = dict(
            conn.execute(
                text(
                    "SELECT s.id, (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id) "
                    "FROM sales s WHERE s.terminal_id = :t"
                ),
                {"t": counter.store.terminal.terminal_id},
            ).all()
        )
    with counter.store.engine.connect() as conn:
        local_lines = dict(
            conn.execute(text("SELECT sale_id, count(*) FROM sale_lines GROUP BY sale_id")).all()
        )
    for sale_id, n in central_lines.items():
        assert local_lines[sale_id] == n
