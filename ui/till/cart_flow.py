"""Scans into the cart, and the whole cart: park (F5), recall (F6), cancel (F9), baskets (F7)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from pos.domain.errors import ShopError
from ui import format as fmt
from ui.till.messages import MessageLevel
from ui.till.ops import BasketChoices, TillOp
from ui.till.room_flow import is_slip_code

if TYPE_CHECKING:
    from pos.domain.basket import BasketTemplate, CustomBasket
    from pos.domain.cart import Cart, CartGroup
    from pos.domain.scan import ScanResult
    from pos.ports.sales import ParkedCart
    from ui.till.host import TillHost


log = logging.getLogger(__name__)


class CartFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        host.scan_field.returnPressed.connect(self._on_return)
        self._until_next_scan = ""  # a message that the next line in the cart takes away

    # --- scanning ----------------------------------------------------------------------
    def _on_return(self) -> None:
        text = self.w.scan_field.text()
        self.w.scan_field.clear()
        self.submit_scan(text)

    def submit_scan(self, text: str) -> None:
        """Look the code up in the worker; the line is added when the answer comes back."""
        w = self.w
        text = text.strip()
        if not text:
            return
        if w.lines.pending_qty is not None and "*" not in text:
            text = f"{w.lines.pending_qty}*{text}"
        if w.store.open_error:
            w.warn(w.store.open_error)
            return
        if w.locked:  # nobody is logged in: a scan reaches no cart (the store is open)
            QApplication.beep()
            w.login.page.show_message(self.tr("Log in first, then scan"))
            w.login.page.focus_field()
            return
        if is_slip_code(text):  # a room booking's slip: its payment, not a product
            w.room_keys.scanned_slip(text)
            return
        w.lines.set_pending_qty(None)
        w.payment.close_preview()  # the last sale's receipt never hides this one's lines
        w.session.scan_sent()
        w.store.start_opening()  # (if not yet) so that the store opens before this scan runs
        ctx = w.store.context
        if ctx is not None:
            checkout = ctx.checkout
            work: Callable[[], ScanResult] = lambda: checkout.lookup(text)  # noqa: E731
        else:  # queued behind the opening store, answered in order once it is open
            on_worker = w.store.context_on_worker
            work = lambda: on_worker().checkout.lookup(text)  # noqa: E731
        TillOp("lookup", work).success(self._on_scanned).failure(self._on_scan_failed).run(
            w.worker)

    def _on_scanned(self, scan: ScanResult) -> None:
        w = self.w
        try:  # a basket's barcode: the basket's own row
            row = w.model.row_of(w.session.add_scan(scan), basket=True)
        except ShopError as exc:
            w.fail(exc)
        else:
            w.model.flash(row)
            w.show_row(row)  # the next sale's first line: the last sale's change goes
            if scan.warning is not None:  # sold, but the cashier must know (a certificate)
                w.show_message(scan.warning.pick(w.language), MessageLevel.ERROR)
            elif (w.message_kind in (MessageLevel.ERROR.value, MessageLevel.OK.value)
                    or (self._until_next_scan and w.banner.text() == self._until_next_scan)):
                w.clear_message()
            self._until_next_scan = ""
            if scan.basket is None:
                self._look_up_stock(scan.product.product_id)
        w.session.scan_answered()

    def _look_up_stock(self, product_id: str) -> None:
        """The scanned product's stock figure, with what online orders hold, for the last
        line's panel (on the worker, after the line is in the cart)."""
        ctx = self.w.store.context
        if ctx is None or ctx.orders is None:
            return
        orders, panel = ctx.orders, self.w.last_line
        TillOp("stock", lambda: orders.stock_figures([product_id]).get(product_id)).success(
            lambda figure: panel.show_stock(product_id, figure)).failure(
            lambda exc: log.warning("no stock figure for %s: %s", product_id, exc)).run(
            self.w.worker)

    def _on_scan_failed(self, exc: Exception) -> None:
        self.w.fail(exc)
        self.w.session.scan_answered()

    def when_scans_done(self, then: Callable[[], None]) -> None:
        """Run `then` once every scan typed so far is in the cart (F12 right after a scan)."""
        if self.w.session.when_scans_done(then):
            self.w.show_message(self.tr("One moment: looking up the last scan…"),
                                MessageLevel.INFO)

    def cart_op_failed(self, exc: Exception) -> None:
        self.w.session.job_failed()
        self.w.fail(exc)

    # --- park / recall / cancel --------------------------------------------------------
    def park(self) -> None:
        self.when_scans_done(self._park)

    def _park(self) -> None:
        if not self.w.cart_free():
            return
        cart = self.w.cart
        if cart.is_empty:
            self.w.warn(self.tr("Nothing to park"))
            return
        actor = self.w.actor
        label = f"{'' if actor is None else actor.display_name} · {fmt.baht(cart.totals().total)}"
        TillOp("park", self.w.session.park_job(label)).success(self._on_parked).failure(
            self.cart_op_failed).run(self.w.worker)

    def _on_parked(self, _parked_id: str) -> None:
        self.w.session.park_done()
        self.w.refocus()
        self.w.show_message(self.tr("Sale parked. Press F6 to bring it back."), MessageLevel.OK)

    def recall(self) -> None:
        self.when_scans_done(self._recall_list)

    def _cart_empty(self) -> bool:
        if not self.w.cart.is_empty:
            self.w.warn(self.tr("Finish or park (F5) the current sale first"))
            return False
        return True

    def _recall_list(self) -> None:
        if not self.w.cart_free() or not self._cart_empty():
            return
        TillOp("parked", self.w.ctx.checkout.parked).success(self._show_parked).failure(
            self.w.fail).run(self.w.worker)

    def _show_parked(self, parked: list[ParkedCart]) -> None:
        from ui.dialogs import RecallDialog

        if not parked:
            self.w.show_message(self.tr("No parked sales"), MessageLevel.INFO)
            return
        dialog = RecallDialog(parked, self.w.window())
        dialog.recallChosen.connect(self._recall)
        self.w.open_dialog(dialog)

    def _recall(self, parked_id: str) -> None:
        if not self.w.cart_free() or not self._cart_empty():
            return
        TillOp("recall", self.w.session.recall_job(parked_id)).success(
            self._on_recalled).failure(self.cart_op_failed).run(self.w.worker)

    def _on_recalled(self, cart: Cart) -> None:
        self.w.payment.close_preview()
        self.w.session.recall_done(cart)
        self.w.show_row(self.w.model.rowCount() - 1)
        self.w.show_message(self.tr("Parked sale is back"), MessageLevel.OK)

    def cancel_sale(self) -> None:
        self.when_scans_done(self._confirm_cancel)

    def _confirm_cancel(self) -> None:
        from ui.dialogs import ConfirmDialog

        if not self.w.cart_free():
            return
        if self.w.cart.is_empty:
            self.w.show_message(self.tr("The cart is already empty"), MessageLevel.INFO)
            return
        text = self.tr("Take every line off this sale ({total})?").format(
            total=fmt.baht(self.w.cart.totals().total))
        if self.w.session.tenders:
            text += "\n" + self.tr("Payments were already taken: give them back to the customer.")
        dialog = ConfirmDialog("confirmCancel", self.tr("Cancel sale (F9)"), text,
                               self.tr("Yes, cancel (Enter)"), self.w.window())
        dialog.accepted.connect(self._cancel_asked)
        self.w.open_dialog(dialog)

    def _cancel_asked(self) -> None:
        """Yes: a cashier needs a manager's PIN to cancel a sale with lines in it (the
        approval goes to the audit log and the journal)."""
        need = self.w.session.cancel_approval()
        if need is not None:
            QTimer.singleShot(0, lambda: self.w.shift.ask_approval(
                need.action, need.ref, lambda _a: self._cancel_confirmed()))
            return
        self._cancel_confirmed()

    def _cancel_confirmed(self) -> None:
        self.w.session.new_sale()
        self.w.refocus()
        self._until_next_scan = self.tr("Sale cancelled")  # news until the next scan
        self.w.show_message(self._until_next_scan, MessageLevel.INFO)

    # --- gift baskets (F7) -------------------------------------------------------------
    def open_basket(self) -> None:
        self.when_scans_done(self._load_baskets)

    def _load_baskets(self) -> None:
        if not self.w.cart_free() or self.w.dialog_open:
            return
        baskets = self.w.ctx.baskets
        if baskets is None:
            self.w.warn(self.tr("Gift baskets are not set up on this till"))
            return
        TillOp("baskets", lambda: BasketChoices(baskets.choices(), baskets.packaging())).success(
            self._show_basket_dialog).failure(self.w.fail).run(self.w.worker)

    def _show_basket_dialog(self, choices: BasketChoices) -> None:
        from ui.basket_dialog import BasketDialog

        def run(fn: Callable[[], Any], ok: Callable[[Any], None],
                fail: Callable[[Exception], None]) -> None:
            TillOp("basket_lookup", fn).success(ok).failure(fail).run(self.w.worker)

        ctx = self.w.ctx
        dialog = BasketDialog(choices.templates, choices.packaging, ctx.checkout.lookup, run,
                              ctx.settings.allow_negative_stock, self.w.window())
        dialog.templateChosen.connect(self._add_template_basket)
        dialog.customBuilt.connect(self._add_custom_basket)
        self.w.open_dialog(dialog)
        dialog.scan_field.setFocus()

    def _add_template_basket(self, template: BasketTemplate, count: int, ready: bool) -> None:
        from pos.domain.basket import add_template

        self._add_basket(lambda cart: add_template(cart, template, count, ready=ready))

    def _add_custom_basket(self, basket: CustomBasket) -> None:
        from pos.domain.basket import add_custom

        self._add_basket(lambda cart: add_custom(cart, basket))

    def _add_basket(self, add: Callable[[Cart], CartGroup]) -> None:
        try:
            row = self.w.model.row_of(self.w.session.add_basket(add), basket=True)
        except ShopError as exc:
            self.w.fail(exc)
            return
        self.w.payment.close_preview()
        self.w.model.flash(row)
        self.w.show_row(row)
        self.w.show_message(self.tr("Basket added to the sale"), MessageLevel.OK)
