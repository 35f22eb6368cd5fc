"""The shop's secrets: set and cleared by the admin (audited by name, never by value), read
by the channel adapters, each overridable by the environment (OTOP_POS_SECRET_<NAME>).

A value is never logged, never in an audit row, never in a repr, and never handed back to
the settings editor: `status` says only whether each secret is set, when and by whom.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from pos.domain.auth import Action, Actor
from pos.domain.secrets import SECRET_NAMES, check_name, check_value, env_name
from pos.ports.clock import Clock
from pos.ports.secrets import SecretStatus, SecretUnitOfWork
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require

log = logging.getLogger(__name__)


class Secrets:
    """The `SecretStore` of one store (`Services.secrets`)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[SecretUnitOfWork],
        clock: Clock,
        *,
        environ: Mapping[str, str] | None = None,
        terminal_id: str | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._environ: Mapping[str, str] = environ if environ is not None else {}
        self._terminal_id = terminal_id

    def __repr__(self) -> str:
        return f"<Secrets: {len(SECRET_NAMES)} names, values not shown>"

    def _from_env(self, name: str) -> str | None:
        value = self._environ.get(env_name(name), "").strip()
        return value or None

    def get(self, name: str) -> str | None:
        """The value an adapter uses: the environment's, else the stored one (None: not set)."""
        check_name(name)
        value = self._from_env(name)
        if value is not None:
            return value
        with self._uow() as read:
            return read.secrets.value(name)

    def set(self, name: str, value: str, actor: Actor) -> None:
        """Store a new value (the admin only); the audit row names the secret, not the value."""
        require(actor, Action.MANAGE_SETTINGS)
        check_name(name)
        text = check_value(value)
        with self._uow(write=True) as uow:
            before = uow.secrets.statuses().get(name)
            now = self._clock.now()
            uow.secrets.put(name, text, now, actor.display_name or actor.username)
            record(
                uow.audit, self._clock, actor, "secret.set", name,
                before=_audited(before), after={"set": True, "updated_at": now.isoformat()},
                terminal_id=self._terminal_id,
            )  # fmt: skip
            uow.commit()
        log.info("secret %s set by %s", name, actor.username)

    def clear(self, name: str, actor: Actor) -> None:
        """Remove the stored value (the admin only; nothing happens when none is stored)."""
        require(actor, Action.MANAGE_SETTINGS)
        check_name(name)
        with self._uow(write=True) as uow:
            before = uow.secrets.statuses().get(name)
            if before is None:
                return
            uow.secrets.delete(name)
            record(
                uow.audit, self._clock, actor, "secret.clear", name, before=_audited(before),
                terminal_id=self._terminal_id,
            )  # fmt: skip
            uow.commit()
        log.info("secret %s cleared by %s", name, actor.username)

    def status(self) -> dict[str, SecretStatus]:
        """Every secret's name, in the editor's order, with whether it is set (never a value)."""
        with self._uow() as read:
            stored = read.secrets.statuses()
        out: dict[str, SecretStatus] = {}
        for name in SECRET_NAMES:
            found = stored.get(name, SecretStatus(False))
            if self._from_env(name) is not None:
                found = SecretStatus(True, found.updated_at, found.updated_by, from_env=True)
            out[name] = found
        return out


def _audited(status: SecretStatus | None) -> dict[str, object]:
    if status is None:
        return {"set": False}
    at = None if status.updated_at is None else status.updated_at.isoformat()
    return {"set": True, "updated_at": at, "updated_by": status.updated_by}
