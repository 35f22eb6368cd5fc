"""The audit log: a change and its row commit together, only changed fields are kept, roles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine

from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import PERMISSIONS, Action, Actor, PermissionDenied, Role
from pos.services.audit import record, require

WHEN = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


class _Clock:
    def now(self) -> datetime:
        return WHEN


MANAGER = Actor("u-m", "manager", "Manager", Role.MANAGER)


def test_an_edit_keeps_only_what_changed_and_rolls_back_with_its_change(
    migrated_db_url: str,
) -> None:
    uow = SqlUnitOfWorkFactory(create_engine(migrated_db_url))
    with uow(write=True) as w:
        record(w.audit, _Clock(), MANAGER, "product.add", "SKU-1", after={"price": "95.00"})
        same = record(
            w.audit, _Clock(), MANAGER, "product.edit", "SKU-1",
            before={"price": "95.00", "name_th": "ผ้าไหม"},
            after={"price": "95.00", "name_th": "ผ้าไหม"},
        )  # fmt: skip
        assert same is None  # nothing changed: nothing written
        record(
            w.audit, _Clock(), MANAGER, "product.price", "SKU-1",
            before={"price": "95.00", "name_th": "ผ้าไหม"},
            after={"price": "120.00", "name_th": "ผ้าไหม"},
        )  # fmt: skip
        w.commit()
    with uow(write=True) as w:
        record(w.audit, _Clock(), MANAGER, "product.deactivate", "SKU-1", before={"active": True})
        # not committed: the audit row goes with the change it describes
    with uow() as r:
        rows = r.audit.entries(key="SKU-1")
    assert sorted((e.action, e.before, e.after) for e in rows) == [
        ("product.add", {}, {"price": "95.00"}),
        ("product.price", {"price": "95.00"}, {"price": "120.00"}),
    ]
    assert {e.entity for e in rows} == {"product"}
    assert {(e.actor_name, e.at) for e in rows} == {("manager", WHEN)}
    assert r.audit.entries(entity="user") == []


@pytest.mark.parametrize("role", list(Role))
def test_only_an_admin_manages_users_and_settings(role: Role) -> None:
    actor = Actor("u", "someone", "Someone", role)
    for action in (Action.MANAGE_USERS, Action.MANAGE_SETTINGS):
        if role is Role.ADMIN:
            require(actor, action)
        else:
            with pytest.raises(PermissionDenied):
                require(actor, action)
    for action in (Action.MANAGE_CATALOG, Action.CURATE):
        if role in (Role.MANAGER, Role.ADMIN):
            require(actor, action)
        else:
            with pytest.raises(PermissionDenied) as refused:
                require(actor, action)
            assert "may not" in str(refused.value)
    assert (Action.MANAGE_CATALOG in PERMISSIONS[role]) == (role in (Role.MANAGER, Role.ADMIN))
