"""What the stock page's tabs share: the services, the page they work for, small helpers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Protocol, TypeVar

from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QWidget,
)

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.ports.stock import StockDocumentRecord
from pos.services.auth import Auth
from pos.services.baskets import Baskets
from pos.services.curation import Curation
from pos.services.stock import StockDesk
from ui import i18n, style
from ui.shift_dialogs import ApprovalDialog
from ui.worker import Worker

T = TypeVar("T")


class StockServices(Protocol):
    """What the page needs of pos.app's Services."""

    @property
    def stock_desk(self) -> StockDesk: ...
    @property
    def auth(self) -> Auth: ...
    @property
    def baskets(self) -> Baskets: ...
    @property
    def curation(self) -> Curation: ...


def message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(i18n.current_language())
    return repr(exc)


def plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def table(name: str, columns: int) -> QTableWidget:
    table = style.named(QTableWidget(0, columns), name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class StockHost(QWidget):
    """The stock page as its tabs see it (stock_page.StockPage): the services, the desk, the
    actor, the documents posted, and its worker."""

    services: StockServices
    desk: StockDesk
    actor: Actor
    worker: Worker
    documents: list[StockDocumentRecord]
    approval_dialog: ApprovalDialog | None
    ask_path: Callable[[str], str]

    def run(self, fn: Callable[[], T], ok: Callable[[T], None],
            fail: Callable[[Exception], None]) -> None:  # fmt: skip
        if not self.worker.closed:
            self.worker.run(fn, ok, fail, name="stock")

    def run_dialog(self, fn: Callable[[], T], ok: Callable[[T], None],
                   fail: Callable[[Exception], None], /) -> None:  # fmt: skip
        self.run(fn, ok, fail)
