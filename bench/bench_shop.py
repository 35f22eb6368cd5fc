"""The web shop under 50 concurrent clients: product pages and search over 100,000 products.

Run: .venv/bin/python -m bench.bench_shop [--clients 50] [--requests 2000] [--workers 2]
     [--think_max_ms 1000]

`otop-pos shop serve` (uvicorn, `--workers` processes) runs on a copy of the cached
100,000-product store on 127.0.0.1. The clients: `--clients` shoppers in one asyncio process
on the same machine, each with one HTTP/1.1 keep-alive connection (opened before the first
figure) that keeps the session cookie the shop gave it, as a browser does. Two client models,
in the same run, with the same clients:

- shoppers (the headline and the verdict): each shopper waits a think time drawn uniformly
  from 0-`--think_max_ms` before each request (the first one too, so they do not all start
  at once), as people reading a page do; the offered load is then about clients / (mean
  think + latency) requests a second;
- closed loop: no think time, the next request as soon as an answer is in, the heaviest
  load 50 clients can make; latency is then clients / throughput (Little's law), so this
  row shows the server's queue, not what a shopper waits.

Each model's phases, one after another: the floor (the shop's CSS, a static file served by
the same server), product pages (random SKUs, /p/{sku}, different ones per model), searches
(Thai fragments without tone marks, English words, SKUs: /search?q=); the shoppers' floor
again at the end. Every answer must be 200 and hold its text (a product page its product's
name). The client reads HTTP/1.1 on raw asyncio streams (its own CPU per request is printed),
the server's CPU comes from /proc over all its processes. Targets (shoppers): page p99 <=
100 ms, search p99 <= 50 ms. A run started while the 1-minute load average exceeds 1.5 x
nproc is neither a pass nor a failure ("machine busy: not a measurement", exit 2).
"""

from __future__ import annotations

import argparse
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
    BUSY,
    BUSY_LOAD,
    LATENCY_COLUMNS,
    Catalogue,
    Report,
    bench_args,
    catalogue,
    doc_preamble,
    finish,
    load_average,
    machine_busy,
    markdown_table,
    ms,
    percentile,
    summary_row,
    usable_cpus,
    working_copy,
    write_doc_section,
)
from pos.app.cli.shop import fast_server
from tests.web.server import start_shop, stop_shop

DOC = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"
WARM_UP = 200  # products and searches, past the measured ones
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


def machine_cpu_s() -> float:
    """CPU time so far (seconds, all cores, every process: /proc/stat's busy columns);
    NaN where /proc cannot be read."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return math.nan
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass
class Phase:
    """One phase's latencies (seconds), its wall time, and the CPU time the client process
    and the server's processes spent on it."""

    times: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float = math.nan
    machine_cpu_s: float = math.nan  # every process on the machine, this benchmark's too

    def row(self, label: str) -> list[str]:
        n = len(self.times) or 1
        client, server = self.client_cpu_s / n * 1000, self.server_cpu_s / n * 1000
        return [
            *summary_row(label, self.times),
            f"{self.rate:.0f}",
            f"{server:.2f}",
            f"{self.server_cores:.2f}",
            f"{client:.2f}",
        ]

    @property
    def rate(self) -> float:
        """Answers a second over the phase."""
        return len(self.times) / self.wall_s if self.wall_s else 0.0

    @property
    def server_cores(self) -> float:
        """The server's CPU over the phase's wall time: server CPU ms/req x req/s, in cores."""
        return self.server_cpu_s / self.wall_s if self.wall_s else math.nan

    @property
    def machine_cores(self) -> float:
        """Cores the whole machine kept busy over the phase (the server, the client, and
        any other work)."""
        return self.machine_cpu_s / self.wall_s if self.wall_s else math.nan

    @property
    def client_cores(self) -> float:
        return self.client_cpu_s / self.wall_s if self.wall_s else math.nan


async def run_phase(
    clients: Sequence[Client],
    requests: Sequence[tuple[str, bytes]],
    think_max_s: float,
    rng: random.Random,
    server_cpu: Callable[[], float],
) -> Phase:
    """Each (path, bytes its answer must hold) requested once, every client taking the next
    one when its last answer is in and it has thought (uniformly 0-`think_max_s`; 0: not at
    all). A failure stops the benchmark."""
    todo = list(reversed(requests))
    phase = Phase()
    failures: list[str] = []

    async def one_client(client: Client) -> None:
        while todo:
            if think_max_s:
                await asyncio.sleep(rng.uniform(0, think_max_s))
                if not todo:
                    break
            path, expected = todo.pop()
            t = time.perf_counter()
            status, body = await client.get(path)
            phase.times.append(time.perf_counter() - t)
            if status != 200 or expected not in body:
                failures.append(f"{path}: {status}")

    cpu, wall, server, every = (
        time.process_time(),
        time.perf_counter(),
        server_cpu(),
        machine_cpu_s(),
    )
    await asyncio.gather(*(one_client(c) for c in clients))
    phase.wall_s = time.perf_counter() - wall
    phase.client_cpu_s = time.process_time() - cpu
    phase.server_cpu_s = server_cpu() - server
    phase.machine_cpu_s = machine_cpu_s() - every
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    return phase


