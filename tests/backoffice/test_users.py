"""Users in the back office: admin only, audited without PINs, the last admin kept, PIN resets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, create_engine

from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import Actor, LoginFailed, PermissionDenied, Role
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.services.auth import Auth, PinChangeRequired
from pos.services.producers import FieldError
from pos.services.users import Users
from tests.helpers.selling import FastArgon2


class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


class _CountingHasher(FastArgon2):
    def __init__(self) -> None:
        super().__init__()
        self.verified = 0

    def verify(self, pin_hash: str, pin: str) -> bool:
        self.verified += 1
        return super().verify(pin_hash, pin)


_ENGINES: list[Engine] = []


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    yield
    while _ENGINES:
        _ENGINES.pop().dispose()


class Shop:
    """A store with the demo users, its log-in service and its user administration."""

    def __init__(self, url: str, *, central_copy: bool = False) -> None:
        _ENGINES.append(create_engine(url))
        uow = SqlUnitOfWorkFactory(_ENGINES[-1])
        self.clock = _Clock()
        self.hasher = _CountingHasher()
        self.auth = Auth(uow, Settings(), self.clock, self.hasher)
        self.auth.ensure_demo_users()
        self.users = Users(uow, self.hasher, self.clock, central_copy=central_copy)
        self.admin = self.auth.login("admin", "0000")

    def actor(self, role: Role) -> Actor:
        pins = {Role.CASHIER: ("cashier", "1111"), Role.LABELS: ("labels", "2222"),
                Role.MANAGER: ("manager", "9999"), Role.ADMIN: ("admin", "0000")}  # fmt: skip
        return self.auth.login(*pins[role])

    def table(self) -> list[tuple[str, str, str, bool, bool, int]]:
        """Every user as stored (the hash's first characters: it changed or not)."""
        with self.users.uow() as read:
            return [(u.username, u.role, u.pin_hash[:60], u.active, u.must_change_pin,
                     u.failed_attempts) for u in read.users.all()]  # fmt: skip

    def audit(self) -> list[tuple[str, str, dict[str, object], dict[str, object]]]:
        with self.users.uow() as read:
            rows = read.audit.entries(entity="user")
        return sorted((e.action, e.key, e.before, e.after) for e in rows)


def test_add_a_cashier_who_logs_in_with_the_new_pin(migrated_db_url: str) -> None:
    shop = Shop(migrated_db_url)
    added = shop.users.add(shop.admin, " Somchai ", "สมชาย ใจดี", "cashier", "4829")
    assert (added.username, added.role, added.active) == ("somchai", Role.CASHIER, True)
    assert shop.auth.login("somchai", "4829").role is Role.CASHIER
    shop.users.set_role(shop.admin, "somchai", "manager")
    assert shop.auth.login("somchai", "4829").role is Role.MANAGER
    assert shop.audit() == [
        ("user.add", "somchai", {},
         {"username": "somchai", "display_name": "สมชาย ใจดี", "role": "cashier",
          "active": True}),
        ("user.role", "somchai", {"role": "cashier"}, {"role": "manager"}),
    ]  # fmt: skip


def test_lock_out_then_unlock_then_log_in_again(migrated_db_url: str) -> None:
    shop = Shop(migrated_db_url)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            shop.auth.login("cashier", "5555")
    with pytest.raises(LoginFailed, match="locked"):
        shop.auth.login("cashier", "1111")
    assert [u.locked for u in shop.users.all(shop.admin) if u.username == "cashier"] == [True]
    assert shop.users.unlock(shop.admin, "cashier") is True
    assert shop.users.unlock(shop.admin, "cashier") is False  # nothing to unlock
    assert shop.auth.login("cashier", "1111").username == "cashier"
    (unlock,) = [a for a in shop.audit() if a[0] == "user.unlock"]
    assert unlock[3] == {"locked_until": None}
    assert unlock[2]["locked_until"] is not None


def test_a_reset_pin_is_temporary_and_the_user_sets_a_new_one(migrated_db_url: str) -> None:
    shop = Shop(migrated_db_url)
    temporary = shop.users.reset_pin(shop.admin, "cashier")
    assert len(temporary) == 6
    assert temporary.isdigit()
    with pytest.raises(LoginFailed):
        shop.auth.login("cashier", "1111")  # the old PIN is gone
    with pytest.raises(PinChangeRequired) as asked:
        shop.auth.login("cashier", temporary)
    token = asked.value.token
    with pytest.raises(LoginFailed, match="differ"):
        shop.auth.change_own_pin(token, "4829", "4828")
    with pytest.raises(LoginFailed, match="demo"):
        shop.auth.change_own_pin(token, "1111", "1111")
    with pytest.raises(LoginFailed, match="guess"):
        shop.auth.change_own_pin(token, "1234", "1234")
    with pytest.raises(LoginFailed, match="temporary"):
        shop.auth.change_own_pin(token, temporary, temporary)
    with pytest.raises(LoginFailed, match="again"):
        shop.auth.change_own_pin("forged", "4829", "4829")
    assert shop.auth.change_own_pin(token, "4829", "4829").username == "cashier"
    with pytest.raises(LoginFailed, match="again"):
        shop.auth.change_own_pin(token, "5829", "5829")  # the token was spent
    assert shop.auth.login("cashier", "4829").username == "cashier"
    assert [r[4] for r in shop.table() if r[0] == "cashier"] == [False]
    # the audit says a reset happened, never the PIN or its hash
    assert shop.audit() == [("user.reset_pin", "cashier", {}, {"must_change_pin": True})]


def test_a_pin_change_token_expires(migrated_sqlite_url: str) -> None:
    shop = Shop(migrated_sqlite_url)
    temporary = shop.users.reset_pin(shop.admin, "cashier", "4829")
    assert temporary == "4829"
    with pytest.raises(PinChangeRequired) as asked:
        shop.auth.login("cashier", "4829")
    shop.clock.at += timedelta(minutes=6)
    with pytest.raises(LoginFailed, match="again"):
        shop.auth.change_own_pin(asked.value.token, "5829", "5829")


ACTIONS = {
    "add": lambda s, who: s.users.add(who, "somchai", "สมชาย", "cashier", "4829"),
    "role": lambda s, who: s.users.set_role(who, "cashier", "manager"),
    "reset_pin": lambda s, who: s.users.reset_pin(who, "cashier"),
    "unlock": lambda s, who: s.users.unlock(who, "cashier"),
    "deactivate": lambda s, who: s.users.set_active(who, "cashier", False),
    "list": lambda s, who: s.users.all(who),
}


@pytest.mark.parametrize("role", [Role.CASHIER, Role.LABELS, Role.MANAGER])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_only_an_admin_manages_users(migrated_sqlite_url: str, role: Role, action: str) -> None:
    shop = Shop(migrated_sqlite_url)
    who = shop.actor(role)
    for _ in range(2):
        with pytest.raises(LoginFailed):
            shop.auth.login("cashier", "5555")  # something for unlock to clear
    before = shop.table()
    with pytest.raises(PermissionDenied):
        ACTIONS[action](shop, who)
    assert shop.table() == before
    assert shop.audit() == []
    ACTIONS[action](shop, shop.admin)  # the admin may


BAD = [
    ("username", {"username": "a"}, "User name"),
    ("username", {"username": "som chai"}, "User name"),
    ("username", {"username": "สมชาย"}, "User name"),
    ("username", {"username": "cashier"}, "User name"),  # taken
    ("display_name", {"display_name": " "}, "Display name"),
    ("display_name", {"display_name": "ก" * 101}, "Display name"),
    ("role", {"role": "owner"}, "Role"),
    ("pin", {"pin": "12a4"}, "PIN"),
    ("pin", {"pin": "123"}, "PIN"),
    ("pin", {"pin": "123456789"}, "PIN"),
    ("pin", {"pin": "0000"}, "PIN"),  # a demo PIN
    ("pin", {"pin": "7777"}, "PIN"),
    ("pin", {"pin": "4321"}, "PIN"),
]


@pytest.mark.parametrize(("field", "change", "named"), BAD)
def test_a_bad_field_is_refused_by_name_and_nothing_is_written(
    migrated_db_url: str, field: str, change: dict[str, str], named: str
) -> None:
    shop = Shop(migrated_db_url)
    before = shop.table()
    given = {"username": "somchai", "display_name": "สมชาย", "role": "cashier", "pin": "4829"}
    with pytest.raises(FieldError) as refused:
        shop.users.add(shop.admin, **(given | change))
    assert refused.value.field == field
    assert refused.value.message_en.startswith(named)
    assert refused.value.message_th != refused.value.message_en
    assert shop.table() == before
    assert shop.audit() == []


def test_nobody_deactivates_or_re_roles_themselves_and_the_last_admin_stays(
    migrated_sqlite_url: str,
) -> None:
    shop = Shop(migrated_sqlite_url)
    with pytest.raises(FieldError, match="yourself"):
        shop.users.set_active(shop.admin, "admin", False)
    with pytest.raises(FieldError, match="own role"):
        shop.users.set_role(shop.admin, "admin", "manager")
    shop.users.add(shop.admin, "admin2", "Second admin", "admin", "4829")
    second = shop.auth.login("admin2", "4829")
    shop.users.set_active(second, "admin", False)  # another admin remains: allowed
    before = shop.table()
    # admin2 is the last active admin now: no other admin (a session opened before) can
    # deactivate or demote them
    stale = Actor("u-stale", "stale", "Stale admin", Role.ADMIN)
    with pytest.raises(FieldError, match="last active admin"):
        shop.users.set_active(stale, "admin2", False)
    with pytest.raises(FieldError, match="last active admin"):
        shop.users.set_role(stale, "admin2", "manager")
    assert shop.table() == before
    assert [a[:2] for a in shop.audit()] == [("user.add", "admin2"), ("user.deactivate", "admin")]


def test_the_demo_pin_warning_checks_each_hash_once(migrated_sqlite_url: str) -> None:
    shop = Shop(migrated_sqlite_url)
    shop.hasher.verified = 0
    assert sorted(shop.users.demo_pins_in_use()) == ["admin", "cashier", "labels", "manager"]
    assert shop.hasher.verified == 4
    assert len(shop.users.demo_pins_in_use()) == 4
    assert shop.hasher.verified == 4  # cached
    shop.users.reset_pin(shop.admin, "cashier", "4829")
    assert sorted(shop.users.demo_pins_in_use()) == ["admin", "labels", "manager"]
    assert shop.hasher.verified == 5  # only the changed hash


def test_a_counter_of_a_central_database_refuses_to_change_its_users(
    migrated_sqlite_url: str,
) -> None:
    shop = Shop(migrated_sqlite_url, central_copy=True)
    before = shop.table()
    for action in ("add", "reset_pin", "deactivate", "role"):
        with pytest.raises(ShopError, match="otop-pos backoffice --db postgresql://"):
            ACTIONS[action](shop, shop.admin)
    assert shop.table() == before
