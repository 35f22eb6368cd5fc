"""A forger with write access to a database: the journal chain recomputed after an edit."""

from __future__ import annotations

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.journal_repository import SqlJournalRepository
from pos.domain.journal import GENESIS, EntryKind, make_entry, sale_record_v1, sale_record_v2


def rewrite_chain(engine: Engine, terminal_id: str, *, sale_format: int = 3) -> int:
    """Recompute the terminal's whole chain over the rows as they are now, the way the
    journal's own code would have written it; returns how many hashes changed.

    After this the chain verifies by itself: only something outside the database (the
    copy on central, a Z report's printed head) can tell. `sale_format` 1 writes the sales'
    records as a journal did before they covered the status, 2 as one did before they
    covered the lines' detail and reference and the notes (older databases)."""
    changed = 0
    with Session(engine) as session, session.begin():
        journal = SqlJournalRepository(session)
        records = {kind: journal.records(kind) for kind in EntryKind}
        rows = session.scalars(
            select(m.JournalEntry)
            .where(m.JournalEntry.terminal_id == terminal_id)
            .order_by(m.JournalEntry.seq)
        ).all()
        prev = GENESIS
        for row in rows:
            kind = EntryKind(row.kind)
            record = records[kind][row.ref_id]
            if kind is EntryKind.SALE and sale_format == 1:
                record = sale_record_v1(record)
            elif kind is EntryKind.SALE and sale_format == 2:
                record = sale_record_v2(record)
            e = make_entry(
                row.seq, prev, terminal_id, kind, row.ref_id, row.ref_no, row.recorded_at, record
            )
            if e.hash != row.hash:
                changed += 1
                session.execute(
                    update(m.JournalEntry)
                    .where(m.JournalEntry.id == row.id)
                    .values(prev_hash=prev, hash=e.hash)
                )
            prev = e.hash
    return changed
