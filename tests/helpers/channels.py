"""A terminal of another sales channel (the web shop, LINE, Facebook) in a test store."""

from __future__ import annotations

from sqlalchemy import select

from db import models as m
from pos.app.bootstrap import Store
from pos.domain.channels import Channel
from pos.ports.terminals import TerminalInfo


def channel_terminal(store: Store, channel: Channel, name: str, prefix: str) -> TerminalInfo:
    """A terminal of the store's shop that sells through `channel` (not the local counter),
    with its own receipt series under `prefix`."""
    with store.uow(write=True) as w:
        shop_id = w.session.scalars(select(m.Shop.id)).one()
        row = m.Terminal(
            shop_id=shop_id, name=name, pos_id="", receipt_prefix=prefix, channel=channel.value
        )
        w.session.add(row)
        w.session.flush()
        info = TerminalInfo(row.id, row.name, row.pos_id, row.receipt_prefix)
        w.commit()
    return info
