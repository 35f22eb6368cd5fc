"""Users, roles and PINs, and the manager approvals' audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pos.ports.uow import Transaction


@dataclass(frozen=True, slots=True)
class UserRecord:
    user_id: str
    username: str
    display_name: str
    role: str  # a pos.domain.auth.Role value
    pin_hash: str  # argon2, or on a counter its keyed copy of the central hash; never the PIN
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    must_change_pin: bool = False  # the admin reset the PIN: a new one at the next log-in


@dataclass(frozen=True, slots=True)
class ApprovalRecord:
    """One manager approval of one action, as the audit log keeps it."""

    approval_id: str
    terminal_id: str | None
    action: str  # a pos.domain.auth.Action value
    reason: str
    requested_by: str  # user id
    requested_name: str
    approved_by: str  # user id
    approved_name: str
    approved_at: datetime
    ref: str = ""  # what it was for: a receipt number, a product …


class UserRepository(Protocol):
    def by_username(self, username: str) -> UserRecord | None: ...
    def all(self) -> list[UserRecord]: ...
    def add(self, username: str, display_name: str, role: str, pin_hash: str) -> UserRecord: ...
    def set_attempts(self, user_id: str, failed: int, locked_until: datetime | None) -> None: ...
    def set_pin_hash(self, user_id: str, pin_hash: str) -> None: ...
    def set_must_change_pin(self, user_id: str, must: bool) -> None: ...
    def set_active(self, user_id: str, active: bool) -> None: ...
    def pin_key(self) -> bytes | None:
        """This counter's key of its PIN copies (None: not a registered counter)."""
        ...

    def add_approval(self, approval: ApprovalRecord, journal: bool = False) -> None: ...
    def approvals(self) -> list[ApprovalRecord]: ...


class AuthUnitOfWork(Transaction, Protocol):
    @property
    def users(self) -> UserRepository: ...


class PinHasher(Protocol):
    """Slow, salted hashing of PINs (argon2): only the hash is stored."""

    def hash(self, pin: str) -> str: ...
    def verify(self, pin_hash: str, pin: str) -> bool: ...
    def needs_rehash(self, pin_hash: str) -> bool: ...
