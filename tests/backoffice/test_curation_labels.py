"""Shelf labels: a product whose certificate (its own or its producer's) has expired is flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos.app.bootstrap import open_store
from pos.domain.auth import Actor, Role
from pos.domain.curation import Certificate, CertKind
from pos.domain.labels import LabelQuery
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.clock import SystemClock
from pos.services.curation import Curation
from pos.services.demo import load_demo_store
from pos.services.labels import find_labels
from printing.label_layout import layout_label
from tests.ui.conftest import DATA

MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)


def test_a_label_is_flagged_while_a_certificate_of_its_product_or_producer_is_expired(
    migrated_sqlite_url: str,
) -> None:
    settings = Settings()
    store = open_store(migrated_sqlite_url, settings)
    try:
        load_demo_store(store.uow, settings, store.terminal.terminal_id, DATA)
        curation = Curation(store.uow, settings, SystemClock())
        today = shop_day(datetime.now(UTC))
        cert = curation.add_certificate(
            MANAGER,
            Certificate(CertKind.HALAL, "CICOT 5", expires=today + timedelta(days=10),
                        product_sku="KK-TEA-001"),
        )  # fmt: skip
        query = LabelQuery(skus=("KK-TEA-001", "KK-SILK-001"))

        def flags() -> dict[str, list[str]]:
            items = find_labels(store.uow, settings, query)
            return {i.product.sku: layout_label(i.label, 50, 30).text_of("flag") for i in items}

        assert flags() == {"KK-TEA-001": [], "KK-SILK-001": []}  # 10 days left: not yet
        curation.edit_certificate(
            MANAGER,
            Certificate(cert.kind, cert.number, expires=today, product_sku="KK-TEA-001",
                        cert_id=cert.cert_id),
        )  # fmt: skip
        flagged = flags()
        assert flagged["KK-TEA-001"] == ["ใบรับรองหมดอายุ · certificate expired"]
        assert flagged["KK-SILK-001"] == []
        items = find_labels(store.uow, settings, query)
        tea = next(i for i in items if i.product.sku == "KK-TEA-001")
        assert layout_label(tea.label, 50, 30).text_of("origin") == []  # the flag's place
    finally:
        store.close()
