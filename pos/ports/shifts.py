"""Shifts, cash movements and Z reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pos.ports.auth import AuthUnitOfWork
from pos.ports.print_jobs import DocumentSink

if TYPE_CHECKING:
    from pos.domain.cashup import SalesTotals, ShiftReport
    from pos.ports.print_jobs import PrintJobRepository


@dataclass(frozen=True, slots=True)
class ShiftRecord:
    shift_id: str
    terminal_id: str
    opened_at: datetime
    opened_by: str  # user id
    opened_by_name: str
    opening_float: Decimal
    first_sale_seq: int  # the shift covers the terminal's sales from this number on


class ShiftRepository(Protocol):
    def current(self, terminal_id: str) -> ShiftRecord | None: ...
    def open(
        self, terminal_id: str, user_id: str, user_name: str, opening_float: Decimal, at: datetime
    ) -> ShiftRecord: ...
    def add_cash_movement(
        self, shift_id: str, kind: str, amount: Decimal, reason: str, user_id: str,
        user_name: str, at: datetime,
    ) -> None: ...  # fmt: skip
    def cash_movements(self, shift_id: str) -> tuple[Decimal, Decimal]:
        """(paid in, paid out) of the shift."""
        ...

    def last_sale_seq(self, terminal_id: str) -> int: ...
    def sales_totals(self, terminal_id: str, first_seq: int, last_seq: int) -> SalesTotals: ...
    def close(
        self, shift: ShiftRecord, report: ShiftReport, closed_by: str, last_sale_seq: int
    ) -> ShiftReport:
        """Store the report (numbered by next_z_number), close the shift and append the report
        to the journal, in the caller's transaction; returns the report as stored: with its
        document number and the journal's head after it."""
        ...

    def next_z_number(self, terminal_id: str) -> int:
        """Take the terminal's next Z number (gapless, in the caller's transaction)."""
        ...

    def refunds(self, shift_id: str) -> dict[str, tuple[int, Decimal]]:
        """The shift's refunds by method: (count, amount refunded)."""
        ...

    def z_report(self, number: str) -> ShiftReport | None:
        """A stored Z report by its number (e.g. Z-KK01-000001), as it was closed."""
        ...


class ShiftUnitOfWork(AuthUnitOfWork, Protocol):
    @property
    def shifts(self) -> ShiftRepository: ...
    @property
    def print_jobs(self) -> PrintJobRepository: ...  # the Z report's print job


class ShiftReportSink(DocumentSink["ShiftUnitOfWork", "ShiftReport"], Protocol):
    """Where Z reports go: staged in the closing transaction, printed after commit."""
