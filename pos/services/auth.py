"""Log in with a PIN, lock out after wrong PINs, check roles, and manager approval by PIN."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos.domain.auth import (
    ACTION_NAMES,
    APPROVABLE,
    Action,
    Actor,
    Attempts,
    LoginFailed,
    PermissionDenied,
    Role,
    check_pin_format,
    denied,
)
from pos.domain.pins import pin_problem
from pos.domain.settings import Settings
from pos.ports.auth import ApprovalRecord, AuthUnitOfWork, PinHasher, UserRecord
from pos.ports.clock import Clock
from pos.ports.uow import UnitOfWorkFactory
from pos.ports.users import CentralPins

# The demo store's users (documented in README): username, name, role, PIN.
DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("cashier", "สมใจ (แคชเชียร์)", Role.CASHIER, "1111"),
    ("labels", "มานี (ป้ายราคา)", Role.LABELS, "2222"),
    ("manager", "วิชัย (ผู้จัดการ)", Role.MANAGER, "9999"),
    ("admin", "ผู้ดูแลระบบ", Role.ADMIN, "0000"),
)


class Argon2PinHasher:
    """argon2id with argon2-cffi's defaults (salted, slow on purpose); a cost given here
    replaces the default (a hash carries its parameters, so any of them verifies any hash)."""

    def __init__(
        self,
        *,
        time_cost: int | None = None,
        memory_cost: int | None = None,
        parallelism: int | None = None,
    ) -> None:
        from argon2 import PasswordHasher

        default = PasswordHasher()
        self._ph = PasswordHasher(
            time_cost=default.time_cost if time_cost is None else time_cost,
            memory_cost=default.memory_cost if memory_cost is None else memory_cost,
            parallelism=default.parallelism if parallelism is None else parallelism,
        )

    def hash(self, pin: str) -> str:
        return self._ph.hash(pin)

    def verify(self, pin_hash: str, pin: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return bool(self._ph.verify(pin_hash, pin))
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, pin_hash: str) -> bool:
        return bool(self._ph.check_needs_rehash(pin_hash))


COUNTER_COPY = "otop-hmac$"  # a counter's copy of a central PIN hash (db.central_identity)
_ARGON2 = re.compile(
    r"^\$(argon2id|argon2i|argon2d)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)$"
)


def verify_counter_copy(copy: str, pin: str, key: bytes | None) -> bool:
    """A PIN against a counter's copy of its central argon2 hash:
    `otop-hmac$<hex sha256(key || argon2 hash)>$<hash length><argon2 parameters and salt>`.

    The PIN's argon2 hash is made with the parameters and salt given, keyed with this
    counter's key and compared; the counter never holds the central hash itself.
    """
    from argon2.low_level import Type, hash_secret_raw

    parts = copy.split("$", 3)
    if key is None or len(parts) != 4 or not parts[2].isdigit():
        return False
    _, mac, length, rest = parts
    params = _ARGON2.match("$" + rest)
    if params is None:
        return False
    kind, version, memory, time, lanes, salt = params.groups()
    raw = hash_secret_raw(
        pin.encode(),
        base64.b64decode(salt + "=" * (-len(salt) % 4)),
        time_cost=int(time),
        memory_cost=int(memory),
        parallelism=int(lanes),
        hash_len=int(length),
        type={"argon2id": Type.ID, "argon2i": Type.I, "argon2d": Type.D}[kind],
        version=int(version),
    )
    encoded = "$" + rest + "$" + base64.b64encode(raw).decode().rstrip("=")
    return hmac.compare_digest(hashlib.sha256(key + encoded.encode()).hexdigest(), mac)


def counter_copy(central_hash: str, key: bytes) -> str:
    """A counter's copy of a central argon2 hash, as central's otop_counter_users() makes it."""
    prefix, digest = central_hash.rsplit("$", 1)
    mac = hashlib.sha256(key + central_hash.encode()).hexdigest()
    return f"{COUNTER_COPY}{mac}${len(digest) * 3 // 4}{prefix}"


@dataclass(frozen=True, slots=True)
class Approval:
    """A manager's yes to one action for one requester: used once, then spent."""

    approval_id: str
    action: Action
    requested_by: str
    approved_by: str
    approved_name: str


