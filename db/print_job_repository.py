"""The print queue: one job per document to print, claimed, finished or failed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import models as m
from pos.ports.print_jobs import PrintJob


def _job(row: m.PrintJob) -> PrintJob:
    return PrintJob(
        job_id=row.id,
        created_at=row.created_at,
        printer=row.printer,
        kind=row.kind,
        document_ref=row.document_ref,
        copy=row.copy,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        printed_at=row.printed_at,
    )


class SqlPrintJobRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, printer: str, kind: str, document_ref: str, copy: bool, at: datetime) -> PrintJob:
        row = m.PrintJob(
            printer=printer,
            kind=kind,
            document_ref=document_ref,
            copy=copy,
            status="pending",
            attempts=0,
            last_error="",
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _job(row)

    def get(self, job_id: str) -> PrintJob | None:
        row = self.session.get(m.PrintJob, job_id, populate_existing=True)
        return None if row is None else _job(row)

    def claim(self, job_id: str, printer: str | None = None) -> PrintJob | None:
        values: dict[str, Any] = {"status": "printing", "attempts": m.PrintJob.attempts + 1}
        if printer is not None:
            values["printer"] = printer
        taken = self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.id == job_id, m.PrintJob.status.in_(("pending", "failed")))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if getattr(taken, "rowcount", 0) != 1:
            return None
        return self.get(job_id)

    def finish(self, job_id: str, at: datetime) -> None:
        self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.id == job_id)
            .values(status="done", printed_at=at, last_error="")
            .execution_options(synchronize_session=False)
        )

    def fail(self, job_id: str, error: str) -> None:
        self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.id == job_id)
            .values(status="failed", last_error=error)
            .execution_options(synchronize_session=False)
        )

    def open_jobs(self) -> list[PrintJob]:
        rows = self.session.scalars(
            select(m.PrintJob)
            .where(m.PrintJob.status.in_(("pending", "printing", "failed")))
            .order_by(m.PrintJob.created_at, m.PrintJob.id)
        )
        return [_job(r) for r in rows]

    def recover_interrupted(self, error: str) -> int:
        """Jobs left 'printing' by a crash go back to the queue as failed."""
        result = self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.status == "printing")
            .values(status="failed", last_error=error)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def for_document(self, kind: str, document_ref: str) -> list[PrintJob]:
        rows = self.session.scalars(
            select(m.PrintJob)
            .where(m.PrintJob.kind == kind, m.PrintJob.document_ref == document_ref)
            .order_by(m.PrintJob.created_at, m.PrintJob.id)
        )
        return [_job(r) for r in rows]
