"""Shelf labels: the products to label, the batches printed, and the label renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol

from pos.ports.sales import SalesUnitOfWork

if TYPE_CHECKING:
    from pos.domain.labels import (
        LabelBatch,
        LabelData,
        LabelProduct,
        LabelQuery,
        LabelTemplate,
        Placement,
    )


@dataclass(frozen=True, slots=True)
class LabelChoices:
    """What the label desk can filter by: (code, Thai, English) and (Thai, English) tuples."""

    categories: tuple[tuple[str, str, str], ...]
    producers: tuple[tuple[str, str, str], ...]
    districts: tuple[tuple[str, str], ...]


class LabelRepository(Protocol):
    def find_for_labels(self, query: LabelQuery) -> list[LabelProduct]: ...
    def record_label_batch(self, batch: LabelBatch) -> None: ...
    def label_choices(self) -> LabelChoices: ...
    def label_batches(self, limit: int) -> list[LabelBatch]: ...


class LabelUnitOfWork(SalesUnitOfWork, Protocol):
    @property
    def labels(self) -> LabelRepository: ...


@dataclass(frozen=True, slots=True)
class RenderedLabels:
    pages: int
    labels: int


class LabelRenderer(Protocol):
    """Draws labels at their placements on the template's pages (a PDF, a preview image)."""

    def render(
        self,
        labels: Sequence[LabelData],
        placements: Sequence[Placement],
        template: LabelTemplate,
        out: BinaryIO,
    ) -> RenderedLabels: ...
