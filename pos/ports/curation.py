"""Curation's storage: applications (each with its pending product), reviews, certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from pos.ports.audit import AuditUnitOfWork

if TYPE_CHECKING:
    from pos.domain.curation import ApplicationDetails, Certificate, Review, Status


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    review: Review
    pass_mark: int
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ApplicationRecord:
    app_id: str
    details: ApplicationDetails
    status: Status
    producer_th: str
    producer_en: str
    submitted_at: datetime
    updated_at: datetime
    reviews: tuple[ReviewRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class CertificateRecord:
    """A certificate with the name of what it certifies (a product or a producer)."""

    certificate: Certificate
    holder_th: str
    holder_en: str


class CurationRepository(Protocol):
    def producer_exists(self, code: str) -> bool: ...
    def producer_active(self, code: str) -> bool | None:
        """Whether the producer is active (None: no producer has this code)."""
        ...

    def sku_taken(self, sku: str) -> bool:
        """A product or an application has this SKU."""
        ...

    def add_application(self, details: ApplicationDetails, status: Status, now: datetime) -> str:
        """The application and its product, pending (not for sale); the application's id."""
        ...

    def application(self, app_id: str) -> ApplicationRecord | None: ...
    def applications(self, status: Status | None = None) -> list[ApplicationRecord]: ...
    def update_application(
        self,
        app_id: str,
        details: ApplicationDetails,
        status: Status,
        curation: str,
        now: datetime,
    ) -> None:
        """New details and status for the application, the same details and `curation` for
        its product (an approved product is also made active)."""
        ...  # fmt: skip

    def add_review(
        self, app_id: str, review: Review, pass_mark: int, recorded_by: str, now: datetime
    ) -> None: ...
    def certificates(
        self, *, product_sku: str | None = None, producer_code: str | None = None
    ) -> list[CertificateRecord]:
        """Every certificate (or one holder's), soonest expiry first."""
        ...

    def certificate(self, cert_id: str) -> Certificate | None: ...
    def product_exists(self, sku: str) -> bool: ...
    def add_certificate(self, cert: Certificate) -> str: ...
    def update_certificate(self, cert: Certificate) -> None: ...
    def earliest_expiry(self, sku: str) -> date | None:
        """The first expiry among the product's and its producer's certificates."""
        ...


class CurationUnitOfWork(AuditUnitOfWork, Protocol):
    @property
    def curation(self) -> CurationRepository: ...
