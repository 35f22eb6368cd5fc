"""The web shop under 50 concurrent clients: product pages and search over 100,000 products.

Run: .venv/bin/python -m bench.bench_shop [--clients 50] [--requests 2000] [--workers 2]
     [--think_ms 0]

`otop-pos shop serve` (uvicorn, `--workers` processes) runs on a copy of the cached
100,000-product store on 127.0.0.1. The client model: `--clients` shoppers in one asyncio
process on the same machine, each with one HTTP/1.1 keep-alive connection (opened before the
first figure) that keeps the session cookie the shop gave it, as a browser does; each sends
its next request once the previous answer has been read in full, after a think time drawn
uniformly from 0-2x `--think_ms` (default 0: a closed loop with no think time, the heaviest
load 50 clients can make; then by Little's law latency = clients / throughput, so a p99 of
100 ms needs the server to answer about 500 requests a second). The client reads HTTP/1.1 on
raw asyncio streams (no httpx: its own CPU per request is printed). Phases, one after another
with the same clients: the floor (the shop's CSS, a static file served by the same server),
product pages (random SKUs, /p/{sku}), searches (Thai fragments without tone marks, English
words, SKUs: /search?q=), the floor again. Every answer must be 200 and hold its text (a
product page its product's name). Targets: page p99 <= 100 ms, search p99 <= 50 ms.
"""

from __future__ import annotations

import asyncio
import html
import math
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlsplit

