"""Sale hooks: what other capabilities do inside a sale's transaction, and the notes they print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pos.domain.cart import Cart
from pos.domain.sale import Receipt, ReceiptNote
from pos.ports.sales import SaleHook, SalesUnitOfWork


def run_sale_hooks(
    uow: SalesUnitOfWork, receipt: Receipt, cart: Cart, hooks: Sequence[SaleHook]
) -> Receipt:
    """Run each hook after the sale's rows are written (same transaction, before commit);
    the notes they return are stored with the sale and on the receipt handed back.

    A hook's ShopError propagates: the caller's transaction rolls back, nothing is written.
    """
    notes: list[ReceiptNote] = []
    for hook in hooks:
        notes.extend(hook(uow, receipt, cart))
    if not notes:
        return receipt
    uow.sales.add_notes(receipt.sale_id, notes)
    return replace(receipt, notes=(*receipt.notes, *notes))
