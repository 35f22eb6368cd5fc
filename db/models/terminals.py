"""The shop, its terminals (counters) and their gapless document sequences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, UTCDateTime, new_id, utcnow


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
    # where its sales come from (pos.domain.channels.Channel): a counter, the web shop, LINE...
    channel: Mapped[str] = mapped_column(String(12), default="counter", server_default="counter")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReceiptSequence(Base):
    """The next number of each document series of a terminal: gapless, taken in the sale's tx."""

    __tablename__ = "receipt_sequences"
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_no: Mapped[int] = mapped_column(Integer, default=1)
