"""Logins, PIN lockout, roles at the service layer and audited manager approvals (real DBs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from pos.app.bootstrap import Store
from pos.domain.auth import Action, Actor, LoginFailed, PermissionDenied, Role
from pos.services.auth import Argon2PinHasher, Auth
from tests.integration.conftest import FixedClock


class PlainTestHasher:
    """Fast stand-in for argon2 in tests that are about counting, not hashing."""

    def hash(self, pin: str) -> str:
        return f"test${pin[::-1]}"

    def verify(self, pin_hash: str, pin: str) -> bool:
        return pin_hash == self.hash(pin)

    def needs_rehash(self, pin_hash: str) -> bool:
        return False


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def auth(store: Store, clock: FixedClock) -> Auth:
    a = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    a.ensure_demo_users()
    return a


def test_pins_are_stored_as_argon2_hashes_never_plain(store: Store, clock: FixedClock) -> None:
    auth = Auth(store.uow, store.settings, clock, Argon2PinHasher())
    assert auth.ensure_demo_users() == 4
    with store.engine.connect() as conn:
        hashes = dict(conn.execute(text("SELECT username, pin_hash FROM users")).all())
    assert all(h.startswith("$argon2id$") for h in hashes.values())
    assert not any(pin in h for h, pin in zip(hashes.values(), ("1111", "9999"), strict=False))
    assert auth.login("manager", "9999").role is Role.MANAGER
    with pytest.raises(LoginFailed):
        auth.login("manager", "1111")


def test_a_user_is_locked_after_n_wrong_pins_for_m_minutes(
    auth: Auth, clock: FixedClock, store: Store
) -> None:
    n, minutes = store.settings.pin_max_attempts, store.settings.pin_lock_minutes
    for _ in range(n - 1):
        with pytest.raises(LoginFailed, match="Wrong user or PIN"):
            auth.login("cashier", "0001")
    assert auth.login("cashier", "1111").username == "cashier"  # a good PIN resets the count
    for _ in range(n):
        with pytest.raises(LoginFailed, match="Wrong user or PIN"):
            auth.login("cashier", "0001")
    with pytest.raises(LoginFailed, match=f"locked.*{minutes} min") as locked:
        auth.login("cashier", "1111")  # even the right PIN, while locked
    assert "ถูกล็อก" in locked.value.message_th
    clock.current += timedelta(minutes=minutes) - timedelta(seconds=1)
    with pytest.raises(LoginFailed, match="locked"):
        auth.login("cashier", "1111")
    clock.current += timedelta(seconds=1)
    assert auth.login("cashier", "1111").role is Role.CASHIER


def test_unknown_users_and_bad_pins_give_one_message(auth: Auth) -> None:
    with pytest.raises(LoginFailed, match="Wrong user or PIN"):
        auth.login("nobody", "1111")


def test_a_cashier_cannot_refund_even_calling_the_service_directly(auth: Auth) -> None:
    cashier = auth.login("cashier", "1111")
    auth.authorize(cashier, Action.SELL)
    for action in (Action.REFUND, Action.CANCEL_SALE, Action.APPROVE, Action.REPORTS):
        with pytest.raises(PermissionDenied, match="may not"):
            auth.authorize(cashier, action)
    manager = auth.login("manager", "9999")
    auth.authorize(manager, Action.REFUND)
    with pytest.raises(PermissionDenied):
        auth.authorize(manager, Action.MANAGE_USERS)
    labels = auth.login("labels", "2222")
    auth.authorize(labels, Action.PRINT_LABELS)
    with pytest.raises(PermissionDenied):
        auth.authorize(labels, Action.SELL)


def test_a_cashier_cannot_approve_for_another_cashier(auth: Auth) -> None:
    admin = auth.login("admin", "0000")
    auth.add_user(admin, "cashier2", "มาลี", Role.CASHIER, "3333")
    cashier = auth.login("cashier", "1111")
    with pytest.raises(PermissionDenied, match="may not approve"):
        auth.approve(cashier, Action.REFUND, "damaged", "cashier2", "3333")


def test_a_manager_approves_one_action_once_and_the_audit_log_has_it(
    auth: Auth, store: Store, clock: FixedClock
) -> None:
    cashier = auth.login("cashier", "1111")
    ok = auth.approve(cashier, Action.REFUND, "ผ้าไหมมีตำหนิ / flawed silk", "manager", "9999",
                      ref="KK01-00000007")  # fmt: skip
    with pytest.raises(PermissionDenied):
        auth.authorize(cashier, Action.CANCEL_SALE, ok)  # approved for a refund, not this
    auth.authorize(cashier, Action.REFUND, ok)
    with pytest.raises(PermissionDenied):
        auth.authorize(cashier, Action.REFUND, ok)  # spent
    clock.current += timedelta(minutes=2)
    auth.authorize(
        cashier,
        Action.OPEN_DRAWER,
        auth.approve(cashier, Action.OPEN_DRAWER, "change for the tea corner", "manager", "9999"),
    )
    manager = auth.login("manager", "9999")
    rows = auth.approvals(manager)
    assert [(r.action, r.requested_name, r.approved_name, r.ref) for r in rows] == [
        ("refund", "สมใจ (แคชเชียร์)", "วิชัย (ผู้จัดการ)", "KK01-00000007"),
        ("open_drawer", "สมใจ (แคชเชียร์)", "วิชัย (ผู้จัดการ)", ""),
    ]
    assert rows[0].reason == "ผ้าไหมมีตำหนิ / flawed silk"
    assert rows[1].approved_at - rows[0].approved_at == timedelta(minutes=2)
    assert rows[0].terminal_id == store.terminal.terminal_id
    with pytest.raises(PermissionDenied):
        auth.approvals(cashier)


def test_a_wrong_manager_pin_approves_nothing_and_counts_toward_lockout(
    auth: Auth, store: Store
) -> None:
    cashier = auth.login("cashier", "1111")
    for _ in range(store.settings.pin_max_attempts):
        with pytest.raises(LoginFailed):
            auth.approve(cashier, Action.REFUND, "x", "manager", "1234")
    with pytest.raises(LoginFailed, match="locked"):
        auth.approve(cashier, Action.REFUND, "x", "manager", "9999")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM approvals")).scalar() == 0


def test_an_approval_needs_a_reason_and_an_approvable_action(auth: Auth) -> None:
    cashier = auth.login("cashier", "1111")
    with pytest.raises(PermissionDenied, match="reason"):
        auth.approve(cashier, Action.REFUND, "  ", "manager", "9999")
    with pytest.raises(PermissionDenied, match="cannot be approved"):
        auth.approve(cashier, Action.MANAGE_USERS, "please", "manager", "9999")


def test_only_an_admin_adds_users(auth: Auth) -> None:
    manager: Actor = auth.login("manager", "9999")
    with pytest.raises(PermissionDenied):
        auth.add_user(manager, "x", "x", Role.CASHIER, "4444")
    with pytest.raises(PermissionDenied):
        auth.add_user(None, "x", "x", Role.ADMIN, "4444")  # the store has users already
    with pytest.raises(LoginFailed, match="4 to 8 digits"):
        auth.add_user(auth.login("admin", "0000"), "x", "x", Role.CASHIER, "12a4")
