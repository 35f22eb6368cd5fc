"""`otop-pos`: the till by default, its tools as commands (parsed only when one is named)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pos import __version__
from pos.config import load_settings
from pos.domain.errors import ShopError, shop_error
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import Services
    from pos.services.till import TillContext


def cmd_till(args: argparse.Namespace, settings: Settings) -> int:
    """The till window shows first; the store opens (and migrates) behind it, on its worker.

    Nothing here imports SQLAlchemy on the UI thread: `open_till` runs on the window's
    worker, scans typed meanwhile are answered in order once it returns, and a store that
    cannot be opened is a message in the window.
    """
    from ui.app import run_till

    opened: list[Services] = []

    def open_till() -> TillContext:  # the window's worker thread
        from pos.app.bootstrap import Services, open_store

        # the back office opened from the till edits the settings file the till read
        services = Services(open_store(args.db, settings, create=True),
                            settings_file=args.settings)  # fmt: skip
        opened.append(services)
        services.first_start()
        return services.till_context()

    try:
        return int(
            run_till(
                open_till,
                settings=settings,
                self_test=args.self_test,
                language=args.lang or settings.language,
            )
        )
    finally:
        for services in opened:
            services.close()


# The till's own options, before any command; `--db`, `--settings` and `--lang` take a value.
_TILL_VALUE_OPTIONS = ("--db", "--settings", "--lang")


def _till_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="otop-pos", description="OTOP POS: the till and its tools")
    p.add_argument("--version", action="version", version=f"otop-pos {__version__}")
    p.add_argument("--db", help="database: a SQLite file path or a postgresql:// URL")
    p.add_argument("--settings", type=Path, help="settings file (default: the user-config folder)")
    p.add_argument("--lang", choices=("th", "en"), help="language of the till")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="open the main window offscreen on the demo store, then exit 0",
    )
    p.set_defaults(func=cmd_till, command=None)
    return p


def _opens_the_till(argv: Sequence[str]) -> bool:
    """True when the command line names no command (and asks for no help): it opens the till.

    The till is what a counter starts all day; building the parser of every command (and
    importing their modules) would cost its first frame tens of milliseconds for nothing.
    """
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help") or not arg.startswith("-"):
            return False
        if arg in _TILL_VALUE_OPTIONS:
            next(args, None)
    return True


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line: the till's small parser when no command is named."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _opens_the_till(argv):
        return _till_parser().parse_args(argv)
    return build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    """The full parser: the till's options and every command."""
    from pos.app.cli import add_commands

    p = _till_parser()
    add_commands(p.add_subparsers(dest="command"))
    return p


def bug_log_path() -> Path:
    """Where the command line writes the traceback of a bug (in the user-data folder)."""
    from pos.config import data_dir

    return data_dir() / "otop-pos.log"


def _log_bug(exc: BaseException) -> str:
    """The bug's traceback appended to the log file; where it went (or "standard error")."""
    import traceback
    from datetime import UTC, datetime

    text = "".join(traceback.format_exception(exc))
    path = bug_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log_file:
            # not the command line: it may hold a PIN or a database password
            log_file.write(f"--- {datetime.now(UTC).isoformat()} otop-pos {__version__}\n{text}")
    except OSError:
        print(text, file=sys.stderr, end="")
        return "standard error"
    return str(path)


def _database_error(exc: BaseException) -> ShopError | None:
    """A database driver's error the shop can fix (a server that does not answer …)."""
    if not type(exc).__module__.startswith("sqlalchemy"):
        return None  # nothing to ask SQLAlchemy about (and no need to import it)
    from db.errors import unavailable

    return unavailable(exc)


def run_command(command: Callable[[], int]) -> int:
    """Run one command; what every command passes through, so none can forget it.

    An error the shop can fix (`shop_error`, or a database server that does not answer) is
    its message in English and Thai on standard error, exit 2; anything else is a bug: its
    traceback goes to the log, and standard error gets one line saying so, exit 1.
    """
    try:
        return int(command())
    except KeyboardInterrupt:
        print("otop-pos: interrupted / ยกเลิกแล้ว", file=sys.stderr)
        return 130
    except Exception as exc:
        known = shop_error(exc) or _database_error(exc)
        if known is not None:
            print(f"otop-pos: {known.message_en}\n          {known.message_th}", file=sys.stderr)
            return 2
        where = _log_bug(exc)
        print(
            f"otop-pos: this is a bug ({type(exc).__name__}), see the log: {where}\n"
            f"          นี่คือข้อผิดพลาดของโปรแกรม ดูรายละเอียดในบันทึก: {where}",
            file=sys.stderr,
        )
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parse_command_line(argv)
    return run_command(lambda: args.func(args, load_settings(args.settings)))