async def run_all(
    url: str,
    n_clients: int,
    phases: Sequence[tuple[Sequence[tuple[str, bytes]], float]],
    rng: random.Random,
    server_cpu: Callable[[], float],
) -> list[Phase]:
    """The phases (requests, the most think time in seconds) one after another with the
    same clients, each connected (and one request answered) before the first phase: the
    figures are requests, not connections opening."""
    where = urlsplit(url)
    clients = [Client(where.hostname or "127.0.0.1", where.port or 80) for _ in range(n_clients)]
    try:
        for c in clients:
            await c.connect()
        await asyncio.gather(*(c.get("/static/shop.css") for c in clients))
        return [await run_phase(clients, p, think, rng, server_cpu) for p, think in phases]
    finally:
        for c in clients:
            await c.close()


def main() -> int:
    args = bench_args(
        __doc__.splitlines()[0], clients=50, requests=2000, workers=2, think_max_ms=1000, doc=1
    )
    load_start, busy = load_average(), machine_busy()
    cat = catalogue(args.products)
    print(cat.describe())
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="otop-bench-shop-"))
    try:
        db = working_copy(cat, folder)
        products, queries = sample_catalogue(db, rng, 2 * args.requests + WARM_UP)
        (folder / "home").mkdir()
        t0 = time.perf_counter()
        workers = ("--workers", str(args.workers)) if args.workers > 1 else ()
        shop = start_shop(db, folder / "home", *workers)
        started_s = time.perf_counter() - t0
        try:
            css = [("/static/shop.css", b"@font-face")] * args.requests
            pages = [(f"/p/{sku}", html.escape(name).encode()) for sku, name in products]
            searches = [(f"/search?q={quote(q)}", b"</main>") for q in queries]
            # warm-up (not counted), on the connections that are then measured (a worker
            # builds its search index of 100,000 names on its first search, and reads its
            # templates on its first page): the samples past the measured ones
            n = args.requests
            measured_searches, warm_searches = searches[:-WARM_UP], searches[-WARM_UP:]
            half = len(measured_searches) // 2
            warm = css[:200] + pages[2 * n :] + warm_searches
            think = args.think_max_ms / 1000
            server_cpu = partial(process_tree_cpu_s, shop.process.pid)
            measured = asyncio.run(
                run_all(
                    shop.url,
                    args.clients,
                    [
                        (warm, 0.0),
                        (css, think),
                        (pages[:n], think),
                        (measured_searches[:half], think),
                        (css, think),
                        (css, 0.0),
                        (pages[n : 2 * n], 0.0),
                        (measured_searches[half:], 0.0),
                    ],
                    rng,
                    server_cpu,
                )
            )
        finally:
            stop_shop(shop)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report_on(args, cat, measured[1:], load_start, busy, started_s, measured[0].wall_s)


