"""Users, their PIN hashes and lockout counters, and the audit log of manager approvals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import models as m
from db.journal_writer import append_entry
from pos.domain.journal import APPROVAL_FIELDS, EntryKind, approval_record
from pos.ports.auth import ApprovalRecord, UserRecord


def _user(u: m.User) -> UserRecord:
    return UserRecord(
        u.id, u.username, u.display_name, u.role, u.pin_hash, u.active, u.failed_attempts,
        u.locked_until, u.must_change_pin,
    )  # fmt: skip


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_username(self, username: str) -> UserRecord | None:
        row = self.session.scalars(select(m.User).where(m.User.username == username)).first()
        return None if row is None else _user(row)

    def all(self) -> list[UserRecord]:
        return [_user(u) for u in self.session.scalars(select(m.User).order_by(m.User.username))]

    def add(self, username: str, display_name: str, role: str, pin_hash: str) -> UserRecord:
        row = m.User(
            username=username,
            display_name=display_name,
            role=role,
            pin_hash=pin_hash,
            active=True,
            failed_attempts=0,
        )
        self.session.add(row)
        self.session.flush()
        return _user(row)

    def set_attempts(self, user_id: str, failed: int, locked_until: datetime | None) -> None:
        self.session.execute(
            update(m.User)
            .where(m.User.id == user_id)
            .values(failed_attempts=failed, locked_until=locked_until)
        )

    def set_pin_hash(self, user_id: str, pin_hash: str) -> None:
        self.session.execute(update(m.User).where(m.User.id == user_id).values(pin_hash=pin_hash))

    def set_active(self, user_id: str, active: bool) -> None:
        self.session.execute(update(m.User).where(m.User.id == user_id).values(active=active))

    def set_role(self, user_id: str, role: str) -> None:
        self.session.execute(update(m.User).where(m.User.id == user_id).values(role=role))

    def set_must_change_pin(self, user_id: str, must: bool) -> None:
        self.session.execute(
            update(m.User).where(m.User.id == user_id).values(must_change_pin=must)
        )

    def pin_key(self) -> bytes | None:
        """The key of this counter's PIN copies, kept at registration (db.sync.registration)."""
        key = self.session.scalar(select(m.SyncState.value).where(m.SyncState.key == "pin_key"))
        return bytes.fromhex(key) if key else None

    def add_approval(self, approval: ApprovalRecord, journal: bool = False) -> None:
        """Write the audit row; with `journal` (voids, cancelled sales) also the journal's
        "void" entry over it, in the same transaction."""
        self.session.add(
            m.Approval(
                id=approval.approval_id,
                terminal_id=approval.terminal_id,
                action=approval.action,
                reason=approval.reason,
                requested_by=approval.requested_by,
                requested_name=approval.requested_name,
                approved_by=approval.approved_by,
                approved_name=approval.approved_name,
                approved_at=approval.approved_at,
                ref=approval.ref,
            )
        )
        self.session.flush()
        if journal and approval.terminal_id is not None:
            record = approval_record(
                {"id": approval.approval_id}
                | {f: getattr(approval, f) for f in APPROVAL_FIELDS[1:]}
            )
            append_entry(
                self.session, approval.terminal_id, EntryKind.VOID, approval.approval_id,
                approval.ref[:40], approval.approved_at, record,
            )  # fmt: skip

    def approvals(self) -> list[ApprovalRecord]:
        rows = self.session.scalars(select(m.Approval).order_by(m.Approval.approved_at))
        return [
            ApprovalRecord(
                a.id,
                a.terminal_id,
                a.action,
                a.reason,
                a.requested_by,
                a.requested_name,
                a.approved_by,
                a.approved_name,
                a.approved_at,
                a.ref,
            )
            for a in rows
        ]
