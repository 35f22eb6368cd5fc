"""The back office's audit log, stored as JSON before/after snapshots (append-only)."""

from __future__ import annotations

import json
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from pos.ports.audit import AuditRecord, Snapshot


def _dump(snapshot: Snapshot) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, default=str) if snapshot else ""


def _load(text: str) -> Snapshot:
    return cast(Snapshot, json.loads(text)) if text else {}


class SqlAuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: AuditRecord) -> None:
        self.session.add(
            m.AuditEntry(
                at=record.at,
                actor_id=record.actor_id,
                actor_name=record.actor_name,
                action=record.action,
                entity=record.entity,
                key=record.key,
                before=_dump(record.before),
                after=_dump(record.after),
                terminal_id=record.terminal_id,
            )
        )
        self.session.flush()

    def entries(
        self, *, entity: str | None = None, key: str | None = None, limit: int = 200
    ) -> list[AuditRecord]:
        query = select(m.AuditEntry).order_by(m.AuditEntry.at.desc(), m.AuditEntry.id)
        if entity is not None:
            query = query.where(m.AuditEntry.entity == entity)
        if key is not None:
            query = query.where(m.AuditEntry.key == key)
        return [
            AuditRecord(
                action=e.action,
                entity=e.entity,
                key=e.key,
                actor_id=e.actor_id,
                actor_name=e.actor_name,
                at=e.at,
                before=_load(e.before),
                after=_load(e.after),
                terminal_id=e.terminal_id,
            )
            for e in self.session.scalars(query.limit(limit))
        ]
