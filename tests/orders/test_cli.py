"""`otop-pos orders list|show|expire` on a real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pos.domain.orders import OrderLineRequest, PaymentMethod
from pos.services.orders import Orders
from tests.integration.conftest import FixedClock
from tests.integration.test_cli import cli
from tests.orders.conftest import delivery, pickup


@pytest.fixture(autouse=True)
def _own_home(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))


def test_list_show_and_expire(orders: Orders, small_store_url: str, clock: FixedClock) -> None:
    clock.current = datetime.now(UTC) - timedelta(hours=1)  # the command reads the wall clock
    paying = orders.place(
        "cli-key-0001", delivery(), [OrderLineRequest("product", "TEA-001", 2)],
        PaymentMethod.PROMPTPAY,
    )  # fmt: skip
    waiting = orders.place(
        "cli-key-0002", pickup(), [OrderLineRequest("basket", "BK-NY", 1)], PaymentMethod.AT_PICKUP
    )
    code, out, _ = cli("orders", "list", "--db", small_store_url)
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert {r[0] for r in rows} == {paying.order_no, waiting.order_no}
    code, out, _ = cli("orders", "list", "--db", small_store_url, "--status", "awaiting_payment")
    assert [line.split("\t")[0] for line in out.splitlines()] == [paying.order_no]
    code, _, err = cli("orders", "list", "--db", small_store_url, "--status", "lost")
    assert code != 0
    assert "awaiting_payment" in err
    code, out, _ = cli("orders", "show", paying.order_no, "--db", small_store_url)
    assert code == 0
    assert "TEA-001" in out
    assert "total 220.00" in out
    assert "0812345678" in out
    code, _, err = cli("orders", "show", "W0000000000", "--db", small_store_url)
    assert code != 0
    assert "W0000000000" in err
    code, out, _ = cli("orders", "expire", "--db", small_store_url)  # 60 min > 30 min held
    assert code == 0
    assert out.startswith("1 unpaid order(s) expired")
    code, out, _ = cli("orders", "list", "--db", small_store_url, "--status", "cancelled")
    assert [line.split("\t")[0] for line in out.splitlines()] == [paying.order_no]
