"""A till that sells a silk scarf and two mulberry teas, or one that starts and prints what
its print queue holds.

Usage: python tea_child.py sell DB_FILE PRINTER_TARGET
       python tea_child.py resume DB_FILE PRINTER_TARGET

`sell` prints "READY" once the store is open, then rings up the sale through the till's own
services (the tea tickets go to the tea printer at PRINTER_TARGET after the commit) and prints
"SOLD <receipt_no>" when complete() returned (the tickets print aside, on the tea corner's
sender thread, while the till goes on). `resume` starts as the till does (jobs a crash
left "printing" go back to the queue, the tickets left are printed), then says "RESUMED".
Used by tests/tea/test_tea_kill.py, which kills `sell` with SIGKILL between its commit and
its tickets' print.
"""

from __future__ import annotations

import sys
from decimal import Decimal

from pos.app.bootstrap import Services, open_store
from pos.domain.payment import cash_tender
from pos.domain.settings import PrinterProfile, Settings
from tests.helpers.selling import cashier_on_shift

MILK_L = {"size": ("L",), "sweet": ("50",), "temp": ("iced",), "top": ("pearl",)}
MILK_S = {"size": ("S",), "sweet": ("0",), "temp": ("hot",)}


def _settings(target: str) -> Settings:
    tea = PrinterProfile(
        name="tea", connection="network", target=target, mode="text", codepage=21,
        drawer_pin=None, timeout_s=60,
    )  # fmt: skip
    return Settings(printers=(PrinterProfile(name="receipt"), tea), tea_printer="tea")


def sell(services: Services) -> None:
    actor = cashier_on_shift(
        services.store.uow, services.settings, services.store.terminal, services.clock
    )
    checkout = services.checkout
    milk = next(i for i in services.tea.menu() if i.sku == "MENU-MILKTEA")
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup("KK-TX-0003"))
    cart.add_line(services.tea.line(milk.product_id, MILK_L, 1))
    cart.add_line(services.tea.line(milk.product_id, MILK_S, 1))
    print("READY", flush=True)
    due = cart.totals().total
    receipt = checkout.complete(cart, [cash_tender(due, Decimal(1000))], actor=actor)
    print(f"SOLD {receipt.receipt_no}", flush=True)
    services.tea.wait_idle(120)  # a till keeps running while its tickets print aside


def resume(services: Services) -> None:
    services.till_context()  # the till's start: interrupted jobs back to the queue, then
    services.tea.wait_idle(60)  # the tickets left are printed aside: wait for them
    print("RESUMED", flush=True)


def main(mode: str, db_file: str, target: str) -> int:
    services = Services(open_store(db_file, _settings(target), create=False))
    try:
        {"sell": sell, "resume": resume}[mode](services)
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
