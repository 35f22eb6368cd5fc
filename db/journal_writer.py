"""The journal's writer: the next link of a terminal's hash chain, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series, next_number
from pos.domain.journal import GENESIS, EntryKind, JournalEntry, make_entry

_PREV_HASH = select(m.JournalEntry.hash).where(
    m.JournalEntry.terminal_id == bindparam("tid"), m.JournalEntry.seq == bindparam("seq")
)


def append_entry(
    session: Session,
    terminal_id: str,
    kind: EntryKind,
    ref_id: str,
    ref_no: str,
    at: datetime,
    record: Mapping[str, Any],
) -> JournalEntry:
    """Append the next link of the terminal's chain inside the caller's transaction.

    The number comes from the gapless sequence row, whose UPDATE also serialises two writers
    of one terminal, so the previous entry read here is the chain's real tail.
    """
    seq = next_number(session, terminal_id, Series.JOURNAL)
    conn = session.connection()  # Core, like the sale's own inserts: no ORM cost per sale
    prev_hash = GENESIS
    if seq > 1:
        # a missing tail leaves "" here: the entry then fails verification, as it should
        prev_hash = conn.execute(_PREV_HASH, {"tid": terminal_id, "seq": seq - 1}).scalar() or ""
    entry = make_entry(seq, prev_hash, terminal_id, kind, ref_id, ref_no, at, record)
    conn.execute(
        insert(m.JournalEntry),
        [
            {
                "id": m.new_id(),
                "terminal_id": terminal_id,
                "seq": entry.seq,
                "kind": entry.kind,
                "ref_id": ref_id,
                "ref_no": ref_no,
                "recorded_at": at,
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            }
        ],
    )
    return entry


def reseal_entry(
    session: Session, terminal_id: str, kind: EntryKind, ref_id: str, record: Mapping[str, Any]
) -> JournalEntry:
    """The terminal's last entry, about `ref_id`, hashed again over its record as it is now:
    for what is added to a document in the very transaction that journalled it (a sale's
    notes, which its hooks return after the sale's rows and entry are written).

    Only the chain's tail, still uncommitted (the sequence row's lock keeps other writers
    out), is ever resealed; anything else is a programming error, not a repair."""
    e = m.JournalEntry
    row = session.execute(
        select(e.id, e.seq, e.ref_no, e.recorded_at, e.prev_hash)
        .where(e.terminal_id == terminal_id, e.kind == kind.value, e.ref_id == ref_id)
        .order_by(e.seq.desc())
    ).first()
    last = session.scalar(select(func.max(e.seq)).where(e.terminal_id == terminal_id))
    if row is None or row.seq != last:
        raise RuntimeError(f"{kind.value} {ref_id} is not the tail of {terminal_id}'s journal")
    entry = make_entry(
        row.seq, row.prev_hash, terminal_id, kind, ref_id, row.ref_no, row.recorded_at, record
    )
    session.execute(update(e).where(e.id == row.id).values(hash=entry.hash))
    return entry