JOURNALLED = frozenset({Action.VOID_AFTER_PAYMENT, Action.CANCEL_SALE})
_WRONG = LoginFailed("Wrong user or PIN", "ชื่อผู้ใช้หรือ PIN ไม่ถูกต้อง")
PIN_CHANGE_MINUTES = 5  # how long a right temporary PIN lets its user set a new one


class PinChangeRequired(LoginFailed):
    """The PIN was right, but an admin reset it: the user sets a new PIN before anything else.

    `token` lets `Auth.change_own_pin` set it (once, for a few minutes) without the PIN."""

    def __init__(self, username: str, display_name: str, token: str) -> None:
        super().__init__(
            f"{display_name}: your PIN was reset by an admin: set a new PIN to log in",
            f"{display_name}: ผู้ดูแลระบบรีเซ็ต PIN ของคุณแล้ว กรุณาตั้ง PIN ใหม่ก่อนเข้าสู่ระบบ",
        )
        self.username = username
        self.token = token


class Auth:
    """Logins, role checks and approvals; every role rule of the till goes through here."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[AuthUnitOfWork],
        settings: Settings,
        clock: Clock,
        hasher: PinHasher | None = None,
        terminal_id: str | None = None,
        central_pins: CentralPins | None = None,
    ) -> None:
        self.uow = uow
        self.central_pins = central_pins  # a counter of a central database: PINs set there
        self.settings = settings
        self.clock = clock
        self.hasher = hasher or Argon2PinHasher()
        self.terminal_id = terminal_id
        self._spent: set[str] = set()
        self._pin_changes: dict[str, tuple[str, datetime]] = {}  # token: user id, until

    # --- users ---------------------------------------------------------------------------
    def add_user(
        self, actor: Actor | None, username: str, display_name: str, role: Role, pin: str
    ) -> Actor:
        """Create a user (an admin's job; `actor` None only while the store has no users)."""
        check_pin_format(pin)
        with self.uow(write=True) as work:
            if actor is None:
                if work.users.all():
                    raise PermissionDenied(
                        "Only an admin can add users", "เฉพาะผู้ดูแลระบบเท่านั้นที่เพิ่มผู้ใช้ได้"
                    )
            else:
                self.require(actor, Action.MANAGE_USERS)
            if work.users.by_username(username) is not None:
                raise LoginFailed(f"User {username} exists", f"มีผู้ใช้ {username} แล้ว")
            user = work.users.add(username, display_name, role.value, self.hasher.hash(pin))
            work.commit()
        return _actor(user)

    def change_pin(self, actor: Actor, username: str, pin: str) -> None:
        """A new PIN for a user (an admin's job, on the central database: the counters take
        their copies of it on their next pull)."""
        check_pin_format(pin)
        with self.uow(write=True) as work:
            self.require(actor, Action.MANAGE_USERS)
            user = work.users.by_username(username)
            if user is None:
                raise LoginFailed(f"No user {username}", f"ไม่มีผู้ใช้ {username}")
            work.users.set_pin_hash(user.user_id, self.hasher.hash(pin))
            work.users.set_attempts(user.user_id, 0, None)
            work.commit()

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Deactivate a user (or bring one back): a deactivated user logs in nowhere."""
        with self.uow(write=True) as work:
            self.require(actor, Action.MANAGE_USERS)
            user = work.users.by_username(username)
            if user is None:
                raise LoginFailed(f"No user {username}", f"ไม่มีผู้ใช้ {username}")
            work.users.set_active(user.user_id, active)
            work.commit()

    def ensure_demo_users(self) -> int:
        """The demo store's users (cashier 1111, labels 2222, manager 9999, admin 0000)."""
        with self.uow(write=True) as work:
            have = {u.username for u in work.users.all()}
            added = 0
            for username, name, role, pin in DEMO_USERS:
                if username not in have:
                    work.users.add(username, name, role.value, self.hasher.hash(pin))
                    added += 1
            work.commit()
        return added

    # --- logging in ----------------------------------------------------------------------
    def login(self, username: str, pin: str) -> Actor:
        """The user with this PIN; wrong PINs count, and too many lock the user for a while."""
        return _actor(self._check_pin(username, pin))

    def _check_pin(self, username: str, pin: str) -> UserRecord:
        """The user whose PIN this is; PinChangeRequired when an admin reset it."""
        user = self._verify_pin(username, pin)
        if user.must_change_pin:
            token = secrets.token_hex(16)
            until = self.clock.now() + timedelta(minutes=PIN_CHANGE_MINUTES)
            self._pin_changes = {token: (user.user_id, until)}  # the newest only
            raise PinChangeRequired(user.username, user.display_name, token)
        return user

    def change_own_pin(self, token: str, new_pin: str, again: str) -> Actor:
        """The new PIN of a user whose PIN was reset (the token of their PinChangeRequired);
        typed twice, not a demo PIN, a guessable one or the temporary one. On a counter that
        holds only copies of central PINs it is set on the central database first
        (`central_pins`; without it the change is refused, to be made there instead)."""
        user_id, until = self._pin_changes.get(token, ("", self.clock.now()))
        if not user_id or self.clock.now() >= until:
            raise LoginFailed(
                "Log in again with the temporary PIN to set a new one",
                "กรุณาเข้าสู่ระบบด้วย PIN ชั่วคราวอีกครั้งเพื่อตั้ง PIN ใหม่",
            )
        if new_pin != again:
            raise LoginFailed("The two new PINs differ", "PIN ใหม่ทั้งสองครั้งไม่ตรงกัน")
        problem = pin_problem(new_pin)
        if problem is not None:
            raise LoginFailed(f"New PIN: {problem[0]}", f"PIN ใหม่: {problem[1]}")
        with self.uow() as read:
            user = next((u for u in read.users.all() if u.user_id == user_id), None)
            key = read.users.pin_key()
        if user is None or not user.active:
            raise _WRONG
        copy = user.pin_hash.startswith(COUNTER_COPY)
        same = (
            verify_counter_copy(user.pin_hash, new_pin, key)
            if copy
            else self.hasher.verify(user.pin_hash, new_pin)
        )
        if same:
            raise LoginFailed(
                "The new PIN must differ from the temporary one", "PIN ใหม่ต้องไม่ซ้ำกับ PIN ชั่วคราว"
            )
        new_hash = self.hasher.hash(new_pin)
        if copy:  # central owns this user: the new PIN is set there, then copied here
            if self.central_pins is None or key is None:
                raise LoginFailed(
                    "This counter holds only copies of the central database's PINs: ask an "
                    "admin to set your new PIN in the back office on the central database",
                    "เครื่องขายนี้มีเพียงสำเนา PIN จากฐานข้อมูลกลาง กรุณาให้ผู้ดูแลระบบตั้ง PIN ใหม่ "
                    "ในระบบหลังร้านบนฐานข้อมูลกลาง",
                )
            if not self.central_pins.set_own_pin(user.user_id, new_hash):
                raise LoginFailed(
                    "The central database did not take the new PIN (the reset may be undone "
                    "or used already): ask an admin to reset the PIN again",
                    "ฐานข้อมูลกลางไม่รับ PIN ใหม่ (อาจยกเลิกการรีเซ็ตหรือใช้ไปแล้ว) "
                    "กรุณาให้ผู้ดูแลระบบรีเซ็ต PIN อีกครั้ง",
                )
            new_hash = counter_copy(new_hash, key)
        with self.uow(write=True) as work:
            work.users.set_pin_hash(user.user_id, new_hash)
            work.users.set_must_change_pin(user.user_id, False)
            work.commit()
        self._pin_changes.pop(token, None)
        return _actor(user)

    def _verify_pin(self, username: str, pin: str) -> UserRecord:
        now = self.clock.now()
        with self.uow(write=True) as work:
            user = work.users.by_username(username)
            if user is None or not user.active:
                raise _WRONG
            attempts = Attempts(user.failed_attempts, user.locked_until)
            if attempts.locked(now):
                assert attempts.locked_until is not None
                minutes = max(1, -(-int((attempts.locked_until - now).total_seconds()) // 60))
                raise LoginFailed(
                    f"{user.display_name} is locked after too many wrong PINs: "
                    f"try again in {minutes} min or ask a manager",
                    f"{user.display_name} ถูกล็อกเพราะใส่ PIN ผิดหลายครั้ง "
                    f"ลองใหม่ใน {minutes} นาที หรือติดต่อผู้จัดการ",
                )
            copy = user.pin_hash.startswith(COUNTER_COPY)
            if copy:  # a counter's copy, made by the central database: never rehashed here
                right = verify_counter_copy(user.pin_hash, pin, work.users.pin_key())
            else:
                right = self.hasher.verify(user.pin_hash, pin)
            if not right:
                after = attempts.after_wrong_pin(
                    now, self.settings.pin_max_attempts, self.settings.pin_lock_minutes
                )
                work.users.set_attempts(user.user_id, after.failed, after.locked_until)
                work.commit()  # the count must stick although the login fails
                raise _WRONG
            if attempts != Attempts.cleared():
                work.users.set_attempts(user.user_id, 0, None)
            if not copy and self.hasher.needs_rehash(user.pin_hash):
                work.users.set_pin_hash(user.user_id, self.hasher.hash(pin))
            work.commit()
        return user

    # --- roles and approvals -------------------------------------------------------------
    def require(self, actor: Actor, action: Action) -> None:
        if not actor.may(action):
            raise denied(actor, action)

    def approve(
        self,
        actor: Actor,
        action: Action,
        reason: str,
        manager_username: str,
        manager_pin: str,
        ref: str = "",
    ) -> Approval:
        """A manager's PIN approves one action for `actor`; written to the audit log now."""
        en, th = ACTION_NAMES[action]
        if action not in APPROVABLE:
            raise PermissionDenied(f"'{en}' cannot be approved", f"'{th}' อนุมัติแทนไม่ได้")
        if not reason.strip():
            raise PermissionDenied("An approval needs a reason", "การอนุมัติต้องระบุเหตุผล")
        manager = self._check_pin(manager_username, manager_pin)
        approver = _actor(manager)
        if not approver.may(Action.APPROVE) or not approver.may(action):
            raise denied(approver, Action.APPROVE)
        if approver.user_id == actor.user_id:
            raise PermissionDenied(
                "An approval needs a second person", "การอนุมัติต้องเป็นผู้จัดการอีกคนหนึ่ง"
            )
        record = ApprovalRecord(
            approval_id=str(uuid.uuid4()),
            terminal_id=self.terminal_id,
            action=action.value,
            reason=reason.strip(),
            requested_by=actor.user_id,
            requested_name=actor.display_name,
            approved_by=approver.user_id,
            approved_name=approver.display_name,
            approved_at=self.clock.now(),
            ref=ref,
        )
        with self.uow(write=True) as work:
            # a void or a cancelled sale is also a link of the journal's hash chain
            work.users.add_approval(record, journal=action in JOURNALLED)
            work.commit()
        return Approval(record.approval_id, action, actor.user_id, approver.user_id,
                        approver.display_name)  # fmt: skip

    def authorize(self, actor: Actor, action: Action, approval: Approval | None = None) -> None:
        """Let `actor` do `action`: by role, or by an unspent manager approval of exactly it."""
        if actor.may(action):
            return
        if (
            approval is None
            or approval.action is not action
            or approval.requested_by != actor.user_id
            or approval.approval_id in self._spent
        ):
            raise denied(actor, action)
        self._spent.add(approval.approval_id)

    def approvals(self, actor: Actor) -> list[ApprovalRecord]:
        self.require(actor, Action.REPORTS)
        with self.uow() as read:
            return read.users.approvals()


def _actor(user: UserRecord) -> Actor:
    return Actor(user.user_id, user.username, user.display_name, Role(user.role))
