"""Returns and refunds: find a sale by its receipt, refund some or all of it, print the slip.

A refund is one transaction: the refund and its lines, the returned goods back in stock, the
outbox row for the central database, the journal link and the refund slip's print job. The
role rule (a cashier needs a manager's one-time approval) is checked here, not in the UI.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from pos.domain.auth import Action, Actor
from pos.domain.refund import (
    RefundError,
    RefundReceipt,
    ReturnableSale,
    check_method,
    check_reason,
    plan_refund,
)
from pos.domain.settings import Settings
from pos.ports.clock import Clock
from pos.ports.returns import RefundHook, RefundRequest, RefundSink, ReturnsUnitOfWork
from pos.ports.terminals import TerminalInfo
from pos.ports.uow import UnitOfWorkFactory
from pos.services.auth import Approval, Auth
from pos.services.documents import commit_and_submit

if TYPE_CHECKING:
    from pos.services.printing import PrintQueue


def receipt_text(text: str) -> str:
    """A receipt number as typed or as the receipt's Code 128 barcode scans (same text)."""
    return "".join(text.split()).upper()


def _unknown(text: str) -> RefundError:
    return RefundError(
        f"No sale has the receipt number {text!r}", f"ไม่พบการขายตามใบเสร็จเลขที่ {text!r}"
    )


class Returns:
    """Refunds at one counter; every refund checks the actor's role through Auth."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[ReturnsUnitOfWork],
        auth: Auth,
        settings: Settings,
        terminal: TerminalInfo,
        clock: Clock,
        sink: RefundSink | None = None,
        hooks: Sequence[RefundHook] = (),
    ) -> None:
        self.uow = uow
        self.hooks: list[RefundHook] = list(hooks)  # run inside each refund's transaction
        self.auth = auth
        self.settings = settings
        self.terminal = terminal
        self.clock = clock
        self.sink = sink

    def add_hook(self, hook: RefundHook) -> None:
        """Run `hook` inside every refund's transaction (pos.ports.returns.RefundHook)."""
        self.hooks.append(hook)

    def find(self, text: str) -> ReturnableSale:
        """The sale of a receipt number or a scanned receipt barcode, with what is returnable."""
        number = receipt_text(text)
        if not number:
            raise RefundError("Scan or type the receipt number", "สแกนหรือพิมพ์เลขที่ใบเสร็จ")
        with self.uow() as read:
            sale = read.refunds.returnable(number)
        if sale is None:
            raise _unknown(number)
        return sale

    def refund(
        self,
        actor: Actor,
        receipt_no: str,
        quantities: Mapping[int, Decimal],
        method: str,
        reason: str,
        approval: Approval | None = None,
        amounts: Mapping[int, Decimal] | None = None,
    ) -> RefundReceipt:
        """Refund `quantities` (line no -> quantity) and `amounts` (line no -> baht: a
        service line of one, such as a booking's deposit a hook allows part of) of a sale;
        both empty: all still returnable.

        Committed before anything prints; a printer fault leaves the slip in the print queue.
        """
        check_method(method)
        why = check_reason(reason)
        number = receipt_text(receipt_no)
        with self.uow(write=True) as work:
            sale = work.refunds.returnable(number, lock=True)
            if sale is None:
                raise _unknown(number)
            sale.check_refundable()
            plan = plan_refund(sale, quantities, amounts)
            shift = work.shifts.current(self.terminal.terminal_id)
            if method == "cash" and shift is None:
                raise RefundError(
                    "A cash refund comes out of the drawer: open a shift first",
                    "การคืนเงินสดต้องจ่ายจากลิ้นชัก กรุณาเปิดกะก่อน",
                )
            # the role check spends a one-time approval: only once the refund is valid
            self.auth.authorize(actor, Action.REFUND, approval)
            approved = approval is not None and not actor.may(Action.REFUND)
            request = RefundRequest(
                sale=sale,
                plan=plan,
                method=method,
                reason=why,
                cashier_id=actor.user_id,
                cashier_name=actor.display_name,
                approval_id=approval.approval_id if approved and approval else None,
                approver_id=approval.approved_by if approved and approval else None,
                approver_name=approval.approved_name if approved and approval else "",
                shift_id=shift.shift_id if shift is not None else None,
                at=self.clock.now(),
            )
            refund = work.refunds.record(request, self.terminal)
            for hook in self.hooks:  # after the refund's rows, before the commit
                hook(work, request, refund)
            commit_and_submit(work, self.sink, refund, f"refund {refund.refund_no}")
        return refund

    def reprint(self, refund_no: str) -> RefundReceipt:
        with self.uow() as read:
            refund = read.refunds.receipt(receipt_text(refund_no))
        if refund is None:
            raise RefundError(f"No refund {refund_no}", f"ไม่พบใบคืนสินค้าเลขที่ {refund_no}")
        return refund


class RefundSlips:
    """The refund slip's print job, staged in the refund's transaction, sent by the queue.

    The print queue prints it (and keeps it for a retry when the printer is down, as with a
    receipt); a cash refund's slip opens the drawer.
    """

    def __init__(self, queue: PrintQueue) -> None:
        self.queue = queue
        self._staged: dict[str, str] = {}  # refund id -> its slip's job
        self._lock = threading.Lock()

    def stage(self, uow: ReturnsUnitOfWork, refund: RefundReceipt) -> None:
        job = uow.print_jobs.add(
            self.queue.receipt_printer, "refund", refund.refund_no, refund.copy,
            self.queue.clock.now(),
        )  # fmt: skip
        with self._lock:
            self._staged[refund.refund_id] = job.job_id

    def submit(self, refund: RefundReceipt) -> None:
        with self._lock:
            job_id = self._staged.pop(refund.refund_id, None)
        if job_id is None:
            job_id = self.queue.enqueue("refund", refund.refund_no, copy=refund.copy).job_id
        self.queue.send(job_id)
