"""Sync with the central database: outbox events up, catalogue changes down."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SyncProblem:
    """A sale or refund the central database refused: parked on the counter, never dropped,
    sent again every round until central takes it (then it leaves the list)."""

    outbox_id: int
    kind: str  # sale.completed | refund.completed | ...
    document: str  # the receipt or refund number ("" for other events)
    reason_en: str  # why central refused it, naming the field
    reason_th: str
    advice_en: str  # what to do
    advice_th: str
    first_seen: str  # ISO time of the first refusal
    attempts: int  # rounds that tried it


@dataclass(frozen=True, slots=True)
class PushResult:
    events: int  # outbox events the central database acknowledged
    batches: int
    refused: tuple[SyncProblem, ...] = ()  # events central refused this round (parked)


@dataclass(frozen=True, slots=True)
class PullResult:
    changes: int  # catalogue rows upserted
    tombstones: int  # catalogue rows deleted (or deactivated)
    stock_rows: int  # products in the central stock copy
    catalog_seq: int  # the central change number the counter has now applied


class SyncTransport(Protocol):
    """Moves outbox events up and catalogue changes down; raises CentralUnavailable
    (also when central stops answering within the round's deadline)."""

    def pending(self) -> int: ...
    def push(self, batch_size: int = 1000, max_batches: int | None = None) -> PushResult: ...
    def pull(self) -> PullResult: ...
    def problems(self) -> list[SyncProblem]: ...
    def deadline(self) -> AbstractContextManager[None]: ...
