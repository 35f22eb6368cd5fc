"""The shop's secrets on a real store: set by the admin only, never shown, logged or audited by
value, overridden by the environment, and read-only to the web shop's PostgreSQL role."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from db.engine import make_engine
from db.uow import SqlUnitOfWorkFactory
from db.web_role import WEB_ROLE, grant_web_role
from pos.app.bootstrap import Services, open_store
from pos.domain.auth import Actor, PermissionDenied, Role
from pos.domain.secrets import SECRET_NAMES, SecretRefused
from pos.domain.settings import Settings
from pos.services.secrets import Secrets
from tests.integration.conftest import FixedClock

ADMIN = Actor("00000000-0000-4000-8000-00000000000a", "admin", "Somchai Admin", Role.ADMIN)
MANAGER = Actor("00000000-0000-4000-8000-000000000009", "manager", "Manager", Role.MANAGER)
VALUE = "Zq7-line-token-ลับมาก-9f3e"


@pytest.fixture
def secrets(migrated_sqlite_url: str) -> Iterator[Secrets]:
    engine = create_engine(migrated_sqlite_url, echo=True)  # statements and their parameters
    yield Secrets(SqlUnitOfWorkFactory(engine), FixedClock())
    engine.dispose()


def test_a_saved_secret_is_read_back_but_never_in_status_repr_audit_or_logs(
    secrets: Secrets, migrated_sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger
    secrets.set("line_channel_access_token", f"  {VALUE}  ", ADMIN)
    secrets.set("line_channel_access_token", VALUE + "2", ADMIN)  # replaced
    secrets.set("facebook_verify_token", VALUE + "3", ADMIN)
    secrets.clear("facebook_verify_token", ADMIN)

    assert secrets.get("line_channel_access_token") == VALUE + "2"
    assert secrets.get("facebook_verify_token") is None
    status = secrets.status()
    assert list(status) == list(SECRET_NAMES)
    line = status["line_channel_access_token"]
    assert line.set
    assert line.updated_by == "Somchai Admin"
    assert line.updated_at == FixedClock().now()
    assert not status["facebook_verify_token"].set
    assert any("shop_secrets" in r.getMessage() for r in caplog.records)  # statements logged
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert VALUE not in logged
    assert VALUE not in repr(secrets) + repr(status)

    engine = create_engine(migrated_sqlite_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT action, key, actor_name, before || after FROM audit_log ORDER BY at, id")
        ).all()
    engine.dispose()
    assert sorted((a, k) for a, k, _, _ in rows) == [
        ("secret.clear", "facebook_verify_token"),
        ("secret.set", "facebook_verify_token"),
        ("secret.set", "line_channel_access_token"),
        ("secret.set", "line_channel_access_token"),
    ]
    assert all(name == "admin" for _, _, name, _ in rows)
    assert not any(VALUE in snapshot for _, _, _, snapshot in rows)


def test_only_the_admin_sets_a_secret_and_bad_values_are_refused_without_echo(
    secrets: Secrets,
) -> None:
    with pytest.raises(PermissionDenied):
        secrets.set("line_channel_secret", VALUE, MANAGER)
    with pytest.raises(PermissionDenied):
        secrets.clear("line_channel_secret", MANAGER)
    with pytest.raises(SecretRefused):
        secrets.set("no_such_secret", VALUE, ADMIN)
    for bad in ("   ", f"{VALUE}\n{VALUE}", "x" * 4001):
        with pytest.raises(SecretRefused) as refused:
            secrets.set("line_channel_secret", bad, ADMIN)
        assert VALUE not in refused.value.message("th") + refused.value.message("en")
    assert not secrets.status()["line_channel_secret"].set


def test_the_environment_overrides_the_stored_value(
    migrated_sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(migrated_sqlite_url, Settings(), counter=False)
    try:
        services = Services(store)
        services.secrets.set("thailandpost_token", VALUE, ADMIN)
        assert services.secrets.get("thailandpost_token") == VALUE
        assert not services.secrets.status()["thailandpost_token"].from_env
        monkeypatch.setenv("OTOP_POS_SECRET_THAILANDPOST_TOKEN", "from-the-environment")
        assert services.secrets.get("thailandpost_token") == "from-the-environment"
        status = services.secrets.status()["thailandpost_token"]
        assert status.set
        assert status.from_env
        monkeypatch.setenv("OTOP_POS_SECRET_CHAT_LINK_SECRET", "env-only")
        assert services.secrets.get("chat_link_secret") == "env-only"
        assert services.secrets.status()["chat_link_secret"].from_env
        monkeypatch.delenv("OTOP_POS_SECRET_THAILANDPOST_TOKEN")
        assert services.secrets.get("thailandpost_token") == VALUE
        assert VALUE not in repr(services.settings_editor)
    finally:
        store.close()


@pytest.mark.pg
def test_the_web_role_reads_the_secrets_and_cannot_change_them(migrated_pg_url: str) -> None:
    admin = make_engine(migrated_pg_url)
    Secrets(SqlUnitOfWorkFactory(admin), FixedClock()).set("line_channel_secret", VALUE, ADMIN)
    grant_web_role(admin)
    url = make_url(migrated_pg_url).set(username=WEB_ROLE, password=None)
    web = make_engine(url.render_as_string(hide_password=False))
    try:
        assert Secrets(SqlUnitOfWorkFactory(web), FixedClock()).get("line_channel_secret") == VALUE
        for statement in (
            "UPDATE shop_secrets SET value = 'x'",
            "DELETE FROM shop_secrets",
            "INSERT INTO shop_secrets VALUES ('chat_link_secret', 'x', now(), 'web')",
        ):
            with web.begin() as conn, pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text(statement))
    finally:
        web.dispose()
        admin.dispose()
