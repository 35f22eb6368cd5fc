"""The journal's hash chain in the database: append in the caller's transaction, verify."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.journal import (
    GENESIS,
    EntryKind,
    JournalEntry,
    Verification,
    approval_record,
    make_entry,
    sale_record,
    verify_chain,
)

JOURNAL_SERIES = "journal"  # the receipt_sequences series that numbers a terminal's entries
_PREV_HASH = select(m.JournalEntry.hash).where(
    m.JournalEntry.terminal_id == bindparam("tid"), m.JournalEntry.seq == bindparam("seq")
)


def _entry(row: m.JournalEntry) -> JournalEntry:
    return JournalEntry(
        row.terminal_id, row.seq, row.kind, row.ref_id, row.ref_no, row.recorded_at,
        row.prev_hash, row.hash,
    )  # fmt: skip


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
    from db.repositories import _next_number

    seq = _next_number(session, terminal_id, JOURNAL_SERIES)
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


def _columns(table: Any) -> list[Any]:
    return list(table.__table__.columns)


class SqlJournalRepository:
    """Reads the chain and today's rows of what it covers, to verify one against the other."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def entries(self) -> Iterator[JournalEntry]:
        q = select(m.JournalEntry).order_by(m.JournalEntry.terminal_id, m.JournalEntry.seq)
        for row in self.session.scalars(q):
            yield _entry(row)

    def sale_records(self) -> dict[str, dict[str, Any]]:
        """Every stored sale rebuilt as its journal record, by sale id."""
        conn = self.session.connection()
        lines: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(*_columns(m.SaleLine))).mappings():
            lines[r["sale_id"]].append(dict(r))
        payments: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(*_columns(m.Payment))).mappings():
            payments[r["sale_id"]].append(dict(r))
        baskets: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(*_columns(m.SaleBasket))).mappings():
            baskets[r["sale_id"]].append(dict(r))
        return {
            s["id"]: sale_record(dict(s), lines[s["id"]], payments[s["id"]], baskets[s["id"]])
            for s in conn.execute(select(*_columns(m.Sale))).mappings()
        }

    def sale_numbers(self) -> dict[str, tuple[str, str]]:
        """sale id -> (terminal id, receipt number), in the order the sales were made."""
        q = select(m.Sale.id, m.Sale.terminal_id, m.Sale.receipt_no).order_by(
            m.Sale.sold_at, m.Sale.receipt_no
        )
        return {sid: (tid, no) for sid, tid, no in self.session.execute(q)}

    def last_numbers(self) -> dict[str, int]:
        """Each terminal's last journal number as its gapless sequence counter says."""
        q = select(m.ReceiptSequence.terminal_id, m.ReceiptSequence.next_no).where(
            m.ReceiptSequence.series == JOURNAL_SERIES
        )
        return {tid: int(next_no) - 1 for tid, next_no in self.session.execute(q)}

    def verify(self) -> Verification:
        sales = self.sale_records()
        entries = list(self.entries())
        journalled = {e.ref_id for e in entries if e.kind == EntryKind.SALE.value}
        unjournalled = [
            (tid, no, sid)
            for sid, (tid, no) in self.sale_numbers().items()
            if sid not in journalled
        ]

        z_reports = {
            zid: record
            for zid, record in self.session.execute(select(m.ZReport.id, m.ZReport.record))
        }

        approvals = {
            a["id"]: approval_record(dict(a))
            for a in self.session.connection().execute(select(*_columns(m.Approval))).mappings()
        }

        from db.refund_repository import SqlRefundRepository

        refunds = SqlRefundRepository(self.session).records()

        def current(e: JournalEntry) -> Mapping[str, Any] | None:
            if e.kind == EntryKind.SALE.value:
                return sales.get(e.ref_id)
            if e.kind == EntryKind.REFUND.value:
                return refunds.get(e.ref_id)
            if e.kind == EntryKind.Z_REPORT.value:
                return z_reports.get(e.ref_id)
            if e.kind == EntryKind.VOID.value:
                return approvals.get(e.ref_id)
            raise ValueError(f"journal entry {e.seq}: no verifier for kind {e.kind!r} yet")

        result = verify_chain(entries, current, unjournalled, self.last_numbers())
        refunded = {e.ref_id for e in entries if e.kind == EntryKind.REFUND.value}
        inserted = SqlRefundRepository(self.session).unjournalled(refunded)
        return Verification(result.entries, result.problems + inserted)
