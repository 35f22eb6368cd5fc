"""Ring up sales on a real store until killed; print each sale once complete() has returned.

Usage: python crash_child.py DB_FILE SEED

Prints "READY" once the store is open, then "COMMITTED <receipt_no> <sale_id>" after every
Checkout.complete that returned, each line flushed at once. Used by
tests/integration/test_crash_safety.py, which kills this process with SIGKILL at random moments.
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
    actor = demo_cashier(store.uow, store.settings, store.terminal, SystemClock())
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
