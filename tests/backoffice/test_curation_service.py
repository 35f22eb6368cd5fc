"""The curation service on both backends: an application approved is sold, one not approved is
refused at the scan and at the payment, certificates expire (warn or block), roles, bad input."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.app import main
from pos.app.bootstrap import Store, open_store
from pos.domain.auth import Actor, PermissionDenied, Role
from pos.domain.catalog import ProducerEntry
from pos.domain.curation import (
    Certificate,
    CertKind,
    Criterion,
    CurationError,
    Decision,
    Expiry,
    NotForSale,
    Review,
    Status,
)
from pos.domain.payment import Tender, TenderKind
from pos.domain.settings import Settings
from pos.domain.shop_time import shop_day
from pos.ports.clock import SystemClock
from pos.services.checkout import Checkout
from pos.services.curation import Curation
from tests.helpers.selling import seller

MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)
TODAY = shop_day(datetime.now(UTC))
SKU = "KK-MAT-001"
FORM = {
    "sku": SKU, "producer": "P-MAT", "name_th": "เสื่อกกทอมือ", "name_en": "Hand-woven reed mat",
    "category": "household", "price": "450", "story_th": "ทอจากกกบ้านไผ่",
    "story_en": "Woven from Ban Phai reeds",
}  # fmt: skip
MAT = ProducerEntry(
    "P-MAT", "กลุ่มทอเสื่อบ้านไผ่", "Ban Phai reed weavers", "group", "บ้านไผ่", "Ban Phai",
    "ขอนแก่น", "Khon Kaen",
)  # fmt: skip


@pytest.fixture
def shop(migrated_db_url: str) -> Iterator[Store]:
    store = open_store(migrated_db_url, Settings())
    with store.uow(write=True) as w:
        w.catalog.ensure_categories()
        w.catalog.upsert_producers([MAT])
        w.commit()
    try:
        yield store
    finally:
        store.close()


def curation(store: Store, **settings: object) -> Curation:
    return Curation(store.uow, Settings().with_changes(**settings), SystemClock())


def review(decision: Decision, score: int = 8, members: int = 3) -> Review:
    names = ("นายสมชาย", "นางสมศรี", "น.ส.วิไล", "นายประเสริฐ")[:members]
    return Review(TODAY, names, {c: score for c in Criterion}, decision, "ทอแน่น สีธรรมชาติ")


def sell(checkout: Checkout, code: str) -> str:
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(code))
    due = cart.totals().total
    receipt = checkout.complete(
        cart, [Tender(TenderKind.PROMPTPAY, due, reference="PP1")], actor=seller(checkout)
    )
    return receipt.receipt_no


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def counts(store: Store) -> dict[str, int]:
    tables = (m.CurationApplication, m.CurationReview, m.Product, m.Certification, m.AuditEntry)
    with store.engine.connect() as conn:
        return {
            t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in tables
        }


def test_an_approved_application_is_sold_and_every_step_is_audited(shop: Store) -> None:
    service = curation(shop)
    checkout = shop.checkout()
    app = service.submit(MANAGER, FORM, photos=("mat.jpg",))
    assert app.status is Status.SUBMITTED
    with pytest.raises(NotForSale) as refused:  # the product exists, but is not approved
        checkout.lookup(SKU)
    assert "not approved by the selection committee" in refused.value.message_en
    assert "ยังไม่ผ่านการคัดสรร" in refused.value.message_th

    done = service.review(MANAGER, app.app_id, review(Decision.APPROVE))
    assert done.status is Status.APPROVED
    assert [r.review.total for r in done.reviews] == [40]
    assert done.reviews[0].review.members[0] == "นายสมชาย"
    assert sell(checkout, SKU)
    with shop.uow() as r:
        product = r.catalog.product_by_sku(SKU)
        entries = r.audit.entries(key=SKU)
    assert product is not None
    assert (product.curation, product.unit_price) == ("approved", Decimal("450.00"))
    assert sorted(e.action for e in entries) == [
        "application.approve", "application.review", "application.submit",
    ]  # fmt: skip
    decided = next(e for e in entries if e.action == "application.approve")
    assert (decided.before, decided.after) == ({"status": "submitted"}, {"status": "approved"})
    assert {e.actor_name for e in entries} == {"manager"}


def test_changes_asked_then_resubmitted_then_rejected_never_sells(shop: Store) -> None:
    service = curation(shop)
    app = service.submit(MANAGER, FORM)
    asked = service.review(MANAGER, app.app_id, review(Decision.REQUEST_CHANGES, score=5))
    assert asked.status is Status.CHANGES_REQUESTED
    again = service.resubmit(MANAGER, app.app_id, {**FORM, "price": "390"})
    assert (again.status, again.details.price) == (Status.RESUBMITTED, Decimal("390.00"))
    with pytest.raises(CurationError, match="Cannot resubmit"):
        service.resubmit(MANAGER, app.app_id, FORM)
    rejected = service.review(MANAGER, app.app_id, review(Decision.REJECT, score=4))
    assert rejected.status is Status.REJECTED
    with pytest.raises(CurationError, match="Cannot approve an application that is rejected"):
        service.review(MANAGER, app.app_id, review(Decision.APPROVE))
    with pytest.raises(NotForSale, match="rejected by the selection committee"):
        shop.checkout().lookup(SKU)
    assert [a.app_id for a in service.applications(MANAGER, Status.REJECTED)] == [app.app_id]
    assert service.applications(MANAGER, Status.SUBMITTED) == []
    with shop.uow() as r:
        actions = [e.action for e in r.audit.entries(key=SKU)]
        assert r.catalog.product_by_sku(SKU).unit_price == Decimal("390.00")  # type: ignore[union-attr]
    assert sorted(actions) == sorted(
        ["application.submit", "application.review", "application.request_changes",
         "application.submit", "application.review", "application.reject"]
    )  # fmt: skip


def test_the_payment_refuses_a_product_no_longer_approved_since_its_scan(shop: Store) -> None:
    service = curation(shop)
    app = service.submit(MANAGER, FORM)
    service.review(MANAGER, app.app_id, review(Decision.APPROVE))
    checkout = shop.checkout()
    actor = seller(checkout)
    cart = checkout.new_cart()
    checkout.add_to_cart(cart, checkout.lookup(SKU))
    with shop.uow(write=True) as w:  # e.g. the central database withdrew it meanwhile
        w.session.execute(m.Product.__table__.update().values(curation="pending"))
        w.commit()
    due = cart.totals().total
    with pytest.raises(NotForSale, match="not approved"):
        checkout.complete(cart, [Tender(TenderKind.PROMPTPAY, due, reference="P")], actor=actor)
    with shop.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Sale)).scalar_one() == 0


def test_an_expired_certificate_warns_at_the_till_or_blocks_the_sale(shop: Store) -> None:
    service = curation(shop)
    app = service.submit(MANAGER, FORM)
    service.review(MANAGER, app.app_id, review(Decision.APPROVE))
    fda = service.add_certificate(
        MANAGER,
        Certificate(CertKind.FDA, "4011234520001", issued=date(2024, 1, 5),
                    expires=TODAY + timedelta(days=200), product_sku=SKU),
    )  # fmt: skip
    assert fda.number == "40-1-12345-2-0001"
    warn = shop.checkout()
    block = Checkout(shop.uow, Settings(expired_certificate="block"), shop.terminal, SystemClock())
    assert warn.lookup(SKU).warning is None
    assert block.lookup(SKU).warning is None
    # a producer's certificate counts for each of its products
    halal = service.add_certificate(
        MANAGER,
        Certificate(CertKind.HALAL, "CICOT 123", expires=TODAY + timedelta(days=20),
                    producer_code="P-MAT"),
    )  # fmt: skip
    assert [a.state for a in service.alerts(MANAGER)] == [Expiry.EXPIRING_30]
    service.edit_certificate(
        MANAGER,
        Certificate(halal.kind, halal.number, expires=TODAY - timedelta(days=1),
                    producer_code="P-MAT", cert_id=halal.cert_id),
    )  # fmt: skip
    warned = warn.lookup(SKU).warning
    assert warned is not None
    assert "expired on" in warned.en
    assert sell(warn, SKU)  # warn: still sold
    cart = block.new_cart()
    with pytest.raises(NotForSale, match="cannot be sold until it is renewed"):
        block.lookup(SKU)
    cart.add(warn.lookup(SKU).product, Decimal(1))  # scanned while warn was the rule
    with pytest.raises(NotForSale, match="renewed"):
        block.complete(
            cart, [Tender(TenderKind.PROMPTPAY, cart.totals().total, reference="P")],
            actor=seller(block),
        )  # fmt: skip
    with shop.uow() as r:
        edits = r.audit.entries(entity="certificate")
    assert sorted(e.action for e in edits) == ["certificate.add", "certificate.add",
                                               "certificate.edit"]  # fmt: skip
    edit = next(e for e in edits if e.action == "certificate.edit")
    assert list(edit.after) == ["expires"]  # only what changed


def test_alerts_at_90_30_and_0_days(shop: Store) -> None:
    service = curation(shop)
    for days, number in ((120, "A"), (60, "B"), (10, "C"), (0, "D"), (-30, "E")):
        service.add_certificate(
            MANAGER,
            Certificate(CertKind.ORGANIC, number, expires=TODAY + timedelta(days=days),
                        producer_code="P-MAT"),
        )  # fmt: skip
    alerts = service.alerts(MANAGER)
    assert [(a.record.certificate.number, a.state, a.days_left) for a in alerts] == [
        ("E", Expiry.EXPIRED, -30),
        ("D", Expiry.EXPIRED, 0),
        ("C", Expiry.EXPIRING_30, 10),
        ("B", Expiry.EXPIRING_90, 60),
    ]
    assert alerts[0].record.holder_en == "Ban Phai reed weavers"


@pytest.mark.parametrize("role", [Role.CASHIER, Role.LABELS])
def test_only_managers_and_admins_curate_in_the_service(shop: Store, role: Role) -> None:
    service = curation(shop)
    app = service.submit(MANAGER, FORM)
    cert = service.add_certificate(
        MANAGER, Certificate(CertKind.GI, "GI 49100011", producer_code="P-MAT")
    )
    before = counts(shop)
    who = Actor("u-x", "someone", "Someone", role)
    calls = [
        lambda: service.submit(who, {**FORM, "sku": "KK-OTHER"}),
        lambda: service.resubmit(who, app.app_id, FORM),
        lambda: service.review(who, app.app_id, review(Decision.APPROVE)),
        lambda: service.add_certificate(who, Certificate(CertKind.GI, "X", producer_code="P-MAT")),
        lambda: service.edit_certificate(who, cert),
        lambda: service.applications(who),
        lambda: service.certificates(who),
        lambda: service.alerts(who),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="may not record a curation review"):
            call()
    assert counts(shop) == before
    for boss in (Role.MANAGER, Role.ADMIN):
        assert service.applications(Actor("u-b", "boss", "Boss", boss))


def test_bad_input_is_refused_by_field_and_nothing_is_written(shop: Store) -> None:
    service = curation(shop)
    app = service.submit(MANAGER, FORM)
    before = counts(shop)
    for field, bad, named in (
        ("sku", "", "SKU"),
        ("sku", SKU, "SKU"),  # already an application
        ("producer", "P-NONE", "Producer"),
        ("name_th", "", "Thai name"),
        ("name_en", "\x07bell", "English name"),
        ("category", "toys", "Category"),
        ("price", "-5", "Proposed price"),
        ("price", "1.005", "Proposed price"),
    ):
        with pytest.raises(CurationError) as refused:
            service.submit(MANAGER, {**FORM, field: bad})
        assert named in refused.value.message_en, (field, bad)
        assert refused.value.message_th != refused.value.message_en
    for bad_review, named in (
        (review(Decision.APPROVE, members=2), "Members present"),
        (review(Decision.APPROVE, score=5), "Decision"),
        (review(Decision.REJECT, score=12), "Score for Quality"),
    ):
        with pytest.raises(CurationError, match=named):
            service.review(MANAGER, app.app_id, bad_review)
    for cert, named in (
        (Certificate(CertKind.FDA, "40-1-1234", product_sku=SKU), "FDA"),
        (Certificate(CertKind.HALAL, "H1", product_sku="NO-SUCH"), "Holder"),
        (Certificate(CertKind.HALAL, "H1", producer_code="NO-SUCH"), "Holder"),
        (Certificate(CertKind.OTOP_STARS, "7", issued=TODAY, product_sku=SKU), "Stars"),
        (Certificate(CertKind.GI, "G", issued=TODAY, expires=TODAY, product_sku=SKU), "Expires"),
    ):
        with pytest.raises(CurationError, match=named):
            service.add_certificate(MANAGER, cert)
    with shop.uow(write=True) as w:  # a producer no longer active proposes nothing
        w.session.execute(m.Producer.__table__.update().values(active=False))
        w.commit()
    with pytest.raises(CurationError, match="Producer: P-MAT is no longer active"):
        service.submit(MANAGER, {**FORM, "sku": "KK-MAT-002"})
    assert counts(shop) == before
    assert service.application(MANAGER, app.app_id).status is Status.SUBMITTED


def test_a_counter_of_a_central_database_refuses_to_change_its_copy(shop: Store) -> None:
    service = Curation(shop.uow, Settings(), SystemClock(), central_owned_elsewhere=True)
    with pytest.raises(CurationError, match="otop-pos backoffice --db postgresql://"):
        service.submit(MANAGER, FORM)
    with pytest.raises(CurationError, match="central database"):
        service.add_certificate(MANAGER, Certificate(CertKind.GI, "G", producer_code="P-MAT"))
    assert counts(shop)["curation_applications"] == 0


def test_certificates_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    db = str(tmp_path / "demo.db")
    assert cli("demo", "--db", db)[0] == 0
    manager = ("--user", "manager", "--pin", "9999")
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    code, out, err = cli(
        "certificate", "add", "--db", db, "--kind", "fda", "--number", "4011234520001",
        "--sku", "KK-FD-0001", "--expires", yesterday, "--file", "scans/fd1.pdf", *manager,
    )  # fmt: skip
    assert (code, out) == (0, "fda 40-1-12345-2-0001: KK-FD-0001\n"), err
    code, out, err = cli(
        "certificate", "add", "--db", db, "--kind", "fda", "--number", "40-1-1234",
        "--producer", "P001", *manager,
    )  # fmt: skip
    assert code == 2
    assert "XX-X-XXXXX-X-XXXX" in err
    assert "เลข อย." in err
    code, _, err = cli(
        "certificate", "add", "--db", db, "--kind", "gi", "--number", "G1", "--producer",
        "P001", "--user", "cashier", "--pin", "1111",
    )  # fmt: skip
    assert code == 2
    assert "may not record a curation review" in err
    code, out, err = cli("certificate", "alerts", "--db", db, *manager)
    assert code == 0, err
    assert f"{yesterday}  EXPIRED" in out
    assert "Thai FDA 40-1-12345-2-0001  KK-FD-0001" in out
    assert "P001" not in out  # the two refused were not written


def test_a_story_page_is_published_only_once_the_committee_approved(shop: Store) -> None:
    from pos.services.labels import story_pages

    service = curation(shop)
    app = service.submit(MANAGER, FORM)
    assert [p.sku for p in story_pages(shop.uow, Settings())] == []
    service.review(MANAGER, app.app_id, review(Decision.APPROVE))
    pages = story_pages(shop.uow, Settings())
    assert [(p.sku, p.story_en) for p in pages] == [(SKU, "Woven from Ban Phai reeds")]


def test_the_back_office_of_a_counter_with_a_central_database_refuses(
    migrated_sqlite_url: str,
) -> None:
    from pos.app.bootstrap import Services

    counter = open_store(migrated_sqlite_url, Settings(central_url="postgresql://central/pos"))
    try:
        with pytest.raises(CurationError, match="open the back office on the central database"):
            Services(counter).curation.submit(MANAGER, FORM)
    finally:
        counter.close()
    standalone = open_store(migrated_sqlite_url, Settings())
    try:
        with pytest.raises(CurationError, match="Producer: no producer"):  # it goes on to check
            Services(standalone).curation.submit(MANAGER, FORM)
    finally:
        standalone.close()
