"""Product search over a big store: the demo catalogue plus 20,000 generated products."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from db.engine import sqlite_url
from db.text_index import build_trigram_index
from pos.app.bootstrap import Store, open_store
from pos.domain.catalog import OtopCategory, ProductEntry
from pos.domain.settings import Settings
from pos.domain.text import fold
from pos.ports.catalog import SearchRow
from pos.services.demo import load_demo_store
from pos.services.search import ProductIndex
from resources import DEMO
from tests.helpers.gs1 import reference_is_valid

SYNTHETIC = 20_000
TONE_MARKS = re.compile("[\u0e48-\u0e4b]")  # mai ek, mai tho, mai tri, mai chattawa


def without_tone_marks(text: str) -> str:
    return TONE_MARKS.sub("", text)


def ean8_inside_another_code(store: Store) -> tuple[str, str]:
    """A valid EAN-8 that is also a run of digits inside some product's EAN-13."""
    with store.uow() as read:
        for row in read.catalog.iter_search_rows():
            for code in row.barcodes.split():
                for start in range(len(code) - 7):
                    window = code[start : start + 8]
                    if len(code) == 13 and reference_is_valid(window):
                        return window, row.sku
    raise AssertionError("no EAN-13 in the store holds a valid EAN-8 run")


class BigStore:
    def __init__(self, store: Store, index: ProductIndex, ean8: str, ean8_host: str) -> None:
        self.store = store
        self.index = index
        self.ean8 = ean8  # the barcode of EAN8-001
        self.ean8_host = ean8_host  # a product whose EAN-13 contains those eight digits

    def skus(self, query: str, limit: int = 50) -> list[str]:
        return [row.sku for row in self.index.search(query, limit)]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BigStore]:
    settings = Settings()
    store = open_store(sqlite_url(tmp_path_factory.mktemp("big") / "big.db"), settings)
    try:
        load_demo_store(store.uow, settings, store.terminal.terminal_id, DEMO, SYNTHETIC)
        ean8, host = ean8_inside_another_code(store)
        with store.uow() as read:
            producer = sorted(read.catalog.producer_codes())[0]

        def product(sku: str, th: str, en: str, barcode: str | None = None) -> ProductEntry:
            return ProductEntry(
                sku=sku, name_th=th, name_en=en, category=OtopCategory.HOUSEHOLD,
                producer_code=producer, price=Decimal("350.00"), barcode=barcode,
            )  # fmt: skip

        with store.uow(write=True) as work:
            work.catalog.upsert_products(
                [
                    product("SILK", "ผ้าพันคอไหมทอมือ", "Hand-woven silk scarf"),
                    product("KHIT-ELE", "หมอนอิงผ้าขิดลายช้างน้อย", "Khit cushion, little elephant"),
                    product("EAN8-001", "ต้นอ่อนทานตะวัน", "Sunflower sprouts", ean8),
                ],
                store.terminal.terminal_id,
            )
            work.commit()
        yield BigStore(store, store.load_index(), ean8, host)
    finally:
        store.close()


@pytest.fixture(scope="module", params=["walk", "trigram"])
def big(request: pytest.FixtureRequest, big_store: BigStore) -> BigStore:
    """The till's index (walking the names) and the web shop's (a trigram index beside)."""
    if request.param == "walk":
        return big_store
    with big_store.store.uow() as read:
        rows = list(read.catalog.iter_search_rows())
    index = ProductIndex(rows, text_index=build_trigram_index)
    return BigStore(big_store.store, index, big_store.ean8, big_store.ean8_host)


def demo_products() -> list[dict[str, object]]:
    return list(json.loads((DEMO / "products.json").read_text("utf-8")))


def test_the_index_holds_the_whole_store(big: BigStore) -> None:
    assert len(big.index) == len(demo_products()) + SYNTHETIC + 3


def test_thai_typed_without_tone_marks_finds_the_product(big: BigStore) -> None:
    assert big.skus("หมอนอิงผ้าขิดลายช้างน้อย") == ["KHIT-ELE"]
    assert big.skus("ลายชางนอย") == ["KHIT-ELE"]  # a piece from the middle, no tone marks
    assert big.skus("  ผาขิดลายชาง ") == ["KHIT-ELE"]


def test_every_demo_product_is_found_by_its_thai_name_without_tone_marks(big: BigStore) -> None:
    missed = []
    toned = [p for p in demo_products() if TONE_MARKS.search(str(p["name_th"]))]
    assert len(toned) > 100
    for p in toned:
        query = without_tone_marks(str(p["name_th"]))
        if p["sku"] not in big.skus(query):
            missed.append((p["sku"], query))
    assert not missed