def report_on(
    args: argparse.Namespace,
    cat: Catalogue,
    phases: Sequence[Phase],
    load_start: str,
    busy: bool,
    started_s: float,
    warm_s: float,
) -> int:
    floor, page, search, floor_again, loop_floor, loop_page, loop_search = phases
    page_p99, search_p99 = percentile(page.times, 99), percentile(search.times, 99)
    think = f"think 0-{args.think_max_ms / 1000:g} s"
    rows = [
        floor.row(f"{think}: floor, static CSS file"),
        page.row(f"{think}: product page /p/{{sku}}"),
        search.row(f"{think}: search /search?q="),
        floor_again.row(f"{think}: floor again (after)"),
        loop_floor.row("closed loop: floor, static CSS file"),
        loop_page.row("closed loop: product page /p/{sku}"),
        loop_search.row("closed loop: search /search?q="),
    ]
    cores = usable_cpus()
    named = [
        ("shoppers' floor", floor),
        ("shoppers' pages", page),
        ("shoppers' searches", search),
        ("closed-loop floor", loop_floor),
        ("closed-loop pages", loop_page),
        ("closed-loop searches", loop_search),
    ]
    budget = "; ".join(
        f"{name} {ph.server_cpu_s / len(ph.times) * 1000:.2f} ms x {ph.rate:.0f}/s = "
        f"{ph.server_cores:.2f} (client {ph.client_cores:.2f}, the whole machine "
        f"{ph.machine_cores:.2f})"
        for name, ph in named
    )
    saturated = [name for name, ph in named[:3] if ph.machine_cores >= 0.9 * cores]
    notes = [
        f"CPU budget against {cores} cores (server CPU ms/req x req/s = cores the server "
        f"kept busy; the client's; the whole machine's from /proc/stat, other work included): "
        f"{budget}; "
        + (
            "the machine was saturated (>= 90% of its cores busy) during the "
            f"{', '.join(saturated)} phases: their latency includes a queue for the CPU"
            if saturated
            else "the machine had CPU to spare in every shoppers' phase"
        ),
        f"server: `otop-pos shop serve --workers {args.workers}` (uvicorn: "
        f"{', '.join(f'{k} {v}' for k, v in fast_server().items()) or 'defaults'}) on a copy "
        f"of the store; started in {started_s:.1f} s; the warm-up (each worker's first search "
        f"builds its index of {cat.products:,} names) {warm_s:.1f} s, not counted",
        "req/s: answers a second over the phase; server CPU: the CPU time of the server's "
        "processes (all workers, from /proc) over the phase, per request (queueing does not "
        "inflate it) and per second of the phase (cores); client CPU: the load generator's "
        "own per request (it shares the cores with the server)",
        f"load average (1/5/15 min) at the start {load_start}, at the end {load_average()}"
        + (
            f"; the 1-minute figure at the start was above {BUSY_LOAD:g} x nproc: {BUSY}"
            if busy
            else "; other work shared the CPU unless the load average says otherwise"
        ),
        cat.describe(),
    ]
    passed = page_p99 <= PAGE_TARGET_S and search_p99 <= SEARCH_TARGET_S
    report = Report(
        name="shop",
        title=f"Web shop, {args.clients} concurrent shoppers, {cat.products:,} products",
        columns=[
            *LATENCY_COLUMNS,
            "req/s",
            "server CPU ms/req",
            "server CPU cores",
            "client CPU ms/req",
        ],
        rows=rows,
        floor="the shop's CSS file (Starlette StaticFiles) from the same server, same "
        "clients, same client model, same run, before and after",
        target=f"with {think}: product page p99 <= {PAGE_TARGET_S * 1000:g} ms, search p99 "
        f"<= {SEARCH_TARGET_S * 1000:g} ms",
        passed=passed,
        verdict=f"with {think}: product page p99 {ms(page_p99)} ms, search p99 "
        f"{ms(search_p99)} ms (floor p99 {ms(percentile(floor.times, 99))} ms / "
        f"{ms(percentile(floor_again.times, 99))} ms); closed loop: page p99 "
        f"{ms(percentile(loop_page.times, 99))} ms, search p99 "
        f"{ms(percentile(loop_search.times, 99))} ms, floor p99 "
        f"{ms(percentile(loop_floor.times, 99))} ms",
        notes=notes,
        measured=not busy,
    )
    code = finish(report, args)
    if args.doc:
        write_doc_section(DOC, "bench_shop", doc_body(report, model_of(args)))
        print(f"written to {DOC}")
    return code


def model_of(args: argparse.Namespace) -> str:
    """The client models, as the table's preamble states them."""
    return (
        f"Client models: {args.clients} shoppers, one keep-alive HTTP/1.1 connection and "
        f"session cookie each, on raw asyncio streams in one process on the same "
        f"{usable_cpus()} cores as the server. **think 0-{args.think_max_ms / 1000:g} s** "
        f"(the headline and the verdict): each shopper waits a think time drawn uniformly "
        f"from 0-{args.think_max_ms / 1000:g} s before every request, so the shop is offered "
        f"about {args.clients} / (mean think + latency) requests a second; **closed loop**: "
        "no think time, the next request as soon as the answer is in (the heaviest load the "
        "clients can make: its latency is the server's queue, clients / throughput). The "
        "floor (a static file from the same server) is measured in each model, in the same "
        f"run; {args.requests:,} requests a row."
    )


def doc_body(report: Report, model: str) -> str:
    """The benchmark's section of docs/BENCHMARKS.md (the figures of this run only)."""
    return "\n".join(
        [
            "## Web shop: product pages and search, 50 concurrent shoppers",
            "",
            doc_preamble(report),
            "",
            model,
            "",
            markdown_table(report.columns, report.rows),
            "",
            f"Floor: {report.floor}. Target: {report.target}. {report.outcome}: {report.verdict}.",
            "",
            *(f"- {note}" for note in report.notes),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
