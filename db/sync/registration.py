"""A counter adopts the identity the central database registered for it."""

from __future__ import annotations

from sqlalchemy import (
    Engine,
    func,
    select,
    update,
)

from db import models as m
from pos.domain.errors import ShopError


def adopt_registration(
    local: Engine, terminal_id: str, name: str, pos_id: str, receipt_prefix: str
) -> None:
    """Give the local terminal row the identity the central database registered."""
    with local.connect() as conn, conn.begin():
        other = conn.execute(
            select(func.count())
            .select_from(m.Sale)
            .where(m.Sale.receipt_no.not_like(receipt_prefix + "-%"))
        ).scalar_one()
        if other:
            raise ShopError(
                "This counter already has sales under another receipt prefix: register a "
                "counter before its first sale",
                "เครื่องนี้มีการขายด้วยรหัสใบเสร็จอื่นแล้ว กรุณาลงทะเบียนก่อนการขายครั้งแรก",
            )
        conn.execute(
            update(m.Terminal)
            .where(m.Terminal.id == terminal_id)
            .values(name=name, pos_id=pos_id, receipt_prefix=receipt_prefix)
        )
