"""Curation: applications, the committee's reviews and decisions, certificates and alerts.

Every call takes the actor and checks Action.CURATE first; every change is validated, written,
audited and committed in one unit of work. An application's product is written here: it is
created pending when the application is submitted and made approved (active) when the
committee approves it. Certificates and a product's approval are central-owned: a counter of a
central database refuses to change its own copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from pos.domain.auth import Action, Actor
from pos.domain.curation import (
    ApplicationDetails,
    Certificate,
    CurationError,
    Expiry,
    Review,
    ReviewRules,
    Status,
    Step,
    advance,
    check_certificate,
    check_review,
    expiry_state,
    parse_application,
    product_curation,
)
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.clock import Clock
from pos.ports.curation import ApplicationRecord, CertificateRecord, CurationUnitOfWork
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require

# the audit log's actions (application.<verb> for each step of the review)
_DECIDED = {
    Status.APPROVED: "application.approve",
    Status.REJECTED: "application.reject",
    Status.CHANGES_REQUESTED: "application.request_changes",
}


def _snapshot(d: ApplicationDetails, status: Status) -> dict[str, object]:
    return {
        "sku": d.sku,
        "producer": d.producer_code,
        "name_th": d.name_th,
        "name_en": d.name_en,
        "category": d.category.value,
        "price": str(d.price),
        "story_th": d.story_th,
        "story_en": d.story_en,
        "photos": list(d.photos),
        "status": status.value,
    }


def _cert_snapshot(c: Certificate) -> dict[str, object]:
    return {
        "kind": c.kind.value,
        "number": c.number,
        "issued": None if c.issued is None else c.issued.isoformat(),
        "expires": None if c.expires is None else c.expires.isoformat(),
        "file": c.file,
        "product": c.product_sku,
        "producer": c.producer_code,
    }


@dataclass(frozen=True, slots=True)
class Alert:
    """A certificate due for renewal (or expired) on a day."""

    record: CertificateRecord
    state: Expiry
    days_left: int


class Curation:
    def __init__(
        self,
        uow: UnitOfWorkFactory[CurationUnitOfWork],
        settings: Settings,
        clock: Clock,
        *,
        central_owned_elsewhere: bool = False,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.clock = clock
        # a counter with a central database: the catalogue is changed there, not here
        self.central_owned_elsewhere = central_owned_elsewhere

    @property
    def rules(self) -> ReviewRules:
        return ReviewRules(self.settings.curation_quorum, self.settings.curation_pass_mark)

    def today(self) -> date:
        return shop_day(self.clock.now())

    def _may_change(self, actor: Actor) -> None:
        require(actor, Action.CURATE)
        if self.central_owned_elsewhere:
            raise CurationError(
                "This counter takes its catalogue from the central database: open the back"
                " office on the central database: otop-pos backoffice --db postgresql://…",
                "เครื่องนี้รับข้อมูลสินค้าจากฐานข้อมูลกลาง กรุณาเปิดโปรแกรมหลังร้านบนฐานข้อมูลกลาง:"
                " otop-pos backoffice --db postgresql://…",
            )

    # --- applications --------------------------------------------------------------------
    def applications(self, actor: Actor, status: Status | None = None) -> list[ApplicationRecord]:
        require(actor, Action.CURATE)
        with self.uow() as read:
            return read.curation.applications(status)

    def application(self, actor: Actor, app_id: str) -> ApplicationRecord:
        require(actor, Action.CURATE)
        with self.uow() as read:
            return self._get(read, app_id)

    @staticmethod
    def _get(uow: CurationUnitOfWork, app_id: str) -> ApplicationRecord:
        found = uow.curation.application(app_id)
        if found is None:
            raise CurationError("No such application", "ไม่พบใบสมัคร")
        return found

    @staticmethod
    def _check_producer(uow: CurationUnitOfWork, details: ApplicationDetails) -> None:
        active = uow.curation.producer_active(details.producer_code)
        if active is None:
            raise CurationError(
                f"Producer: no producer has the code {details.producer_code!r}",
                f"ผู้ผลิต: ไม่พบผู้ผลิตรหัส {details.producer_code!r}",
            )
        if not active:
            raise CurationError(
                f"Producer: {details.producer_code} is no longer active",
                f"ผู้ผลิต: {details.producer_code} ไม่ได้ใช้งานแล้ว",
            )

    def submit(
        self, actor: Actor, values: Mapping[str, str], photos: tuple[str, ...] = ()
    ) -> ApplicationRecord:
        """A producer's application, recorded with its product (pending: not for sale)."""
        self._may_change(actor)
        details = parse_application(values, photos)
        with self.uow(write=True) as uow:
            self._check_producer(uow, details)
            if uow.curation.sku_taken(details.sku):
                raise CurationError(
                    f"SKU: {details.sku} is already a product or an application",
                    f"รหัสสินค้า: {details.sku} มีสินค้าหรือใบสมัครใช้อยู่แล้ว",
                )
            now = self.clock.now()
            app_id = uow.curation.add_application(details, Status.SUBMITTED, now)
            snapshot = _snapshot(details, Status.SUBMITTED)
            record(uow.audit, self.clock, actor, "application.submit", details.sku, after=snapshot)
            done = self._get(uow, app_id)
            uow.commit()
        return done

    def resubmit(
        self, actor: Actor, app_id: str, values: Mapping[str, str], photos: tuple[str, ...] = ()
    ) -> ApplicationRecord:
        """The producer's changes after the committee asked for them (the SKU stays)."""
        self._may_change(actor)
        details = parse_application(values, photos)
        with self.uow(write=True) as uow:
            old = self._get(uow, app_id)
            if details.sku != old.details.sku:
                raise CurationError(
                    f"SKU: an application keeps its SKU {old.details.sku}",
                    f"รหัสสินค้า: ใบสมัครต้องใช้รหัสเดิม {old.details.sku}",
                )
            self._check_producer(uow, details)
            status = advance(old.status, Step.RESUBMIT)
            uow.curation.update_application(
                app_id, details, status, product_curation(status), self.clock.now()
            )
            record(
                uow.audit, self.clock, actor, "application.submit", details.sku,
                before=_snapshot(old.details, old.status), after=_snapshot(details, status),
            )  # fmt: skip
            done = self._get(uow, app_id)
            uow.commit()
        return done

    def review(self, actor: Actor, app_id: str, review: Review) -> ApplicationRecord:
        """Record the committee's review and carry out its decision: approve (the product is
        for sale from now on), reject, or ask for changes."""
        self._may_change(actor)
        check_review(review, self.rules)
        with self.uow(write=True) as uow:
            old = self._get(uow, app_id)
            status = old.status
            if status in (Status.SUBMITTED, Status.RESUBMITTED):
                status = advance(status, Step.START_REVIEW)
            status = advance(status, review.decision.step)
            now = self.clock.now()
            uow.curation.add_review(app_id, review, self.rules.pass_mark, actor.username, now)
            sku = old.details.sku
            record(
                uow.audit, self.clock, actor, "application.review", sku,
                after={
                    "held_on": review.held_on.isoformat(),
                    "members": list(review.members),
                    "scores": {c.value: s for c, s in review.scores.items()},
                    "total": review.total,
                    "pass_mark": self.rules.pass_mark,
                    "decision": review.decision.value,
                    "remarks": review.remarks,
                },
            )  # fmt: skip
            uow.curation.update_application(
                app_id, old.details, status, product_curation(status), now
            )
            record(
                uow.audit, self.clock, actor, _DECIDED[status], sku,
                before={"status": old.status.value}, after={"status": status.value},
            )  # fmt: skip
            done = self._get(uow, app_id)
            uow.commit()
        return done

    # --- certificates --------------------------------------------------------------------
    def certificates(
        self, actor: Actor, *, product_sku: str | None = None, producer_code: str | None = None
    ) -> list[CertificateRecord]:
        require(actor, Action.CURATE)
        with self.uow() as read:
            return read.curation.certificates(product_sku=product_sku, producer_code=producer_code)

    def alerts(self, actor: Actor, today: date | None = None) -> list[Alert]:
        """Certificates expiring within 90 days or expired, soonest first."""
        day = today or self.today()
        out = []
        for rec in self.certificates(actor):
            expires = rec.certificate.expires
            state = expiry_state(expires, day)
            if state is not Expiry.VALID and expires is not None:
                out.append(Alert(rec, state, (expires - day).days))
        return out

    def _check_holder(self, uow: CurationUnitOfWork, cert: Certificate) -> None:
        if cert.product_sku is not None and not uow.curation.product_exists(cert.product_sku):
            raise CurationError(
                f"Holder: no product has the SKU {cert.product_sku!r}",
                f"ผู้ถือใบรับรอง: ไม่พบสินค้ารหัส {cert.product_sku!r}",
            )
        if cert.producer_code is not None and not uow.curation.producer_exists(cert.producer_code):
            raise CurationError(
                f"Holder: no producer has the code {cert.producer_code!r}",
                f"ผู้ถือใบรับรอง: ไม่พบผู้ผลิตรหัส {cert.producer_code!r}",
            )

    @staticmethod
    def _key(cert: Certificate) -> str:
        return f"{cert.kind.value}:{cert.number}"

    def add_certificate(self, actor: Actor, cert: Certificate) -> Certificate:
        self._may_change(actor)
        checked = check_certificate(cert)
        with self.uow(write=True) as uow:
            self._check_holder(uow, checked)
            cert_id = uow.curation.add_certificate(checked)
            record(
                uow.audit, self.clock, actor, "certificate.add", self._key(checked),
                after=_cert_snapshot(checked),
            )  # fmt: skip
            stored = uow.curation.certificate(cert_id)
            uow.commit()
        assert stored is not None
        return stored

    def edit_certificate(self, actor: Actor, cert: Certificate) -> Certificate:
        """A changed certificate (a renewal: its new number, dates or scan) by its id."""
        self._may_change(actor)
        checked = check_certificate(cert)
        with self.uow(write=True) as uow:
            old = uow.curation.certificate(cert.cert_id) if cert.cert_id else None
            if old is None:
                raise CurationError("No such certificate", "ไม่พบใบรับรอง")
            self._check_holder(uow, checked)
            uow.curation.update_certificate(checked)
            record(
                uow.audit, self.clock, actor, "certificate.edit", self._key(checked),
                before=_cert_snapshot(old), after=_cert_snapshot(checked),
            )  # fmt: skip
            stored = uow.curation.certificate(cert.cert_id)
            uow.commit()
        assert stored is not None
        return stored
