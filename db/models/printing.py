"""The print queue and the label print log."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Money, UTCDateTime, new_id, utcnow


class PrintJob(Base):
    """A document waiting for, or sent to, a printer; kept so a fault never loses a print."""

    __tablename__ = "print_jobs"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    printer: Mapped[str] = mapped_column(String(40))  # printer profile name
    kind: Mapped[str] = mapped_column(String(20))  # receipt | tax_invoice | test | gift_card
    document_ref: Mapped[str] = mapped_column(String(60), default="")  # e.g. receipt number
    copy: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    __table_args__ = (
        CheckConstraint("status IN ('pending','printing','done','failed')", name="status"),
    )


class LabelPrint(Base):
    """The print log of shelf labels: which price each label carried, and when."""

    __tablename__ = "label_prints"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    batch_id: Mapped[str] = mapped_column(Id, index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(40))
    price: Mapped[Decimal] = mapped_column(Money)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    template: Mapped[str] = mapped_column(String(40))
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
