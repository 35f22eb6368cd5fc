"""Each counter acts only as itself on central, and holds only its own copies of the PINs."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, Table, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import ProgrammingError

from db import models as m
from db.central import register_terminal
from db.engine import make_engine, sqlite_url
from db.sync import adopt_registration
from pos.app.bootstrap import first_start, open_store, sync_service
from pos.domain.auth import Actor, LoginFailed, Role
from pos.domain.settings import Settings
from pos.services.auth import Auth
from pos.services.returns import Returns
from tests.integration.conftest import FixedClock
from tests.returns.conftest import JAEW, SILK, sell
from tests.shifts.test_auth import PlainTestHasher
from tests.sync.conftest import Central, Counter

pytestmark = pytest.mark.pg
D = Decimal
MANAGER = Actor("00000000-0000-4000-8000-000000000009", "manager", "Manager", Role.MANAGER)
REFUSED = "row-level security|permission denied"


def _rows(central: Central, table: str, where: str, **params: object) -> list[dict[str, Any]]:
    with central.admin.connect() as conn:
        return [
            dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {table} {where}"), params)
        ]


def _copy(row: dict[str, Any], **changes: object) -> dict[str, Any]:
    return row | {"id": str(uuid.uuid4())} | changes


def _insert_as(engine: Engine, table: str, row: dict[str, Any]) -> None:
    t: Table = m.Base.metadata.tables[table]  # type: ignore[assignment]
    with engine.begin() as conn:
        conn.execute(t.insert().values(**row))


@pytest.fixture
def two_counters(central: Central, make_counter) -> tuple[Counter, Counter]:
    """Counters A and B; B has sold twice and refunded once, all of it on central."""
    a, b = make_counter("Counter A"), make_counter("Counter B")
    clock = FixedClock()
    store = b.store
    auth = Auth(store.uow, store.settings, clock, PlainTestHasher(), store.terminal.terminal_id)
    first = sell(store, clock, MANAGER, [SILK, "3*" + JAEW], promptpay=True, named=False)
    Returns(store.uow, auth, store.settings, store.terminal, clock).refund(
        MANAGER, first.receipt_no, {2: D(1)}, "promptpay", "broken jar"
    )
    b.service.sync_once()
    assert central.scalar(
        "SELECT count(*) FROM refunds WHERE terminal_id = :t", t=store.terminal.terminal_id
    )
    return a, b


def test_a_counter_cannot_insert_another_counters_facts(
    central: Central, two_counters: tuple[Counter, Counter]
) -> None:
    a, b = two_counters
    tid_b = b.store.terminal.terminal_id
    role_a = a.transport.central  # counter A's own login
    sale = _rows(central, "sales", "WHERE terminal_id = :t LIMIT 1", t=tid_b)[0]
    refund = _rows(central, "refunds", "WHERE terminal_id = :t LIMIT 1", t=tid_b)[0]
    payment = _rows(central, "payments", "WHERE sale_id = :s LIMIT 1", s=sale["id"])[0]
    line = _rows(central, "sale_lines", "WHERE sale_id = :s LIMIT 1", s=sale["id"])[0]
    refund_line = _rows(central, "refund_lines", "WHERE refund_id = :r", r=refund["id"])[0]
    entry = _rows(central, "journal_entries", "WHERE terminal_id = :t LIMIT 1", t=tid_b)[0]
    move = _rows(central, "stock_movements", "WHERE terminal_id = :t LIMIT 1", t=tid_b)[0]
    forged = [
        ("sales", _copy(sale, receipt_no=sale["receipt_no"][:-3] + "999")),
        ("refunds", _copy(refund, refund_no=refund["refund_no"][:-3] + "999")),
        ("payments", _copy(payment)),  # a payment on B's sale
        ("sale_lines", _copy(line, line_no=99)),
        ("refund_lines", _copy(refund_line, line_no=99)),
        ("journal_entries", _copy(entry, seq=10_000)),
        ("stock_movements", _copy(move)),
    ]
    for table, row in forged:
        with pytest.raises(ProgrammingError, match=REFUSED):
            _insert_as(role_a, table, row)
    # the enrolment login, shared by every counter, is no counter at all
    enrol = make_engine(central.counter_url)
    try:
        with pytest.raises(ProgrammingError, match=REFUSED):
            _insert_as(enrol, "sales", _copy(sale, receipt_no=sale["receipt_no"][:-3] + "998"))
    finally:
        enrol.dispose()
    # nothing of it reached central; the same entry under A's own terminal is accepted
    assert central.scalar("SELECT count(*) FROM sales WHERE receipt_no LIKE '%99_'") == 0
    own = _copy(entry, terminal_id=a.store.terminal.terminal_id, seq=10_000, hash="f" * 64)
    journal = m.Base.metadata.tables["journal_entries"]
    with role_a.connect() as conn:
        conn.execute(journal.insert().values(**own))
        conn.rollback()
    # and A's own sync still works
    a.sell(3, seed=4)
    assert a.service.sync_once().pushed == 3
    # sending its own rows again with the conflict target named is harmless (SELECT of the
    # key is granted for ON CONFLICT (id); the policies show A its own rows only)
    tid_a = a.store.terminal.terminal_id
    mine = _rows(central, "sales", "WHERE terminal_id = :t LIMIT 1", t=tid_a)[0]
    lines = _rows(central, "sale_lines", "WHERE sale_id = :s", s=mine["id"])
    for table, row in [("sales", mine), *(("sale_lines", r) for r in lines)]:
        t = m.Base.metadata.tables[table]
        with role_a.begin() as conn:
            conn.execute(
                postgresql.insert(t).values(**row).on_conflict_do_nothing(index_elements=["id"])
            )
    assert central.scalar("SELECT count(*) FROM sales WHERE terminal_id = :t", t=tid_a) == 3
    with role_a.connect() as conn:  # the keys it may read are its own
        assert conn.execute(text("SELECT count(*) FROM sales")).scalar() == 3


def test_a_counter_reads_no_pin_hash_and_no_other_counters_secrets(
    central: Central, make_counter
) -> None:
    a, b = make_counter("Counter A"), make_counter("Counter B")
    role_a = a.transport.central
    for sql in (
        "SELECT username, pin_hash FROM users",
        "SELECT * FROM users",
        "SELECT * FROM terminal_identities",
        "SELECT rolpassword FROM pg_authid",
        "SELECT * FROM user_terminals",
    ):
        with role_a.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
            conn.execute(text(sql))
    with role_a.connect() as conn:  # the rest of a user is readable
        assert conn.execute(text("SELECT count(*) FROM users WHERE active")).scalar() == 4
        copies = dict(
            conn.execute(text("SELECT username, pin_hash FROM otop_counter_users()")).all()
        )
    central_hashes = dict((u["username"], u["pin_hash"]) for u in _rows(central, "users", ""))
    assert copies["admin"] == ""  # the admin's PIN never leaves central
    for user in ("cashier", "labels", "manager"):
        assert copies[user].startswith("otop-hmac$")
        assert central_hashes[user] not in copies[user]  # a copy, not the central hash
    with b.transport.central.connect() as conn:
        b_copies = dict(
            conn.execute(text("SELECT username, pin_hash FROM otop_counter_users()")).all()
        )
    assert b_copies["cashier"] != copies["cashier"]  # each counter its own copies
    # registering B's terminal again (with the enrolment login) gives no credentials
    enrol = make_engine(central.counter_url)
    try:
        again = register_terminal(enrol, b.store.terminal.terminal_id, "Counter B", "", "KKOTOP")
    finally:
        enrol.dispose()
    assert again.receipt_prefix == b.store.terminal.receipt_prefix
    assert (again.password, again.pin_key) == (None, None)
    # counter A cannot become B: B's login is not a role A may set
    with role_a.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text(f'SET ROLE "{again.role}"'))


def test_a_pin_change_and_a_deactivation_reach_the_counter_on_its_next_pull(
    central: Central, make_counter
) -> None:
    counter = make_counter("Counter A")
    store = counter.store
    auth = Auth(store.uow, store.settings, FixedClock(), terminal_id=store.terminal.terminal_id)
    assert auth.login("cashier", "1111").username == "cashier"
    assert auth.login("manager", "9999").username == "manager"
    with pytest.raises(LoginFailed):
        auth.login("admin", "0000")  # the admin works on central, never at a counter

    back_office = open_store(central.admin_url, Settings())
    try:
        central_auth = Auth(back_office.uow, back_office.settings, FixedClock())
        admin = central_auth.login("admin", "0000")
        central_auth.change_pin(admin, "cashier", "4321")
        central_auth.set_active(admin, "manager", False)
    finally:
        back_office.close()

    # offline, the counter still has the old copies
    assert auth.login("cashier", "1111").username == "cashier"
    counter.service.sync_once()
    assert auth.login("cashier", "4321").username == "cashier"
    for user, pin in (("cashier", "1111"), ("manager", "9999")):
        with pytest.raises(LoginFailed):
            auth.login(user, pin)


def test_a_user_limited_to_one_counter_logs_in_there_only(central: Central, make_counter) -> None:
    a, b = make_counter("Counter A"), make_counter("Counter B")
    central.execute(
        "INSERT INTO user_terminals (user_id, terminal_id) "
        "SELECT id, :t FROM users WHERE username = 'labels'",
        t=b.store.terminal.terminal_id,
    )
    for c in (a, b):
        c.service.sync_once()  # the change reaches both on their next pull
    clock = FixedClock()
    auth_a, auth_b = (
        Auth(c.store.uow, c.store.settings, clock, terminal_id=c.store.terminal.terminal_id)
        for c in (a, b)
    )
    assert auth_b.login("labels", "2222").username == "labels"
    with pytest.raises(LoginFailed):
        auth_a.login("labels", "2222")
    assert auth_a.login("cashier", "1111").username == "cashier"  # not limited: everywhere


def test_a_counter_that_pulled_before_registering_gets_its_pins_after(
    central: Central, tmp_path
) -> None:
    settings = replace(Settings(), central_url=central.counter_url)
    store = open_store(sqlite_url(tmp_path / "early.sqlite3"), settings)
    try:
        first_start(store)  # the catalogue and users, as the enrolment login: no PINs
        auth = Auth(store.uow, settings, FixedClock(), terminal_id=store.terminal.terminal_id)
        with pytest.raises(LoginFailed):
            auth.login("cashier", "1111")
        enrol = make_engine(central.counter_url)
        try:
            reg = register_terminal(enrol, store.terminal.terminal_id, "Early", "", "KKOTOP")
        finally:
            enrol.dispose()
        adopt_registration(
            store.engine, reg.terminal_id, reg.name, reg.pos_id, reg.receipt_prefix,
            role=reg.role, password=reg.password, pin_key=reg.pin_key,
        )  # fmt: skip
        service = sync_service(store, central.counter_url)  # now as its own login
        try:
            service.sync_once()
        finally:
            service.close()
        assert auth.login("cashier", "1111").username == "cashier"
    finally:
        store.close()
