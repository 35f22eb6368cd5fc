"""The shop's secrets (channel tokens, webhook keys): on the store, never pulled by counters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from db.models.base import Base, UTCDateTime


class Concealed(str):
    """A secret's value on its way to the driver: its repr (SQLAlchemy's logged parameters, a
    refused statement's message) never shows it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<secret>'"


class SecretText(TypeDecorator[str]):
    """Text bound as a `Concealed` value, read back as a plain str."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else Concealed(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else str(value)


class ShopSecret(Base):
    """One secret by name (pos.domain.secrets.SECRET_NAMES); a cleared one has no row."""

    __tablename__ = "shop_secrets"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(SecretText())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(100))
