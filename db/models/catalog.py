"""The catalogue owned by the central database: products, producers, baskets, users, settings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Id, Money, Pct, Qty, UTCDateTime, new_id, utcnow


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
    # consignment payouts: a Thai bank's code (pos.domain.banks), its 10-12 digit account
    bank_code: Mapped[str | None] = mapped_column(String(3))
    bank_account: Mapped[str | None] = mapped_column(String(12))
    bank_account_name: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # centre: the centre itself (its own revenue: the tea corner, the room, delivery)
    __table_args__ = (
        CheckConstraint("kind IN ('group','individual','sme','centre')", name="kind"),
    )


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
    # pieces kept back from the web shop (None: the shop's setting web_safety_buffer)
    web_safety_buffer: Mapped[int | None] = mapped_column(Integer)
    plu: Mapped[str | None] = mapped_column(String(9), unique=True)  # scale item code
    # the selection committee's verdict: approved | pending | rejected (only approved sells)
    curation: Mapped[str] = mapped_column(String(12), default="approved", server_default="approved")
    # goods: stock moves | service: no stock | menu: stock moves through a line's recipe
    kind: Mapped[str] = mapped_column(String(10), default="goods", server_default="goods")
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


class PriceChange(Base):
    """A product's price history: each change, who made it and when (the back office)."""

    __tablename__ = "price_changes"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    old_price: Mapped[Decimal] = mapped_column(Money)
    new_price: Mapped[Decimal] = mapped_column(Money)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(40))  # the username


class Certification(Base):
    """A certificate of one product or of one producer (pos.domain.curation.CertKind)."""

    __tablename__ = "certifications"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    product_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"), index=True)
    producer_id: Mapped[str | None] = mapped_column(ForeignKey("producers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # fda | community_standard | otop_stars | ...
    number: Mapped[str] = mapped_column(String(60))
    issued: Mapped[date | None] = mapped_column(Date)
    expires: Mapped[date | None] = mapped_column(Date)
    file: Mapped[str | None] = mapped_column(String(300))  # the scanned certificate
    product: Mapped[Product | None] = relationship(back_populates="certifications")
    __table_args__ = (
        CheckConstraint("(product_id IS NULL) <> (producer_id IS NULL)", name="holder"),
    )


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
    # after an admin's PIN reset: the user sets a new PIN at the next log-in
    must_change_pin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    __table_args__ = (
        CheckConstraint("role IN ('cashier','labels','manager','admin')", name="role"),
    )


class Setting(Base):
    """Shop-wide settings owned centrally (key/value JSON); the counter's copy of them."""

    __tablename__ = "shop_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
