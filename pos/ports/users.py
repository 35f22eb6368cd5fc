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
