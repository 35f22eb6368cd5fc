"""Fixtures of the shift tests: the small catalogue on SQLite and PostgreSQL, a fixed clock."""

from __future__ import annotations

from tests.integration.conftest import (  # noqa: F401  (fixtures used by name)
    small_store_url,
    store,
)
