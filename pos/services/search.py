"""Product search: an in-memory index of folded names, SKUs and barcodes, substring matching."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from pos.domain.text import fold
from pos.ports.catalog import MIN_INDEXED, CatalogMarker, SearchRow, TextIndex, TextIndexBuilder

_SEP = "\n"
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


class _Haystack:
    """Every product's folded text of one kind in one string; str.find walks it at C speed."""

    def __init__(self, texts: list[str]) -> None:
        starts: list[int] = []
        pos = 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + 1
        self.starts = starts
        self.text = _SEP.join(texts)

    def matches(self, q: str, seen: set[int], out: list[tuple[int, int]], most: int) -> None:
        """Append (rank, product) for products containing `q`: rank 1 at the start, else 2."""
        text, find, starts = self.text, self.text.find, self.starts
        at = find(q)
        found = 0
        while at != -1 and found < most:
            i = bisect_right(starts, at) - 1
            if i not in seen:
                seen.add(i)
                out.append((1 if at == starts[i] else 2, i))
                found += 1
            # jump to the next product: one product matches once
            at = find(q, starts[i + 1] if i + 1 < len(starts) else len(text))


class ProductIndex:
    """All products' names, SKUs and barcodes, folded, for substring search in memory.

    Thai names and the ASCII text (English names, SKUs, barcodes, digits and Latin words of
    Thai names) are kept apart: Python stores a string with any Thai in it at two bytes a
    character, so an ASCII query walks a one-byte string a third of the size, and a Thai
    query walks only the Thai names. 100,000 products: a query takes a few milliseconds.
    Given a text index (the web shop's), queries of two characters or more are answered
    from it instead, outside Python's global lock, and rank every name starting with the
    query first (the walk looks for those among its first 20 x limit matches).
    """

    def __init__(
        self,
        rows: Iterable[SearchRow],
        marker: CatalogMarker | None = None,
        text_index: TextIndexBuilder | None = None,
    ) -> None:
        """`marker`: the catalogue's state when `rows` were read (None: not known);
        `text_index`: builds an index of the folded texts for queries of two characters or
        more (the web shop's many concurrent searches), else every query walks the texts."""
        self.marker = marker
        self._rows: list[SearchRow] = list(rows)
        thai: list[str] = []
        latin: list[str] = []
        self._by_code: dict[str, int] = {}
        for i, row in enumerate(self._rows):
            name_th = fold(row.name_th)
            thai.append(name_th)
            ascii_in_thai = _NOT_ASCII.sub(" ", name_th).strip()
            latin.append(fold(f"{row.name_en} | {row.sku} | {row.barcodes} | {ascii_in_thai}"))
            self._by_code[row.sku.casefold()] = i
            for code in row.barcodes.split():
                self._by_code[code] = i
        self._thai = _Haystack(thai)
        self._latin = _Haystack(latin)
        self._indexed: TextIndex | None = (
            text_index(zip(thai, latin, strict=True)) if text_index else None
        )

    def __len__(self) -> int:
        return len(self._rows)

    def search(self, query: str, limit: int = 50) -> list[SearchRow]:
        """Products whose Thai or English name, SKU or barcode contains `query`.

        An exact SKU or barcode comes first, then names that start with the query.
        """
        q = fold(query.strip())
        if not q:
            return []
        hits: list[tuple[int, int]] = []
        seen: set[int] = set()
        exact = self._by_code.get(q)
        if exact is not None:
            hits.append((0, exact))
            seen.add(exact)
        latin = q.isascii()
        if self._indexed is not None and len(q) >= MIN_INDEXED - 1:
            self._indexed_matches(self._indexed, latin, q, seen, hits, limit)
        else:
            haystack = self._latin if latin else self._thai
            haystack.matches(q, seen, hits, limit * 20)
        hits.sort()
        return [self._rows[i] for _, i in hits[:limit]]

    def _indexed_matches(
        self,
        indexed: TextIndex,
        latin: bool,
        q: str,
        seen: set[int],
        hits: list[tuple[int, int]],
        limit: int,
    ) -> None:
        """Names starting with `q`, then texts containing it, each in the rows' order, up to
        `limit` hits: every product starting with `q` ranks first (the walk looks for them
        among its first 20 x limit matches only)."""
        for rank, found in ((1, indexed.starting), (2, indexed.containing)):
            if len(hits) >= limit:
                return
            if rank == 2 and len(q) < MIN_INDEXED:  # a two-character query: walk for the rest
                haystack = self._latin if latin else self._thai
                haystack.matches(q, seen, hits, limit - len(hits))
                return
            for i in found(latin, q, limit + len(seen)):
                if i not in seen and len(hits) < limit:
                    seen.add(i)
                    hits.append((rank, i))
