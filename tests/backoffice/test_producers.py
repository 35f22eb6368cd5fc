"""Producers in the back office: add, edit, deactivate, audited; roles; every bad field refused."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, create_engine

from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import Actor, PermissionDenied, Role
from pos.domain.districts import KHON_KAEN_DISTRICTS, PROVINCES
from pos.domain.errors import ShopError
from pos.services.producers import FieldError, ProducerForm, Producers, check_producer
from resources import DEMO

WHEN = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


class _Clock:
    def now(self) -> datetime:
        return WHEN


def actor(role: Role) -> Actor:
    return Actor(f"u-{role.value}", role.value, role.value.title(), role)


MANAGER = actor(Role.MANAGER)
FORM = ProducerForm(
    code="p101",
    name_th="กลุ่มทอผ้าไหมบ้านโนนทัน",
    name_en="Ban Non Than Silk Weavers",
    kind="group",
    district="Chonnabot",
    contact="081-234-5678",
    tax_id="0-4055-54482-24-1",
    bank="KBANK",
    account="123-4-56789-0",
    account_name="กลุ่มทอผ้าไหมบ้านโนนทัน",
)


_ENGINES: list[Engine] = []


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    yield
    while _ENGINES:
        _ENGINES.pop().dispose()


def service(url: str, **kw: bool) -> Producers:
    _ENGINES.append(create_engine(url))
    return Producers(SqlUnitOfWorkFactory(_ENGINES[-1]), _Clock(), **kw)


def test_add_edit_deactivate_are_stored_and_audited(migrated_db_url: str) -> None:
    producers = service(migrated_db_url)
    added = producers.add(MANAGER, FORM)
    assert (added.code, added.district_th, added.district_en) == ("P101", "ชนบท", "Chonnabot")
    assert (added.province_th, added.tax_id) == ("ขอนแก่น", "0405554482241")
    assert (added.bank_code, added.bank_account) == ("004", "1234567890")
    edited = producers.edit(
        MANAGER, "P101",
        dataclasses.replace(FORM, province="Chiang Mai", district="แม่แตง", district_en="Mae Taeng",
                            kind="sme"),
    )  # fmt: skip
    assert (edited.province_en, edited.district_th, edited.kind) == ("Chiang Mai", "แม่แตง", "sme")
    producers.set_active(MANAGER, "p101", False)
    stored = producers.get("P101")
    assert stored == dataclasses.replace(edited, active=False)
    with producers.uow() as read:
        log = sorted(read.audit.entries(entity="producer"), key=lambda e: e.action)
    assert [e.action for e in log] == ["producer.add", "producer.deactivate", "producer.edit"]
    assert log[0].after["bank_account"] == "1234567890"
    assert log[0].before == {}
    assert log[1].before == {"active": True}
    assert log[1].after == {"active": False}
    # an edit keeps only what changed
    assert set(log[2].after) == {"kind", "province_th", "province_en", "district_th",
                                 "district_en"}  # fmt: skip
    assert {e.actor_name for e in log} == {"manager"}


@pytest.mark.parametrize("role", [Role.CASHIER, Role.LABELS])
def test_cashiers_and_label_staff_may_not_change_producers(
    migrated_sqlite_url: str, role: Role
) -> None:
    producers = service(migrated_sqlite_url)
    producers.add(MANAGER, FORM)
    who = actor(role)
    calls = (
        lambda: producers.add(who, dataclasses.replace(FORM, code="P102")),
        lambda: producers.edit(who, "P101", dataclasses.replace(FORM, name_en="Changed")),
        lambda: producers.set_active(who, "P101", False),
    )
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert [p.code for p in producers.all()] == ["P101"]
    assert producers.get("P101").name_en == FORM.name_en
    assert producers.get("P101").active
    with producers.uow() as read:
        assert [e.action for e in read.audit.entries()] == ["producer.add"]
    admin = actor(Role.ADMIN)
    assert producers.set_active(admin, "P101", False).active is False


BAD = [
    ("code", {"code": ""}, "Producer code"),
    ("code", {"code": "P 1"}, "Producer code"),
    ("code", {"code": "ผผ01"}, "Producer code"),
    ("name_th", {"name_th": "  "}, "Thai name"),
    ("name_th", {"name_th": "ก" * 201}, "Thai name"),
    ("name_en", {"name_en": ""}, "English name"),
    ("kind", {"kind": "company"}, "Kind"),
    ("contact", {"contact": "0" * 201}, "Contact"),
    ("province", {"province": "Atlantis"}, "Province"),
    ("district", {"district": "Mae Taeng"}, "District"),  # not a Khon Kaen district
    ("district", {"district": "", "province": "Surin"}, "District"),
    ("tax_id", {"tax_id": "0405554482242"}, "Tax ID"),  # check digit
    ("tax_id", {"tax_id": "040555448224"}, "Tax ID"),  # 12 digits
    ("bank", {"bank": "Bank of Nowhere"}, "Bank"),
    ("bank", {"bank": ""}, "Bank"),  # an account without its bank
    ("account", {"account": "12345"}, "Account number"),
    ("account", {"account": "12345678901234"}, "Account number"),
    ("account", {"account": "12345x7890"}, "Account number"),
    ("account_name", {"account_name": ""}, "Account name"),
]


@pytest.mark.parametrize(("field", "change", "named"), BAD)
def test_a_bad_field_is_refused_by_name_and_nothing_is_written(
    migrated_db_url: str, field: str, change: dict[str, str], named: str
) -> None:
    producers = service(migrated_db_url)
    with pytest.raises(FieldError) as refused:
        producers.add(MANAGER, dataclasses.replace(FORM, **change))
    assert refused.value.field == field
    assert refused.value.message_en.startswith(named)
    assert refused.value.message_th
    assert refused.value.message_th != refused.value.message_en
    producers.add(MANAGER, dataclasses.replace(FORM, code="P200"))
    if field != "code":  # an edit keeps the producer's code whatever the form says
        with pytest.raises(FieldError) as edit_refused:
            producers.edit(MANAGER, "P200", dataclasses.replace(FORM, **change))
        assert edit_refused.value.field == field
    assert producers.get("P200") == check_producer(dataclasses.replace(FORM, code="P200"))
    with producers.uow() as read:
        assert [p.code for p in read.producers.all()] == ["P200"]
        assert [e.action for e in read.audit.entries()] == ["producer.add"]


def test_a_code_taken_and_an_unknown_code_are_refused(migrated_sqlite_url: str) -> None:
    producers = service(migrated_sqlite_url)
    producers.add(MANAGER, FORM)
    with pytest.raises(FieldError, match="taken"):
        producers.add(MANAGER, dataclasses.replace(FORM, name_en="Another"))
    with pytest.raises(FieldError, match="No producer"):
        producers.edit(MANAGER, "P999", FORM)
    assert producers.get("P101").name_en == FORM.name_en


def test_a_counter_of_a_central_database_refuses_to_change_its_copy(
    migrated_sqlite_url: str,
) -> None:
    producers = service(migrated_sqlite_url, central_copy=True)
    with pytest.raises(ShopError, match="otop-pos backoffice --db postgresql://") as refused:
        producers.add(MANAGER, FORM)
    assert "ฐานข้อมูลกลาง" in refused.value.message_th
    assert producers.all() == []


def test_the_lists_and_the_demo_producers_agree() -> None:
    assert len(KHON_KAEN_DISTRICTS) == 26
    assert len(PROVINCES) == 77
    assert len({p.th for p in PROVINCES}) == 77
    assert len({p.en for p in PROVINCES}) == 77
    for p in json.loads((DEMO / "producers.json").read_text("utf-8")):
        form = ProducerForm(
            p["code"], p["name_th"], p["name_en"], p["kind"], p["district_th"],
            p["province_th"], p["district_en"], tax_id=p.get("tax_id") or "",
        )  # fmt: skip
        stored = check_producer(form)
        assert (stored.district_th, stored.district_en) == (p["district_th"], p["district_en"])
        assert (stored.province_th, stored.province_en) == (p["province_th"], p["province_en"])
