"""`otop-pos shop serve`: its options, a missing store refused in words, and a real server
that keeps the customers' sessions across a restart (its secret in the data folder)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from pos.app.cli.shop import fast_server
from pos.app.command_line import build_parser
from tests.web.conftest import csrf_of
from tests.web.server import ROOT, start_shop, stop_shop


def test_the_command_takes_db_host_port_and_settings() -> None:
    args = build_parser().parse_args(
        ["shop", "serve", "--db", "x.db", "--host", "0.0.0.0", "--port", "9000",
         "--settings", "s.json"]
    )  # fmt: skip
    assert (args.db, args.host, args.port, args.settings) == (
        "x.db",
        "0.0.0.0",
        9000,
        Path("s.json"),
    )
    defaults = build_parser().parse_args(["shop", "serve"])
    assert (defaults.host, defaults.port) == ("127.0.0.1", 8080)


def test_uvicorn_falls_back_to_its_defaults_where_the_fast_parts_do_not_import(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert fast_server() == {"http": "httptools", "loop": "uvloop"}
    monkeypatch.setitem(sys.modules, "uvloop", None)  # as on Windows: import fails
    assert fast_server() == {"http": "httptools"}
    assert "uvloop is not importable: uvicorn's default loop is used" in caplog.text


def test_a_store_that_does_not_exist_is_refused_in_words(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    env = {**os.environ, "OTOP_POS_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "pos", "shop", "serve", "--db", str(missing), "--port", "1"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert "ไม่มีอยู่" in done.stderr
    assert not missing.exists()


def test_a_restarted_server_keeps_the_customers_basket(demo_url: str, tmp_path: Path) -> None:
    db = Path(str(make_url(demo_url).database))
    home = tmp_path / "home"
    shop = start_shop(db, home)
    try:
        with httpx.Client(base_url=shop.url) as browser:
            token = csrf_of(browser.get("/p/KK-FD-0003").text)
            form = {"csrf_token": token, "kind": "product", "ref": "KK-FD-0003", "quantity": "3"}
            assert browser.post("/basket/add", data=form).status_code == 303
            stop_shop(shop)
            shop = start_shop(db, home)
            browser.base_url = httpx.URL(shop.url)
            basket = browser.get("/basket")
            assert "หมูยอขอนแก่น 500 กรัม" in basket.text
            assert "฿390.00" in basket.text
    finally:
        stop_shop(shop)
    assert "(uvicorn: http httptools, loop uvloop)" in shop.log.read_text()
    secret = home / "data" / "shop-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
