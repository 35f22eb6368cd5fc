"""Opening a store: the counter's own terminal identity (a till's), or the terminal a store
opened by the shop server or the back office records under (the counter's, else the web's)."""

from __future__ import annotations

from pos.domain.channels import Channel
from pos.domain.settings import Settings
from pos.ports.orders import OrdersUnitOfWork
from pos.ports.sales import SalesUnitOfWork
from pos.ports.terminals import ShopInfo, TerminalInfo
from pos.ports.uow import UnitOfWorkFactory


def ensure_terminal(
    uow: UnitOfWorkFactory[SalesUnitOfWork],
    settings: Settings,
    *,
    name: str = "Counter 1",
    pos_id: str = "E0000000000000001",
    receipt_prefix: str = "KK01",
) -> TerminalInfo:
    """This counter's terminal row, made on first start (registration replaces it later)."""
    with uow() as read:
        found = read.terminals.local()
    if found is not None:
        return found
    with uow(write=True) as write:
        found = write.terminals.local()
        if found is None:
            found = write.terminals.create_local(
                name,
                pos_id,
                receipt_prefix,
                ShopInfo(
                    code="KKOTOP",
                    name_th=settings.shop_name_th,
                    name_en=settings.shop_name_en,
                    tax_id=settings.tax_id or None,
                    branch=settings.branch,
                    address_th=settings.address_th,
                ),
            )
            write.catalog.ensure_categories()
            write.commit()
    return found


def own_terminal(
    uow: UnitOfWorkFactory[SalesUnitOfWork], settings: Settings
) -> TerminalInfo | None:
    """The terminal a store opened by the shop server or the back office records under, when
    it has one: its counter's (a counter's own store), else the web shop's (the central
    database once it sold online). Nothing is written: only a till registers a counter."""
    with uow() as read:
        return read.terminals.local() or read.terminals.by_prefix(settings.web_receipt_prefix)


def web_terminal(uow: UnitOfWorkFactory[OrdersUnitOfWork], settings: Settings) -> TerminalInfo:
    """The web shop's terminal, made now if the store has none yet, as its first online sale
    would make it. A store without a shop at all (never opened by a till, never set up as the
    central database) is a new counter's: it gets its counter as a till's first start does."""
    with uow(write=True) as write:
        found = write.terminals.local() or write.terminals.by_prefix(settings.web_receipt_prefix)
        if found is not None:
            return found
        if write.terminals.has_shop():
            made = write.orders.ensure_web_terminal(settings.web_receipt_prefix, Channel.WEB)
            info = TerminalInfo(*write.orders.terminal_info(made))
            write.commit()
            return info
    return ensure_terminal(uow, settings)
