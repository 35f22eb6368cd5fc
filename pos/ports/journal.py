"""The tamper-evident journal: a hash chain per counter over sales and Z reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.journal import Verification


class JournalRepository(Protocol):
    def verify(self) -> Verification:
        """Check every terminal's hash chain against the records as they are stored now."""
        ...


class JournalUnitOfWork(Transaction, Protocol):
    @property
    def journal(self) -> JournalRepository: ...
