"""Verifying the tamper-evident journal: is every recorded sale still as it was sold?"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pos.domain.journal import (
    EntryKind,
    JournalEntry,
    JournalProblem,
    Verification,
    check_head,
    compare_chains,
    unjournalled_problems,
    verify_chain,
)
from pos.ports.journal import JournalUnitOfWork
from pos.ports.uow import UnitOfWorkFactory


def central_copy(
    central: UnitOfWorkFactory[JournalUnitOfWork], terminal_id: str
) -> Sequence[tuple[int, str, str]]:
    """The copy of the terminal's chain that the central database holds (it may lag)."""
    with central() as there:
        return there.journal.chain(terminal_id)


def verify_journal(
    uow: UnitOfWorkFactory[JournalUnitOfWork],
    *,
    terminal_id: str | None = None,
    central: Sequence[tuple[int, str, str]] | None = None,
    z_head: tuple[int, str] | None = None,
) -> Verification:
    """Check the hash chains against the rows as stored now (read only).

    The repository reads the chain and rebuilds each covered document's record from today's
    rows; the domain walks the chain. Sales and refunds that no entry covers were inserted
    behind the journal's back.

    A chain rewritten end to end after an edit verifies by itself, so `terminal_id`'s chain
    is also held against what lies outside its database: the copy central already has
    (`central`, as `central_copy` reads it) and the head a Z report printed (`z_head`, as
    `parse_head` reads it). Those problems come first.
    """
    with uow() as read:
        journal = read.journal
        entries = list(journal.entries())
        records = {kind: journal.records(kind) for kind in EntryKind}
        numbered = {kind: journal.documents(kind) for kind in (EntryKind.SALE, EntryKind.REFUND)}
        last = journal.last_numbers()
        rekeyed = journal.rekeyed()
        chain = journal.chain(terminal_id) if terminal_id else []

    anchored: list[JournalProblem] = []
    held: list[str] = []
    if terminal_id and z_head is not None:
        anchored += filter(None, [check_head(terminal_id, chain, z_head)])
        held.append(
            f"passes through the Z report's head {z_head[0]}:{z_head[1]} / "
            "ตรงกับหัวบันทึกบนรายงาน Z"
        )
    if terminal_id and central is not None:
        anchored += filter(None, [compare_chains(terminal_id, chain, central)])
        held.append(
            f"matches central's copy: {len(central)} of {len(chain)} entries there / "
            f"ตรงกับสำเนาที่ฐานข้อมูลกลาง {len(central)} จาก {len(chain)} รายการ"
        )

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
    result = verify_chain(entries, current, missing[EntryKind.SALE], last, rekeyed)
    refunds = unjournalled_problems(EntryKind.REFUND, missing[EntryKind.REFUND])
    return Verification(result.entries, (*anchored, *result.problems, *refunds), tuple(held))
