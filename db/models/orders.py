"""Online orders: the order, its lines, the stock it holds (reservations) and its history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, Money, Qty, UTCDateTime, new_id, utcnow


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)  # the client's UUID
    order_no: Mapped[str] = mapped_column(String(16), unique=True)  # W2612030007
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    fingerprint: Mapped[str] = mapped_column(Text)  # the lines asked for (kind:ref:qty;...)
    shop_day: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(12), default="web")
    status: Mapped[str] = mapped_column(String(20), index=True)
    payment: Mapped[str] = mapped_column(String(12))
    fulfilment: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(10), index=True)
    email: Mapped[str] = mapped_column(String(120), default="")
    address_line: Mapped[str] = mapped_column(String(200), default="")
    subdistrict: Mapped[str] = mapped_column(String(100), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(5), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    buyer_name: Mapped[str] = mapped_column(String(200), default="")  # a full tax invoice's
    buyer_address: Mapped[str] = mapped_column(String(400), default="")
    buyer_tax_id: Mapped[str] = mapped_column(String(13), default="")
    buyer_branch: Mapped[str] = mapped_column(String(5), default="")
    subtotal: Mapped[Decimal] = mapped_column(Money)
    shipping_fee: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    vat: Mapped[Decimal] = mapped_column(Money)
    promptpay_payload: Mapped[str | None] = mapped_column(String(200))
    slip_path: Mapped[str | None] = mapped_column(String(300))
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"))
    receipt_no: Mapped[str | None] = mapped_column(String(40))
    carrier: Mapped[str] = mapped_column(String(20), default="")
    tracking_no: Mapped[str] = mapped_column(String(40), default="")
    packed: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # product id -> scanned
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    client: Mapped[str] = mapped_column(String(64), default="")  # who placed it (address)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reserved_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OrderLine(Base):
    __tablename__ = "order_lines"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # product | basket
    ref: Mapped[str] = mapped_column(String(40))  # SKU or basket code
    product_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    template_id: Mapped[str | None] = mapped_column(ForeignKey("basket_templates.id"))
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)


class Reservation(Base):
    """Stock an order holds until it is sold or released (expired, cancelled)."""

    __tablename__ = "reservations"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: until released
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    __table_args__ = (
        UniqueConstraint("order_id", "product_id"),
        Index("ix_reservations_active", "product_id", "released_at"),
    )


class OrderEventRow(Base):
    """An order's history: each status it took, when and by whom (append-only)."""

    __tablename__ = "order_events"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, ... in the order's history
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(String(300), default="")
    __table_args__ = (UniqueConstraint("order_id", "seq"),)
