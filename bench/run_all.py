"""Run every benchmark and write the latest figures into docs/BENCHMARKS.md.

Run: .venv/bin/python -m bench.run_all [--only startup,scan] [--no-doc]

Each benchmark runs in its own process (python -m bench.bench_<name> --json ...), its output
shown as it goes. The block between the run_all markers in docs/BENCHMARKS.md is replaced
with the figures, the machine, the date and the command; the rest of the file (sections that
other benchmarks write themselves, notes) is left as it is.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/run_all.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, Report, catalogue, machine, markdown_table, pin

DOC = ROOT / "docs" / "BENCHMARKS.md"
START = "<!-- run_all: start (written by bench/run_all.py; edit outside these markers) -->"
END = "<!-- run_all: end -->"
MAIN = ("startup", "scan", "commit", "search")  # the order of the table
BANGKOK = timezone(timedelta(hours=7))


def bench_names() -> list[str]:
    found = sorted(p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py"))
    return [n for n in MAIN if n in found] + [n for n in found if n not in MAIN]


def takes_json(name: str) -> bool:
    """Whether the benchmark parses its options with bench.common (and so accepts --json)."""
    source = (ROOT / "bench" / f"bench_{name}.py").read_text("utf-8")
    return "bench_args(" in source or '"--json"' in source


def run_one(name: str, out: Path, env: dict[str, str]) -> tuple[int, float]:
    print(f"\n######## bench_{name}", flush=True)
    started = time.monotonic()
    report = ["--json", str(out)] if takes_json(name) else []
    code = subprocess.call(
        [sys.executable, "-m", f"bench.bench_{name}", *report],
        cwd=ROOT,
        env=env,
    )
    return code, time.monotonic() - started


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "?"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def document(
    reports: dict[str, Report | None],
    codes: dict[str, int],
    command: str,
    info: dict[str, str],
    when: datetime,
    loads: tuple[str, str],
    took: float,
) -> str:
    out = [
        "## Latest run (all benchmarks)",
        "",
        f"- **date**: {when:%Y-%m-%d %H:%M} UTC ({when.astimezone(BANGKOK):%H:%M} Bangkok), "
        f"{took / 60:.1f} min",
        f"- **command**: `{command}` (from the repository root)",
        f"- **machine**: nproc {info['nproc']}, {info['cpu']}, Python {info['python']}, "
        f"SQLite {info['sqlite']}, PySide6 {info['pyside6']}, SQLAlchemy {info['sqlalchemy']}, "
        f"{info['os']}",
        f"- **load average** (1/5/15 min) at the start: {loads[0]}; at the end: {loads[1]} "
        "(other work on the machine inflates the tails: read p99s with it in mind)",
        "",
    ]
    rows = []
    for name, report in reports.items():
        if report is None and not takes_json(name):
            verdict = "PASS" if codes[name] == 0 else f"exit {codes[name]}"
            rows.append([f"bench_{name}", "its own", "see its own section below", verdict])
        elif report is None:
            rows.append([f"bench_{name}", "-", f"ERROR (exit {codes[name]}: no report)", "-"])
        else:
            verdict = report.outcome
            rows.append([report.title, report.target, report.verdict, f"**{verdict}**"])
    out += [markdown_table(["benchmark", "target", "result", "verdict"], rows), ""]
    for name, report in reports.items():
        if report is None or name not in MAIN:
            continue  # other benchmarks write their own section below
        out += [
            f"### {report.title}",
            "",
            f"`{report.command}`",
            "",
            report.table(),
            "",
            f"- floor: {report.floor}",
            f"- target: {report.target}",
            *(f"- {note}" for note in report.notes),
            f"- **{report.outcome}**: {report.verdict}",
            "",
        ]
    return "\n".join(out)


def write_block(path: Path, body: str) -> None:
    """Replace the run_all block (or put it right under the title), leave the rest alone."""
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{body.rstrip()}\n{END}\n"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + block + tail.lstrip("\n")
    else:
        title, nl, rest = text.partition("\n")
        text = f"{title}{nl}\n{block}\n{rest.lstrip(chr(10))}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n", "utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", help="comma-separated names, e.g. scan,commit")
    p.add_argument("--no-doc", action="store_true", help="do not touch docs/BENCHMARKS.md")
    args = p.parse_args()
    names = bench_names()
    if args.only:
        wanted = args.only.split(",")
        unknown = set(wanted) - set(names)
        if unknown:
            p.error(f"no such benchmark: {', '.join(sorted(unknown))} (have {', '.join(names)})")
        names = [n for n in names if n in wanted]

    command = " ".join([".venv/bin/python", "-m", "bench.run_all", *sys.argv[1:]])
    when = datetime.now(UTC)
    started = time.monotonic()
    load_before = load()
    cat = catalogue()  # built once, before anything is timed, and used by every benchmark
    print(cat.describe())
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.update(pin(cat))
    reports: dict[str, Report | None] = {}
    codes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="otop-bench-all-") as tmp:
        for name in names:
            out = Path(tmp) / f"{name}.json"
            codes[name], _ = run_one(name, out, env)
            reports[name] = Report.load(out) if out.exists() else None
    took = time.monotonic() - started

    print("\n######## summary")
    for name in names:
        report = reports[name]
        if report is None:
            what = "ERROR" if takes_json(name) else ("PASS " if codes[name] == 0 else "FAIL?")
            print(f"{what}  bench_{name} (exit {codes[name]}, no JSON report)")
        else:
            print(f"{report.outcome:5}  {report.title}: {report.verdict}")
    if not args.no_doc:
        body = document(reports, codes, command, machine(), when, (load_before, load()), took)
        write_block(DOC, body)
        print(f"written to {DOC.relative_to(ROOT)}")
    ok = all(
        (r is not None and r.passed) or (r is None and codes[n] == 0) for n, r in reports.items()
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
