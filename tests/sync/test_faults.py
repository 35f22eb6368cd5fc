"""Faults: a connection cut mid-batch, the server restarted, a counter killed before its ack."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import pytest
from pgserver._commands import pg_ctl

import db.sync.first_load
from db.sync import CentralSync
from pos.domain.errors import CentralUnavailable
from pos.ports.clock import SystemClock
from pos.services.sync import SyncService
from tests.sync.checks import assert_exactly_once, assert_whole_sales_only, central_facts
from tests.sync.conftest import Central, pgserver_instance

pytestmark = pytest.mark.pg


def test_a_connection_cut_mid_batch_loses_and_duplicates_nothing(
    central: Central, make_counter, proxy
) -> None:
    p, url = proxy
    c = make_counter("Counter 2", url=url)
    c.sell(50, seed=5)
    # how many bytes one batch of 10 sales takes on the wire
    before = p.bytes_up
    assert c.transport.push(batch_size=10, max_batches=1).events == 10
    one_batch = p.bytes_up - before
    # the next batch goes through, the one after is cut in the middle of its COPY
    p.cut_after = one_batch * 3 // 2
    with pytest.raises(CentralUnavailable):
        c.transport.push(batch_size=10)
    assert p.cuts == 1
    there = central_facts(central, c.store.terminal.terminal_id)
    assert len(there["sales"]) == 20  # type: ignore[arg-type]
    assert c.transport.pending() == 30
    assert_whole_sales_only(central, c)

    # more cuts while the connection comes and goes, then the network heals
    for _ in range(3):
        p.cut_after = 5_000
        with pytest.raises(CentralUnavailable):
            c.service.sync_once()
    assert c.service.status().online is False
    assert_whole_sales_only(central, c)
    p.cut_after = None
    result = c.service.sync_once()
    assert result.pending == 0
    assert_exactly_once(central, c)


def test_the_server_stopped_and_restarted(central: Central, make_counter, pg_server: str) -> None:
    server = pgserver_instance(pg_server)
    c = make_counter("Counter 2")
    c.sell(15, seed=6)
    c.service.sync_once()
    c.sell(10, seed=7)
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)  # type: ignore[attr-defined]
    try:
        with pytest.raises(CentralUnavailable):
            c.service.sync_once()
        c.sell(5, seed=8)  # the till works alone
        assert c.service.status().pending == 15
    finally:
        server.ensure_postgres_running()  # type: ignore[attr-defined]
    assert server.get_uri() == pg_server  # type: ignore[attr-defined]
    result = c.service.sync_once()
    assert result.pushed == 15
    assert_exactly_once(central, c)


class Killed(BaseException):
    """The counter's process dies (not an error the sync could catch)."""


def test_a_counter_killed_between_central_commit_and_local_ack(
    central: Central, make_counter
) -> None:
    c = make_counter("Counter 2")
    c.sell(25, seed=9)
    committed: list[Sequence[int]] = []

    def die(ids: Sequence[int]) -> None:
        committed.append(ids)
        raise Killed

    c.transport.after_central_commit = die
    with pytest.raises(Killed):
        c.service.sync_once()
    # the first batch is on the central database, but the counter never recorded that
    assert len(committed[0]) == 25
    there = central_facts(central, c.store.terminal.terminal_id)
    assert len(there["sales"]) == 25  # type: ignore[arg-type]
    assert c.transport.pending() == 25
    first_seen = central.scalar("SELECT max(received_at) FROM sync_events")

    # the counter starts again: a new process, the same files
    again = CentralSync(c.store.engine, c.transport.central, c.store.terminal.terminal_id)
    result = SyncService(again, SystemClock()).sync_once()
    assert result.pushed == 25  # sent again ...
    assert_exactly_once(central, c)  # ... and still there once
    # the receive log keeps the first receive time of each event
    assert central.scalar("SELECT max(received_at) FROM sync_events") == first_seen
    assert central.scalar("SELECT count(*) FROM sync_batches") == 2


def _local_catalogue(c) -> tuple[dict[str, int], list[str], int]:
    """Row counts of what a pull writes, the file's indexes, the bookmark."""
    tables = (
        "categories",
        "producers",
        "products",
        "certifications",
        "product_barcodes",
        "basket_templates",
        "basket_components",
        "users",
        "central_stock",
        "sync_state",
    )
    with c.store.engine.connect() as conn:
        counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in tables}
        indexes = sorted(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars()
        )
    return counts, indexes, c.transport.bookmark()


def test_a_first_pull_cut_anywhere_leaves_the_counter_as_it_was(
    central: Central, make_counter, proxy
) -> None:
    p, url = proxy
    # how many bytes a whole first pull sends to the server, measured on another counter
    whole = make_counter("Counter 3", url=url, pull=False)
    whole.transport.central.dispose()
    start = p.bytes_up
    whole.transport.pull()
    needed = p.bytes_up - start
    full = _local_catalogue(whole)
    assert full[0]["products"] == 11  # with the centre's SVC-ROOM and SVC-DELIVERY
    assert full[0]["central_stock"] == 9

    c = make_counter("Counter 2", url=url, pull=False)
    before = _local_catalogue(c)
    assert before[0]["products"] == 0
    cut_points = range(100, needed, max(1, needed // 10))
    for cut in cut_points:  # from the log-in to the last query of the snapshot
        c.transport.central.dispose()
        p.cut_after = cut
        with pytest.raises(CentralUnavailable):
            c.transport.pull()
        # nothing written, indexes dropped for the first load are back, bookmark unmoved
        assert _local_catalogue(c) == before, f"cut after {cut} of {needed} bytes"
    assert p.cuts == len(cut_points)
    p.cut_after = None
    c.transport.central.dispose()
    result = c.transport.pull()
    assert result.changes > 9
    assert _local_catalogue(c)[0] == full[0]
    assert _local_catalogue(c)[1] == full[1] == before[1]
    with c.store.uow() as read:
        assert read.catalog.count_products() == 11


def test_a_first_pull_whose_server_hangs_gives_up_and_frees_the_counter(
    central: Central, make_counter, proxy, monkeypatch
) -> None:
    p, url = proxy
    c = make_counter("Counter 2", url=url, pull=False)
    before = _local_catalogue(c)
    monkeypatch.setattr(db.sync.first_load, "_STALL_S", 1)
    c.transport.central.dispose()
    p.stall_after = p.bytes_up + 600  # some queries in, then the server falls silent
    with pytest.raises(CentralUnavailable, match="sent nothing for 1 s"):
        c.transport.pull()
    assert p.stalls >= 1
    assert _local_catalogue(c) == before
    # the write lock is free again: a writer gets it at once
    path = c.store.engine.url.database
    assert path is not None
    con = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("ROLLBACK")
    con.close()
    p.stall_after = None
    c.transport.central.dispose()
    assert c.transport.pull().changes > 9
    assert _local_catalogue(c)[0]["products"] == 11
