"""The composition root sets Messenger up only when Facebook is switched on and the Page's
secrets are set: then its sender is in the chat senders ("test connection" names the Page)
and the webhook answers; else not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pos.app.bootstrap import Services, open_store
from pos.domain.channels import Channel
from pos.domain.settings import Settings
from tests.facebook.conftest import VERIFY_TOKEN
from tests.fakes.facebook_api import RunningGraph, handshake
from tests.helpers.templates import FreshDatabase
from tests.web.conftest import SECRET, build_demo_store
from web.app import create_app

NAMES = ("FACEBOOK_APP_SECRET", "FACEBOOK_VERIFY_TOKEN", "FACEBOOK_PAGE_ACCESS_TOKEN")


def test_with_the_secrets_the_sender_and_the_hook_are_there(
    fb_services: Services, graph: RunningGraph
) -> None:
    sender = fb_services.chat_senders[Channel.FACEBOOK]
    assert sender.check() == f"Facebook Page {graph.graph.page_name} ({graph.graph.page_id})"
    assert Channel.FACEBOOK in fb_services.chat_profiles
    assert Channel.FACEBOOK in fb_services.chat_contents
    assert fb_services.facebook_hook is not None


@pytest.mark.parametrize(
    ("channels", "secrets"),
    [("facebook", ("FACEBOOK_VERIFY_TOKEN",)), ("line", NAMES)],
    ids=["one-secret-alone", "facebook-switched-off"],
)
def test_without_them_messenger_is_not_set_up(
    fresh_database: FreshDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    channels: str,
    secrets: tuple[str, ...],
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    for name in NAMES:
        monkeypatch.delenv(f"OTOP_POS_SECRET_{name}", raising=False)
    for name in secrets:
        monkeypatch.setenv(f"OTOP_POS_SECRET_{name}", VERIFY_TOKEN)
    url = fresh_database("sqlite", "web-demo", build_demo_store)
    settings = replace(Settings(), chat_enabled_channels=channels)
    services = Services(open_store(url, settings, create=False), queue_prints=False)
    try:
        assert Channel.FACEBOOK not in services.chat_senders
        assert services.facebook_hook is None
        app = create_app(services, secret=SECRET, expire_every_s=None, chat_every_s=None)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            assert handshake(client, "/hooks/facebook", VERIFY_TOKEN).status_code == 403
            assert client.post("/hooks/facebook", content=b"{}").status_code == 404
    finally:
        services.close()
