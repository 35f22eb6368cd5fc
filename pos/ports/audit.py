"""The audit log of the back office: every change to a product, producer, user or setting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from pos.ports.uow import Transaction

# a record as the log keeps it: field name -> a JSON value (str, int, bool, None, list, dict)
Snapshot = dict[str, object]


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One change: `before` is empty for a record created, `after` for one removed."""

    action: str  # "<entity>.<verb>": product.add, product.price, user.unlock, settings.set
    entity: str  # product | producer | user | settings | application | certificate | ...
    key: str  # the record as people name it: a SKU, a producer code, a username, a setting key
    actor_id: str
    actor_name: str
    at: datetime
    before: Snapshot = field(default_factory=dict)
    after: Snapshot = field(default_factory=dict)
    terminal_id: str | None = None


class AuditRepository(Protocol):
    def add(self, record: AuditRecord) -> None: ...
    def entries(
        self, *, entity: str | None = None, key: str | None = None, limit: int = 200
    ) -> list[AuditRecord]:
        """The newest first."""
        ...


class AuditUnitOfWork(Transaction, Protocol):
    @property
    def audit(self) -> AuditRepository: ...
