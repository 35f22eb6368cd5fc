"""Verifying the tamper-evident journal: is every recorded sale still as it was sold?"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos.domain.journal import (
    EntryKind,
    JournalEntry,
    Verification,
    unjournalled_problems,
    verify_chain,
)
from pos.ports.journal import JournalUnitOfWork
from pos.ports.uow import UnitOfWorkFactory


def verify_journal(uow: UnitOfWorkFactory[JournalUnitOfWork]) -> Verification:
    """Check the hash chains against the rows as stored now (read only).

    The repository reads the chain and rebuilds each covered document's record from today's
    rows; the domain walks the chain. Sales and refunds that no entry covers were inserted
    behind the journal's back.
    """
    with uow() as read:
        journal = read.journal
        entries = list(journal.entries())
        records = {kind: journal.records(kind) for kind in EntryKind}
        numbered = {kind: journal.documents(kind) for kind in (EntryKind.SALE, EntryKind.REFUND)}
        last = journal.last_numbers()

    def current(e: JournalEntry) -> Mapping[str, Any] | None:
        try:
            kind = EntryKind(e.kind)
        except ValueError:
            unknown = f"journal entry {e.seq}: no verifier for kind {e.kind!r} yet"
            raise ValueError(unknown) from None
        return records[kind].get(e.ref_id)

    covered = {kind: {e.ref_id for e in entries if e.kind == kind.value} for kind in numbered}
    missing = {
        kind: [d for d in docs if d[2] not in covered[kind]] for kind, docs in numbered.items()
    }
    result = verify_chain(entries, current, missing[EntryKind.SALE], last)
    refunds = unjournalled_problems(EntryKind.REFUND, missing[EntryKind.REFUND])
    return Verification(result.entries, result.problems + tuple(refunds))
