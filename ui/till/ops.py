"""Typed background ops on the till's worker: a result type per op, success/failure callbacks.

    TillOp("park", lambda: checkout.park(cart, label)).success(parked).failure(failed).run(worker)

The work runs on the worker thread; the callbacks run on the UI thread, in the order the ops
were started (the worker is ordered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from ui.worker import Worker

if TYPE_CHECKING:
    from pos.domain.auth import Actor
    from pos.domain.cart import ProductInfo
    from pos.domain.cashup import ShiftReport
    from pos.domain.sale import Receipt
    from pos.services.baskets import TemplateChoice

T = TypeVar("T")


def _ignore(_result: object) -> None:
    pass


class TillOp(Generic[T]):
    """One piece of work for a worker and what to do with its result or its failure."""

    def __init__(self, name: str, work: Callable[[], T]) -> None:
        self.name = name
        self._work = work
        self._success: Callable[[T], None] = _ignore
        self._failure: Callable[[Exception], None] | None = None

    def success(self, fn: Callable[[T], None]) -> TillOp[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], None]) -> TillOp[T]:
        self._failure = fn
        return self

    def run(self, worker: Worker) -> None:
        worker.run(self._work, self._success, self._failure, name=self.name)


# --- what the till's ops return ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LoggedIn:
    actor: Actor
    shift_open: bool | None  # None: this till has no shifts


@dataclass(frozen=True, slots=True)
class Committed:
    receipt: Receipt
    preview: str | None  # the receipt as preview text (None: it could not be drawn)


@dataclass(frozen=True, slots=True)
class BasketChoices:
    templates: list[TemplateChoice]
    packaging: list[ProductInfo]


@dataclass(frozen=True, slots=True)
class CloseCheck:
    report: ShiftReport  # the shift so far
    warning: str  # why closing now is unwise (sales not sent yet), or ""
