"""`otop-pos secrets`: a value read from standard input, never echoed; the admin only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.integration.test_cli import cli

VALUE = "cli-secret-token-Qm4x"


def test_secrets_set_status_and_clear_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    db = str(tmp_path / "demo.db")
    code, _, err = cli("demo", "--db", db)
    assert code == 0, err
    admin = ("--db", db, "--user", "admin", "--pin", "0000")

    monkeypatch.setattr("sys.stdin", io.StringIO(VALUE + "\n"))
    code, out, err = cli("secrets", "set", "line_channel_access_token", *admin)
    assert (code, out) == (0, "line_channel_access_token: saved\n"), err
    monkeypatch.setattr("sys.stdin", io.StringIO(VALUE + "\n"))
    code, out, err = cli(
        "secrets", "set", "line_channel_secret", "--db", db, "--user", "manager", "--pin", "9999"
    )
    assert code == 2
    assert "may not" in err
    code, out, err = cli("secrets", "status", "--db", db)
    assert code == 0, err
    lines = dict(line.split(None, 1) for line in out.splitlines())
    assert lines["line_channel_access_token"].startswith("set on ")
    assert " by " in lines["line_channel_access_token"]
    assert lines["line_channel_secret"] == "not set"
    monkeypatch.setenv("OTOP_POS_SECRET_FACEBOOK_APP_SECRET", VALUE)
    code, out, err = cli("secrets", "status", "--db", db)
    assert "set by the environment (OTOP_POS_SECRET_FACEBOOK_APP_SECRET)" in out
    assert VALUE not in out + err

    code, out, err = cli("secrets", "clear", "line_channel_access_token", *admin)
    assert (code, out) == (0, "line_channel_access_token: cleared\n"), err
    code, out, _ = cli("secrets", "status", "--db", db)
    assert dict(line.split(None, 1) for line in out.splitlines())["line_channel_access_token"] == (
        "not set"
    )
    with pytest.raises(SystemExit) as usage:  # argparse: the names are its choices
        cli("secrets", "set", "no_such_secret", *admin)
    assert usage.value.code == 2
