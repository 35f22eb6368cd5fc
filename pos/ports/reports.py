"""End-of-day and consignment reports over the stored sales."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pos.ports.uow import Transaction

if TYPE_CHECKING:
    from pos.domain.eod import EodReport, ProducerLineGroup
    from pos.ports.returns import RefundRepository
    from pos.ports.tea import TeaRepository


class ReportRepository(Protocol):
    def eod(
        self,
        start: datetime,
        end: datetime,
        top: int = 10,
        terminal_ids: Sequence[str] | None = None,
    ) -> EodReport:
        """Completed sales sold in [start, end) on those counters (None: all), as aggregates."""
        ...

    def terminals(self) -> list[tuple[str, str, str, str]]:
        """Every counter in the database: (id, name, POS ID, receipt prefix)."""
        ...

    def sales_total(self, start: datetime, end: datetime) -> Decimal:
        """The total of completed sales sold in [start, end), all counters."""
        ...

    def sales_by_channel(self, start: datetime, end: datetime) -> dict[str, tuple[int, Decimal]]:
        """Completed sales sold in [start, end), all counters: (receipts, total) per channel."""
        ...

    def refunds_by_channel(
        self, start: datetime, end: datetime, terminal_ids: Sequence[str] | None = None
    ) -> dict[str, tuple[int, Decimal]]:
        """Refunds made in [start, end) at those counters (None: all): (refunds, amount) per
        channel of the sale refunded."""
        ...

    def producer_groups(self, start: datetime, end: datetime) -> list[ProducerLineGroup]: ...


class ReportUnitOfWork(Transaction, Protocol):
    @property
    def reports(self) -> ReportRepository: ...
    @property
    def refunds(self) -> RefundRepository: ...  # the report's voids and refunds
    @property
    def tea(self) -> TeaRepository: ...  # the tea corner's section
