"""The administration of users (the back office): roles, PIN resets, unlocking, deactivating."""

from __future__ import annotations

from typing import Protocol

from pos.ports.audit import AuditRepository
from pos.ports.auth import UserRepository
from pos.ports.uow import Transaction


class UserAdminRepository(UserRepository, Protocol):
    def set_role(self, user_id: str, role: str) -> None: ...


class UsersUnitOfWork(Transaction, Protocol):
    @property
    def users(self) -> UserAdminRepository: ...
    @property
    def audit(self) -> AuditRepository: ...


class CentralPins(Protocol):
    """The central database, for a counter that holds only keyed copies of its users' PINs."""

    def set_own_pin(self, user_id: str, pin_hash: str) -> bool:
        """Set the new PIN hash of a user whose PIN an admin reset; False when central refuses
        (not flagged, not allowed at this counter). CentralUnavailable when it cannot be
        reached."""
        ...
