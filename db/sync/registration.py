"""A counter adopts the identity the central database registered for it, and keeps its login.

The counter's own central login (role and password) and its PIN key come from the first
registration only; the counter keeps them in its own database (`sync_state`: `central_role`,
`central_password`, `pin_key`), which the counter's user account alone reads. Every sync
connects as that login whatever user the configured central URL names.
"""

from __future__ import annotations

from sqlalchemy import (
    Engine,
    func,
    select,
    update,
)
from sqlalchemy.engine import make_url

from db import models as m
from db.sync.common import SEQ_KEY, set_state, sync_state
from pos.domain.errors import ShopError

ROLE_KEY, PASSWORD_KEY, PIN_KEY = "central_role", "central_password", "pin_key"


def adopt_registration(
    local: Engine,
    terminal_id: str,
    name: str,
    pos_id: str,
    receipt_prefix: str,
    *,
    role: str | None = None,
    password: str | None = None,
    pin_key: str | None = None,
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
        if role is not None:
            set_state(conn, ROLE_KEY, role)
        if password is not None:
            set_state(conn, PASSWORD_KEY, password)
        if pin_key is not None:
            set_state(conn, PIN_KEY, pin_key)
            # users pulled before (without this counter's PIN copies) come again: the next
            # pull starts from change 0, upserting the catalogue over what is there
            set_state(conn, SEQ_KEY, "0")


def as_counter_login(local: Engine, central_url: str) -> str:
    """The central URL with this counter's own login in it (unchanged before registration)."""
    state = sync_state(local)
    role = state.get(ROLE_KEY)
    if not role:
        return central_url
    url = make_url(central_url).set(username=role, password=state.get(PASSWORD_KEY))
    return url.render_as_string(hide_password=False)
