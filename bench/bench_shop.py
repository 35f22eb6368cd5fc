"""The web shop under 50 concurrent clients: product pages and search over 100,000 products.

Run: .venv/bin/python -m bench.bench_shop [--clients 50] [--requests 2000]

`otop-pos shop serve` (uvicorn, one process) runs on a copy of the cached 100,000-product
store on 127.0.0.1; `--clients` clients (httpx, asyncio, one keep-alive connection each,
opened before the first figure) send `--requests` requests per kind, one after another
each: the floor (the shop's CSS, a static file served by the same server), product pages
(random SKUs, /p/{sku}) and searches (Thai fragments without tone marks, English words,
SKUs: /search?q=). Every answer must be 200 and
a product page must name its product. Targets: page p99 <= 100 ms, search p99 <= 50 ms.
"""

from __future__ import annotations

import asyncio
import html
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/bench_shop.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.bench_search import _thai_fragment
from bench.common import (
    LATENCY_COLUMNS,
    Report,
    bench_args,
    catalogue,
    finish,
    machine,
    markdown_table,
    ms,
    percentile,
    summary_row,
    working_copy,
    write_doc_section,
)
from tests.web.server import start_shop, stop_shop

DOC = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"
PAGE_TARGET_S = 0.100
SEARCH_TARGET_S = 0.050


