"""Stock movements: the append-only facts the on-hand figure is summed from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class StockMove:
    """One stock movement to append (positive in, negative out)."""

    product_id: str
    quantity: Decimal
    reason: str  # assembly | disassembly | ...
    note: str = ""
