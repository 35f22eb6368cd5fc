"""The back office's users (an admin's job): add, change a role, reset a PIN, unlock, deactivate.

Every change needs MANAGE_USERS (checked here, not only in the window) and writes an audit row
in its own transaction; the audit never holds a PIN or its hash. A reset PIN is temporary:
the user sets a new one at the next log-in (`Auth.change_own_pin`). Nobody deactivates or
re-roles themselves, and the last active admin stays an active admin.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from pos.domain.auth import Action, Actor, Role
from pos.domain.pins import pin_problem
from pos.ports.auth import PinHasher, UserRecord
from pos.ports.clock import Clock
from pos.ports.uow import UnitOfWorkFactory
from pos.ports.users import UsersUnitOfWork
from pos.services.audit import record, require
from pos.services.auth import COUNTER_COPY, DEMO_USERS
from pos.services.producers import FieldError, counter_copy_refusal

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
ROLE_NAMES: dict[Role, tuple[str, str]] = {
    Role.CASHIER: ("cashier", "แคชเชียร์"),
    Role.LABELS: ("label staff", "พนักงานป้ายราคา"),
    Role.MANAGER: ("manager", "ผู้จัดการ"),
    Role.ADMIN: ("admin", "ผู้ดูแลระบบ"),
}


@dataclass(frozen=True, slots=True)
class UserView:
    """A user as the back office lists them (never the PIN hash)."""

    username: str
    display_name: str
    role: Role
    active: bool
    locked: bool
    failed_attempts: int
    must_change_pin: bool


def check_new_pin(pin: str, field: str = "pin") -> str:
    problem = pin_problem(pin)
    if problem is not None:
        en, th = problem
        raise FieldError(field, f"PIN: {en}", f"PIN: {th}")
    return pin


def _role(value: str | Role) -> Role:
    if isinstance(value, Role):
        return value
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise FieldError(
            "role",
            f"Role: one of {', '.join(r.value for r in Role)}",
            f"บทบาท: ต้องเป็น {', '.join(r.value for r in Role)}",
        ) from None


def _state(user: UserRecord) -> dict[str, object]:
    """What the audit log keeps of a user: never the PIN hash."""
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
    }


class Users:
    """User administration for the back office and `otop-pos user ...`."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[UsersUnitOfWork],
        hasher: PinHasher,
        clock: Clock,
        *,
        central_copy: bool = False,
        terminal_id: str | None = None,
    ) -> None:
        self.uow = uow
        self.hasher = hasher
        self.clock = clock
        self.central_copy = central_copy
        self.terminal_id = terminal_id
        self._demo_checked: dict[tuple[str, str], bool] = {}

    # --- reading -------------------------------------------------------------------------
    def all(self, actor: Actor) -> list[UserView]:
        require(actor, Action.MANAGE_USERS)
        now = self.clock.now()
        with self.uow() as read:
            users = read.users.all()
        return [
            UserView(
                u.username,
                u.display_name,
                Role(u.role),
                u.active,
                u.locked_until is not None and now < u.locked_until,
                u.failed_attempts,
                u.must_change_pin,
            )
            for u in users
        ]

    def demo_pins_in_use(self) -> list[str]:
        """The demo users (cashier, labels, manager, admin) whose PIN is still the demo one.

        Each hash is checked once (argon2 is slow on purpose): a changed PIN is a new hash."""
        demo = {username: pin for username, _, _, pin in DEMO_USERS}
        with self.uow() as read:
            users = [u for u in read.users.all() if u.username in demo and u.active]
        out = []
        for u in users:
            key = (u.username, u.pin_hash)
            if key not in self._demo_checked:
                # a counter's keyed copy cannot be checked without its key: the central one is
                plain = not u.pin_hash.startswith(COUNTER_COPY)
                self._demo_checked[key] = plain and self.hasher.verify(u.pin_hash, demo[u.username])
            if self._demo_checked[key]:
                out.append(u.username)
        return out

    # --- changing ------------------------------------------------------------------------
    def _may_change(self, actor: Actor) -> None:
        require(actor, Action.MANAGE_USERS)
        if self.central_copy:
            raise counter_copy_refusal("users", "ข้อมูลผู้ใช้")

    def _audit(self, work: UsersUnitOfWork, actor: Actor, action: str, key: str,
               before: dict[str, object] | None, after: dict[str, object]) -> None:  # fmt: skip
        record(
            work.audit, self.clock, actor, action, key, before=before, after=after,
            terminal_id=self.terminal_id,
        )  # fmt: skip

    def add(
        self, actor: Actor, username: str, display_name: str, role: str | Role, pin: str
    ) -> UserView:
        self._may_change(actor)
        name = username.strip().lower()
        if not _USERNAME.match(name):
            raise FieldError(
                "username",
                "User name: 2 to 40 letters a-z, digits, . _ or - (e.g. somchai)",
                "ชื่อผู้ใช้: ตัวอักษร a-z ตัวเลข . _ หรือ - 2 ถึง 40 ตัว (เช่น somchai)",
            )
        shown = " ".join(display_name.split())
        if not shown or len(shown) > 100:
            raise FieldError(
                "display_name",
                "Display name: required, at most 100 characters",
                "ชื่อที่แสดง: ต้องกรอก และยาวไม่เกิน 100 ตัวอักษร",
            )
        new_role = _role(role)
        check_new_pin(pin)
        with self.uow(write=True) as work:
            if work.users.by_username(name) is not None:
                raise FieldError(
                    "username", f"User name: {name} is taken", f"ชื่อผู้ใช้: มีผู้ใช้ {name} แล้ว"
                )
            user = work.users.add(name, shown, new_role.value, self.hasher.hash(pin))
            self._audit(work, actor, "user.add", name, None, _state(user))
            work.commit()
        return UserView(name, shown, new_role, True, False, 0, False)

    def _user(self, work: UsersUnitOfWork, username: str) -> UserRecord:
        user = work.users.by_username(username.strip().lower())
        if user is None:
            raise FieldError(
                "username", f"No user {username.strip()!r}", f"ไม่มีผู้ใช้ {username.strip()!r}"
            )
        return user

    def _keeps_an_admin(self, work: UsersUnitOfWork, actor: Actor, user: UserRecord) -> None:
        """Nobody changes their own role or account this way, and one active admin stays."""
        if user.user_id == actor.user_id:
            raise FieldError(
                "username",
                "You cannot change your own role or deactivate yourself: ask another admin",
                "เปลี่ยนบทบาทหรือปิดบัญชีของตนเองไม่ได้ กรุณาให้ผู้ดูแลระบบคนอื่นทำ",
            )
        if user.role == Role.ADMIN.value and user.active:
            admins = [u for u in work.users.all() if u.role == Role.ADMIN.value and u.active]
            if len(admins) <= 1:
                raise FieldError(
                    "username",
                    f"{user.username} is the last active admin: add another admin first",
                    f"{user.username} เป็นผู้ดูแลระบบคนสุดท้าย กรุณาเพิ่มผู้ดูแลระบบคนอื่นก่อน",
                )

    def set_role(self, actor: Actor, username: str, role: str | Role) -> None:
        self._may_change(actor)
        new_role = _role(role)
        with self.uow(write=True) as work:
            user = self._user(work, username)
            if user.role == new_role.value:
                return
            self._keeps_an_admin(work, actor, user)
            work.users.set_role(user.user_id, new_role.value)
            self._audit(
                work, actor, "user.role", user.username, {"role": user.role},
                {"role": new_role.value},
            )  # fmt: skip
            work.commit()

    def reset_pin(self, actor: Actor, username: str, temporary_pin: str | None = None) -> str:
        """A temporary PIN (the one given, or six random digits, returned to tell the user);
        the user sets their own at the next log-in. The lockout is cleared too."""
        self._may_change(actor)
        pin = temporary_pin if temporary_pin is not None else _random_pin()
        check_new_pin(pin)
        with self.uow(write=True) as work:
            user = self._user(work, username)
            work.users.set_pin_hash(user.user_id, self.hasher.hash(pin))
            work.users.set_must_change_pin(user.user_id, True)
            work.users.set_attempts(user.user_id, 0, None)
            self._audit(
                work, actor, "user.reset_pin", user.username, None, {"must_change_pin": True}
            )
            work.commit()
        return pin

    def unlock(self, actor: Actor, username: str) -> bool:
        """Clear a user's wrong-PIN count and lockout; False when there was none."""
        self._may_change(actor)
        with self.uow(write=True) as work:
            user = self._user(work, username)
            if user.failed_attempts == 0 and user.locked_until is None:
                return False
            work.users.set_attempts(user.user_id, 0, None)
            locked = user.locked_until
            self._audit(
                work, actor, "user.unlock", user.username,
                {"failed_attempts": user.failed_attempts,
                 "locked_until": None if locked is None else locked.isoformat()},
                {"failed_attempts": 0, "locked_until": None},
            )  # fmt: skip
            work.commit()
        return True

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Deactivate a user (they log in nowhere; their sales stay theirs), or bring one back."""
        self._may_change(actor)
        with self.uow(write=True) as work:
            user = self._user(work, username)
            if user.active == active:
                return
            if not active:
                self._keeps_an_admin(work, actor, user)
            work.users.set_active(user.user_id, active)
            verb = "user.activate" if active else "user.deactivate"
            self._audit(work, actor, verb, user.username, {"active": user.active},
                        {"active": active})  # fmt: skip
            work.commit()


def _random_pin() -> str:
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if pin_problem(pin) is None:
            return pin
