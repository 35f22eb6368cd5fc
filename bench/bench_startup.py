"""Start-up: from process start to a till ready for its first scan, beside a bare PySide6 window.

Run: .venv/bin/python -m bench.bench_startup [--runs 5]

Each run spawns `python -c ...` (a new interpreter, offscreen Qt) that starts the till as
`otop-pos` (pos.app.command_line.cmd_till) does: the UI thread imports only PySide6,
pos.app and the ui modules (the child checks that no SQLAlchemy/Alembic/db module is loaded
then), creates the real till window with ui.app.create_till_window on a factory that opens the
100,000-product store (pos.app.bootstrap.open_store + build_till_context) on the window's
worker, and shows it maximised at once.

READY means: the window is shown and exposed, the scan field has painted, is enabled and has
the keyboard focus, so a scanner's keystrokes land in it; at READY a barcode is typed (+ Enter)
and the child checks that the field took it (it is queued behind the opening store, never
lost). The store may still be opening then, so the honest second numbers are reported too:
the STORE OPEN (the factory returned on the worker), the FIRST SCAN (the barcode typed at READY)
in the cart, and the product index (for the find dialog) loaded.

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
import os
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pos.app.bootstrap import build_till_context, open_store
from pos.app.command_line import parse_command_line
from pos.domain.settings import Settings
from ui.app import create_till_window
parse_command_line(["--db", sys.argv[1]])  # otop-pos parses its command line first
mark("imports")
db_layer = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic", "db"))
if db_layer:
    sys.exit(f"the UI thread imported the database layer before the window: {db_layer[:5]}")
settings = Settings()

def open_till():  # on the window's worker, as pos.app.command_line.cmd_till does
    store = open_store(sys.argv[1], settings)
    store.is_empty()  # cmd_till checks it (to load the demo store on a first start)
    return build_till_context(store)

def failed(text):
    print(f"the store did not open: {text}", file=sys.stderr, flush=True)
    os._exit(3)

window = create_till_window(open_till, settings=settings)
window.storeOpened.connect(lambda: mark("store_open"))
window.storeFailed.connect(failed)
window.indexLoaded.connect(lambda n: mark("index"))
window.model.rowsInserted.connect(lambda *a: mark("first_scan"))
mark("window_created")
window.showMaximized()
window.refocus()
field = window.findChild(QLineEdit, "scanField")
wait_ready(window, field)
mark("ready")
from PySide6.QtTest import QTest  # the harness's keyboard, not the till's: after READY
# a scanner types a barcode at once: the field takes it (queued if the store is not open yet)
QTest.keyClicks(field, sys.argv[2])
QTest.keyClick(field, Qt.Key.Key_Return)
if field.text() or not (window.busy or len(window.cart)):
    sys.exit("the scan typed at READY was not taken")
mark("typed")
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


_PYCACHE: str | None = None  # where the children keep their bytecode (set by main)


def _run(code: str, argv: list[str]) -> dict[str, float]:
    """Spawn `python -c code`; the seconds from spawn to each MARK it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # an installed till starts from compiled bytecode (pip, PyInstaller): so do the children
    # (the untimed first runs write it), even where PYTHONDONTWRITEBYTECODE is set
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = _PYCACHE
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
    global _PYCACHE
    with tempfile.TemporaryDirectory(prefix="otop-bench-startup-") as tmp:
        db = working_copy(cat, Path(tmp))
        _PYCACHE = str(Path(tmp) / "pycache")
        codes = scan_codes(db, args.runs, random.Random(args.seed))
        _run(BARE, [])  # warm the OS file cache for both: the first run is not a cold boot
        _run(TILL, [str(db), codes[0]])
        for i in range(args.runs):
            bare.append(_run(BARE, []))
            till.append(_run(TILL, [str(db), codes[i]]))
            print(
                f"run {i + 1}: bare {bare[-1]['ready']:.2f} s, till {till[-1]['ready']:.2f} s "
                f"(store open {till[-1]['store_open']:.2f} s, first scan "
                f"{till[-1]['first_scan']:.2f} s, index {till[-1]['index']:.2f} s)"
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
        row("till: imports + CLI parser (PySide6, pos.app, ui; no db layer)", till, "imports"),
        row("till: window created (not shown yet)", till, "window_created"),
        row("till: READY for the first scan", till, "ready"),
        row("till: a barcode typed at READY taken by the scan field", till, "typed"),
        row("till: store open (open_store + TillContext, on the worker)", till, "store_open"),
        row("till: first scan (typed at READY) in the cart", till, "first_scan"),
        row("till: product index loaded", till, "index"),
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
            f"store open at {med(till, 'store_open'):.2f} s, first scan answered at "
            f"{med(till, 'first_scan'):.2f} s, index loaded at {med(till, 'index'):.2f} s",
            notes=[
                "READY = window shown and exposed, scan field painted, enabled and focused "
                "(keystrokes land in it); a barcode typed then is taken and queued behind the "
                "opening store, and answered in order once it is open (the 'first scan' row)",
                "the UI thread imports no SQLAlchemy/Alembic/db module before the window "
                "shows: the store opens (imports, revision check, terminal) on the till's "
                "worker, started after the first frame; the product index may still be "
                "loading after the first scan",
                "warm start: the OS file cache holds Python, Qt and the database, and the "
                "bytecode is compiled (one untimed run of each first, writing it under "
                "PYTHONPYCACHEPREFIX in the run's temporary folder, as an installed till has "
                "its .pyc files)",
                cat.describe(),
            ],
        ),
        args,
    )


if __name__ == "__main__":
    sys.exit(main())
