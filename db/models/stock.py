"""Stock documents: deliveries from producers, returns to them, adjustments and counts.

Each posted document's movements are rows of `stock_movements` carrying its id; the document
and its lines travel to the central database with them, once (the outbox)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Money, Qty, UTCDateTime, new_id, utcnow


class StockDocument(Base):
    __tablename__ = "stock_documents"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)  # the client's UUID
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    kind: Mapped[str] = mapped_column(String(16))  # delivery | producer_return | adjustment | count
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # KK01-GR-00000001
    producer_id: Mapped[str | None] = mapped_column(ForeignKey("producers.id"), index=True)
    reference: Mapped[str] = mapped_column(String(60), default="")  # the delivery note's number
    doc_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[str] = mapped_column(String(100), default="")  # a count's sheet: category ...
    status: Mapped[str] = mapped_column(String(10), default="posted")  # open (a count) | posted
    created_by: Mapped[str] = mapped_column(Id)
    created_name: Mapped[str] = mapped_column(String(100))
    approved_by: Mapped[str | None] = mapped_column(Id)
    approved_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    __table_args__ = (UniqueConstraint("terminal_id", "kind", "seq"),)


class StockDocumentLine(Base):
    __tablename__ = "stock_document_lines"
    document_id: Mapped[str] = mapped_column(ForeignKey("stock_documents.id"), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[Decimal] = mapped_column(Qty)  # a count: the quantity counted
    expected: Mapped[Decimal | None] = mapped_column(Qty)  # a count: the movements' figure
    cost: Mapped[Decimal | None] = mapped_column(Money)
    best_before: Mapped[date | None] = mapped_column(Date)
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StockThreshold(Base):
    """The shop's low-stock line per product (local to the shop)."""

    __tablename__ = "stock_thresholds"
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), primary_key=True)
    low: Mapped[Decimal] = mapped_column(Qty)


class StockMonth(Base):
    """A Bangkok month whose movements are summed up in `stock_month_summaries`: once a row is
    here, every movement written for that month (a late sale synced in, a backdated fact) adds
    itself to the month's summary in its own transaction (triggers of migration 0015)."""

    __tablename__ = "stock_months"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2026-01 (Bangkok)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StockMonthSummary(Base):
    """A summarised month's movements of a product for one reason: their sum in thousandths
    (exact on every backend) and how many there are."""

    __tablename__ = "stock_month_summaries"
    month: Mapped[str] = mapped_column(ForeignKey("stock_months.month"), primary_key=True)
    product_id: Mapped[str] = mapped_column(Id, primary_key=True)
    reason: Mapped[str] = mapped_column(String(16), primary_key=True)
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    moves: Mapped[int] = mapped_column(Integer)
