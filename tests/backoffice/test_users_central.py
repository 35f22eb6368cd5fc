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


def test_a_new_pin_set_at_a_counter_after_a_reset_is_set_on_central(
    central: Central,  # noqa: F811
    make_counter,  # noqa: F811
) -> None:
    a: Counter = make_counter("Counter A")
    b: Counter = make_counter("Counter B")
    back_office = Services(open_store(central.admin_url, Settings()))
    try:
        admin = back_office.auth.login("admin", "0000")
        back_office.users.reset_pin(admin, "cashier", "5830")
    finally:
        back_office.close()
    a.service.sync_once()
    at_a = Services(
        dataclasses.replace(a.store, settings=Settings(central_url=central.counter_url))
    )
    auth = at_a.auth
    assert auth.central_pins is not None
    # central refuses a user that was not reset (the counter's login may not write users)
    manager_id = central.scalar("SELECT id FROM users WHERE username = 'manager'")
    assert auth.central_pins.set_own_pin(str(manager_id), auth.hasher.hash("7777")) is False
    with pytest.raises(PinChangeRequired) as asked:
        auth.login("cashier", "5830")
    assert auth.change_own_pin(asked.value.token, "6942", "6942").username == "cashier"
    assert auth.login("cashier", "6942").username == "cashier"  # at once, before a pull
    assert central.scalar("SELECT must_change_pin FROM users WHERE username = 'cashier'") is False
    stored = str(central.scalar("SELECT pin_hash FROM users WHERE username = 'cashier'"))
    assert auth.hasher.verify(stored, "6942")
    # used once: the flag is gone, the same change is refused now
    cashier_id = central.scalar("SELECT id FROM users WHERE username = 'cashier'")
    assert auth.central_pins.set_own_pin(str(cashier_id), auth.hasher.hash("8642")) is False
    a.service.sync_once()
    assert auth.login("cashier", "6942").username == "cashier"  # central's copy agrees
    b.service.sync_once()
    at_b = Auth(b.store.uow, b.store.settings, FixedClock())
    assert at_b.login("cashier", "6942").username == "cashier"
    with pytest.raises(LoginFailed):
        at_b.login("cashier", "5830")
