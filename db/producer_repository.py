"""Producers as the back office reads and changes them (the catalogue import has its own upsert)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from pos.ports.producers import ProducerRecord

_FIELDS = (
    "name_th", "name_en", "kind", "contact", "district_th", "district_en", "province_th",
    "province_en", "tax_id", "bank_code", "bank_account", "bank_account_name", "active",
)  # fmt: skip


def _record(p: m.Producer) -> ProducerRecord:
    return ProducerRecord(
        code=p.code,
        name_th=p.name_th,
        name_en=p.name_en,
        kind=p.kind,
        contact=p.contact,
        district_th=p.district_th,
        district_en=p.district_en,
        province_th=p.province_th,
        province_en=p.province_en,
        tax_id=p.tax_id,
        bank_code=p.bank_code,
        bank_account=p.bank_account,
        bank_account_name=p.bank_account_name or "",
        active=p.active,
    )


class SqlProducerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[ProducerRecord]:
        rows = self.session.scalars(select(m.Producer).order_by(m.Producer.code))
        return [_record(p) for p in rows]

    def _row(self, code: str) -> m.Producer | None:
        return self.session.scalars(select(m.Producer).where(m.Producer.code == code)).first()

    def by_code(self, code: str) -> ProducerRecord | None:
        row = self._row(code)
        return None if row is None else _record(row)

    def add(self, producer: ProducerRecord) -> None:
        row = m.Producer(code=producer.code)
        self._fill(row, producer)
        self.session.add(row)
        self.session.flush()

    def update(self, producer: ProducerRecord) -> None:
        row = self._row(producer.code)
        assert row is not None, producer.code
        self._fill(row, producer)
        self.session.flush()

    @staticmethod
    def _fill(row: m.Producer, producer: ProducerRecord) -> None:
        for name in _FIELDS:
            setattr(row, name, getattr(producer, name))
