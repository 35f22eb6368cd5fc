"""Curation on the central database reaches a counter in one sync round: the approval that makes
a product sellable, and a producer's certificate (its new columns) that expires."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import Actor, Role
from pos.domain.curation import Certificate, CertKind, Criterion, Decision, NotForSale, Review
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.clock import SystemClock
from pos.services.curation import Curation
from tests.sync.conftest import Central, central, make_counter  # noqa: F401 (fixtures)

pytestmark = pytest.mark.pg

MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)


def test_an_approval_and_an_expired_certificate_made_centrally_reach_a_counter(
    central: Central, make_counter  # noqa: F811 (the fixtures imported above)
) -> None:
    counter = make_counter("Counter 2")
    service = Curation(SqlUnitOfWorkFactory(central.admin), Settings(), SystemClock())
    with central.admin.connect() as conn:
        producer = conn.execute(text("SELECT code FROM producers ORDER BY code LIMIT 1")).scalar()
    app = service.submit(
        MANAGER,
        {"sku": "KK-NEW-777", "producer": str(producer), "name_th": "ผ้าขาวม้า",
         "name_en": "Pha khao ma cloth", "category": "textile", "price": "199"},
    )  # fmt: skip
    counter.service.sync_once()
    checkout = counter.store.checkout()
    with pytest.raises(NotForSale, match="not approved"):
        checkout.lookup("KK-NEW-777")

    today = shop_day(datetime.now(UTC))
    service.review(
        MANAGER, app.app_id,
        Review(today, ("ก", "ข", "ค"), {c: 9 for c in Criterion}, Decision.APPROVE),
    )  # fmt: skip
    service.add_certificate(
        MANAGER,
        Certificate(CertKind.HALAL, "CICOT 9", issued=today - timedelta(days=400),
                    expires=today - timedelta(days=1), file="scans/halal.pdf",
                    producer_code=str(producer)),
    )  # fmt: skip
    assert counter.service.sync_once().pulled >= 2
    scan = checkout.lookup("KK-NEW-777")
    assert scan.product.curation == "approved"
    assert scan.warning is not None
    assert "expired on" in scan.warning.en
    with counter.store.uow() as read:
        certs = read.curation.certificates(producer_code=str(producer))
    assert [(c.certificate.number, c.certificate.file) for c in certs] == [
        ("CICOT 9", "scans/halal.pdf")
    ]
