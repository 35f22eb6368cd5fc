"""Who is at the till: the log-in page, switching cashier, parking another cashier's sale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from pos.services.sale_session import LogoutBlock
from ui import format as fmt
from ui.till.messages import MessageLevel
from ui.till.ops import LoggedIn, TillOp

if TYPE_CHECKING:
    from pos.domain.auth import Actor
    from ui.login_page import LoginPage
    from ui.till.host import TillHost


class LoginFlow(QObject):
    """Nobody sells until a cashier logs in (when the store has users)."""

    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self._page: LoginPage | None = None  # built after the first frame
        self.locked = False

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

    def _park_for(self, owner: Actor) -> None:
        label = f"{owner.display_name} · {fmt.baht(self.w.cart.totals().total)}"

        def parked(_id: str) -> None:
            self.w.session.park_done()
            self.w.refocus()
            self.w.show_message(self.tr("{name}'s sale was parked: they can recall it with F6")
                                .format(name=owner.display_name), MessageLevel.INFO)

        TillOp("park", self.w.session.park_job(label)).success(parked).failure(
            self.w.carts.cart_op_failed).run(self.w.worker)

    def log_out(self) -> None:
        """Ctrl+F1: switch cashier. The cart stays on screen for the same cashier; another
        cashier's log-in parks it under its owner's name. Payments taken must be finished."""
        ctx = self.w.store.context
        if self.locked or ctx is None or ctx.auth is None:
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
        self.lock(who.username if who is not None else "")
        self.page.show_message(self.tr("{name} logged out").format(
            name=who.display_name if who is not None else ""))
