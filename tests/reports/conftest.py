"""Fixtures of the report tests: the basket shop (template and custom baskets) on both backends."""

from __future__ import annotations

from tests.baskets.conftest import (  # noqa: F401  (fixtures used by name)
    baskets,
    checkout,
    clock,
    shop,
    strict_settings,
)
