"""Sync with the central database: outbox events up, catalogue changes down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PushResult:
    events: int  # outbox events the central database acknowledged
    batches: int


@dataclass(frozen=True, slots=True)
class PullResult:
    changes: int  # catalogue rows upserted
    tombstones: int  # catalogue rows deleted (or deactivated)
    stock_rows: int  # products in the central stock copy
    catalog_seq: int  # the central change number the counter has now applied


class SyncTransport(Protocol):
    """Moves outbox events up and catalogue changes down; raises CentralUnavailable."""

    def pending(self) -> int: ...
    def push(self, batch_size: int = 1000, max_batches: int | None = None) -> PushResult: ...
    def pull(self) -> PullResult: ...
