"""Fixtures of the report tests: the basket shop (template and custom baskets) on both backends,
and pytest-qt's QApplication before a report PDF lays out any text."""

from __future__ import annotations

import pytest

from tests.baskets.conftest import (  # noqa: F401  (fixtures used by name)
    baskets,
    checkout,
    clock,
    shop,
    strict_settings,
)
from tests.sync.conftest import central, make_counter  # noqa: F401  (fixtures used by name)


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """A QApplication (as the till has), so printing never starts a bare QGuiApplication."""
