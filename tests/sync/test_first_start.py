"""A new counter's first start: the catalogue comes from the central server when one is set."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from db.engine import sqlite_url
from pos.app.bootstrap import first_start, open_store
from pos.domain.settings import Settings
from tests.sync.conftest import Central

pytestmark = pytest.mark.pg


def _counts(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (
            int(conn.exec_driver_sql("SELECT count(*) FROM products").scalar_one()),
            int(conn.exec_driver_sql("SELECT count(*) FROM users").scalar_one()),
        )


def test_a_new_counter_with_a_central_server_takes_its_catalogue_not_the_demo(
    central: Central, tmp_path: Path
) -> None:
    settings = replace(Settings(), central_url=central.counter_url)
    store = open_store(sqlite_url(tmp_path / "new.sqlite3"), settings)
    try:
        assert store.is_empty()
        first_start(store)
        central_counts = (
            central.scalar("SELECT count(*) FROM products"),
            central.scalar("SELECT count(*) FROM users"),
        )
        # the small catalogue and the centre's SVC-ROOM and SVC-DELIVERY (the demo has 328)
        assert _counts(store) == central_counts == (11, 4)
        with store.uow() as read:
            assert read.catalog.product_by_sku("SILK-001") is not None
        first_start(store)  # a later start changes nothing
        assert _counts(store) == central_counts
    finally:
        store.close()


def test_a_new_counter_whose_central_server_is_down_waits_for_it_instead_of_the_demo(
    central: Central, proxy, tmp_path: Path
) -> None:
    p, url = proxy
    p.cut_after = 0  # every connection is dropped at once
    store = open_store(sqlite_url(tmp_path / "new.sqlite3"), replace(Settings(), central_url=url))
    try:
        first_start(store)  # no exception: the till opens and its sync loop keeps trying
        assert _counts(store) == (0, 0)
        p.cut_after = None
        first_start(store)
        assert _counts(store) == (11, 4)
    finally:
        store.close()


def test_a_stand_alone_counter_still_starts_on_the_demo_store(tmp_path: Path) -> None:
    store = open_store(sqlite_url(tmp_path / "alone.sqlite3"), Settings())
    try:
        first_start(store)
        products, users = _counts(store)
        assert products > 300
        assert users == 4
    finally:
        store.close()
