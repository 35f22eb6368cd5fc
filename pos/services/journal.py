"""Verifying the tamper-evident journal: is every recorded sale still as it was sold?"""

from __future__ import annotations

from pos.domain.journal import Verification
from pos.ports.journal import JournalUnitOfWork
from pos.ports.uow import UnitOfWorkFactory


def verify_journal(uow: UnitOfWorkFactory[JournalUnitOfWork]) -> Verification:
    """Check the hash chains against the rows as stored now (read only)."""
    with uow() as read:
        return read.journal.verify()
