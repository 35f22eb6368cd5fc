"""A counter's pull from the central database never brings the shop's secrets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from db.engine import make_engine
from db.sync.rows import FIRST_LOAD_ORDER, NEVER_PULLED, PULL_ORDER
from db.uow import SqlUnitOfWorkFactory
from pos.domain.auth import Actor, Role
from pos.services.secrets import Secrets
from tests.integration.conftest import FixedClock
from tests.sync.conftest import Central, Counter

pytestmark = pytest.mark.pg
ADMIN = Actor("00000000-0000-4000-8000-00000000000a", "admin", "Admin", Role.ADMIN)


def test_the_secret_table_is_named_never_pulled() -> None:
    assert "shop_secrets" in NEVER_PULLED
    assert not set(NEVER_PULLED) & {*PULL_ORDER, *FIRST_LOAD_ORDER}


def test_a_counters_pulls_leave_the_central_secrets_behind(
    central: Central, make_counter: Callable[..., Counter]
) -> None:
    engine = make_engine(central.admin_url)
    on_central = Secrets(SqlUnitOfWorkFactory(engine), FixedClock())
    on_central.set("line_channel_access_token", "central-only-token", ADMIN)
    try:
        counter = make_counter("Counter 7")  # registered, its first pull made
        on_central.set("facebook_app_secret", "central-only-app-secret", ADMIN)
        counter.service.sync_once()  # a later pull, after a change on the central database
        with counter.store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM shop_secrets")).scalar() == 0
            products = conn.execute(text("SELECT count(*) FROM products")).scalar()
        assert products  # the pull itself brought the catalogue
        local = Secrets(counter.store.uow, FixedClock())
        assert local.get("line_channel_access_token") is None
        assert not any(s.set for s in local.status().values())
    finally:
        engine.dispose()
