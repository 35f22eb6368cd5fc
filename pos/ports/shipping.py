"""Shipping documents: the 100x150 mm labels (a PDF, or drawn on a label printer), pick lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pos.domain.settings import Settings
from pos.domain.shipping import ShippingLabel
from pos.ports.orders import PickList


class ShippingDocuments(Protocol):
    def write_labels(self, labels: Sequence[ShippingLabel], path: Path) -> int:
        """The labels as a PDF, one page each; returns the pages."""
        ...

    def paint_labels(self, device: object, labels: Sequence[ShippingLabel]) -> int:
        """The labels drawn on a paged paint device (a label printer's QPrinter)."""
        ...

    def write_pick_list(
        self, picks: PickList, settings: Settings, path: Path, printed_at: datetime
    ) -> int:
        """The pick list as an A4 PDF; returns the pages."""
        ...
