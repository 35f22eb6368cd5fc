"""Every back-office change is checked against the actor's role and written to the audit log.

A back-office service calls `require` before it reads what it will change, and `record` in the
same unit of work as the change itself, so a change and its audit row commit together or not
at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from pos.domain.auth import Action, Actor, denied
from pos.ports.audit import AuditRecord, AuditRepository, Snapshot
from pos.ports.clock import Clock


def require(actor: Actor, action: Action) -> None:
    """Refuse (PermissionDenied, in Thai and English) unless the actor's role may do this."""
    if not actor.may(action):
        raise denied(actor, action)


def changed(before: Mapping[str, object], after: Mapping[str, object]) -> tuple[Snapshot, Snapshot]:
    """Only the fields that differ, before and after (a field added or removed counts)."""
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return ({k: before.get(k) for k in keys}, {k: after.get(k) for k in keys})


def record(
    audit: AuditRepository,
    clock: Clock,
    actor: Actor,
    action: str,
    key: str,
    *,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
    terminal_id: str | None = None,
) -> AuditRecord | None:
    """Write one audit row for `action` ("<entity>.<verb>") on the record named `key`.

    An edit stores only the fields that changed; an edit that changes nothing writes nothing
    (None). A record created has an empty `before`, one removed an empty `after`."""
    old = dict(before or {})
    new = dict(after or {})
    if old and new:
        old, new = changed(old, new)
        if not old and not new:
            return None
    entity = action.split(".", 1)[0]
    entry = AuditRecord(
        action=action,
        entity=entity,
        key=key,
        actor_id=actor.user_id,
        actor_name=actor.username,
        at=clock.now(),
        before=old,
        after=new,
        terminal_id=terminal_id,
    )
    audit.add(entry)
    return entry
