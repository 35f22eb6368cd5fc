"""The schema: catalogue, stock, sales, sequences and the sync outbox (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and read back timezone-aware on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Money = Numeric(12, 2, asdecimal=True)
Qty = Numeric(12, 3, asdecimal=True)
Pct = Numeric(5, 2, asdecimal=True)
Id = String(36)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Shop(Base):
    __tablename__ = "shops"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    tax_id: Mapped[str | None] = mapped_column(String(13))
    branch: Mapped[str] = mapped_column(String(5), default="00000")
    address_th: Mapped[str] = mapped_column(String(400), default="")


class Terminal(Base):
    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    shop_id: Mapped[str] = mapped_column(ForeignKey("shops.id"))
    name: Mapped[str] = mapped_column(String(100))
    pos_id: Mapped[str] = mapped_column(String(40), default="")  # Revenue Dept. approval no.
    receipt_prefix: Mapped[str] = mapped_column(String(12), unique=True)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReceiptSequence(Base):
    """The next number of each document series of a terminal: gapless, taken in the sale's tx."""

    __tablename__ = "receipt_sequences"
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_no: Mapped[int] = mapped_column(Integer, default=1)


class Category(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Producer(Base):
    __tablename__ = "producers"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    contact: Mapped[str] = mapped_column(String(200), default="")
    district_th: Mapped[str] = mapped_column(String(100))
    district_en: Mapped[str] = mapped_column(String(100))
    province_th: Mapped[str] = mapped_column(String(100))
    province_en: Mapped[str] = mapped_column(String(100))
    tax_id: Mapped[str | None] = mapped_column(String(13))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    __table_args__ = (CheckConstraint("kind IN ('group','individual','sme')", name="kind"),)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    producer_id: Mapped[str] = mapped_column(ForeignKey("producers.id"), index=True)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    sold_by: Mapped[str] = mapped_column(String(8), default="unit")
    unit_th: Mapped[str] = mapped_column(String(20), default="ชิ้น")
    unit_en: Mapped[str] = mapped_column(String(20), default="piece")
    vat_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    stars: Mapped[int | None] = mapped_column(Integer)
    star_year: Mapped[int | None] = mapped_column(Integer)
    story_th: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    story_url: Mapped[str] = mapped_column(String(300), default="")
    image: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    commission_pct: Mapped[Decimal | None] = mapped_column(Pct)
    plu: Mapped[str | None] = mapped_column(String(9), unique=True)  # scale item code
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )
    certifications: Mapped[list[Certification]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )
    producer: Mapped[Producer] = relationship()
    category: Mapped[Category] = relationship()
    __table_args__ = (
        CheckConstraint("sold_by IN ('unit','weight')", name="sold_by"),
        CheckConstraint("unit_price >= 0", name="price"),
        CheckConstraint("stars IS NULL OR (stars BETWEEN 1 AND 5)", name="stars"),
    )


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # gs1 | instore | other
    product: Mapped[Product] = relationship(back_populates="barcodes")


class Certification(Base):
    __tablename__ = "certifications"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # fda | community_standard | tis | halal | gi
    number: Mapped[str] = mapped_column(String(60))
    expires: Mapped[date | None] = mapped_column(Date)
    product: Mapped[Product] = relationship(back_populates="certifications")


class BasketTemplate(Base):
    __tablename__ = "basket_templates"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    barcode: Mapped[str | None] = mapped_column(String(32), unique=True)
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    price_rule: Mapped[str] = mapped_column(String(16))  # fixed | sum_plus_fee | sum_less_pct
    price: Mapped[Decimal | None] = mapped_column(Money)
    fee: Mapped[Decimal | None] = mapped_column(Money)
    discount_pct: Mapped[Decimal | None] = mapped_column(Pct)
    container_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    wrapping_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    active_from: Mapped[date | None] = mapped_column(Date)
    active_to: Mapped[date | None] = mapped_column(Date)
    story_th: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # pre-assembled baskets of this template are stocked as this product (its own barcode)
    ready_product_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    components: Mapped[list[BasketComponent]] = relationship(cascade="all, delete-orphan")
    __table_args__ = (
        CheckConstraint("price_rule IN ('fixed','sum_plus_fee','sum_less_pct')", name="price_rule"),
    )


class BasketComponent(Base):
    __tablename__ = "basket_components"
    template_id: Mapped[str] = mapped_column(ForeignKey("basket_templates.id"), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(Qty)
    product: Mapped[Product] = relationship()


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(12))
    pin_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    __table_args__ = (
        CheckConstraint("role IN ('cashier','labels','manager','admin')", name="role"),
    )


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
    __table_args__ = (Index("ix_stock_movements_product", "product_id", "quantity"),)


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
        CheckConstraint("kind IN ('cash','promptpay','card')", name="kind"),
    )


class ParkedSale(Base):
    """A cart put aside at this counter (local only: never synced)."""

    __tablename__ = "parked_sales"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    label: Mapped[str] = mapped_column(String(100), default="")
    parked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)


class OutboxEvent(Base):
    """Facts waiting to travel to the central database (sent at most once, acknowledged once)."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(Id, unique=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(30))
    aggregate_id: Mapped[str] = mapped_column(Id)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class Setting(Base):
    """Shop-wide settings owned centrally (key/value JSON); the counter's copy of them."""

    __tablename__ = "shop_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


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


class SyncState(Base):
    """This counter's sync bookmarks (local only): the last catalogue change applied, etc."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(400), default="")


class CentralStock(Base):
    """Stock on hand as the central database last reported it (sum of every counter's moves)."""

    __tablename__ = "central_stock"
    product_id: Mapped[str] = mapped_column(Id, primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(Qty)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime())


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
