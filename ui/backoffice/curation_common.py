"""What the curation page and its forms share: the curation service as they use it, the page
as its forms use it, the language shown and a refusal's message."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos.domain.auth import Actor
from pos.domain.curation import Certificate, Review, ReviewRules, Status
from pos.domain.errors import ShopError
from pos.ports.curation import ApplicationRecord, CertificateRecord
from ui import i18n
from ui.worker import Worker


class CurationBackend(Protocol):
    """The curation service as the page uses it (pos.services.curation.Curation)."""

    @property
    def rules(self) -> ReviewRules: ...
    def today(self) -> date: ...
    def applications(
        self, actor: Actor, status: Status | None = None
    ) -> list[ApplicationRecord]: ...
    def submit(
        self, actor: Actor, values: dict[str, str], photos: tuple[str, ...] = ()
    ) -> ApplicationRecord: ...
    def resubmit(
        self, actor: Actor, app_id: str, values: dict[str, str], photos: tuple[str, ...] = ()
    ) -> ApplicationRecord: ...
    def review(self, actor: Actor, app_id: str, review: Review) -> ApplicationRecord: ...
    def certificates(self, actor: Actor) -> list[CertificateRecord]: ...
    def add_certificate(self, actor: Actor, cert: Certificate) -> Certificate: ...
    def edit_certificate(self, actor: Actor, cert: Certificate) -> Certificate: ...


class CurationServices(Protocol):
    """What the page needs of the composition root's Services."""

    @property
    def curation(self) -> CurationBackend: ...


class CurationHost(QWidget):
    """The page as its forms use it: the service, the actor, the page's worker and the
    certificates read last (`CurationPage` provides them)."""

    service: CurationBackend
    actor: Actor
    worker: Worker
    certs: list[CertificateRecord]


def lang() -> str:
    return i18n.current_language()


def message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(lang())
    return QCoreApplication.translate(
        "CurationPage", "Something went wrong (it was logged): try again"
    )
