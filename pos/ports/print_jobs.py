"""The print queue's stored jobs, written before anything is sent (a fault never loses a print)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

JOB_KINDS = (
    "receipt", "tax_invoice", "test", "refund", "z_report", "x_report", "stock", "tea_ticket",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PrintJob:
    """A stored print job: written before anything is sent, so a fault never loses a print."""

    job_id: str
    created_at: datetime
    printer: str  # printer profile name
    kind: str  # receipt | tax_invoice | test | refund | z_report | x_report
    document_ref: str  # receipt number, tax invoice number, or "" for a test page
    copy: bool
    status: str  # pending | printing | done | failed
    attempts: int
    last_error: str
    printed_at: datetime | None

    @property
    def queued(self) -> bool:
        """Still to print: never tried, or tried and failed (a retry will print it)."""
        return self.status in ("pending", "failed")


class PrintJobRepository(Protocol):
    def add(
        self, printer: str, kind: str, document_ref: str, copy: bool, at: datetime
    ) -> PrintJob: ...
    def get(self, job_id: str) -> PrintJob | None: ...
    def claim(self, job_id: str, printer: str | None = None) -> PrintJob | None:
        """Mark a queued job as printing (optionally moving it to another printer).

        Atomic: of two retries of one job only one gets it; None if it is not queued.
        """
        ...

    def finish(self, job_id: str, at: datetime) -> None: ...
    def fail(self, job_id: str, error: str) -> None: ...
    def open_jobs(self) -> list[PrintJob]: ...
    def recover_interrupted(self, error: str) -> int: ...
    def for_document(self, kind: str, document_ref: str) -> list[PrintJob]: ...


UnitOfWorkT_contra = TypeVar("UnitOfWorkT_contra", contravariant=True)
DocumentT_contra = TypeVar("DocumentT_contra", contravariant=True)


class DocumentSink(Protocol[UnitOfWorkT_contra, DocumentT_contra]):
    """Where a committed document (a receipt, a refund slip, a Z report) goes: a print queue,
    or a preview window. pos.services.documents.commit_and_submit drives it."""

    def stage(self, uow: UnitOfWorkT_contra, document: DocumentT_contra, /) -> None:
        """Inside the document's own transaction: record what must be printed (a print job),
        so that a crash between the commit and the printer leaves a job to retry, never none."""
        ...

    def submit(self, document: DocumentT_contra, /) -> None:
        """After the commit: print (or show) the document."""
        ...
