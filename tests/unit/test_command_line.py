"""The till's fast command line agrees with the full parser on everything it accepts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pos.app.cli.demo import cmd_demo
from pos.app.command_line import build_parser, cmd_till, parse_command_line


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
