"""Parked carts: a sale put aside at the counter and recalled later."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from pos.ports.sales import ParkedCart


class SqlParkingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def park(self, terminal_id: str, label: str, payload: dict[str, Any], at: datetime) -> str:
        row = m.ParkedSale(terminal_id=terminal_id, label=label, payload=payload, parked_at=at)
        self.session.add(row)
        self.session.flush()
        return row.id

    def list(self, terminal_id: str) -> list[ParkedCart]:
        rows = self.session.scalars(
            select(m.ParkedSale)
            .where(m.ParkedSale.terminal_id == terminal_id)
            .order_by(m.ParkedSale.parked_at)
        )
        return [ParkedCart(r.id, r.label, r.parked_at, dict(r.payload)) for r in rows]

    def take(self, parked_id: str) -> ParkedCart | None:
        row = self.session.get(m.ParkedSale, parked_id)
        if row is None:
            return None
        parked = ParkedCart(row.id, row.label, row.parked_at, dict(row.payload))
        self.session.delete(row)
        return parked
