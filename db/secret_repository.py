"""The shop's secrets in table shop_secrets (a value is bound concealed: never in a log line)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db import models as m
from pos.ports.secrets import SecretStatus


class SqlSecretRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def value(self, name: str) -> str | None:
        return self.session.scalar(select(m.ShopSecret.value).where(m.ShopSecret.name == name))

    def put(self, name: str, value: str, at: datetime, by: str) -> None:
        row = self.session.get(m.ShopSecret, name)
        if row is None:
            self.session.add(m.ShopSecret(name=name, value=value, updated_at=at, updated_by=by))
        else:
            row.value, row.updated_at, row.updated_by = value, at, by
        self.session.flush()

    def delete(self, name: str) -> None:
        self.session.execute(delete(m.ShopSecret).where(m.ShopSecret.name == name))

    def statuses(self) -> dict[str, SecretStatus]:
        rows = self.session.execute(
            select(m.ShopSecret.name, m.ShopSecret.updated_at, m.ShopSecret.updated_by)
        )
        return {name: SecretStatus(True, at, by) for name, at, by in rows}
