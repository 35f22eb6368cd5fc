"""Who is at the till: the log-in page, switching cashier, parking a sale under its owner
(another cashier's, the one logging out, and the one on the till when it closes)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from pos.services.sale_session import LogoutBlock
from ui import format as fmt
from ui.till.messages import MessageLevel
from ui.till.ops import LoggedIn, TillOp

if TYPE_CHECKING:
    from pos.domain.auth import Actor
    from ui.login_page import LoginPage
    from ui.till.host import TillHost
    from ui.worker import Worker

log = logging.getLogger(__name__)

# how long closing the till waits for the worker's ops (a scan, a sale being saved, the park)
CLOSE_WAIT_S = 10.0


def settle(worker: Worker, timeout_s: float) -> bool:
    """Wait until every op queued on `worker` has delivered its outcome (no user input is
    taken meanwhile); False if some had not within `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while worker.pending and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
        if worker.pending:
            time.sleep(0.005)
    return not worker.pending


class LoginFlow(QObject):
    """Nobody sells until a cashier logs in (when the store has users)."""

    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self._page: LoginPage | None = None  # built after the first frame
        self.locked = False
        self._close_refused = False  # a close could not park the cart: the next may discard

    @property
    def page(self) -> LoginPage:
        """The log-in page, built when first needed (after the first frame, not for it)."""
        page = self._page
        return page if page is not None else self.build_page()

    def build_page(self) -> LoginPage:
        if self._page is not None:
            return self._page
        from ui.login_page import LoginPage

        page = LoginPage()
        page.submitted.connect(self._log_in)
        self.w.pages.addWidget(page)
        self._page = page
        return page

    def retranslate(self) -> None:
        if self._page is not None:
            self._page.retranslateUi()

    def lock(self, username: str = "") -> None:
        """Show the log-in page (when the store has users); the cart stays as it is."""
        ctx = self.w.store.context
        if ctx is None or ctx.auth is None:
            return
        self.locked = True
        # what was typed in the scan field (while the till started, or a code half typed by
        # the cashier who leaves) is not the next cashier's scan
        self.w.scan_field.clear()
        self.w.session.log_out()
        self.w.action_set.enable(False, keep=("language",))
        self.w.pages.setCurrentWidget(self.page)
        self.page.reset(username)
        self.w.update_status()
        self.page.focus_field()

    def log_in(self, username: str, pin: str) -> None:
        """What typing a user name and PIN on the log-in page does."""
        self.page.user_field.setText(username)
        self.page.pin_field.setText(pin)
        self.page.submit()

    def _log_in(self, username: str, pin: str) -> None:
        ctx = self.w.ctx
        auth, shifts = ctx.auth, ctx.shifts
        assert auth is not None

        def work() -> LoggedIn:
            from pos.domain.auth import Action, PermissionDenied

            actor = auth.login(username, pin)
            if not actor.may(Action.SELL):
                raise PermissionDenied(
                    f"{actor.display_name} ({actor.role.value}) may not sell: the till is for "
                    "cashiers and managers",
                    f"{actor.display_name} ไม่มีสิทธิ์ขายสินค้า เครื่องขายใช้ได้เฉพาะแคชเชียร์และผู้จัดการ",
                )
            return LoggedIn(actor, None if shifts is None else shifts.current() is not None)

        TillOp("login", work).success(self._on_logged_in).failure(self._on_failed).run(
            self.w.worker)

    def _on_failed(self, exc: Exception) -> None:
        from pos.services.auth import PinChangeRequired

        if isinstance(exc, PinChangeRequired):  # an admin reset the PIN: a new one first
            from ui.backoffice.new_pin_dialog import NewPinDialog

            auth = self.w.ctx.auth
            assert auth is not None
            dialog = NewPinDialog(auth, exc, self.w.window(), self.w.worker)

            def closed(_result: int) -> None:
                self.w.window().activateWindow()
                self.page.failed(dialog.outcome)  # its message; the PIN field for the new PIN

            dialog.finished.connect(closed)
            dialog.open()
            return
        QApplication.beep()
        self.page.failed(self.w.error_text(exc))

    def _on_logged_in(self, outcome: LoggedIn) -> None:
        actor = outcome.actor
        self.locked = False
        self.w.action_set.enable(True)
        self.w.pages.setCurrentWidget(self.w.till_page)
        self.page.reset()
        previous = self.w.session.log_in(actor, outcome.shift_open)
        if previous is not None:
            # another cashier's sale is never lost, and never sold under this cashier's name:
            # it is parked with its cashier's name, for them to recall (F6)
            self._park_for(previous)
        else:
            self.w.show_message(self.tr("Hello {name}").format(name=actor.display_name),
                                MessageLevel.OK)
        self.w.update_status()
        self.w.refocus()
        if outcome.shift_open is False:
            self.w.shift.open_shift()

    def _park_for(self, owner: Actor, *,
                  failed: Callable[[Exception], None] | None = None) -> None:
        """Park the cart under `owner`'s name (for them to recall with F6)."""
        label = f"{owner.display_name} · {fmt.baht(self.w.cart.totals().total)}"
        text = self.tr("{name}'s sale was parked: they can recall it with F6").format(
            name=owner.display_name)

        def parked(_id: str) -> None:
            self.w.session.park_done()
            if self.locked:
                self.page.show_message(text, "info")
            else:
                self.w.refocus()
                self.w.show_message(text, MessageLevel.INFO)

        def park_failed(exc: Exception) -> None:
            self.w.carts.cart_op_failed(exc)  # the cart stays as it is, for its owner
            if self.locked:
                self.page.show_message(self.w.error_text(exc))
            if failed is not None:
                failed(exc)

        TillOp("park", self.w.session.park_job(label, owner)).success(parked).failure(
            park_failed).run(self.w.worker)

    def keep_cart(self) -> bool:
        """Before the till closes (its close button, Alt+F4, SIGTERM, the desktop session
        ending): every op's outcome is in, and a cart with lines is parked under its owner,
        the park committed. False, with the cashier told why, when it could not be: the
        window then stays open with the cart, so that nothing is lost."""
        w = self.w
        if not settle(w.worker, CLOSE_WAIT_S) and (w.session.busy is not None
                                                   or w.session.pending_scans):
            # a scan, a park, a recall or a sale still on its way to the cart
            self._tell(self.tr("The till is still saving: close it again in a moment"))
            return False
        owner = w.session.owner or w.session.actor
        if w.cart.is_empty or w.store.context is None or owner is None:
            return True
        if w.payment.dialog is not None:
            w.payment.dialog.reject()  # as Esc: the payments taken stay with the sale
        if w.session.tenders:  # a parked cart does not keep them: the money would be lost
            self._tell(self.tr("Payments were taken for this sale: finish it (F12) before "
                               "closing the till"))
            return False
        refused: list[Exception] = []
        self._park_for(owner, failed=refused.append)
        if not settle(w.worker, CLOSE_WAIT_S):
            self._tell(self.tr("The sale is still being parked: close the till again in a "
                               "moment"))
            return False
        if refused:
            reason = w.error_text(refused[0])
            if self._close_refused:  # the second close: discarding is offered, like F9
                self._offer_discard(reason)
            else:
                self._close_refused = True
                self._tell(self.tr("The sale could not be parked ({reason}). The till stays "
                                   "open so that the sale is not lost: finish it (F12), or fix "
                                   "the database and close again (closing again offers to "
                                   "discard the sale, with a manager's approval).").format(
                    reason=reason))
            return False
        self._close_refused = False
        return True

    def _tell(self, text: str) -> None:
        """Why the till does not close: on the log-in page while it is up, else the banner."""
        if self.locked:
            QApplication.beep()
            self.page.show_message(text)
        else:
            self.w.warn(text)

    def _offer_discard(self, reason: str) -> None:
        """The park failed again: the sale may be discarded as F9 cancels one (a cashier's
        discard needs a manager's PIN, written to the approvals audit and the journal)."""
        from ui.dialogs import ConfirmDialog

        w = self.w
        if w.dialog_open:
            return
        if self.locked or w.session.actor is None:
            self.page.show_message(self.tr("The sale could not be parked ({reason}): log in "
                                           "to finish or discard it").format(reason=reason))
            return
        text = self.tr("The sale ({total}) could not be parked: {reason}.\nDiscard it and "
                       "close the till?").format(total=fmt.baht(w.cart.totals().total),
                                                 reason=reason)
        dialog = ConfirmDialog("confirmDiscardOnClose", self.tr("Close the till"), text,
                               self.tr("Yes, discard the sale and close (Enter)"), w.window())
        dialog.accepted.connect(self._discard_asked)
        w.open_dialog(dialog)

    def _discard_asked(self) -> None:
        need = self.w.session.cancel_approval()
        if need is None:  # a manager at the till
            self._discard_and_close()
            return
        closing = self.tr("closing the till")
        ref = f"{need.ref} · {closing}"
        QTimer.singleShot(0, lambda: self.w.shift.ask_approval(
            need.action, ref, lambda _a: self._discard_and_close()))

    def _discard_and_close(self) -> None:
        cart = self.w.cart
        log.warning("closing the till: sale %s (%d lines, %s) discarded, it could not be "
                    "parked", cart.cart_id, len(cart), cart.totals().total)
        self.w.session.new_sale()
        QTimer.singleShot(0, self.w.window().close)

    def log_out(self) -> None:
        """Ctrl+F1: switch cashier. A sale in the cart is parked under its owner's name, for
        them to recall (F6) after logging in again. Payments taken must be finished."""
        ctx = self.w.store.context
        if self.locked or ctx is None or ctx.auth is None:
            return
        self.w.carts.when_scans_done(self._log_out)

    def _log_out(self) -> None:
        if self.locked:
            return
        block = self.w.session.logout_block()
        if block is LogoutBlock.BUSY or self.w.payment.dialog is not None:
            self.w.show_message(self.tr("One moment: the sale is being saved…"),
                                MessageLevel.INFO)
            return
        if block is LogoutBlock.PAYMENTS_TAKEN:
            self.w.warn(self.tr("Payments were taken for this sale: finish it (F12) before "
                                "logging out"))
            return
        who = self.w.session.actor
        owner = self.w.session.owner or who
        self.lock(who.username if who is not None else "")
        self.page.show_message(self.tr("{name} logged out").format(
            name=who.display_name if who is not None else ""), "info")
        if owner is not None and not self.w.cart.is_empty:
            self._park_for(owner)
