"""Curation in SQL: applications with their pending products, reviews and scores, certificates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from pos.domain.catalog import CATEGORY_NAMES, OtopCategory
from pos.domain.curation import (
    PENDING,
    ApplicationDetails,
    Certificate,
    CertKind,
    Criterion,
    Decision,
    Review,
    Status,
)
from pos.ports.curation import ApplicationRecord, CertificateRecord, ReviewRecord


def _record(a: m.CurationApplication, producer: m.Producer) -> ApplicationRecord:
    return ApplicationRecord(
        app_id=a.id,
        details=ApplicationDetails(
            sku=a.sku,
            producer_code=producer.code,
            name_th=a.name_th,
            name_en=a.name_en,
            category=OtopCategory(a.category_code),
            price=a.price,
            story_th=a.story_th,
            story_en=a.story_en,
            photos=tuple(a.photos or ()),
        ),
        status=Status(a.status),
        producer_th=producer.name_th,
        producer_en=producer.name_en,
        submitted_at=a.submitted_at,
        updated_at=a.updated_at,
        reviews=tuple(
            ReviewRecord(
                Review(
                    r.held_on,
                    tuple(r.members),
                    {Criterion(s.criterion): s.score for s in r.scores},
                    Decision(r.decision),
                    r.remarks,
                ),
                r.pass_mark,
                r.recorded_by,
                r.recorded_at,
            )
            for r in a.reviews
        ),
    )


class SqlCurationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _producer_id(self, code: str) -> str | None:
        return self.session.scalar(select(m.Producer.id).where(m.Producer.code == code))

    def _product_id(self, sku: str) -> str | None:
        return self.session.scalar(select(m.Product.id).where(m.Product.sku == sku))

    def producer_exists(self, code: str) -> bool:
        return self._producer_id(code) is not None

    def producer_active(self, code: str) -> bool | None:
        return self.session.scalar(select(m.Producer.active).where(m.Producer.code == code))

    def product_exists(self, sku: str) -> bool:
        return self._product_id(sku) is not None

    def sku_taken(self, sku: str) -> bool:
        app = select(m.CurationApplication.id).where(m.CurationApplication.sku == sku)
        return self.product_exists(sku) or self.session.scalar(app) is not None

    def _ensure_category(self, category: OtopCategory) -> None:
        if self.session.get(m.Category, category.value) is None:
            th, en = CATEGORY_NAMES[category]
            order = list(CATEGORY_NAMES).index(category)
            self.session.add(
                m.Category(code=category.value, name_th=th, name_en=en, sort_order=order)
            )

    def add_application(self, details: ApplicationDetails, status: Status, now: datetime) -> str:
        producer_id = self._producer_id(details.producer_code)
        assert producer_id is not None, details.producer_code
        self._ensure_category(details.category)
        product = m.Product(
            sku=details.sku,
            producer_id=producer_id,
            curation=PENDING,
            created_at=now,
            updated_at=now,
        )
        self._apply(product, details)
        self.session.add(product)
        self.session.flush()
        app = m.CurationApplication(
            product_id=product.id,
            producer_id=producer_id,
            sku=details.sku,
            status=status.value,
            submitted_at=now,
            updated_at=now,
        )
        self._apply(app, details)
        self.session.add(app)
        self.session.flush()
        return app.id

    @staticmethod
    def _apply(row: m.Product | m.CurationApplication, d: ApplicationDetails) -> None:
        row.name_th, row.name_en = d.name_th, d.name_en
        row.category_code = d.category.value
        row.story_th, row.story_en = d.story_th, d.story_en
        if isinstance(row, m.Product):
            row.unit_price = d.price
            if d.photos:
                row.image = d.photos[0]
        else:
            row.price = d.price
            row.photos = list(d.photos)

    def _load(self, query: Select[m.CurationApplication]) -> list[ApplicationRecord]:
        producers = {p.id: p for p in self.session.scalars(select(m.Producer))}
        return [_record(a, producers[a.producer_id]) for a in self.session.scalars(query)]

    @staticmethod
    def _query() -> Select[m.CurationApplication]:
        return select(m.CurationApplication).options(
            selectinload(m.CurationApplication.reviews).selectinload(m.CurationReview.scores)
        )

    def application(self, app_id: str) -> ApplicationRecord | None:
        found = self._load(self._query().where(m.CurationApplication.id == app_id))
        return found[0] if found else None

    def applications(self, status: Status | None = None) -> list[ApplicationRecord]:
        query = self._query().order_by(m.CurationApplication.submitted_at.desc())
        if status is not None:
            query = query.where(m.CurationApplication.status == status.value)
        return self._load(query)

    def update_application(
        self, app_id: str, details: ApplicationDetails, status: Status, curation: str,
        now: datetime,
    ) -> None:  # fmt: skip
        app = self.session.get(m.CurationApplication, app_id)
        assert app is not None, app_id
        product = self.session.get(m.Product, app.product_id)
        assert product is not None
        self._apply(app, details)
        app.status, app.updated_at = status.value, now
        self._apply(product, details)
        product.curation, product.updated_at = curation, now
        if curation == "approved":
            product.active = True
        self.session.flush()

    def add_review(
        self, app_id: str, review: Review, pass_mark: int, recorded_by: str, now: datetime
    ) -> None:
        self.session.add(
            m.CurationReview(
                application_id=app_id,
                held_on=review.held_on,
                members=list(review.members),
                decision=review.decision.value,
                total=review.total,
                pass_mark=pass_mark,
                remarks=review.remarks,
                recorded_by=recorded_by,
                recorded_at=now,
                scores=[
                    m.CurationScore(criterion=c.value, score=s) for c, s in review.scores.items()
                ],
            )
        )
        self.session.flush()

    # --- certificates --------------------------------------------------------------------
    def certificates(
        self, *, product_sku: str | None = None, producer_code: str | None = None
    ) -> list[CertificateRecord]:
        query = (
            select(m.Certification, m.Product, m.Producer)
            .outerjoin(m.Product, m.Product.id == m.Certification.product_id)
            .outerjoin(m.Producer, m.Producer.id == m.Certification.producer_id)
            .order_by(
                m.Certification.expires.is_(None), m.Certification.expires, m.Certification.id
            )
        )
        if product_sku is not None:
            query = query.where(m.Product.sku == product_sku)
        if producer_code is not None:
            query = query.where(m.Producer.code == producer_code)
        out = []
        for c, product, producer in self.session.execute(query):
            holder = product or producer
            assert holder is not None
            out.append(
                CertificateRecord(
                    self._certificate(c, product, producer), holder.name_th, holder.name_en
                )
            )
        return out

    @staticmethod
    def _certificate(
        c: m.Certification, product: m.Product | None, producer: m.Producer | None
    ) -> Certificate:
        try:
            kind = CertKind(c.kind)
        except ValueError:  # a kind written by an older import
            kind = CertKind.OTHER
        return Certificate(
            kind=kind,
            number=c.number,
            issued=c.issued,
            expires=c.expires,
            file=c.file,
            product_sku=product.sku if product is not None else None,
            producer_code=producer.code if producer is not None else None,
            cert_id=c.id,
        )

    def certificate(self, cert_id: str) -> Certificate | None:
        c = self.session.get(m.Certification, cert_id)
        if c is None:
            return None
        product = self.session.get(m.Product, c.product_id) if c.product_id else None
        producer = self.session.get(m.Producer, c.producer_id) if c.producer_id else None
        return self._certificate(c, product, producer)

    def _holder(self, cert: Certificate) -> tuple[str | None, str | None]:
        product = self._product_id(cert.product_sku) if cert.product_sku else None
        producer = self._producer_id(cert.producer_code) if cert.producer_code else None
        return product, producer

    def add_certificate(self, cert: Certificate) -> str:
        product_id, producer_id = self._holder(cert)
        row = m.Certification(
            product_id=product_id,
            producer_id=producer_id,
            kind=cert.kind.value,
            number=cert.number,
            issued=cert.issued,
            expires=cert.expires,
            file=cert.file,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def update_certificate(self, cert: Certificate) -> None:
        row = self.session.get(m.Certification, cert.cert_id)
        assert row is not None, cert.cert_id
        row.product_id, row.producer_id = self._holder(cert)
        row.kind, row.number = cert.kind.value, cert.number
        row.issued, row.expires, row.file = cert.issued, cert.expires, cert.file
        self.session.flush()

    def earliest_expiry(self, sku: str) -> date | None:
        product = self.session.execute(
            select(m.Product.id, m.Product.producer_id).where(m.Product.sku == sku)
        ).first()
        if product is None:
            return None
        return self.session.scalar(
            select(func.min(m.Certification.expires)).where(
                or_(
                    m.Certification.product_id == product.id,
                    m.Certification.producer_id == product.producer_id,
                )
            )
        )
