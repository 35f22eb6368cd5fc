"""Start-up: from process start to a till ready for its first scan, beside a bare PySide6 window.

Run: .venv/bin/python -m bench.bench_startup [--runs 5]

Each run spawns `python -c ...` (a new interpreter, offscreen Qt) that opens the
100,000-product store (pos.app.open_store), builds the TillContext, creates the real till
window with ui.app.create_till_window and shows it maximised, as `otop-pos` does.

READY means: the window is shown and exposed, the scan field has painted, is enabled and has
the keyboard focus, so a scanner's keystrokes land in it. The product INDEX (for the find
dialog) may still be loading on the till's background worker at that moment; a scan typed at
READY is answered once the worker reaches it. So two more moments are reported: the index
loaded, and the first scan (a barcode typed at READY) in the cart.

The floor is a bare PySide6 process, started the same way in the same run: QApplication, a
QMainWindow with one QLineEdit, shown maximised, READY by the same rule. The runs alternate.
Target: till READY median <= 2.0 s and <= 2x the bare window's median.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/bench_startup.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Report, bench_args, catalogue, finish, working_copy

TARGET_S = 2.0
TARGET_RATIO = 2.0
CHILD_TIMEOUT_S = 300

# Shared by both children: wait in the event loop (never QTest.qWait, which holds the GIL
# and starves the till's worker thread) until the field can take a scan.
_READY = r"""
import sys, time
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

def mark(name):
    print(f"MARK {name} {time.monotonic():.6f}", flush=True)

class _Painted(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False

def wait_ready(window, field, timeout=60.0):
    painted = _Painted()
    field.installEventFilter(painted)
    loop, tick = QEventLoop(), QTimer()
    tick.timeout.connect(loop.quit)
    tick.start(1)
    deadline = time.monotonic() + timeout
    def ready():
        handle = window.windowHandle()
        return (window.isVisible() and handle is not None and handle.isExposed()
                and painted.seen and field.isEnabled() and not field.isReadOnly()
                and QApplication.focusWidget() is field)
    while not ready():
        if time.monotonic() > deadline:
            sys.exit("never ready")
        loop.exec()
    tick.stop()
    field.removeEventFilter(painted)
"""

BARE = (
    _READY
    + r"""
mark("python")
from PySide6.QtWidgets import QLineEdit, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
field = QLineEdit()
window.setCentralWidget(field)
window.showMaximized()
field.setFocus()
wait_ready(window, field)
mark("ready")
import os
os._exit(0)
"""
)

TILL = (
    _READY
    + r"""
mark("python")
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pos.app import build_till_context, open_store
from pos.domain.settings import Settings
from ui.app import create_till_window
mark("imports")
store = open_store(sys.argv[1], Settings())
mark("open_store")
ctx = build_till_context(store)
window = create_till_window(ctx)
mark("window_created")
app = QApplication.instance()
window.indexLoaded.connect(lambda n: mark("index"))
window.showMaximized()
window.refocus()
field = window.findChild(QLineEdit, "scanField")
wait_ready(window, field)
mark("ready")
# a scanner types a barcode at once: when is the line in the cart?
window.model.rowsInserted.connect(lambda *a: mark("first_scan"))
QTest.keyClicks(field, sys.argv[2])
QTest.keyClick(field, Qt.Key.Key_Return)
loop, tick = QEventLoop(), QTimer()
tick.timeout.connect(loop.quit)
tick.start(5)
deadline = time.monotonic() + 120
while len(window.cart) == 0 or window.index is None:
    if time.monotonic() > deadline:
        sys.exit(f"no answer: {window.message}")
    loop.exec()
import os
os._exit(0)
"""
)


def _run(code: str, argv: list[str]) -> dict[str, float]:
    """Spawn `python -c code`; the seconds from spawn to each MARK it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    marks: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("MARK "):
            _, name, at = line.split()
            marks.setdefault(name, float(at) - started)
    return marks


def main() -> int:
    args = bench_args(__doc__.splitlines()[0], runs=5)
    from bench.bench_scan import scan_codes

    cat = catalogue(args.products)
    print(cat.describe())
    bare: list[dict[str, float]] = []
    till: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="otop-bench-startup-") as tmp:
        db = working_copy(cat, Path(tmp))
        codes = scan_codes(db, args.runs, random.Random(args.seed))
        _run(BARE, [])  # warm the OS file cache for both: the first run is not a cold boot
        _run(TILL, [str(db), codes[0]])
        for i in range(args.runs):
            bare.append(_run(BARE, []))
            till.append(_run(TILL, [str(db), codes[i]]))
            print(
                f"run {i + 1}: bare {bare[-1]['ready']:.2f} s, till {till[-1]['ready']:.2f} s "
                f"(index {till[-1]['index']:.2f} s, first scan {till[-1]['first_scan']:.2f} s)"
            )

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def row(label: str, runs: list[dict[str, float]], key: str) -> list[str]:
        values = [r[key] for r in runs]
        return [label, f"{med(runs, key):.2f}", f"{min(values):.2f}", f"{max(values):.2f}"]

    bare_ready, till_ready = med(bare, "ready"), med(till, "ready")
    ratio = till_ready / bare_ready
    rows = [
        row("floor: bare PySide6 window READY", bare, "ready"),
        row("till: interpreter up", till, "python"),
        row("till: imports done (pos, ui, PySide6)", till, "imports"),
        row("till: store open (open_store)", till, "open_store"),
        row("till: TillContext + window created", till, "window_created"),
        row("till: READY for the first scan", till, "ready"),
        row("till: product index loaded", till, "index"),
        row("till: first scan (typed at READY) in the cart", till, "first_scan"),
    ]
    return finish(
        Report(
            name="startup",
            title=f"Start-up to a till ready to scan, {args.runs} runs, {cat.products:,} products",
            columns=["seconds from process start", "median", "min", "max"],
            rows=rows,
            floor="a bare PySide6 process (QApplication + QMainWindow + QLineEdit, shown "
            "maximised, READY by the same rule), alternated with the till in the same run",
            target=f"till READY median <= {TARGET_S:g} s and <= {TARGET_RATIO:g}x the bare "
            "window's median",
            passed=till_ready <= TARGET_S and ratio <= TARGET_RATIO,
            verdict=f"READY {till_ready:.2f} s vs bare {bare_ready:.2f} s = {ratio:.2f}x; "
            f"index loaded at {med(till, 'index'):.2f} s, first scan answered at "
            f"{med(till, 'first_scan'):.2f} s",
            notes=[
                "READY = window shown and exposed, scan field painted, enabled and focused "
                "(keystrokes land in it); the product index may still be loading then",
                "warm start: the OS file cache holds Python, Qt and the database (one "
                "untimed run of each first)",
                cat.describe(),
            ],
        ),
        args,
    )


if __name__ == "__main__":
    sys.exit(main())
