"""The unit of work: one session, one transaction, rollback unless committed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.audit_repository import SqlAuditRepository
from db.basket_repository import SqlBasketRepository
from db.catalog_repository import SqlCatalogRepository
from db.chat_repository import SqlChatRepository
from db.curation_repository import SqlCurationRepository
from db.errors import refusal
from db.journal_repository import SqlJournalRepository
from db.label_repository import SqlLabelRepository
from db.order_repository import SqlOrderRepository
from db.parking_repository import SqlParkingRepository
from db.print_job_repository import SqlPrintJobRepository
from db.producer_repository import SqlProducerRepository
from db.product_repository import SqlProductRepository
from db.refund_repository import SqlRefundRepository
from db.report_repository import SqlReportRepository
from db.room_repository import SqlRoomRepository
from db.sales_repository import SqlSalesRepository
from db.secret_repository import SqlSecretRepository
from db.shift_repository import SqlShiftRepository
from db.stock_repository import SqlStockRepository
from db.tax_invoice_repository import SqlTaxInvoiceRepository
from db.tea_repository import SqlTeaRepository
from db.terminal_repository import SqlTerminalRepository
from db.tracking_repository import SqlTrackingRepository
from db.user_repository import SqlUserRepository
from pos.domain.errors import StoreUnavailable

log = logging.getLogger(__name__)


class SqlUnitOfWork:
    def __init__(self, factory: sessionmaker[Session], *, write: bool, sqlite: bool) -> None:
        self._factory = factory
        self._write = write
        self._sqlite = sqlite

    def __enter__(self) -> Self:
        self._after_commit: list[Callable[[], None]] = []
        self.session = self._factory()
        if self._write and self._sqlite:
            # take SQLite's write lock at BEGIN: a read-then-write never fails half-way
            self.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        self.terminals = SqlTerminalRepository(self.session)
        self.catalog = SqlCatalogRepository(self.session)
        self.sales = SqlSalesRepository(self.session)
        self.parking = SqlParkingRepository(self.session)
        self.print_jobs = SqlPrintJobRepository(self.session)
        self.tax_invoices = SqlTaxInvoiceRepository(self.session)
        self.labels = SqlLabelRepository(self.session)
        self.baskets = SqlBasketRepository(self.session)
        self.journal = SqlJournalRepository(self.session)
        self.users = SqlUserRepository(self.session)
        self.shifts = SqlShiftRepository(self.session)
        self.reports = SqlReportRepository(self.session)
        self.refunds = SqlRefundRepository(self.session)
        self.audit = SqlAuditRepository(self.session)
        self.products = SqlProductRepository(self.session)
        self.producers = SqlProducerRepository(self.session)
        self.stock = SqlStockRepository(self.session)
        self.curation = SqlCurationRepository(self.session)
        self.orders = SqlOrderRepository(self.session)
        self.tea = SqlTeaRepository(self.session)
        self.rooms = SqlRoomRepository(self.session)
        self.chat = SqlChatRepository(self.session)
        self.tracking = SqlTrackingRepository(self.session)
        self.secrets = SqlSecretRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        refused = refusal(exc) if isinstance(exc, DBAPIError) else None
        if refused is not None:  # a constraint, a value too long: the row and field named
            log.warning("the database refused a write: %s", refused, exc_info=exc)
            raise refused from exc
        if isinstance(exc, OperationalError):
            raise StoreUnavailable(
                f"The database cannot be used: {exc.orig}",
                f"ใช้ฐานข้อมูลไม่ได้: {exc.orig}",
            ) from exc

    def after_commit(self, callback: Callable[[], None], /) -> None:
        """Run `callback` once this unit of work has committed (dropped on a rollback)."""
        self._after_commit.append(callback)

    def _run_after_commit(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # the commit stands: a callback's bug is logged, never raised
                log.exception("an after-commit callback failed")

    def commit(self) -> None:
        self._commit()
        self._run_after_commit()

    def _commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            refused = refusal(exc)
            if refused is not None:
                log.warning("the database refused a write: %s", refused, exc_info=exc)
                raise refused from exc
            if not isinstance(exc, OperationalError):
                raise
            raise StoreUnavailable(
                f"The sale could not be saved: {exc.orig}",
                f"บันทึกข้อมูลไม่สำเร็จ: {exc.orig}",
            ) from exc

    def rollback(self) -> None:
        self._after_commit = []
        self.session.rollback()


class SqlUnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._sqlite = engine.dialect.name == "sqlite"

    def __call__(self, *, write: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions, write=write, sqlite=self._sqlite)
