"""Fixtures of the report tests: the basket shop (template and custom baskets) and the small
catalogue's store (sold by the piece and by weight) on both backends, the central database and
its counters."""

from __future__ import annotations

from tests.baskets.conftest import (  # noqa: F401  (fixtures used by name)
    baskets,
    checkout,
    clock,
    shop,
    strict_settings,
)
from tests.integration.conftest import (  # noqa: F401  (fixtures used by name)
    small_store_url,
    store,
)
from tests.sync.conftest import central, make_counter  # noqa: F401  (fixtures used by name)
