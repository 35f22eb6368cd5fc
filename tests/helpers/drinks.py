"""A sale with a line of the line kinds' core: a drink with its options and reference, and
the order number a sale hook prints after the total (as the tea corner's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from pos.app.bootstrap import Store
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart
from pos.domain.payment import Tender, TenderKind
from pos.domain.sale import Receipt, ReceiptNote
from pos.ports.sales import SalesUnitOfWork
from pos.services.checkout import Checkout
from tests.helpers.selling import seller

TEA = "8851234000029"  # a shelf product of the small catalogue, sold here as a drink
OPTIONS = Bilingual("L · หวาน 50% · เย็น", "L · 50% sweet · iced")


class SteppedClock(Protocol):
    """A test clock moved by hand (tests.integration's and tests.printing's)."""

    current: datetime

    def now(self) -> datetime: ...


def order_number(_uow: SalesUnitOfWork, receipt: Receipt, _cart: Cart) -> Sequence[ReceiptNote]:
    """A sale hook as the tea corner's: the order number printed big after the total."""
    no = receipt.receipt_no[-2:]
    return (ReceiptNote(f"คิว {no}", f"ORDER {no}", big=True),)


def sell_drink(store: Store, clock: SteppedClock, code: str = TEA, *extra: str) -> Receipt:
    """A sale of `code` as a drink (its options and reference on the line), any `extra`
    scans as plain lines, paid by PromptPay, with the hook's note."""
    checkout = Checkout(store.uow, store.settings, store.terminal, clock, hooks=[order_number])
    cart = checkout.new_cart()
    row = checkout.add_to_cart(cart, checkout.lookup(code))
    line = cart.remove(cart.lines[row].line_id)
    cart.add_line(replace(line, detail=OPTIONS, ref="tea:menu-1"))
    for scan in extra:
        checkout.add_to_cart(cart, checkout.lookup(scan))
    clock.current += timedelta(minutes=2)
    due = cart.totals().total
    return checkout.complete(cart, [Tender(TenderKind.PROMPTPAY, due, reference="PP")],
                             actor=seller(checkout))  # fmt: skip
