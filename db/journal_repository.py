"""The journal's readers: the chain and today's rows of what it covers, rebuilt as records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.numbering import Series
from pos.domain.journal import EntryKind, JournalEntry, approval_record, sale_record
from pos.domain.refund import refund_record


def _entry(row: m.JournalEntry) -> JournalEntry:
    return JournalEntry(
        row.terminal_id, row.seq, row.kind, row.ref_id, row.ref_no, row.recorded_at,
        row.prev_hash, row.hash,
    )  # fmt: skip


def _columns(table: Any) -> list[Any]:
    return list(table.__table__.columns)


class SqlJournalRepository:
    """Reads the chain and the rows it covers; pos.services.journal verifies one by the other."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def entries(self) -> Iterator[JournalEntry]:
        q = select(m.JournalEntry).order_by(m.JournalEntry.terminal_id, m.JournalEntry.seq)
        for row in self.session.scalars(q):
            yield _entry(row)

    def chain(self, terminal_id: str) -> list[tuple[int, str, str]]:
        """The terminal's chain as (seq, document number, hash), in seq order: what a copy
        of it elsewhere (central, a Z report's head) is compared with."""
        e = m.JournalEntry
        q = select(e.seq, e.ref_no, e.hash).where(e.terminal_id == terminal_id).order_by(e.seq)
        return [(int(seq), no, h) for seq, no, h in self.session.execute(q)]

    def records(self, kind: EntryKind) -> dict[str, Mapping[str, Any]]:
        """Every stored document of the kind rebuilt as its journal record, by id."""
        if kind is EntryKind.SALE:
            return dict(self._sale_records())
        if kind is EntryKind.REFUND:
            return dict(self._refund_records())
        if kind is EntryKind.Z_REPORT:
            q = select(m.ZReport.id, m.ZReport.record)
            return {zid: record for zid, record in self.session.execute(q)}
        conn = self.session.connection()
        return {
            a["id"]: approval_record(dict(a))
            for a in conn.execute(select(*_columns(m.Approval))).mappings()
        }

    def _sale_records(self) -> Iterator[tuple[str, dict[str, Any]]]:
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
        notes: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(*_columns(m.SaleNote))).mappings():
            notes[r["sale_id"]].append(dict(r))
        for s in conn.execute(select(*_columns(m.Sale))).mappings():
            sid = s["id"]
            yield sid, sale_record(dict(s), lines[sid], payments[sid], baskets[sid], notes[sid])

    def _refund_records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        conn = self.session.connection()
        lines: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in conn.execute(select(*_columns(m.RefundLine))).mappings():
            lines[r["refund_id"]].append(dict(r))
        for r in conn.execute(select(*_columns(m.Refund))).mappings():
            yield r["id"], refund_record(dict(r), lines[r["id"]])

    def documents(self, kind: EntryKind) -> list[tuple[str, str, str]]:
        """(terminal id, number, id) of every stored sale or refund, in the order made."""
        if kind is EntryKind.SALE:
            t, no, at = m.Sale, m.Sale.receipt_no, m.Sale.sold_at
        elif kind is EntryKind.REFUND:
            t, no, at = m.Refund, m.Refund.refund_no, m.Refund.refunded_at  # type: ignore[assignment]
        else:
            raise ValueError(f"no numbered documents of kind {kind.value!r}")
        q = select(t.terminal_id, no, t.id).order_by(at, no)
        return [(tid, n, i) for tid, n, i in self.session.execute(q)]

    def last_numbers(self) -> dict[str, int]:
        """Each terminal's last journal number as its gapless sequence counter says."""
        q = select(m.ReceiptSequence.terminal_id, m.ReceiptSequence.next_no).where(
            m.ReceiptSequence.series == Series.JOURNAL.value
        )
        return {tid: int(next_no) - 1 for tid, next_no in self.session.execute(q)}

    def rekeyed(self) -> list[dict[str, str]]:
        """The centre's ids re-keyed to derived ones (db/rekey.py): per re-keying (its
        source), new id -> old id."""
        r = m.RekeyedId
        by_source: dict[str, dict[str, str]] = defaultdict(dict)
        for source, new, old in self.session.execute(select(r.source, r.new_id, r.old_id)):
            by_source[source][new] = old
        return [by_source[k] for k in sorted(by_source)]
