"""Fixtures of the report tests: the basket shop (template and custom baskets) on both backends,
the central database and its counters."""

from __future__ import annotations

from tests.baskets.conftest import (  # noqa: F401  (fixtures used by name)
    baskets,
    checkout,
    clock,
    shop,
    strict_settings,
)
from tests.sync.conftest import central, make_counter  # noqa: F401  (fixtures used by name)
