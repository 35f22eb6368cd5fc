"""The tamper-evident journal: a hash chain per counter over sales, voids, refunds, Z reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.journal import EntryKind, JournalEntry


class JournalRepository(Protocol):
    """Reads the hash chains and the documents they cover (pos.services.journal verifies)."""

    def entries(self) -> Iterable[JournalEntry]:
        """Every entry, ordered by terminal and seq."""
        ...

    def chain(self, terminal_id: str) -> Sequence[tuple[int, str, str]]:
        """The terminal's chain as (seq, document number, hash), in seq order."""
        ...

    def records(self, kind: EntryKind) -> Mapping[str, Mapping[str, Any]]:
        """Every stored document of the kind rebuilt as its journal record, by id."""
        ...

    def documents(self, kind: EntryKind) -> Sequence[tuple[str, str, str]]:
        """(terminal id, number, id) of every stored sale or refund, in the order made."""
        ...

    def last_numbers(self) -> Mapping[str, int]:
        """Each terminal's last journal number as its gapless sequence counter says."""
        ...

    def rekeyed(self) -> Sequence[Mapping[str, str]]:
        """The centre's ids re-keyed to derived ones: per re-keying, new id -> old id."""
        ...


class JournalUnitOfWork(Transaction, Protocol):
    @property
    def journal(self) -> JournalRepository: ...
