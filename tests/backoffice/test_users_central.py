"""The back office on the central database: a PIN reset and a producer's change reach a
counter on its next pull; the counter refuses to change its own copy of either."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from db import models as m
from pos.app.bootstrap import Services, open_store
from pos.domain.auth import LoginFailed
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.services.auth import Auth, PinChangeRequired
from pos.services.producers import form_of
from tests.integration.conftest import FixedClock
from tests.sync.conftest import Central, Counter, central, make_counter  # noqa: F401

pytestmark = pytest.mark.pg


def test_a_reset_and_a_producer_change_on_central_reach_the_counter(
    central: Central,  # noqa: F811
    make_counter,  # noqa: F811
) -> None:
    counter: Counter = make_counter("Counter A")
    back_office = Services(open_store(central.admin_url, Settings()))
    try:
        assert back_office.central_copy is False  # the central database itself
        admin = back_office.auth.login("admin", "0000")
        back_office.users.reset_pin(admin, "cashier", "5830")
        producers = back_office.producers
        silk = producers.get("P-CNB")
        form = dataclasses.replace(form_of(silk), bank="KTB", account="9876543210",
                                   account_name="กลุ่มทอผ้า")  # fmt: skip
        producers.edit(admin, "P-CNB", form)
        producers.set_active(admin, "P-UDN", False)
    finally:
        back_office.close()

    store = counter.store
    auth = Auth(store.uow, store.settings, FixedClock(), terminal_id=store.terminal.terminal_id)
    assert auth.login("cashier", "1111").username == "cashier"  # not pulled yet
    counter.service.sync_once()
    with pytest.raises(LoginFailed):
        auth.login("cashier", "1111")
    with pytest.raises(PinChangeRequired) as asked:
        auth.login("cashier", "5830")  # its keyed copy of the temporary PIN, and the flag
    with pytest.raises(LoginFailed, match="central database") as refused:
        auth.change_own_pin(asked.value.token, "6942", "6942")
    assert "ฐานข้อมูลกลาง" in refused.value.message_th
    with store.uow() as read:
        rows = read.session.execute(
            select(
                m.Producer.code, m.Producer.bank_code, m.Producer.bank_account, m.Producer.active
            ).order_by(m.Producer.code)
        ).all()
    assert [tuple(r) for r in rows if r[0] in ("P-CNB", "P-UDN")] == [
        ("P-CNB", "006", "9876543210", True),
        ("P-UDN", None, None, False),
    ]

    # a back office opened on the counter (central_url set) refuses to change its copy
    on_counter = Services(
        dataclasses.replace(store, settings=Settings(central_url="postgresql://x/y"))
    )
    assert on_counter.central_copy is True
    manager = auth.login("manager", "9999")
    with pytest.raises(ShopError, match="otop-pos backoffice --db postgresql://"):
        on_counter.producers.set_active(manager, "P-CNB", False)
    with pytest.raises(ShopError, match="otop-pos backoffice --db postgresql://"):
        on_counter.users.unlock(dataclasses.replace(manager, role=admin.role), "cashier")
    with store.uow() as read:
        assert read.producers.by_code("P-CNB").active  # type: ignore[union-attr]
