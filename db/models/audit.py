"""The back office's audit log: who changed which record, when, and what it was before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Id, UTCDateTime, new_id, utcnow


class AuditEntry(Base):
    """One change made through a back-office service (append-only: never updated or deleted)."""

    __tablename__ = "audit_log"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[str] = mapped_column(Id)
    actor_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))  # e.g. product.add, user.reset_pin
    entity: Mapped[str] = mapped_column(String(40), index=True)  # product, producer, user, ...
    key: Mapped[str] = mapped_column(String(100), index=True)  # the record's SKU, code, username
    before: Mapped[str] = mapped_column(Text, default="")  # JSON object, "" when created
    after: Mapped[str] = mapped_column(Text, default="")  # JSON object, "" when removed
    terminal_id: Mapped[str | None] = mapped_column(Id)
