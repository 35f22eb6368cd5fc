"""Shifts, paid-in/paid-out and Z reports in the database; Z reports join the journal."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.journal_writer import append_entry
from db.numbering import Series, next_number
from pos.domain.cashup import CENT, SalesTotals, ShiftReport
from pos.domain.journal import EntryKind, canonical_value, short_head
from pos.ports.shifts import ShiftRecord


def _dec(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


def _shift(row: m.Shift) -> ShiftRecord:
    return ShiftRecord(
        row.id, row.terminal_id, row.opened_at, row.opened_by, row.opened_by_name,
        row.opening_float, row.first_sale_seq,
    )  # fmt: skip


def z_number(prefix: str, seq: int) -> str:
    return f"Z-{prefix}-{seq:06d}"


class SqlShiftRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def current(self, terminal_id: str) -> ShiftRecord | None:
        row = self.session.scalars(
            select(m.Shift).where(m.Shift.terminal_id == terminal_id, m.Shift.status == "open")
        ).first()
        return None if row is None else _shift(row)

    def open(
        self, terminal_id: str, user_id: str, user_name: str, opening_float: Decimal, at: datetime
    ) -> ShiftRecord:
        # the shift picks up where the last one ended: a sale rung up between shifts is
        # counted in the next Z report, never in none
        last = self.session.scalar(
            select(func.max(m.Shift.last_sale_seq)).where(m.Shift.terminal_id == terminal_id)
        )
        row = m.Shift(
            terminal_id=terminal_id,
            status="open",
            opened_at=at,
            opened_by=user_id,
            opened_by_name=user_name,
            opening_float=opening_float,
            first_sale_seq=int(last or 0) + 1,
        )
        self.session.add(row)
        self.session.flush()
        return _shift(row)

    def add_cash_movement(
        self, shift_id: str, kind: str, amount: Decimal, reason: str, user_id: str,
        user_name: str, at: datetime,
    ) -> None:  # fmt: skip
        self.session.add(
            m.CashMovement(
                shift_id=shift_id,
                kind=kind,
                amount=amount,
                reason=reason,
                user_id=user_id,
                user_name=user_name,
                at=at,
            )
        )
        self.session.flush()

    def cash_movements(self, shift_id: str) -> tuple[Decimal, Decimal]:
        sums = dict(
            self.session.execute(
                select(m.CashMovement.kind, func.sum(m.CashMovement.amount))
                .where(m.CashMovement.shift_id == shift_id)
                .group_by(m.CashMovement.kind)
            ).all()
        )
        return _dec(sums.get("paid_in")), _dec(sums.get("paid_out"))

    def last_sale_seq(self, terminal_id: str) -> int:
        last = self.session.scalar(
            select(func.max(m.Sale.seq)).where(m.Sale.terminal_id == terminal_id)
        )
        return int(last or 0)

    def sales_totals(self, terminal_id: str, first_seq: int, last_seq: int) -> SalesTotals:
        in_range = (m.Sale.terminal_id == terminal_id, m.Sale.seq.between(first_seq, last_seq))
        done = (*in_range, m.Sale.status == "completed")
        row = self.session.execute(
            select(
                func.count(),
                # sales.subtotal is after line discounts: the gross is before any discount
                func.sum(m.Sale.subtotal + m.Sale.discount_total - m.Sale.sale_discount),
                func.sum(m.Sale.discount_total),
                func.sum(m.Sale.total),
                func.sum(m.Sale.vatable),
                func.sum(m.Sale.exempt),
                func.sum(m.Sale.vat),
            ).where(*done)
        ).one()
        first_last = self.session.execute(
            select(func.min(m.Sale.seq), func.max(m.Sale.seq)).where(*in_range)
        ).one()
        numbers = dict(
            self.session.execute(
                select(m.Sale.seq, m.Sale.receipt_no).where(
                    m.Sale.terminal_id == terminal_id, m.Sale.seq.in_([s for s in first_last if s])
                )
            ).all()
        )
        tenders = {
            kind: _dec(amount)
            for kind, amount in self.session.execute(
                select(m.Payment.kind, func.sum(m.Payment.amount))
                .join(m.Sale, m.Sale.id == m.Payment.sale_id)
                .where(*done)
                .group_by(m.Payment.kind)
                .order_by(m.Payment.kind)
            )
        }
        voided = self.session.scalar(
            select(func.count()).select_from(m.Sale).where(*in_range, m.Sale.status == "voided")
        )
        return SalesTotals(
            count=int(row[0]),
            first_receipt=numbers.get(first_last[0], ""),
            last_receipt=numbers.get(first_last[1], ""),
            gross=_dec(row[1]),
            discounts=_dec(row[2]),
            total=_dec(row[3]),
            vatable=_dec(row[4]),
            exempt=_dec(row[5]),
            vat=_dec(row[6]),
            tenders=tenders,
            voided=int(voided or 0),
        )

    def refunds(self, shift_id: str) -> dict[str, tuple[int, Decimal]]:
        """The shift's refunds by method: (count, amount)."""
        q = (
            select(m.Refund.method, func.count(), func.sum(m.Refund.total))
            .where(m.Refund.shift_id == shift_id)
            .group_by(m.Refund.method)
        )
        return {method: (int(n), _dec(t)) for method, n, t in self.session.execute(q)}

    def next_z_number(self, terminal_id: str) -> int:
        return next_number(self.session, terminal_id, Series.Z_REPORT)

    def close(
        self, shift: ShiftRecord, report: ShiftReport, closed_by: str, last_sale_seq: int
    ) -> ShiftReport:
        assert report.closed_at is not None
        prefix = self.session.scalar(
            select(m.Terminal.receipt_prefix).where(m.Terminal.id == shift.terminal_id)
        )
        number = z_number(prefix or "", report.number)
        record = canonical_value(report.record())
        z = m.ZReport(
            terminal_id=shift.terminal_id,
            seq=report.number,
            number=number,
            shift_id=shift.shift_id,
            created_at=report.closed_at,
            record=record,
        )
        self.session.add(z)
        self.session.execute(
            update(m.Shift)
            .where(m.Shift.id == shift.shift_id)
            .values(
                status="closed",
                closed_at=report.closed_at,
                closed_by=closed_by,
                last_sale_seq=last_sale_seq,
                counted_cash=report.cash.counted,
            )
        )
        self.session.flush()
        entry = append_entry(
            self.session, shift.terminal_id, EntryKind.Z_REPORT, z.id, number,
            report.closed_at, record,
        )  # fmt: skip
        return replace(report, document_no=number, journal_head=short_head(entry.seq, entry.hash))

    def z_report(self, number: str) -> ShiftReport | None:
        row = self.session.scalars(select(m.ZReport).where(m.ZReport.number == number)).first()
        if row is None:
            return None
        entry = self.session.execute(
            select(m.JournalEntry.seq, m.JournalEntry.hash).where(
                m.JournalEntry.kind == EntryKind.Z_REPORT.value, m.JournalEntry.ref_id == row.id
            )
        ).first()
        head = short_head(entry.seq, entry.hash) if entry else ""
        return ShiftReport.from_record(row.record, row.number, head)
