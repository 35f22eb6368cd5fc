"""The shop's secrets (channel tokens, webhook keys): read by the adapters, set by the admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pos.domain.auth import Actor
from pos.ports.audit import AuditUnitOfWork


@dataclass(frozen=True, slots=True)
class SecretStatus:
    """Whether a secret has a value (never the value): when and by whom it was last set; and
    whether the environment overrides it (OTOP_POS_SECRET_<NAME>)."""

    set: bool
    updated_at: datetime | None = None
    updated_by: str = ""
    from_env: bool = False


class SecretStore(Protocol):
    """What the channel adapters and the settings editor use (pos.services.secrets.Secrets)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str, actor: Actor) -> None: ...
    def clear(self, name: str, actor: Actor) -> None: ...
    def status(self) -> dict[str, SecretStatus]: ...


class SecretRepository(Protocol):
    """The table `shop_secrets` (never pulled by a counter, read-only to the web role)."""

    def value(self, name: str) -> str | None: ...
    def put(self, name: str, value: str, at: datetime, by: str) -> None: ...
    def delete(self, name: str) -> None: ...
    def statuses(self) -> dict[str, SecretStatus]:
        """The secrets that have a value."""
        ...


class SecretUnitOfWork(AuditUnitOfWork, Protocol):
    @property
    def secrets(self) -> SecretRepository: ...
