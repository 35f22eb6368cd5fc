"""The tea corner: menu items with their options and recipes, the day's orders and tickets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Money, Qty, UTCDateTime, new_id, utcnow


class TeaMenuItem(Base):
    """A products row of kind menu as the tea corner sells it: its option groups (with their
    options' prices and recipes) and its own recipe, as JSON of stock product ids."""

    __tablename__ = "tea_menu_items"
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), primary_key=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    image: Mapped[str | None] = mapped_column(String(300))
    groups: Mapped[list[Any]] = mapped_column(JSON, default=list)
    recipe: Mapped[list[Any]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class TeaOrderDay(Base):
    """The last order number given on a business day (taken in the sale's transaction)."""

    __tablename__ = "tea_order_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, default=0)


class TeaOrder(Base):
    __tablename__ = "tea_orders"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), unique=True)
    receipt_no: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default="new")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # collected or cancelled
    __table_args__ = (
        UniqueConstraint("day", "number"),
        CheckConstraint("status IN ('new','ready','collected','cancelled')", name="status"),
    )


class TeaLine(Base):
    """One drink line of an order, as sold: its options kept for the tickets and reports."""

    __tablename__ = "tea_lines"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("tea_orders.id"), index=True)
    sale_line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(40))
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    amount: Mapped[Decimal] = mapped_column(Money)  # the line's total as paid
    detail_th: Mapped[str] = mapped_column(String(300), default="")
    detail_en: Mapped[str] = mapped_column(String(300), default="")
    # [[group, code, name_th, name_en, price_delta], ...]
    options: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # what a CANCEL ticket went out for (a refund, or the order cancelled before collection)
    cancelled: Mapped[Decimal] = mapped_column(Qty, default=Decimal(0))
    # what of it was refunded, and the money given back (the report takes it off)
    refunded: Mapped[Decimal] = mapped_column(Qty, default=Decimal(0))
    refunded_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    __table_args__ = (UniqueConstraint("order_id", "sale_line_no"),)


class TeaTicket(Base):
    """A ticket for the tea counter: printed once (`sent_at`), through its print job."""

    __tablename__ = "tea_tickets"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    line_id: Mapped[str] = mapped_column(ForeignKey("tea_lines.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    job_id: Mapped[str | None] = mapped_column(ForeignKey("print_jobs.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    __table_args__ = (
        CheckConstraint("kind IN ('order','cancel','reprint')", name="kind"),
        # one order ticket per drink line, whatever retries or restarts happen
        Index(
            "uq_tea_tickets_order_line",
            "line_id",
            unique=True,
            sqlite_where=text("kind = 'order'"),
            postgresql_where=text("kind = 'order'"),
        ),
    )
