"""A network gone silent (no reset, no data) mid-push or mid-pull: the round gives up within
its stated bound, rolls back, and everything arrives exactly once when the network returns."""

from __future__ import annotations

import threading
import time

import pytest

from db.engine import make_engine
from db.sync import CentralSync, as_counter_login, central_connect_args
from pos.domain.errors import CentralUnavailable
from pos.ports.clock import SystemClock
from pos.services.sync import Backoff, SyncLoop, SyncResult, SyncService
from tests.sync.checks import assert_exactly_once, assert_whole_sales_only
from tests.sync.conftest import Central

pytestmark = pytest.mark.pg

BOUND = 6.0  # seconds: a short sync_round_timeout_s for the test (the default is 30)


def bounded(c, url: str) -> SyncService:
    # as the counter's own login (the proxy's address, its role)
    login = as_counter_login(c.store.engine, url)
    engine = make_engine(login, connect_args=central_connect_args(BOUND))
    c.engines.append(engine)
    transport = CentralSync(
        c.store.engine, engine, c.store.terminal.terminal_id, round_timeout=BOUND
    )
    return SyncService(transport, SystemClock(), 10)


def gives_up_in_bound(service: SyncService) -> str:
    started = time.monotonic()
    with pytest.raises(CentralUnavailable) as err:
        service.sync_once()
    assert time.monotonic() - started <= BOUND + 1.0
    return err.value.message_en


def test_silent_mid_push_and_mid_pull_give_up_in_bound(
    central: Central, make_counter, proxy
) -> None:
    p, url = proxy
    c = make_counter("Counter 2", url=url)
    service = bounded(c, url)
    c.sell(40, seed=31)
    # mid-push: the connection goes quiet after the first batch or so
    p.stall_after = p.bytes_up + 6_000
    message = gives_up_in_bound(service)
    assert "not answering" in message
    assert p.stalls >= 1
    status = service.status()
    assert status.online is False
    assert status.not_answering
    assert_whole_sales_only(central, c)  # nothing half-sent: what is there is whole

    p.stall_after = None  # the network returns
    result = service.sync_once()
    assert result.pending == 0
    assert_exactly_once(central, c)

    # mid-pull: nothing to push, the catalogue read goes quiet
    central.execute(
        "UPDATE products SET name_en = name_en || ' (new)' WHERE sku IN "
        "(SELECT sku FROM products ORDER BY sku LIMIT 3)"
    )
    stalls = p.stalls
    p.stall_after = p.bytes_up + 50
    assert "not answering" in gives_up_in_bound(service)
    assert p.stalls > stalls  # it was the pull's connection that went quiet
    p.stall_after = None
    result = service.sync_once()
    assert result.pulled >= 3
    assert result.pending == 0
    assert_exactly_once(central, c)


def test_the_till_sync_loop_gives_up_and_recovers(central: Central, make_counter, proxy) -> None:
    p, url = proxy
    c = make_counter("Counter 2", url=url)
    service = bounded(c, url)
    c.sell(20, seed=32)
    outcomes: list[tuple[float, SyncResult | Exception]] = []
    done = threading.Event()

    def on_round(outcome: SyncResult | Exception) -> None:
        outcomes.append((time.monotonic(), outcome))
        if isinstance(outcome, SyncResult) and outcome.pending == 0 and len(outcomes) > 1:
            done.set()

    p.stall_after = p.bytes_up + 3_000
    loop = SyncLoop(service, Backoff(period=0.5, first_retry=0.5, jitter=0), on_round)
    started = time.monotonic()
    loop.start()
    try:
        while not outcomes:
            time.sleep(0.05)
        at, first = outcomes[0]
        assert isinstance(first, CentralUnavailable)
        assert "not answering" in first.message_en
        assert at - started <= BOUND + 1.0
        p.stall_after = None
        assert done.wait(BOUND * 3)
    finally:
        loop.stop()
    assert_exactly_once(central, c)
