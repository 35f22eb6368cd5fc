"""What the orders page's panels share: the services, the page they work for, small helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.shop_time import BANGKOK
from pos.ports.orders import OrderView, PackProgress
from ui import i18n, style

if TYPE_CHECKING:
    from pos.services.order_desk import OrderDesk
    from pos.services.printing import TaxInvoices
    from pos.services.shipping import ShippingDesk

T = TypeVar("T")


class OrdersServices(Protocol):
    """What the page needs of pos.app's Services."""

    @property
    def order_desk(self) -> OrderDesk: ...
    @property
    def shipping(self) -> ShippingDesk: ...
    @property
    def tax_invoices(self) -> TaxInvoices | None: ...  # None: the shop is not VAT-registered


class OrderHost(Protocol):
    """The page a panel works for: the open order, the worker and the message line."""

    desk: OrderDesk
    shipping: ShippingDesk
    actor: Actor
    order: OrderView | None
    progress: PackProgress | None
    ask_path: Callable[[str, str], str]

    def run(
        self,
        fn: Callable[[], T],
        ok: Callable[[T], None],
        fail: Callable[[Exception], None] | None = None,
    ) -> None: ...
    def say(self, text: str) -> None: ...
    def refresh(self) -> None: ...
    def failed(self, exc: Exception) -> None: ...
    def done(self, text: str) -> Callable[[object], None]: ...
    def pickable(self) -> list[str]: ...
    def show_lines(self) -> None: ...
    def enable(self, order: OrderView | None) -> None: ...


def lang() -> str:
    return i18n.current_language()


def message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(lang())
    return repr(exc)


def when(at: datetime) -> str:
    return at.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")


def table(name: str, columns: int) -> QTableWidget:
    widget = style.named(QTableWidget(0, columns), name)
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.verticalHeader().hide()
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return widget
