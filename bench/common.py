"""What the benchmarks share: the cached 100,000-product store, percentiles, tables, verdicts."""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # tests.helpers is not installed with the app
    sys.path.insert(0, str(ROOT))

PRODUCTS = 100_000

# Files whose content decides what the cached catalogue holds: change one, rebuild the cache.
_CACHE_INPUTS = (
    "pos/services/demo.py",
    "pos/services/catalog.py",
    "pos/domain/catalog.py",
    "pos/domain/settings.py",
    *(f"db/models/{name}.py" for name in ("__init__", "base", "catalog", "sales", "terminals")),
    "db/catalog_repository.py",
    "tests/helpers/catalogue.py",
)


# --- the catalogue --------------------------------------------------------------------------
def cache_dir() -> Path:
    """$OTOP_BENCH_CACHE, else <tmp>/otop-pos-bench (kept between runs)."""
    env = os.environ.get("OTOP_BENCH_CACHE")
    path = Path(env) if env else Path(tempfile.gettempdir()) / "otop-pos-bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Catalogue:
    path: Path  # a SQLite file to copy, never to write
    products: int
    demo_products: int
    stand_in_demo: bool  # resources/demo was missing: a 30-product stand-in was used
    built_s: float | None  # None: taken from the cache

    def describe(self) -> str:
        demo = "stand-in demo (resources/demo missing)" if self.stand_in_demo else "demo"
        how = f"built in {self.built_s:.1f} s" if self.built_s is not None else "cached"
        return (
            f"{self.products:,} products ({self.demo_products} {demo} + "
            f"{self.products - self.demo_products:,} synthetic), {how}: {self.path}"
        )


def _cache_key(folder: Path, products: int) -> str:
    from db.migrate import MIGRATIONS

    h = hashlib.sha256(f"products={products}".encode())
    inputs = [ROOT / name for name in _CACHE_INPUTS]
    inputs += sorted((MIGRATIONS / "versions").glob("*.py"))
    inputs += sorted(folder.glob("*.json"))
    for path in inputs:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


PINNED = "OTOP_BENCH_CATALOGUE"  # run_all pins one catalogue for all its benchmarks


def pin(cat: Catalogue) -> dict[str, str]:
    """Environment that makes catalogue() in a child process return `cat` as it is."""
    fields = [str(cat.path), str(cat.products), str(cat.demo_products), str(int(cat.stand_in_demo))]
    return {PINNED: "\n".join(fields)}


def catalogue(products: int = PRODUCTS) -> Catalogue:
    """A migrated store with the demo catalogue plus synthetic products, built once and cached.

    The cache key covers the sources that decide the catalogue's content; run_all pins the
    file it built so that a source edited mid-run does not rebuild it under later benchmarks.
    """
    pinned = os.environ.get(PINNED)
    if pinned:
        path, n, demo, stand_in = pinned.split("\n")
        if int(n) == products and Path(path).exists():
            return Catalogue(Path(path), int(n), int(demo), stand_in == "1", None)
    from tests.helpers.catalogue import demo_folder

    folder, stand_in = demo_folder(cache_dir())
    demo_products = len(json.loads((folder / "products.json").read_text("utf-8")))
    path = cache_dir() / f"catalogue-{products}-{_cache_key(folder, products)}.db"
    if path.exists():
        return Catalogue(path, products, demo_products, stand_in, None)

    from pos.app.bootstrap import open_store
    from pos.domain.settings import Settings
    from pos.services.demo import load_demo_store

    print(f"building the {products:,}-product catalogue (once; cached in {cache_dir()}) ...")
    started = time.perf_counter()
    work = cache_dir() / f"building-{os.getpid()}.db"
    for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
        leftover.unlink(missing_ok=True)
    settings = Settings()
    store = open_store(str(work), settings)
    try:
        n = load_demo_store(
            store.uow,
            settings,
            store.terminal.terminal_id,
            folder,
            synthetic=max(0, products - demo_products),
        )
    finally:
        store.close()
    con = sqlite3.connect(work)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("ANALYZE")
    finally:
        con.close()
    Path(f"{work}-wal").unlink(missing_ok=True)
    Path(f"{work}-shm").unlink(missing_ok=True)
    os.replace(work, path)
    for stale in cache_dir().glob(f"catalogue-{products}-*.db"):
        if stale != path:  # built from sources that have changed since
            stale.unlink(missing_ok=True)
    built = time.perf_counter() - started
    if n != products:
        print(f"note: the catalogue has {n} products, not {products}")
    return Catalogue(path, n, demo_products, stand_in, built)


def working_copy(cat: Catalogue, folder: Path, name: str = "counter.db") -> Path:
    """A private copy of the cached catalogue that a benchmark may write to."""
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / name
    shutil.copyfile(cat.path, dst)
    return dst


