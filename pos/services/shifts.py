"""Shifts: open with a float, paid-in/paid-out, X report any time, close with a counted drawer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from pos.domain.auth import Action, Actor
from pos.domain.cashup import (
    CashUp,
    ShiftError,
    ShiftReport,
    check_amount,
    counted_total,
    denomination_key,
)
from pos.ports.clock import Clock
from pos.ports.shifts import ShiftRecord, ShiftReportSink, ShiftUnitOfWork
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.auth import Auth
from pos.services.documents import commit_and_submit

_NO_SHIFT = ShiftError("No shift is open at this counter", "ยังไม่ได้เปิดกะที่เครื่องนี้")


class Shifts:
    """A counter's shifts; every step checks the actor's role through Auth."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[ShiftUnitOfWork],
        auth: Auth,
        terminal: TerminalInfo,
        clock: Clock,
        sink: ShiftReportSink | None = None,
    ) -> None:
        self.uow = uow
        self.auth = auth
        self.terminal = terminal
        self.clock = clock
        self.sink = sink  # the Z report's print job (None: the receipt printer is a preview)

    def current(self) -> ShiftRecord | None:
        with self.uow() as read:
            return read.shifts.current(self.terminal.terminal_id)

    def open(self, actor: Actor, opening_float: Decimal) -> ShiftRecord:
        self.auth.require(actor, Action.OPEN_SHIFT)
        amount = check_amount(opening_float, "The float", "เงินทอนตั้งต้น", zero_ok=True)
        with self.uow(write=True) as work:
            if work.shifts.current(self.terminal.terminal_id) is not None:
                raise ShiftError(
                    "A shift is already open at this counter: close it first",
                    "เครื่องนี้มีกะที่เปิดอยู่แล้ว ต้องปิดกะก่อน",
                )
            shift = work.shifts.open(
                self.terminal.terminal_id, actor.user_id, actor.display_name, amount,
                self.clock.now(),
            )  # fmt: skip
            work.commit()
        return shift

    def paid_in(self, actor: Actor, amount: Decimal, reason: str) -> None:
        self._move(actor, "paid_in", amount, reason)

    def paid_out(self, actor: Actor, amount: Decimal, reason: str) -> None:
        self._move(actor, "paid_out", amount, reason)

    def _move(self, actor: Actor, kind: str, amount: Decimal, reason: str) -> None:
        self.auth.require(actor, Action.CASH_IN_OUT)
        amount = check_amount(amount, "The amount", "จำนวนเงิน")
        if not reason.strip():
            raise ShiftError("Paid-in and paid-out need a reason", "การนำเงินเข้า/ออกต้องระบุเหตุผล")
        with self.uow(write=True) as work:
            shift = self._shift(work)
            work.shifts.add_cash_movement(
                shift.shift_id, kind, amount, reason.strip(), actor.user_id, actor.display_name,
                self.clock.now(),
            )  # fmt: skip
            work.commit()

    def x_report(self, actor: Actor) -> ShiftReport:
        """The open shift so far (nothing counted, nothing closed, no number taken)."""
        self.auth.require(actor, Action.X_REPORT)
        with self.uow() as read:
            shift = self._shift(read)
            return self._report(read, shift, "x", 0, None, "", {})

    def close(self, actor: Actor, counts: Mapping[Decimal, int]) -> ShiftReport:
        """Count the drawer and close the shift: the Z report, numbered and journalled, in one
        transaction; its print job is staged in that transaction too, then sent.

        The shift is closed even when the printer is off: the Z stays in the print queue."""
        self.auth.require(actor, Action.CLOSE_SHIFT)
        counts = {denomination_key(d): n for d, n in counts.items() if n}
        counted = counted_total(counts)
        with self.uow(write=True) as work:
            shift = self._shift(work)
            number = work.shifts.next_z_number(self.terminal.terminal_id)
            report = self._report(work, shift, "z", number, counted, actor.display_name, counts)
            last = work.shifts.last_sale_seq(self.terminal.terminal_id)
            report = work.shifts.close(shift, report, actor.user_id, last)
            commit_and_submit(work, self.sink, report, f"Z report {report.document_no}")
        return report

    def _shift(self, work: ShiftUnitOfWork) -> ShiftRecord:
        shift = work.shifts.current(self.terminal.terminal_id)
        if shift is None:
            raise _NO_SHIFT
        return shift

    def _report(
        self,
        work: ShiftUnitOfWork,
        shift: ShiftRecord,
        kind: str,
        number: int,
        counted: Decimal | None,
        closed_by: str,
        counts: Mapping[Decimal, int],
    ) -> ShiftReport:
        tid = self.terminal.terminal_id
        last = work.shifts.last_sale_seq(tid)
        sales = work.shifts.sales_totals(tid, shift.first_sale_seq, last)
        paid_in, paid_out = work.shifts.cash_movements(shift.shift_id)
        refunds = work.shifts.refunds(shift.shift_id)
        by_method = {method: amount for method, (_, amount) in sorted(refunds.items())}
        sales = replace(
            sales,
            refund_count=sum(n for n, _ in refunds.values()),
            refunded=sum(by_method.values(), Decimal("0.00")),
            refund_tenders=by_method,
        )
        cash_back = by_method.get("cash", Decimal("0.00"))
        return ShiftReport(
            kind=kind,
            number=number,
            terminal_id=tid,
            pos_id=self.terminal.pos_id,
            shift_id=shift.shift_id,
            opened_at=shift.opened_at,
            opened_by=shift.opened_by_name,
            closed_at=self.clock.now() if kind == "z" else None,
            closed_by=closed_by,
            sales=sales,
            cash=CashUp(shift.opening_float, sales.cash, paid_in, paid_out, counted, cash_back),
            counts=dict(counts),
        )
