"""The till's fast command line agrees with the full parser on everything it accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pos.app.cli.demo import cmd_demo
from pos.app.command_line import (
    bug_log_path,
    build_parser,
    cmd_till,
    main,
    parse_command_line,
    run_command,
)
from pos.domain.errors import ShopError


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "shop.db"],
        ["--db", "demo"],  # a store file named like a command is still the till's --db
        ["--db=shop.db", "--lang", "en", "--self-test"],
        ["--settings", "s.json", "--lang", "th"],
    ],
)
def test_the_till_parses_as_the_full_parser_does(argv: list[str]) -> None:
    fast = parse_command_line(argv)
    full = build_parser().parse_args(argv)
    assert fast.func is cmd_till
    assert full.func is cmd_till
    assert vars(fast) == vars(full)


def test_a_command_goes_to_the_full_parser() -> None:
    args = parse_command_line(["--db", "shop.db", "demo", "--sales", "5"])
    assert args.func is cmd_demo
    assert (args.db, args.sales) == ("shop.db", 5)


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        parse_command_line(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "catalog", "sales", "labels", "sync", "journal", "report"):
        assert command in out


def test_an_unknown_option_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        parse_command_line(["--no-such-option"])
    assert done.value.code == 2
    assert "--no-such-option" in capsys.readouterr().err


def test_the_till_does_not_import_the_commands() -> None:
    code = (
        "import sys\n"
        "from pos.app.command_line import parse_command_line\n"
        "parse_command_line(['--db', 'shop.db'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('pos.app.cli')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_shop_error_is_its_two_languages_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    def refuse() -> int:
        raise ShopError("The printer is off", "เครื่องพิมพ์ปิดอยู่")

    assert run_command(refuse) == 2
    err = capsys.readouterr().err
    assert err == "otop-pos: The printer is off\n          เครื่องพิมพ์ปิดอยู่\n"


def test_a_file_the_system_refuses_is_named_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such.csv"
    assert run_command(lambda: len(missing.read_text())) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"otop-pos: {missing}: No such file or directory")


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path))

    def buggy() -> int:
        return {"a": 1}["b"]

    assert run_command(buggy) == 1
    err = capsys.readouterr().err
    log = bug_log_path()
    assert err.splitlines()[0] == f"otop-pos: this is a bug (KeyError), see the log: {log}"
    assert "Traceback" not in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in buggy" in text
    assert "KeyError: 'b'" in text


def test_every_command_passes_through_the_one_handler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new command gets the handler without doing anything: it wraps `main` itself."""
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path))

    def bad_command(_args: object, _settings: object) -> int:
        raise ZeroDivisionError("a bug in a new command")

    args = parse_command_line(["demo"])
    monkeypatch.setattr(args, "func", bad_command)
    monkeypatch.setattr("pos.app.command_line.parse_command_line", lambda _argv: args)
    assert main(["demo"]) == 1
    assert "this is a bug (ZeroDivisionError)" in capsys.readouterr().err
