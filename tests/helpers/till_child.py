"""The real till on a real SQLite file, run as the till runs, with a sale in its cart.

Usage: python till_child.py DB_FILE CODE...

Starts the till through `ui.app.run_till` (its signal handling included), logs the demo
cashier in (a shift is opened first if none is), scans each CODE into the focused scan field
and prints "READY" once every line is in the cart; then it runs until it is told to stop
(tests/ui/test_close_cart.py sends SIGTERM) and exits with the till's own exit status.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos.app.bootstrap import build_till_context, open_store
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.demo import demo_cashier
from tests.helpers.selling import FastArgon2
from ui.app import ensure_app, run_till
from ui.till.window import TillWindow

# never outlive a test that died: a child whose parent is gone, or that runs this long, stops
MAX_SECONDS = 120.0
STEP_MS = 20


def _till() -> TillWindow | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, TillWindow)]
    return found[0] if found else None


def _drive(codes: list[str]) -> Callable[[], None]:
    """One step of the cashier's work each time it is called, until READY is printed."""
    started, parent = time.monotonic(), os.getppid()
    state = {"step": "login"}

    def step() -> None:
        if os.getppid() != parent or time.monotonic() - started > MAX_SECONDS:
            os._exit(3)  # the parent was meant to stop us
        till = _till()
        if till is None or till.busy:
            return
        if state["step"] == "login" and till.locked:
            till.log_in("cashier", "1111")
            state["step"] = "scan"
        elif state["step"] == "scan" and not till.locked:
            for code in codes:  # what the scanner types, then its Enter
                till.scan_field.setText(code)
                till.scan_field.returnPressed.emit()
            state["step"] = "wait"
        elif state["step"] == "wait" and len(till.cart) == len(codes):
            sys.stdout.write("READY\n")
            sys.stdout.flush()
            state["step"] = "done"

    return step


def main(db_file: str, codes: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings = Settings()
    store = open_store(db_file, settings)
    try:
        demo_cashier(store.uow, settings, store.terminal, SystemClock(), FastArgon2())
        ctx = build_till_context(store)
        assert ctx.auth is not None
        ctx.auth.hasher = FastArgon2()
        app = ensure_app()
        timer = QTimer(app)
        timer.timeout.connect(_drive(codes))
        timer.start(STEP_MS)
        code = run_till(ctx, settings=settings, language="th")
        timer.stop()
    finally:
        store.close()
    sys.stdout.write(f"EXIT {code}\n")
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
