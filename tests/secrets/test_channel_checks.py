"""The settings editor's "test connection" of each channel asks the channel's real API (here
its fake on 127.0.0.1) with the secrets as saved at the click, and says plainly what is
missing or refused."""

from __future__ import annotations

import pytest

from pos.app.bootstrap import Services, open_store
from pos.domain.auth import Actor, Role
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from tests.fakes.facebook_api import running_graph
from tests.fakes.line_api import FakeLine
from tests.fakes.thailandpost_api import FakeThailandPost

ADMIN = Actor("admin-1", "admin", "ผู้ดูแลระบบ", Role.ADMIN)


def test_each_channel_is_tested_with_the_secret_saved_at_the_click(
    migrated_sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LINE_CHANNEL_ACCESS_TOKEN", "FACEBOOK_PAGE_ACCESS_TOKEN", "THAILANDPOST_TOKEN"):
        monkeypatch.delenv(f"OTOP_POS_SECRET_{name}", raising=False)
    post, hooks = FakeThailandPost().start(), FakeThailandPost().start()  # two APIs, two tokens
    try:
        with FakeLine().start() as line, running_graph() as graph:
            settings = Settings(
                line_api_base=line.url, line_data_api_base=line.url,
                facebook_graph_base=graph.base_url, thailandpost_api_base=post.url,
                thailandpost_hook_base=hooks.url,
            )  # fmt: skip
            store = open_store(migrated_sqlite_url, settings, counter=False)
            try:
                editor = Services(store).settings_editor
                assert sorted(editor.channel_checks()) == ["facebook", "line", "thailandpost"]
                with pytest.raises(ShopError) as missing:
                    editor.check_channel("line")  # nothing saved yet: said, nothing sent
                assert "LINE" in missing.value.message("en")
                assert "ก่อน" in missing.value.message("th")
                assert not line.pushes

                editor.set_secret(ADMIN, "line_channel_access_token", line.access_token)
                assert editor.check_channel("line") == "LINE: OTOP ขอนแก่น (@123otop)"
                editor.set_secret(ADMIN, "facebook_page_access_token", graph.graph.page_token)
                assert graph.graph.page_name in editor.check_channel("facebook")
                editor.set_secret(ADMIN, "thailandpost_token", post.api_token)
                assert editor.check_channel("thailandpost").startswith("Thailand Post tracking")
                # the webhook API's own token, checked beside the tracking API's once saved
                editor.set_secret(ADMIN, "thailandpost_hook_token", hooks.api_token)
                said = editor.check_channel("thailandpost")
                assert said.startswith("Thailand Post tracking")
                assert "; webhook API: " in said
                editor.set_secret(ADMIN, "thailandpost_hook_token", "a-token-it-refuses")
                with pytest.raises(ShopError):
                    editor.check_channel("thailandpost")

                editor.set_secret(ADMIN, "line_channel_access_token", "a-token-LINE-refuses")
                with pytest.raises(ShopError):  # the refusal, as the editor shows it
                    editor.check_channel("line")
            finally:
                store.close()
    finally:
        post.stop()
        hooks.stop()
