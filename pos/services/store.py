"""Opening a store: the counter's own terminal identity and the demo catalogue on first start."""

from __future__ import annotations

from pos.domain.settings import Settings
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