def sample_catalogue(
    db: Path, rng: random.Random, n: int
) -> tuple[list[tuple[str, str]], list[str]]:
    """(SKU, Thai name) of `n` random active products, and search queries made from them."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT sku, name_th, name_en FROM products WHERE active = 1 AND sold_by = 'unit'"
        ).fetchall()
    finally:
        con.close()
    picked = rng.sample(rows, min(n, len(rows)))
    queries: list[str] = []
    for sku, name_th, name_en in picked:
        roll = rng.random()
        if roll < 0.6:
            q = _thai_fragment(rng, name_th)
        elif roll < 0.85:
            words = [w.strip(",.()") for w in name_en.split() if len(w.strip(",.()")) >= 3]
            q = rng.choice(words) if words else None
        else:
            q = sku
        if q:
            queries.append(q)
    return [(sku, name_th) for sku, name_th, _ in picked], queries


async def run_phase(
    clients: Sequence[httpx.AsyncClient], requests: Sequence[tuple[str, str]]
) -> list[float]:
    """Each (path, text its answer must hold) requested once, by every client in turn
    taking the next one; the latencies (seconds). An answer that is not 200 or lacks its
    text stops the benchmark."""
    todo = list(requests)
    times: list[float] = []
    failures: list[str] = []

    async def one_client(client: httpx.AsyncClient) -> None:
        while todo:
            path, expected = todo.pop()
            t = time.perf_counter()
            response = await client.get(path)
            times.append(time.perf_counter() - t)
            if response.status_code != 200 or expected not in response.text:
                failures.append(f"{path}: {response.status_code}")

    await asyncio.gather(*(one_client(c) for c in clients))
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    return times


async def run_all(
    url: str, n_clients: int, phases: Sequence[Sequence[tuple[str, str]]]
) -> list[list[float]]:
    """The phases one after another with the same clients, each connected (one request
    each) before the first phase: the figures are requests, not TCP connections opening."""
    clients = [httpx.AsyncClient(base_url=url, timeout=60) for _ in range(n_clients)]
    try:
        await asyncio.gather(*(c.get("/static/shop.css") for c in clients))
        return [await run_phase(clients, phase) for phase in phases]
    finally:
        for c in clients:
            await c.aclose()


def main() -> int:
    args = bench_args(__doc__.splitlines()[0], clients=50, requests=2000, doc=1)
    load_start = os.getloadavg()
    cat = catalogue(args.products)
    print(cat.describe())
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="otop-bench-shop-"))
    try:
        db = working_copy(cat, folder)
        products, queries = sample_catalogue(db, rng, args.requests)
        (folder / "home").mkdir()
        t0 = time.perf_counter()
        shop = start_shop(db, folder / "home")
        url = shop.url
        started_s = time.perf_counter() - t0
        try:
            # warm up: the first search builds the index of 100,000 names (timed on its own)
            t1 = time.perf_counter()
            first = httpx.get(url + "/search", params={"q": "ผ้าไหม"}, timeout=120)
            first_search_s = time.perf_counter() - t1
            assert first.status_code == 200, first.status_code
            sku, name = products[0]
            page = httpx.get(f"{url}/p/{sku}", timeout=30)
            if page.status_code != 200 or html.escape(name) not in page.text:
                raise SystemExit(f"/p/{sku}: {page.status_code}, without its name")
            css = [("/static/shop.css", "@font-face")]
            pages_todo = [(f"/p/{s}", html.escape(n)) for s, n in products]
            searches_todo = [
                (str(httpx.URL("/search", params={"q": q})), "</main>") for q in queries
            ]
            warm = css * 200 + pages_todo[:200]
            _, floor, pages, searches, floor_again = asyncio.run(
                run_all(
                    url,
                    args.clients,
                    [warm, css * args.requests, pages_todo, searches_todo, css * args.requests],
                )
            )
        finally:
            stop_shop(shop)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    page_p99, search_p99 = percentile(pages, 99), percentile(searches, 99)
    rows = [
        summary_row("floor: static CSS file", floor),
        summary_row("product page /p/{sku}", pages),
        summary_row("search /search?q=", searches),
        summary_row("floor again (after)", floor_again),
    ]
    load_end = os.getloadavg()
    notes = [
        "load average (1/5/15 min) at the start: "
        + " / ".join(f"{x:.2f}" for x in load_start)
        + "; at the end: "
        + " / ".join(f"{x:.2f}" for x in load_end),
        f"{args.clients} concurrent clients (httpx + asyncio in one process) on the same "
        f"{os.cpu_count()} CPU(s) as the server (uvicorn, one worker process)",
        f"server start {started_s:.1f} s; first search (builds the name index of "
        f"{cat.products:,} products) {first_search_s:.2f} s, not counted",
        cat.describe(),
    ]
    passed = page_p99 <= PAGE_TARGET_S and search_p99 <= SEARCH_TARGET_S
    report = Report(
        name="shop",
        title=f"Web shop, {args.clients} concurrent clients, {cat.products:,} products",
        columns=LATENCY_COLUMNS,
        rows=rows,
        floor="the shop's CSS file (Starlette StaticFiles) from the same server, same "
        "clients, same run, before and after",
        target=f"product page p99 <= {PAGE_TARGET_S * 1000:g} ms, search p99 <= "
        f"{SEARCH_TARGET_S * 1000:g} ms",
        passed=passed,
        verdict=f"product page p99 {ms(page_p99)} ms, search p99 {ms(search_p99)} ms "
        f"(floor p99 {ms(percentile(floor, 99))} ms / {ms(percentile(floor_again, 99))} ms)",
        notes=notes,
    )
    code = finish(report, args)
    if args.doc:
        write_doc_section(DOC, "bench_shop", doc_body(report))
        print(f"written to {DOC}")
    return code


def doc_body(report: Report) -> str:
    """The benchmark's section of docs/BENCHMARKS.md."""
    return "\n".join(
        [
            "## Web shop: product pages and search, 50 concurrent clients",
            "",
            f"`{report.command}` — {datetime.now(UTC):%Y-%m-%d}, "
            + ", ".join(f"{k} {v}" for k, v in machine().items()),
            "",
            markdown_table(report.columns, report.rows),
            "",
            f"Floor: {report.floor}. Target: {report.target}. "
            f"{'PASS' if report.passed else 'FAIL'}: {report.verdict}.",
            "",
            *(f"- {note}" for note in report.notes),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
