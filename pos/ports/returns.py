"""Returns and refunds: the sale as it can still be returned, and the refunds stored."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pos.ports.print_jobs import DocumentSink
from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.refund import (
        ApprovalRow,
        RefundPlan,
        RefundReceipt,
        RefundRow,
        ReturnableSale,
    )
    from pos.ports.print_jobs import PrintJobRepository
    from pos.ports.shifts import ShiftRepository
    from pos.ports.terminals import TerminalInfo


@dataclass(frozen=True, slots=True)
class RefundRequest:
    """A checked refund, ready to store: the sale, the plan, who and why."""

    sale: ReturnableSale
    plan: RefundPlan
    method: str  # cash | promptpay
    reason: str
    cashier_id: str
    cashier_name: str
    approval_id: str | None
    approver_id: str | None
    approver_name: str
    shift_id: str | None
    at: datetime


class RefundRepository(Protocol):
    def returnable(self, receipt_no: str, *, lock: bool = False) -> ReturnableSale | None: ...
    def receipt(self, refund_no: str) -> RefundReceipt | None: ...
    def record(self, request: RefundRequest, terminal: TerminalInfo) -> RefundReceipt:
        """Store the refund with its stock moves, outbox row and journal link (caller commits)."""
        ...

    def shift_totals(self, shift_id: str) -> dict[str, tuple[int, Decimal]]: ...
    def between(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> list[RefundRow]: ...
    def approvals_between(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> list[ApprovalRow]: ...


class ReturnsUnitOfWork(Transaction, Protocol):
    @property
    def refunds(self) -> RefundRepository: ...
    @property
    def shifts(self) -> ShiftRepository: ...
    @property
    def print_jobs(self) -> PrintJobRepository: ...


# Runs inside a refund's write transaction after its rows are written, before commit (the tea
# corner's cancellation ticket, a booking's deposit refunded); a ShopError refuses the refund.
# The request's plan names the lines refunded (their `ref` and `kind`).
RefundHook = Callable[["ReturnsUnitOfWork", RefundRequest, "RefundReceipt"], None]


class RefundSink(DocumentSink["ReturnsUnitOfWork", "RefundReceipt"], Protocol):
    """Where refund slips go: staged in the refund's transaction, printed after commit."""
