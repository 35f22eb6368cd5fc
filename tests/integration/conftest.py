"""Integration fixtures: a small catalogue on a real database, a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos.app.bootstrap import Store, open_store
from pos.domain.settings import Settings
from pos.services.demo import load_demo_store
from tests.helpers.templates import FreshDatabase

DATA = Path(__file__).resolve().parent / "data"
# Nine products, four producers, one gift basket: every kind of code the till must read.
SMALL_CATALOGUE = DATA / "small"


class FixedClock:
    """A clock that shows what the test sets (the services take a Clock port)."""

    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime(2026, 11, 27, 4, 30, tzinfo=UTC)  # 11:30 in Bangkok

    def now(self) -> datetime:
        return self.current


def open_small_store(url: str, settings: Settings | None = None) -> Store:
    """Open (and migrate) the database at `url` and load the small catalogue into it."""
    settings = settings or Settings()
    store = open_store(url, settings)
    load_demo_store(store.uow, settings, store.terminal.terminal_id, SMALL_CATALOGUE)
    return store


def build_small_store(url: str) -> None:
    open_small_store(url).close()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def small_store_url(request: pytest.FixtureRequest, fresh_database: FreshDatabase) -> str:
    """A fresh database holding the small catalogue: a SQLite file or a PostgreSQL database
    (a copy of the session's template: migrating and loading is most of a test's time)."""
    return fresh_database(str(request.param), "small", build_small_store)


@pytest.fixture
def store(small_store_url: str) -> Iterator[Store]:
    """The small catalogue on a fresh SQLite file or PostgreSQL database."""
    opened = open_store(small_store_url, Settings())
    try:
        yield opened
    finally:
        opened.close()