if __package__ in (None, ""):  # run as a file: python bench/bench_shop.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_search import _thai_fragment
from bench.common import (
    LATENCY_COLUMNS,
    Report,
    bench_args,
    catalogue,
    doc_preamble,
    finish,
    load_average,
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


class Client:
    """One shopper: a keep-alive HTTP/1.1 connection and the shop's session cookie."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookie = ""
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path: str) -> tuple[int, bytes]:
        """(status, body) of GET `path`; a keep-alive connection the server closed while
        idle is opened again once, as a browser does."""
        try:
            return await self._get(path)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            await self.close()
            await self.connect()
            return await self._get(path)

    async def _get(self, path: str) -> tuple[int, bytes]:
        """(status, body) of GET `path`; the answer must carry a Content-Length."""
        assert self._reader is not None
        assert self._writer is not None
        cookie = f"Cookie: {self.cookie}\r\n" if self.cookie else ""
        self._writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{cookie}\r\n".encode()
        )
        head = (await self._reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        length = -1
        for line in head[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "set-cookie" and value.startswith("shop="):
                self.cookie = value.split(";", 1)[0]
        if length < 0:
            raise SystemExit(f"{path}: an answer without Content-Length")
        return status, await self._reader.readexactly(length)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with suppress(OSError):  # the server may have closed it first
                await self._writer.wait_closed()


def process_tree_cpu_s(pid: int) -> float:
    """CPU time so far (user + system, seconds) of process `pid` and every process under it
    (the server and its uvicorn workers); NaN where /proc cannot be read."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        procs: dict[int, tuple[int, int]] = {}  # pid -> (parent, CPU ticks)
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            procs[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    except (OSError, ValueError):
        return math.nan
    tree, grown = {pid}, True
    while grown:
        more = {p for p, (parent, _) in procs.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sum(procs[p][1] for p in tree if p in procs) / tick


@dataclass
class Phase:
    """One phase's latencies (seconds), its wall time, and the CPU time the client process
    and the server's processes spent on it."""

    times: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float = math.nan

    def row(self, label: str) -> list[str]:
        n = len(self.times) or 1
        rate = len(self.times) / self.wall_s if self.wall_s else 0.0
        client, server = self.client_cpu_s / n * 1000, self.server_cpu_s / n * 1000
        return [*summary_row(label, self.times), f"{rate:.0f}", f"{server:.2f}", f"{client:.2f}"]


async def run_phase(
    clients: Sequence[Client],
    requests: Sequence[tuple[str, bytes]],
    think_s: float,
    rng: random.Random,
    server_cpu: Callable[[], float],
) -> Phase:
    """Each (path, bytes its answer must hold) requested once, every client taking the next
    one when its last answer is in (after its think time). A failure stops the benchmark."""
    todo = list(reversed(requests))
    phase = Phase()
    failures: list[str] = []

    async def one_client(client: Client) -> None:
        while todo:
            path, expected = todo.pop()
            t = time.perf_counter()
            status, body = await client.get(path)
            phase.times.append(time.perf_counter() - t)
            if status != 200 or expected not in body:
                failures.append(f"{path}: {status}")
            if think_s:
                await asyncio.sleep(rng.uniform(0, 2 * think_s))

    cpu, wall, server = time.process_time(), time.perf_counter(), server_cpu()
    await asyncio.gather(*(one_client(c) for c in clients))
    phase.wall_s = time.perf_counter() - wall
    phase.client_cpu_s = time.process_time() - cpu
    phase.server_cpu_s = server_cpu() - server
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    return phase


async def run_all(
    url: str,
    n_clients: int,
    phases: Sequence[Sequence[tuple[str, bytes]]],
    think_s: float,
    rng: random.Random,
    server_cpu: Callable[[], float],
) -> list[Phase]:
    """The phases one after another with the same clients, each connected (and one request
    answered) before the first phase: the figures are requests, not connections opening."""
    where = urlsplit(url)
    clients = [Client(where.hostname or "127.0.0.1", where.port or 80) for _ in range(n_clients)]
    try:
        for c in clients:
            await c.connect()
        await asyncio.gather(*(c.get("/static/shop.css") for c in clients))
        return [await run_phase(clients, p, think_s, rng, server_cpu) for p in phases]
    finally:
        for c in clients:
            await c.close()


def main() -> int:
    args = bench_args(
        __doc__.splitlines()[0], clients=50, requests=2000, workers=2, think_ms=0, doc=1
    )
    load_start = load_average()
    cat = catalogue(args.products)
    print(cat.describe())
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="otop-bench-shop-"))
    try:
        db = working_copy(cat, folder)
        products, queries = sample_catalogue(db, rng, args.requests)
        (folder / "home").mkdir()
        t0 = time.perf_counter()
        workers = ("--workers", str(args.workers)) if args.workers > 1 else ()
        shop = start_shop(db, folder / "home", *workers)
        started_s = time.perf_counter() - t0
        try:
            css = [("/static/shop.css", b"@font-face")]
            pages = [(f"/p/{s}", html.escape(n).encode()) for s, n in products]
            searches = [(f"/search?q={quote(q)}", b"</main>") for q in queries]
            # warm-up (not counted): every worker builds its search index of 100,000 names
            # on its first search, and reads its templates on its first page
            t1 = time.perf_counter()
            server_cpu = partial(process_tree_cpu_s, shop.process.pid)
            first = [searches[-args.clients :]]
            asyncio.run(run_all(shop.url, args.clients, first, 0.0, rng, server_cpu))
            warm_s = time.perf_counter() - t1
            warm = css * 200 + pages[-200:] + searches[-200:]
            think = args.think_ms / 1000
            measured = asyncio.run(
                run_all(
                    shop.url,
                    args.clients,
                    [warm, css * args.requests, pages, searches, css * args.requests],
                    think,
                    rng,
                    server_cpu,
                )
            )
        finally:
            stop_shop(shop)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    _, floor, page, search, floor_again = measured
    page_p99, search_p99 = percentile(page.times, 99), percentile(search.times, 99)
    rows = [
        floor.row("floor: static CSS file"),
        page.row("product page /p/{sku}"),
        search.row("search /search?q="),
        floor_again.row("floor again (after)"),
    ]
    model = (
        f"{args.clients} clients, one keep-alive HTTP/1.1 connection each, session cookie kept, "
        + (
            f"think time uniform 0-{2 * args.think_ms} ms (mean {args.think_ms} ms)"
            if args.think_ms
            else "no think time (closed loop: the next request as soon as an answer is in)"
        )
        + "; the client (raw asyncio streams, one process) on the same cores as the server"
    )
    notes = [
        f"client model: {model}",
        f"server: `otop-pos shop serve --workers {args.workers}` (uvicorn) on a copy of the "
        f"store; started in {started_s:.1f} s; the warm-up (each worker's first search builds "
        f"its index of {cat.products:,} names) {warm_s:.1f} s, not counted",
        "req/s: answers a second over the phase; server CPU: the CPU time of the server's "
        "processes (all workers, from /proc) over the phase per request, which queueing "
        "does not inflate; client CPU: the load generator's own per request (it shares the "
        "cores with the server)",
        f"load average (1/5/15 min) at the start {load_start}, at the end {load_average()}; "
        "other work shared the CPU unless the load average says otherwise",
        cat.describe(),
    ]
    passed = page_p99 <= PAGE_TARGET_S and search_p99 <= SEARCH_TARGET_S
    report = Report(
        name="shop",
        title=f"Web shop, {args.clients} concurrent clients, {cat.products:,} products",
        columns=[*LATENCY_COLUMNS, "req/s", "server CPU ms/req", "client CPU ms/req"],
        rows=rows,
        floor="the shop's CSS file (Starlette StaticFiles) from the same server, same "
        "clients, same client model, same run, before and after",
        target=f"product page p99 <= {PAGE_TARGET_S * 1000:g} ms, search p99 <= "
        f"{SEARCH_TARGET_S * 1000:g} ms",
        passed=passed,
        verdict=f"product page p99 {ms(page_p99)} ms, search p99 {ms(search_p99)} ms "
        f"(floor p99 {ms(percentile(floor.times, 99))} ms / "
        f"{ms(percentile(floor_again.times, 99))} ms)",
        notes=notes,
    )
    code = finish(report, args)
    if args.doc:
        write_doc_section(DOC, "bench_shop", doc_body(report))
        print(f"written to {DOC}")
    return code


def doc_body(report: Report) -> str:
    """The benchmark's section of docs/BENCHMARKS.md (the figures of this run only)."""
    return "\n".join(
        [
            "## Web shop: product pages and search, 50 concurrent clients",
            "",
            doc_preamble(report),
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