def test_english_is_case_insensitive(big: BigStore) -> None:
    assert big.skus("LITTLE ELEPHANT") == big.skus("little elephant") == ["KHIT-ELE"]
    first = demo_products()[0]
    name = str(first["name_en"])
    shouted, quiet = big.skus(name.upper()), big.skus(name.lower())
    assert shouted == quiet
    assert first["sku"] in shouted
    hits = big.index.search("MUDMEE SILK")
    assert len(hits) == 50
    assert all("mudmee silk" in row.name_en.lower() for row in hits)


def test_an_exact_sku_comes_first(big: BigStore) -> None:
    for query in ("SILK", "silk", " Silk "):
        found = big.skus(query)
        assert found[0] == "SILK", query
        assert len(found) == 50, "other silk products follow"
    for p in demo_products()[::25]:
        assert big.skus(str(p["sku"]))[0] == p["sku"]
    assert big.skus("syn-0012345")[0] == "SYN-0012345"


def test_an_exact_barcode_comes_first(big: BigStore) -> None:
    found = big.skus(big.ean8)
    assert found[0] == "EAN8-001"
    assert big.ean8_host in found[1:], "the longer code that merely contains it comes later"
    demo = {str(p["sku"]) for p in demo_products()}
    with big.store.uow() as read:
        owners = read.catalog.barcode_owners()
    for code, sku in owners.items():
        if sku in demo:  # GS1 and in-store codes of the demo catalogue
            assert big.skus(code)[0] == sku, code


def test_results_are_capped(big: BigStore) -> None:
    assert len(big.index.search("ผ้า")) == 50
    assert len(big.index.search("ผ้า", limit=10)) == 10
    assert big.skus("silk", limit=3)[0] == "SILK"
    assert len(big.skus("silk", limit=3)) == 3
    assert big.index.search("   ") == []
    assert big.index.search("ไม่มีสินค้านี้แน่นอน xyzzy") == []


NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


class Ranked:
    """What a search must give, worked out the slow way: an exact SKU or barcode, then every
    name starting with the query, then the texts containing it, each in SKU order."""

    def __init__(self, rows: list[SearchRow]) -> None:
        self.skus = [r.sku for r in rows]
        self.codes = {code: r.sku for r in rows for code in (r.sku.casefold(), *r.barcodes.split())}
        self.thai = [fold(r.name_th) for r in rows]
        self.latin = [
            fold(f"{r.name_en} | {r.sku} | {r.barcodes} | {NOT_ASCII.sub(' ', th).strip()}")
            for r, th in zip(rows, self.thai, strict=True)
        ]

    def __call__(self, query: str, limit: int) -> tuple[list[str], int]:
        """(the first `limit` SKUs, how many products hold the query)"""
        q = fold(query.strip())
        exact = [self.codes[q]] if q in self.codes else []
        texts = self.latin if q.isascii() else self.thai
        found = [sku for sku, t in zip(self.skus, texts, strict=True) if q in t]
        starting = [s for s, t in zip(self.skus, texts, strict=True) if t.startswith(q)]
        first = exact + [s for s in starting if s not in exact]
        return (first + [s for s in found if s not in first])[:limit], len(found)


def queries_of(big: BigStore, n: int, seed: int) -> list[str]:
    """Pieces of names and codes as shoppers type them: two to eight characters of a Thai
    name, an English word, a SKU, a barcode's digits; and what FTS5 would read as syntax."""
    rng = random.Random(seed)
    with big.store.uow() as read:
        rows = rng.sample(list(read.catalog.iter_search_rows()), n)
    out = ['"ผ้า', 'silk"', "AND", "silk OR cotton", "NEAR(silk)", "s*", "(ผ้า)", "-", "a-b"]
    for r in rows:
        name = fold(r.name_th).replace(" ", "")
        size = rng.randint(2, min(8, len(name)))
        at = rng.randrange(len(name) - size + 1)
        words = [w for w in r.name_en.split() if len(w) >= 2]
        codes = r.barcodes.split()
        out += [name[at : at + size], rng.choice(words), r.sku, r.sku[2:7]]
        if codes:
            out.append(rng.choice(codes)[3:9])
    return out


def test_the_web_shop_s_index_ranks_every_name_starting_with_the_query_first(
    big_store: BigStore,
) -> None:
    with big_store.store.uow() as read:
        rows = list(read.catalog.iter_search_rows())
    indexed = ProductIndex(rows, text_index=build_trigram_index)
    walked = big_store.index
    ranked = Ranked(rows)
    walks_all = 0
    for q in queries_of(big_store, 60, seed=5):
        for limit in (10, 40):
            want, matches = ranked(q, limit)
            assert [r.sku for r in indexed.search(q, limit)] == want, (q, limit)
            # the walk looks for the names starting with the query among its first
            # 20 x limit matches only
            if matches < 20 * limit:
                walks_all += 1
                assert [r.sku for r in walked.search(q, limit)] == want, (q, limit)
    assert walks_all > 200
    assert [r.sku for r in indexed.search("ผ", 40)] == [r.sku for r in walked.search("ผ", 40)]
