"""Ring up sales on a real store until killed; print each sale once complete() has returned.

Usage: python crash_child.py DB_FILE SEED      (one child)
       python crash_child.py --fork-server     (children forked on request, see `serve`)

A child prints "READY" once the store is open, then "COMMITTED <receipt_no> <sale_id>" after
every Checkout.complete that returned, each line flushed at once. Used by
tests/integration/test_crash_safety.py, which kills the children with SIGKILL at random moments.
The fork server imports the modules once, so that each child's start-up is the store's own
(open, migration check, first queries), not the interpreter's.
"""

from __future__ import annotations

import os
import random
import sys
import time
from decimal import Decimal

from pos.app.bootstrap import open_store
from pos.domain.payment import Tender, TenderKind, cash_tender, quick_cash_amounts
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.demo import demo_cashier
from tests.helpers.selling import FastArgon2

# never outlive a test that died: a child whose parent is gone, or that runs this long, stops
MAX_SECONDS = 120.0


def _tenders(rng: random.Random, due: Decimal) -> list[Tender]:
    roll = rng.random()
    if roll < 0.5:
        return [cash_tender(due, rng.choice(quick_cash_amounts(due)))]
    if roll < 0.7:
        return [Tender(TenderKind.PROMPTPAY, due, reference=f"PP{rng.randrange(10**8):08d}")]
    if roll < 0.85 or due < Decimal(2):
        return [Tender(TenderKind.CARD, due, reference=f"{rng.randrange(10**6):06d}")]
    part = (due / 2).quantize(Decimal(1))
    return [
        Tender(TenderKind.PROMPTPAY, part, reference=f"PP{rng.randrange(10**8):08d}"),
        cash_tender(due - part, rng.choice(quick_cash_amounts(due - part))),
    ]


def main(db_file: str, seed: int) -> int:
    started = time.monotonic()
    parent = os.getppid()
    rng = random.Random(seed)
    store = open_store(db_file, Settings())
    checkout = store.checkout()
    # the users the parent made, their PINs hashed at argon2's least cost: logging in is no
    # step this test kills, and the default cost would be most of each start-up
    actor = demo_cashier(store.uow, store.settings, store.terminal, SystemClock(), FastArgon2())
    with store.uow() as read:
        codes = [p.sku for p in read.catalog.unit_products(500)]
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    while os.getppid() == parent and time.monotonic() - started < MAX_SECONDS:
        cart = checkout.new_cart()
        for _ in range(rng.randint(1, 5)):
            scan = checkout.lookup(rng.choice(codes))
            checkout.add_to_cart(cart, scan)
        receipt = checkout.complete(cart, _tenders(rng, cart.totals().total), actor=actor)
        out.write(f"COMMITTED {receipt.receipt_no} {receipt.sale_id}\n")
        out.flush()
    store.close()
    return 3  # the parent was meant to kill us


def _child(db_file: str, seed: int, out_path: str, err_path: str) -> None:
    """In a forked child: stdout and stderr to the round's files, then `main`; never returns."""
    code = 1
    try:
        for fd, path in ((1, out_path), (2, err_path)):
            opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(opened, fd)
            os.close(opened)
        code = main(db_file, seed)
    except BaseException:
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve() -> int:
    """Answer one command a line on stdin: `spawn DB SEED OUT ERR` -> `PID n`; `poll n` ->
    `RUNNING` or `EXITED code`; `kill n` (SIGKILL, then reap) -> `EXITED code` (a negative code
    is the signal, as subprocess reports it). Ends at the end of stdin."""
    import importlib
    import signal

    # what open_store and a sale import, imported once before any fork (no connection yet)
    for name in ("sqlite3", "argon2", "db.engine", "db.migrate", "db.uow", "pos.services.store"):
        importlib.import_module(name)

    out = sys.stdout
    out.write("FORK-READY\n")
    out.flush()
    for line in sys.stdin:
        command, *args = line.split()
        if command == "spawn":
            out.flush()
            pid = os.fork()
            if pid == 0:
                _child(args[0], int(args[1]), args[2], args[3])
            out.write(f"PID {pid}\n")
        else:
            pid = int(args[0])
            if command == "kill":
                os.kill(pid, signal.SIGKILL)
            done, status = os.waitpid(pid, 0 if command == "kill" else os.WNOHANG)
            out.write(f"EXITED {os.waitstatus_to_exitcode(status)}\n" if done else "RUNNING\n")
        out.flush()
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--fork-server":
        sys.exit(serve())
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
