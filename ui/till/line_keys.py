"""The keys that change the cart's lines: select, remove, +/−, quantity, discount, price."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from pos.domain.cart import SoldBy
from pos.domain.errors import ShopError
from ui import format as fmt
from ui.till.messages import MessageLevel

if TYPE_CHECKING:
    from pos.domain.cart import Discount
    from ui.till.host import TillHost


class LineKeys(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host
        self.pending_qty: int | None = None  # F3 typed first: the next scan's quantity
        f = host.scan_field
        f.navigate.connect(self.move_selection)
        f.removeLine.connect(self.remove_line)
        f.stepQuantity.connect(self.step_quantity)
        f.escaped.connect(lambda: self.set_pending_qty(None))

    def set_pending_qty(self, qty: int | None) -> None:
        self.pending_qty = qty
        self.w.scan_row.show_quantity(qty)

    def _name(self, row: int) -> str:
        p = self.w.model.line(row).product
        return p.name.pick(self.w.language)

    def move_selection(self, step: int) -> None:
        n = self.w.model.rowCount()
        if not n:
            return
        row = self.w.selected_row()
        self.w.show_row(n - 1 if row < 0 else max(0, min(n - 1, row + step)))

    def _line_to_change(self) -> int:
        """The selected row, once the cart can change (-1: it cannot, or none is selected)."""
        if not self.w.cart_free():
            return -1
        row = self.w.selected_row()
        if row < 0:
            self.w.warn(self.tr("Select a line first (↑ / ↓)"))
        return row

    def remove_line(self) -> None:
        row = self._line_to_change()
        if row < 0:
            return
        need = self.w.session.removal_approval(self.w.model.line_index(row))
        if need is not None:
            # once payment has started, a line comes off only with a manager's PIN (the
            # approval is written to the audit log and the journal)
            line_id = self.w.model.line(row).line_id
            self.w.shift.ask_approval(need.action, need.ref,
                                      lambda _a: self._remove_approved(line_id))
            return
        self._remove_row(row)

    def _remove_approved(self, line_id: str) -> None:
        try:
            row = self.w.model.row_of(self.w.cart.index_of(line_id))
        except ShopError:
            return
        self._remove_row(row)

    def _remove_row(self, row: int) -> None:
        line, group = self.w.session.remove_line(self.w.model.line(row).line_id)
        named = line.product.name if group is None else group.name  # a basket goes whole
        name = named.pick(self.w.language)
        self.w.show_message(self.tr("Removed: {product}").format(product=name),
                            MessageLevel.INFO)
        n = self.w.model.rowCount()
        if n:
            self.w.show_row(min(row, n - 1))
        else:
            self.w.show_line(-1)
        self.w.refocus()

    def one_more(self) -> None:
        self.step_quantity(1)

    def one_less(self) -> None:
        self.step_quantity(-1)

    def step_quantity(self, delta: int) -> None:
        row = self._line_to_change()
        if row < 0:
            return
        line = self.w.model.line(row)
        if line.product.sold_by is SoldBy.WEIGHT:
            self.w.warn(self.tr("Weighed items: scan a new scale label or use F3"))
            return
        new = line.quantity + delta
        if new <= 0:
            self.w.warn(self.tr("To take the line off, press Delete (F8)"))
            return
        try:
            self._set_quantity(row, new)
        except ShopError as exc:
            self.w.fail(exc)

    def _set_quantity(self, row: int, quantity: Decimal) -> None:
        self.w.session.set_quantity(self.w.model.line(row).line_id, quantity)
        self.w.show_row(row)

    def quantity_key(self) -> None:
        """F3: a number typed first is the next scan's quantity; otherwise edit the line."""
        from ui.dialogs import QuantityDialog

        field = self.w.scan_field
        typed = field.text().strip()
        max_q = self.w.settings.max_quantity
        if typed:
            field.clear()
            if typed.isdigit() and typed.isascii() and len(typed) < 10 and 1 <= int(typed) <= max_q:
                self.set_pending_qty(int(typed))
                self.w.show_message(self.tr("Quantity {qty}: now scan the product").format(
                    qty=int(typed)), MessageLevel.INFO)
            else:
                self.w.warn(self.tr("Quantity must be a whole number from 1 to {max}").format(
                    max=max_q))
            return
        if not self.w.cart_free():
            return
        row = self.w.selected_row()
        if row >= 0:
            line = self.w.model.line(row)
            self.w.open_dialog(QuantityDialog(
                self._name(row), fmt.line_quantity(line).replace(",", ""),
                lambda q: self._set_quantity(row, q), self.w.window(), line.product.sold_by))
            return

        def apply_next(q: Decimal) -> None:
            if q != q.to_integral_value() or not 1 <= q <= max_q:
                raise ShopError(
                    f"Quantity must be a whole number from 1 to {max_q}",
                    f"จำนวนต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {max_q}",
                )
            self.set_pending_qty(int(q))

        self.w.open_dialog(QuantityDialog(None, "1", apply_next, self.w.window()))

    def discount(self) -> None:
        from ui.dialogs import DiscountDialog

        if not self.w.cart_free():
            return
        if self.w.cart.is_empty:
            self.w.warn(self.tr("Scan the products first"))
            return
        row = self.w.selected_row()
        session = self.w.session

        def apply(target: int, discount: Discount | None) -> None:
            if target == DiscountDialog.LINE:
                if row < 0:
                    raise ShopError("Select a line first", "กรุณาเลือกรายการก่อน")
                session.set_line_discount(self.w.model.line(row).line_id, discount)
            else:
                session.set_sale_discount(discount)
            if row >= 0:
                self.w.show_line(row)

        name = self._name(row) if row >= 0 else None
        self.w.open_dialog(DiscountDialog(name, apply, self.w.window()))

    def price_override(self) -> None:
        """Shift+F4: a new unit price for the selected line; a manager approves it at payment
        (the checkout refuses a price override without that approval)."""
        from ui.dialogs import PriceDialog

        row = self._line_to_change()
        if row < 0:
            return
        line = self.w.model.line(row)

        def apply(price: Decimal) -> None:
            self.w.session.set_unit_price(line.line_id, price)
            self.w.show_row(row)

        self.w.open_dialog(PriceDialog(self._name(row), line.unit_price, line.product.unit_price,
                                       apply, self.w.window()))
