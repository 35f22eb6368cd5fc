"""Shifts, cash movements, Z reports, approvals, the journal and the closed days' summaries."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Money, UTCDateTime, new_id


class JournalEntry(Base):
    """The tamper-evident journal: one link of a terminal's SHA-256 chain (append-only)."""

    __tablename__ = "journal_entries"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # sale | void | refund | z_report
    ref_id: Mapped[str] = mapped_column(Id, index=True)
    ref_no: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    __table_args__ = (
        UniqueConstraint("terminal_id", "seq"),
        CheckConstraint("kind IN ('sale','void','refund','z_report')", name="kind"),
    )


class RekeyedId(Base):
    """A centre row's id as an older version made it (random) and the id derived from its
    code it was re-keyed to (db/rekey.py): the journal's old records still name the old one,
    so its verifier maps the new id back (append-only; travels to central with the chain)."""

    __tablename__ = "rekeyed_ids"
    old_id: Mapped[str] = mapped_column(Id, primary_key=True)
    new_id: Mapped[str] = mapped_column(Id)
    kind: Mapped[str] = mapped_column(String(12))  # product | producer
    code: Mapped[str] = mapped_column(String(40))  # its SKU or producer code
    source: Mapped[str] = mapped_column(Id)  # one re-keying of one database
    rekeyed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    __table_args__ = (CheckConstraint("kind IN ('product','producer')", name="kind"),)


class Approval(Base):
    """The audit log of manager approvals: who asked, who approved, what, why and when."""

    __tablename__ = "approvals"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"))
    action: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(200))
    requested_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    requested_name: Mapped[str] = mapped_column(String(100))
    approved_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    approved_name: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ref: Mapped[str] = mapped_column(String(60), default="")


class Shift(Base):
    """A cashier's shift at a terminal: opened with a float, closed by counting the drawer."""

    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    status: Mapped[str] = mapped_column(String(8), default="open")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    opened_by_name: Mapped[str] = mapped_column(String(100))
    opening_float: Mapped[Decimal] = mapped_column(Money)
    first_sale_seq: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    last_sale_seq: Mapped[int | None] = mapped_column(Integer)
    counted_cash: Mapped[Decimal | None] = mapped_column(Money)
    __table_args__ = (CheckConstraint("status IN ('open','closed')", name="status"),)


class CashMovement(Base):
    """Cash paid into or out of the drawer during a shift, with its reason."""

    __tablename__ = "cash_movements"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    __table_args__ = (
        CheckConstraint("kind IN ('paid_in','paid_out')", name="kind"),
        CheckConstraint("amount > 0", name="amount"),
    )


class ZReport(Base):
    """A closed shift's Z report: its own gapless number per terminal, kept as journalled."""

    __tablename__ = "z_reports"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    record: Mapped[dict[str, object]] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("terminal_id", "seq"),)


class ReportDay(Base):
    """A closed Bangkok day's report groups, of all counters (scope "*") or of one (scope: its
    id), kept with a fingerprint of the day's sales (receipts, completed receipts, sum of
    totals): a report of a period reads these instead of the day's lines while the
    fingerprint still matches the sales."""

    __tablename__ = "report_days"
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # ISO date, Bangkok
    scope: Mapped[str] = mapped_column(Id, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(80))
    groups: Mapped[str] = mapped_column(Text)  # JSON of the day's grouped rows
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())
