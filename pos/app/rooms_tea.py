"""The composition root's tea corner and co-working room: the tea menu, its tickets and
recipes' stock, the room's bookings (in the central database on a counter of one) and their
slips (a part of `pos.app.bootstrap.Services`, which mixes it in)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos.app.store import Store
    from pos.domain.settings import Settings
    from pos.ports.clock import Clock
    from pos.services.orders import Orders
    from pos.services.printing import PrintQueue
    from pos.services.rooms import Rooms
    from pos.services.tea import TeaCorner
    from pos.services.tea_menu import TeaMenu
    from pos.services.tea_recipes import RecipeStock
    from printing.booking_slip import BookingSlips


class RoomsAndTea:
    """What the tea corner and the room need of the other services is declared here;
    `Services` provides it."""

    if TYPE_CHECKING:
        store: Store

        @property
        def settings(self) -> Settings: ...
        @property
        def clock(self) -> Clock: ...
        @property
        def orders(self) -> Orders: ...
        @property
        def print_queue(self) -> PrintQueue | None: ...

    @cached_property
    def tea(self) -> TeaCorner:
        """The tea corner: the menu pad's drinks, order numbers, tickets on the tea printer
        (settings `tea_printer`) through the print queue, the orders window's states."""
        from pos.services.tea import TeaCorner
        from printing.tea_ticket import EscPosTeaTickets

        store = self.store
        return TeaCorner(store.uow, self.settings, self.clock, self.print_queue, EscPosTeaTickets())

    @cached_property
    def tea_menu(self) -> TeaMenu:
        """The back office's tea menu: items, options, prices and recipes."""
        from pos.services.tea_menu import TeaMenu

        return TeaMenu(self.store.uow, self.clock)

    @cached_property
    def tea_stock(self) -> RecipeStock:
        """The back office's tea page: the stock items its recipes name, by SKU."""
        from pos.services.tea_recipes import RecipeStock

        return RecipeStock(self.store.uow)

    @cached_property
    def rooms(self) -> Rooms:
        """The co-working room: bookings in the central database when the store is a counter
        of one (nothing connects until a call), else in the store itself."""
        from pos.services.rooms import Rooms

        store = self.store
        tid = store.terminal.terminal_id
        if not (self.settings.central_url and store.engine.dialect.name == "sqlite"):
            return Rooms(store.uow, self.clock, terminal_id=tid, till=store.uow, orders=self.orders)
        from db.engine import make_engine
        from db.sync import as_counter_login, central_connect_args
        from db.uow import SqlUnitOfWorkFactory

        url = as_counter_login(store.engine, self.settings.central_url)
        timeout = self.settings.sync_round_timeout_s
        central = make_engine(url, connect_args=central_connect_args(timeout))
        return Rooms(
            SqlUnitOfWorkFactory(central), self.clock, central=True, terminal_id=tid,
            till=store.uow, orders=self.orders,
        )  # fmt: skip

    @cached_property
    def booking_slips(self) -> BookingSlips:
        """The room booking's confirmation slip: the receipt printer (ESC/POS) or a PDF."""
        from printing.booking_slip import BookingSlips

        return BookingSlips(self.settings)
