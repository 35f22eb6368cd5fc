"""Sales and what they move: lines, baskets, payments, stock, parked carts, tax invoices."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Id, Money, Pct, Qty, UTCDateTime, new_id, utcnow


class StockMovement(Base):
    """Append-only: stock on hand is the sum of a product's movements."""

    __tablename__ = "stock_movements"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    reason: Mapped[str] = mapped_column(String(16))  # opening | receive | sale | return | adjust
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # a refund's return to stock (its sale_id stays empty: the sale's own moves are apart)
    refund_id: Mapped[str | None] = mapped_column(ForeignKey("refunds.id"), index=True)
    # a delivery, a return to a producer, an adjustment or a count (db/models/stock.py)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("stock_documents.id"), index=True)
    __table_args__ = (
        Index("ix_stock_movements_product", "product_id", "quantity"),
        # a statement reads the months not summarised (the open one) by time
        Index("ix_stock_movements_created_at", "created_at"),
    )


class Sale(Base):
    __tablename__ = "sales"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    seq: Mapped[int] = mapped_column(Integer)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="completed")
    sold_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    cashier_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    cashier_name: Mapped[str] = mapped_column(String(100), default="")
    subtotal: Mapped[Decimal] = mapped_column(Money)
    discount_total: Mapped[Decimal] = mapped_column(Money)
    sale_discount: Mapped[Decimal] = mapped_column(Money)
    sale_discount_reason: Mapped[str] = mapped_column(String(200), default="")
    total: Mapped[Decimal] = mapped_column(Money)
    vatable: Mapped[Decimal] = mapped_column(Money)
    exempt: Mapped[Decimal] = mapped_column(Money)
    vat: Mapped[Decimal] = mapped_column(Money)
    vat_rate: Mapped[Decimal] = mapped_column(Pct)
    paid: Mapped[Decimal] = mapped_column(Money)
    change: Mapped[Decimal] = mapped_column(Money)
    lines: Mapped[list[SaleLine]] = relationship(
        order_by="SaleLine.line_no", cascade="all, delete-orphan", back_populates="sale"
    )
    payments: Mapped[list[Payment]] = relationship(
        order_by="Payment.seq", cascade="all, delete-orphan", back_populates="sale"
    )
    __table_args__ = (
        UniqueConstraint("terminal_id", "seq"),
        CheckConstraint("status IN ('completed','voided')", name="status"),
    )


class SaleLine(Base):
    """A sold line with a snapshot of name, price and VAT as they were at the sale."""

    __tablename__ = "sale_lines"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(40))
    barcode: Mapped[str | None] = mapped_column(String(32))
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    category_code: Mapped[str] = mapped_column(String(20))
    producer_id: Mapped[str | None] = mapped_column(Id)
    quantity: Mapped[Decimal] = mapped_column(Qty)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    gross: Mapped[Decimal] = mapped_column(Money)
    line_discount: Mapped[Decimal] = mapped_column(Money)
    line_discount_reason: Mapped[str] = mapped_column(String(200), default="")
    sale_discount: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    vat_exempt: Mapped[bool] = mapped_column(Boolean)
    vat: Mapped[Decimal] = mapped_column(Money)
    commission_pct: Mapped[Decimal | None] = mapped_column(Pct)
    # the gift basket this line is a component of (a return gives its components back)
    basket_id: Mapped[str | None] = mapped_column(ForeignKey("sale_baskets.id"), index=True)
    # printed under the line (a drink's options, a booking's room and time)
    detail_th: Mapped[str] = mapped_column(String(300), default="", server_default=text("''"))
    detail_en: Mapped[str] = mapped_column(String(300), default="", server_default=text("''"))
    # what the capability that put the line there reads back ("delivery:<order no>")
    ref: Mapped[str | None] = mapped_column(String(80), index=True)
    sale: Mapped[Sale] = relationship(back_populates="lines")
    __table_args__ = (UniqueConstraint("sale_id", "line_no"),)


class SaleBasket(Base):
    """A gift basket sold in a sale: its component lines point here through basket_id."""

    __tablename__ = "sale_baskets"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    template_id: Mapped[str | None] = mapped_column(ForeignKey("basket_templates.id"))
    ready_product_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    count: Mapped[int] = mapped_column(Integer, default=1)
    price: Mapped[Decimal] = mapped_column(Money)  # one basket, VAT included
    set_price: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(Text, default="")


class SaleNote(Base):
    """A text printed after a sale's total (a tea order's number), kept for reprints."""

    __tablename__ = "sale_notes"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    text_th: Mapped[str] = mapped_column(String(300))
    text_en: Mapped[str] = mapped_column(String(300))
    big: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (UniqueConstraint("sale_id", "seq"),)


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    amount: Mapped[Decimal] = mapped_column(Money)
    tendered: Mapped[Decimal] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(200), default="")
    sale: Mapped[Sale] = relationship(back_populates="payments")
    __table_args__ = (
        UniqueConstraint("sale_id", "seq"),
        CheckConstraint("kind IN ('cash','promptpay','card','cod')", name="kind"),
    )


class ParkedSale(Base):
    """A cart put aside at this counter (local only: never synced)."""

    __tablename__ = "parked_sales"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    label: Mapped[str] = mapped_column(String(100), default="")
    parked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)


class TaxInvoice(Base):
    """A full tax invoice (§86/4) issued for a sale on the buyer's request."""

    __tablename__ = "tax_invoices"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    buyer_name: Mapped[str] = mapped_column(String(300))
    buyer_address: Mapped[str] = mapped_column(String(600))
    buyer_tax_id: Mapped[str] = mapped_column(String(13))
    buyer_branch: Mapped[str] = mapped_column(String(5), default="00000")
    __table_args__ = (UniqueConstraint("terminal_id", "seq"),)
