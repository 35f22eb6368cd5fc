"""The tea corner at the till: the menu pad (Shift+F6) puts drinks in the cart; the tea
counter's orders window from the menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from pos.domain.errors import ShopError
from ui.till.messages import MessageLevel
from ui.till.ops import TillOp

if TYPE_CHECKING:
    from pos.domain.cart import CartLine
    from pos.domain.tea import MenuItem
    from ui.tea.orders_window import TeaOrdersWindow
    from ui.till.host import TillHost
    from ui.till.tea_pad import TeaPad


class TeaFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self.pad: TeaPad | None = None
        self.orders_window: TeaOrdersWindow | None = None

    def open_tea_pad(self) -> None:
        self.w.carts.when_scans_done(self._load_menu)

    def _load_menu(self) -> None:
        if not self.w.cart_free() or self.w.dialog_open:
            return
        tea = self.w.ctx.tea
        if tea is None:
            self.w.warn(self.tr("The tea corner is not set up on this till"))
            return
        TillOp("tea_menu", tea.menu).success(self._show_pad).failure(self.w.fail).run(self.w.worker)

    def _show_pad(self, menu: list[MenuItem]) -> None:
        from ui.till.tea_pad import TeaPad

        if self.w.dialog_open:
            return
        if not any(item.active for item in menu):
            self.w.warn(self.tr("The tea menu is empty: set it up in the back office"))
            return
        pad = TeaPad(menu, self.w.language, self.w.window())
        pad.lineChosen.connect(self._add_line)
        pad.finished.connect(lambda _r: self._pad_closed(pad))
        self.pad = pad
        self.w.open_dialog(pad)
        pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def _pad_closed(self, pad: TeaPad) -> None:
        if self.pad is pad:
            self.pad = None

    def _add_line(self, line: CartLine) -> None:
        if not self.w.cart_free():
            return
        try:
            index = self.w.session.add_line(line)
        except ShopError as exc:
            self.w.fail(exc)
            return
        self.w.payment.close_preview()
        row = self.w.model.row_of(index)
        self.w.model.flash(row)
        self.w.show_row(row)
        self.w.show_message(self.tr("Drink added to the sale"), MessageLevel.OK)

    # --- the tea counter's orders -------------------------------------------------------
    def tea_orders(self) -> None:
        """The orders window beside the till (the tea counter marks them ready there)."""
        ctx = self.w.store.context
        if ctx is None:
            return
        if ctx.tea is None:
            self.w.warn(self.tr("The tea corner is not set up on this till"))
            return
        from ui.tea.orders_window import TeaOrdersWindow

        window = self.orders_window
        if window is None:
            window = TeaOrdersWindow(
                ctx.tea, lambda: self.w.actor, self.w.language, self.w.window()
            )
            self.orders_window = window
        window.show()
        window.raise_()
        window.activateWindow()

    def close(self) -> None:
        """The till is closing: the orders window's polling and worker stop with it."""
        if self.orders_window is not None:
            self.orders_window.shutdown()
            self.orders_window.close()
