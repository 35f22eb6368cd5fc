"""Shelf labels: 1,000 different products to a PDF, beside a floor measured in the same run.

Run: .venv/bin/python -m bench.bench_labels [--runs 5] [--no-doc]

The store is the demo catalogue plus synthetic products (1,000 or more, in a scratch SQLite
file); the job is 1,000 labels of 1,000 different products, one copy each: 48 A4 sheets of
3x7. Every run starts cold: the QR, shaping and line-break caches are emptied first, as in a
freshly started program. Measured: choosing the products (find_labels: one query), and the
PDF (layout with Thai shaping and word breaks, shrink-to-fit, EAN/Code 128 bars, story QR
codes, reportlab writing and compressing the pages).
Floor, interleaved run by run: reportlab writing the same text runs and rectangles, already
laid out, with no shaping and nothing else to compute: what the document costs to write.
Target: the 1,000-label PDF p50 <= 5 s. The figures are written into docs/BENCHMARKS.md in
their own section (--no-doc skips it).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/bench_labels.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import (
    LATENCY_COLUMNS,
    ROOT,
    Report,
    bench_args,
    finish,
    machine,
    markdown_table,
    ms,
    percentile,
    summary_row,
    write_doc_section,
)

LABELS = 1000
TARGET_S = 5.0
DOC = ROOT / "docs" / "BENCHMARKS.md"


def cold() -> None:
    """Empty the caches a long-running program would have warmed up."""
    from printing import label_layout, label_text

    label_layout._QR.items.clear()
    label_text._line_pieces.cache_clear()
    label_text._graphemes.cache_clear()
    for face in label_text.Face:
        label_text._shaper(face).cache.clear()


def main() -> int:
    args = bench_args(__doc__.splitlines()[0], runs=5, doc=1)
    from reportlab.pdfgen.canvas import Canvas

    from pos.app.bootstrap import open_store
    from pos.domain.labels import LabelQuery, place_labels, template_by_name
    from pos.domain.settings import Settings
    from pos.services.demo import load_demo_store
    from pos.services.labels import find_labels
    from printing.label_layout import MM, layout_label
    from printing.labels import PdfLabelRenderer, register_fonts
    from resources import DEMO
    from tests.helpers.catalogue import demo_folder

    settings = Settings()
    scratch = Path(tempfile.mkdtemp(prefix="otop-bench-labels-"))
    folder, stand_in = demo_folder(scratch)
    store = open_store(str(scratch / "labels.db"), settings)
    demo_count = load_demo_store(store.uow, settings, store.terminal.terminal_id, folder, LABELS)
    template = template_by_name("a4-3x7")
    register_fonts()

    def choose() -> list:  # type: ignore[type-arg]
        return find_labels(store.uow, settings, LabelQuery())[:LABELS]

    items = choose()
    labels = [i.label for i in items]
    placements = place_labels([1] * len(labels), template)
    pages = placements[-1].page + 1

    def render(out: io.BytesIO) -> None:
        PdfLabelRenderer().render(labels, placements, template, out)

    # the floor's input: every label laid out once, before timing
    drawings = [layout_label(lab, template.label_width, template.label_height) for lab in labels]

    def floor(out: io.BytesIO) -> None:
        page_h = template.page_height * MM
        canvas = Canvas(out, pagesize=(template.page_width * MM, page_h), invariant=True)
        page = 0
        for placement, d in zip(placements, drawings, strict=True):
            if placement.page != page:
                canvas.showPage()
                page = placement.page
            x, y = template.origin(placement.slot)
            canvas.saveState()
            canvas.translate(x * MM, page_h - (y + template.label_height) * MM)
            for group in d.rects:
                ops = [
                    f"{rx:.3f} {d.height - ry - rh:.3f} {rw:.3f} {rh:.3f} re"
                    for rx, ry, rw, rh in group.absolute()
                ]
                canvas.addLiteral("\n".join(ops) + "\nf")
            for run in d.texts:
                canvas.setFont(run.face.value, run.size)
                canvas.drawString(run.x, d.height - run.baseline, run.text)
            canvas.restoreState()
        canvas.showPage()
        canvas.save()

    load_before = os.getloadavg()[0]
    samples: dict[str, list[float]] = {"choose": [], "pdf": [], "pdf cpu": [], "floor": []}
    sizes: dict[str, int] = {}
    for _ in range(args.runs):
        t = time.perf_counter()
        choose()
        samples["choose"].append(time.perf_counter() - t)
        cold()
        out = io.BytesIO()
        t, cpu = time.perf_counter(), time.process_time()
        render(out)
        samples["pdf"].append(time.perf_counter() - t)
        samples["pdf cpu"].append(time.process_time() - cpu)
        sizes["pdf"] = len(out.getvalue())
        out = io.BytesIO()
        t = time.perf_counter()
        floor(out)
        samples["floor"].append(time.perf_counter() - t)
        sizes["floor"] = len(out.getvalue())
    store.close()
    load = max(load_before, os.getloadavg()[0])

    labels_desc = f"{len(labels):,} labels, {pages} A4 pages 3x7"
    rows = [
        summary_row(f"choose {len(labels):,} products (find_labels)", samples["choose"]),
        summary_row(f"PDF: {labels_desc} (cold caches)", samples["pdf"]),
        summary_row("  the same, CPU time of this process", samples["pdf cpu"]),
        summary_row("floor: reportlab writing the same runs and rectangles, unshaped",
                    samples["floor"]),
    ]
    p50 = percentile(samples["pdf"], 50)
    p50_floor = percentile(samples["floor"], 50)
    passed = p50 <= TARGET_S and len(labels) == LABELS
    catalogue = f"{demo_count:,} products ({'stand-in' if stand_in else 'demo'} + synthetic)"
    report = Report(
        name="bench_labels",
        title=f"Shelf labels: {LABELS:,} different products to PDF",
        columns=LATENCY_COLUMNS,
        rows=rows,
        floor="reportlab writing the same laid-out text and rectangles, no shaping",
        target=f"PDF p50 <= {TARGET_S:.0f} s",
        passed=passed,
        verdict=(
            f"PDF p50 {ms(p50)} ms = {p50 / p50_floor:.1f}x the floor ({ms(p50_floor)} ms), "
            f"CPU {ms(percentile(samples['pdf cpu'], 50))} ms; "
            f"{sizes['pdf'] / 1e6:.2f} MB PDF ({sizes['floor'] / 1e6:.2f} MB floor); "
            f"store of {catalogue}"
        ),
        notes=[f"load average {load:.1f} on {os.cpu_count()} cores during the run"]
        + ([] if folder == DEMO else ["resources/demo missing: stand-in demo catalogue"]),
    )
    code = finish(report, args)
    if args.doc:
        info = machine()
        body = "\n".join(
            [
                f"## Shelf labels ({LABELS:,} products to PDF)",
                "",
                f"`{report.command}` — {datetime.now(UTC):%Y-%m-%d}, "
                + ", ".join(f"{k} {v}" for k, v in info.items()),
                "",
                markdown_table(report.columns, report.rows),
                "",
                f"Target: {report.target}. {'PASS' if passed else 'FAIL'}: {report.verdict}.",
                f"Machine load average during the run: {load:.1f} on {os.cpu_count()} cores.",
                "",
                "Each run starts with empty caches (QR codes, shaped words, line breaks), as a "
                "freshly started program; copies of a label, and a long-running labels window, "
                "reuse them. The floor is the part no layout work can remove: reportlab "
                "writing, compressing and subsetting the same document. CPU time is given "
                "beside wall time because the 2-core machine is shared: when other work runs, "
                "wall time grows and CPU time much less.",
            ]
        )
        write_doc_section(DOC, "bench_labels", body)
        print(f"written to {DOC.relative_to(ROOT)}")
    return code


if __name__ == "__main__":
    sys.exit(main())
