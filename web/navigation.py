"""The shop's menu: its categories and districts with their product counts, kept a minute."""

from __future__ import annotations

import math
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos.services.orders import Orders

NAVIGATION_TTL_S = 60.0


class Navigation:
    """The categories and districts with their product counts, read at most once a minute:
    counting 100,000 products takes a few hundred milliseconds, and a count a minute old
    is still the right menu (each product's page and availability are read fresh)."""

    def __init__(self, orders: Orders, ttl_s: float = NAVIGATION_TTL_S) -> None:
        self._orders = orders
        self._ttl_s = ttl_s
        self._lock = threading.Lock()
        self._read_at = -math.inf
        self._categories: list[tuple[str, str, str, int]] = []
        self._districts: list[tuple[str, str, int]] = []

    def _fresh(self) -> None:
        with self._lock:
            if time.monotonic() - self._read_at < self._ttl_s:
                return
            self._categories = self._orders.categories()
            self._districts = self._orders.districts()
            self._read_at = time.monotonic()

    def categories(self) -> list[tuple[str, str, str, int]]:
        self._fresh()
        return self._categories

    def districts(self) -> list[tuple[str, str, int]]:
        self._fresh()
        return self._districts
