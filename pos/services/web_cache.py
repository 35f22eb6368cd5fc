"""The web's product cache: what a product page shows that rarely changes, per catalogue state."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from pos.ports.catalog import CatalogMarker
from pos.ports.orders import WebProduct

MAX_AGE = timedelta(seconds=60)  # producers' and certificates' edits move no marker: a minute
MOST_PRODUCTS = 20_000
MOST_SEARCHES = 2_000


class WebProductCache:
    """Products as the web shows them (names, price, story, producer, certificates) by SKU,
    and the product ids a search found, valid for one catalogue marker and one shop day.

    Availability is never kept here: it is read fresh for every page. `check(marker, day)`
    drops everything when the catalogue changed (a price, a name, a new product or barcode)
    or the day turned (a certificate's validity); an entry older than MAX_AGE is read again
    (a producer's or certificate's edit moves no marker). Thread-safe; bounded (oldest out).
    """

    def __init__(
        self,
        max_age: timedelta = MAX_AGE,
        most_products: int = MOST_PRODUCTS,
        most_searches: int = MOST_SEARCHES,
    ) -> None:
        self._max_age = max_age
        self._most_products = most_products
        self._most_searches = most_searches
        self._lock = threading.Lock()
        self._state: tuple[CatalogMarker, date] | None = None
        self._generation = 0  # moves with every check() that forgets
        self._by_sku: OrderedDict[str, tuple[WebProduct, datetime]] = OrderedDict()
        self._sku_of: dict[str, str] = {}  # product id -> SKU
        self._searches: OrderedDict[tuple[str, int], tuple[tuple[str, ...], datetime]] = (
            OrderedDict()
        )

    def check(self, marker: CatalogMarker, day: date) -> int:
        """Forget everything unless it was read under this catalogue marker on this day;
        the generation to hand to keep() with what is read now."""
        with self._lock:
            if self._state != (marker, day):
                self._state = (marker, day)
                self._generation += 1
                self._by_sku.clear()
                self._sku_of.clear()
                self._searches.clear()
            return self._generation

    def by_sku(self, sku: str, now: datetime) -> WebProduct | None:
        with self._lock:
            found = self._by_sku.get(sku)
            if found is None or now - found[1] > self._max_age:
                return None
            return found[0]

    def by_ids(self, ids: Iterable[str], now: datetime) -> dict[str, WebProduct]:
        """The products of `ids` still held (id -> product); the others are to be read."""
        out: dict[str, WebProduct] = {}
        with self._lock:
            for pid in ids:
                sku = self._sku_of.get(pid)
                found = self._by_sku.get(sku) if sku is not None else None
                if found is not None and now - found[1] <= self._max_age:
                    out[pid] = found[0]
        return out

    def keep(self, products: Sequence[WebProduct], now: datetime, generation: int) -> None:
        """Hold `products`, read after check() gave `generation` (dropped if it has moved
        since: they may have been read before the change that moved it)."""
        with self._lock:
            if generation != self._generation:
                return
            for p in products:
                self._by_sku[p.sku] = (p, now)
                self._by_sku.move_to_end(p.sku)
                self._sku_of[p.product_id] = p.sku
            while len(self._by_sku) > self._most_products:
                _, (old, _) = self._by_sku.popitem(last=False)
                self._sku_of.pop(old.product_id, None)

    def search(self, query: str, limit: int, now: datetime) -> tuple[str, ...] | None:
        """The product ids search `query` found (best first), or None when not held."""
        with self._lock:
            found = self._searches.get((query, limit))
            if found is None or now - found[1] > self._max_age:
                return None
            return found[0]

    def keep_search(
        self, query: str, limit: int, ids: Sequence[str], now: datetime, generation: int
    ) -> None:
        with self._lock:
            if generation != self._generation:
                return
            self._searches[(query, limit)] = (tuple(ids), now)
            self._searches.move_to_end((query, limit))
            while len(self._searches) > self._most_searches:
                self._searches.popitem(last=False)