# --- numbers --------------------------------------------------------------------------------
def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 1,000 samples is the 990th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def summary_row(label: str, samples: Sequence[float]) -> list[str]:
    """label, n, p50, p90, p99, max (milliseconds)."""
    return [
        label,
        str(len(samples)),
        ms(percentile(samples, 50)),
        ms(percentile(samples, 90)),
        ms(percentile(samples, 99)),
        ms(max(samples)),
    ]


LATENCY_COLUMNS = ["", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"]


# --- reports --------------------------------------------------------------------------------
@dataclass
class Report:
    name: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    floor: str  # what the figures are compared against
    target: str
    passed: bool
    verdict: str  # the comparison, in numbers
    notes: list[str] = field(default_factory=list)
    command: str = ""
    measured: bool = True  # False: the machine was busy at the start (see machine_busy())

    @property
    def outcome(self) -> str:
        """PASS or FAIL, or no verdict at all when the machine was busy at the start."""
        if not self.measured:
            return BUSY
        return "PASS" if self.passed else "FAIL"

    def table(self) -> str:
        return markdown_table(self.columns, self.rows)

    def print(self) -> None:
        print()
        print(f"== {self.title}")
        for line in text_table(self.columns, self.rows):
            print(line)
        print(f"floor:  {self.floor}")
        print(f"target: {self.target}")
        for note in self.notes:
            print(f"note:   {note}")
        print(f"{self.outcome}: {self.verdict}")

    def dump(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, path: Path) -> Report:
        return cls(**json.loads(path.read_text("utf-8")))


def text_table(columns: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [columns, *rows]) for i in range(len(columns))]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [fmt(columns), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)]


def markdown_table(columns: list[str], rows: list[list[str]]) -> str:
    head = "| " + " | ".join(columns) + " |"
    rule = "|" + "|".join("---" if i == 0 else "---:" for i in range(len(columns))) + "|"
    return "\n".join([head, rule, *("| " + " | ".join(r) + " |" for r in rows)])


def bench_args(description: str, **defaults: Any) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--json", type=Path, help="also write the report as JSON here")
    p.add_argument("--products", type=int, default=PRODUCTS, help="catalogue size")
    p.add_argument("--seed", type=int, default=20261127)
    for name, value in defaults.items():
        p.add_argument(f"--{name}", type=type(value), default=value)
    return p.parse_args()


def command_line() -> str:
    """This process's command line as one would type it at the repository root."""
    exe = Path(sys.executable)
    python = str(exe.relative_to(ROOT)) if exe.is_relative_to(ROOT) else exe.name
    argv = list(sys.orig_argv[1:])
    if "--json" in argv:  # where run_all collects the report: not part of the benchmark
        at = argv.index("--json")
        del argv[at : at + 2]
    return " ".join([python, *argv])


def finish(report: Report, args: argparse.Namespace) -> int:
    report.command = command_line()
    report.print()
    if args.json:
        report.dump(args.json)
    if not report.measured:
        return 2  # neither a pass nor a failure
    return 0 if report.passed else 1


# --- the machine ----------------------------------------------------------------------------
def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = usable_cpus()
    info = {
        "nproc": str(usable),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
    }
    for dist in ("PySide6", "SQLAlchemy"):
        try:
            from importlib.metadata import version

            info[dist.lower()] = version(dist if dist != "PySide6" else "PySide6-Essentials")
        except Exception:
            info[dist.lower()] = "?"
    return info


BUSY = "machine busy: not a measurement"
BUSY_LOAD = 1.5  # a 1-minute load average above this many times nproc: other work holds the CPU


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine_busy() -> bool:
    """Whether the 1-minute load average now exceeds BUSY_LOAD x the usable CPUs: a run
    started then measures the other work as much as itself, and earns no PASS or FAIL."""
    return os.getloadavg()[0] > BUSY_LOAD * usable_cpus()


def load_average() -> str:
    """The 1/5/15-minute load averages, as the doc sections print them."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def doc_preamble(report: Report) -> str:
    """The line under a doc section's heading: the command, when, the machine, the load."""
    from datetime import UTC, datetime

    info = ", ".join(f"{k} {v}" for k, v in machine().items())
    return (
        f"`{report.command}` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {info}, "
        f"load average at the end {load_average()}"
    )


def write_doc_section(path: Path, name: str, body: str) -> None:
    """Put benchmark `name`'s marked section in `path`, leaving everything else as it is."""
    start = f"<!-- {name}: start (written by bench/{name}.py) -->"
    end = f"<!-- {name}: end -->"
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    section = f"{start}\n{body.rstrip()}\n{end}\n"
    if start in text and end in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = head + section + tail.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
