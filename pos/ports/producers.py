"""The producers the centre sells for: who they are, where, their tax ID and payout account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pos.ports.audit import AuditUnitOfWork


@dataclass(frozen=True, slots=True)
class ProducerRecord:
    code: str
    name_th: str
    name_en: str
    kind: str  # group | individual | sme (pos.domain.catalog.PRODUCER_KINDS)
    contact: str
    district_th: str
    district_en: str
    province_th: str
    province_en: str
    tax_id: str | None
    bank_code: str | None  # pos.domain.banks
    bank_account: str | None  # 10-12 digits
    bank_account_name: str
    active: bool


class ProducerRepository(Protocol):
    def all(self) -> list[ProducerRecord]:
        """Every producer, by code."""
        ...

    def by_code(self, code: str) -> ProducerRecord | None: ...
    def add(self, producer: ProducerRecord) -> None: ...
    def update(self, producer: ProducerRecord) -> None:
        """The producer of the same code, every field as given."""
        ...


class ProducersUnitOfWork(AuditUnitOfWork, Protocol):
    @property
    def producers(self) -> ProducerRepository: ...
