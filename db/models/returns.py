"""Refunds and their lines."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Id, Money, Pct, Qty, UTCDateTime, new_id


class Refund(Base):
    """Goods returned against a sale and the money given back: its own gapless number."""

    __tablename__ = "refunds"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    seq: Mapped[int] = mapped_column(Integer)
    refund_no: Mapped[str] = mapped_column(String(40), unique=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    receipt_no: Mapped[str] = mapped_column(String(40))  # the original receipt's number
    refunded_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    shift_id: Mapped[str | None] = mapped_column(Id, index=True)  # shifts stay on the counter
    cashier_id: Mapped[str] = mapped_column(Id)
    cashier_name: Mapped[str] = mapped_column(String(100))
    approval_id: Mapped[str | None] = mapped_column(Id)  # the manager's approval, if needed
    approver_id: Mapped[str | None] = mapped_column(Id)
    approver_name: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(12))
    total: Mapped[Decimal] = mapped_column(Money)
    vatable: Mapped[Decimal] = mapped_column(Money)
    exempt: Mapped[Decimal] = mapped_column(Money)
    vat: Mapped[Decimal] = mapped_column(Money)
    vat_rate: Mapped[Decimal] = mapped_column(Pct)
    lines: Mapped[list[RefundLine]] = relationship(
        order_by="RefundLine.line_no", cascade="all, delete-orphan"
    )
    __table_args__ = (
        UniqueConstraint("terminal_id", "seq"),
        CheckConstraint("method IN ('cash','promptpay')", name="method"),
        CheckConstraint("total > 0", name="total"),
    )


class RefundLine(Base):
    """One returned line: which sold line, how much of it, and the money it gave back."""

    __tablename__ = "refund_lines"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    refund_id: Mapped[str] = mapped_column(ForeignKey("refunds.id"), index=True)
    sale_line_id: Mapped[str] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)  # the sold line's number on the receipt
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(40))
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    amount: Mapped[Decimal] = mapped_column(Money)  # VAT included, the line's paid share
    vat_exempt: Mapped[bool] = mapped_column(Boolean)
    basket_id: Mapped[str | None] = mapped_column(Id)
    __table_args__ = (
        UniqueConstraint("refund_id", "line_no"),
        CheckConstraint("quantity > 0", name="quantity"),
    )
