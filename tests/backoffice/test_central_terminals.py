"""The central PostgreSQL database opened by `otop-pos shop serve` or by the back office
registers no counter: only a till does. The terminals table is read before and after."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from db.central import init_central, register_terminal
from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from pos.app.bootstrap import open_store
from pos.app.cli.common import opened
from pos.domain.channels import Channel
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from tests.backoffice.test_products_ui import open_back_office
from tests.helpers.selling import FastArgon2
from tests.helpers.templates import FreshDatabase
from tests.sync.conftest import SMALL_CATALOGUE, shop
from tests.web.server import start_shop_at, stop_shop

pytestmark = pytest.mark.pg

Rows = list[tuple[object, ...]]


def build_central(url: str) -> None:
    """`central init`, one counter registered (the opening stock is its), the small
    catalogue and the demo users: a central database before its first online sale."""
    settings = Settings()
    admin = make_engine(url)
    try:
        init_central(admin, shop(settings))
        counter = register_terminal(admin, str(uuid.uuid4()), "Counter 2", "", "KKOTOP")
    finally:
        admin.dispose()
    store = open_store(url, settings, create=False, counter=False)
    try:
        load_demo_store(store.uow, settings, counter.terminal_id, SMALL_CATALOGUE)
        Auth(store.uow, settings, SystemClock(), FastArgon2()).ensure_demo_users()
    finally:
        store.close()


@pytest.fixture
def central(fresh_database: FreshDatabase) -> Iterator[tuple[str, Engine]]:
    url = fresh_database("pg", "webbits-central", build_central)
    engine = make_engine(url)
    try:
        yield url, engine
    finally:
        engine.dispose()


def terminals(engine: Engine) -> Rows:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT id, name, pos_id, receipt_prefix, is_local, channel FROM terminals ORDER BY id"
        ))]  # fmt: skip


def sold_online(engine: Engine) -> None:
    """The web shop's terminal, as the central's first online sale makes it."""
    uow = SqlUnitOfWorkFactory(engine)
    with uow(write=True) as write:
        write.orders.ensure_web_terminal(Settings().web_receipt_prefix, Channel.WEB)
        write.commit()


@pytest.mark.parametrize("has_sold_online", [False, True])
def test_shop_serve_on_the_central_database_leaves_its_terminals_as_they_were(
    central: tuple[str, Engine], tmp_path: Path, has_sold_online: bool
) -> None:
    url, engine = central
    if has_sold_online:
        sold_online(engine)
    before = terminals(engine)
    assert sorted((name, local) for _, name, _, _, local, _ in before) == [
        ("Counter 2", False),
        *([("Web shop", False)] if has_sold_online else []),
    ]
    live = start_shop_at(url, tmp_path / "home")
    try:
        assert httpx.get(live.url + "/", timeout=10).status_code == 200
        page = httpx.get(live.url + "/search", params={"q": "ไหม"}, timeout=10)
        assert page.status_code == 200
        assert "SILK-001" in page.text
    finally:
        stop_shop(live)
    after = terminals(engine)
    assert set(before) <= set(after)
    # no counter is registered: at most the web shop's own terminal (channel web) is added
    assert [row[5] for row in set(after) - set(before)] in ([], ["web"])


@pytest.mark.parametrize("has_sold_online", [False, True])
def test_the_back_office_on_the_central_database_registers_no_counter(
    qtbot: QtBot, central: tuple[str, Engine], has_sold_online: bool
) -> None:
    url, engine = central
    if has_sold_online:
        sold_online(engine)
    before = terminals(engine)
    # what `otop-pos backoffice --db URL` opens, then the log-in and every page of a manager
    with opened(argparse.Namespace(db=url), Settings()) as services:
        services.auth.hasher = FastArgon2()
        window = open_back_office(qtbot, services)
        assert "stock" in window.pages
        for name in window.pages:
            window.show_page(name)
        window.close()
        after = terminals(engine)
    if has_sold_online:
        assert after == before  # the stock page records under the web shop's terminal
    else:
        # a central that never sold online: its stock page's documents need a terminal, and
        # get the web shop's (made now, as the first online sale would): never a counter
        (made,) = [row for row in after if row not in before]
        assert made[1:] == ("Web shop", "", "KK-W", False, "web")
        assert [row for row in after if row != made] == before
