"""What every command shares: the --db option, the store it opens, dates, output files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias

from pos.domain.errors import PrinterCutOff, PrinterUnavailable, ShopError
from pos.domain.settings import Settings

if TYPE_CHECKING:
    from pos.app.bootstrap import ReportStore, Services

# what `add_subparsers()` returns, to which each command group adds its parsers
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

PRINTER_SPEC_HELP = (
    "tcp:HOST[:PORT] | file:PATH | usb:VID:PID | serial:PORT[:BAUD] | png:PATH "
    "| a printer name from the settings"
)


def db_arg(parser: argparse.ArgumentParser) -> None:
    """A command's own --db (after the command name); the till's --db is the default."""
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database: a SQLite file path or a postgresql:// URL",
    )


@contextmanager
def opened(
    args: argparse.Namespace,
    settings: Settings,
    *,
    create: bool = False,
    queue_prints: bool = False,
) -> Iterator[Services]:
    """The store of --db (opened and migrated) and its services, closed at the end.

    Only `demo` (`create`) may make a new store: every other command refuses a --db that
    does not exist, so a mistyped path is an error, not an empty store. A command's services
    queue nothing for the counter's printers (a command prints where its own options say),
    unless `queue_prints` (the tea corner's tickets go to the tea printer of the settings)."""
    from pos.app.bootstrap import Services, open_store

    store = open_store(args.db, settings, create=create)
    services = Services(store, queue_prints=queue_prints)
    try:
        yield services
    finally:
        services.close()


@contextmanager
def reports_opened(args: argparse.Namespace, settings: Settings) -> Iterator[ReportStore]:
    """The database of --db opened for reading reports (it may be the central one)."""
    from pos.app.bootstrap import open_report_store

    store = open_report_store(args.db, settings)
    try:
        yield store
    finally:
        store.close()


def parse_day(text: str | None, what: str) -> date | None:
    """A calendar day written YYYY-MM-DD (None when not given); `what` names the option."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ShopError(
            f"{what} {text!r} must be a date like 2026-11-27",
            f"{what} {text!r} ต้องเป็นวันที่ เช่น 2026-11-27",
        ) from None


def checked_suffix(path: Path, allowed: tuple[str, ...]) -> str:
    """The output file's kind from its suffix, which must be one of `allowed`."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise ShopError(
            f"The output must end in {' or '.join('.' + a for a in allowed)}",
            f"ไฟล์ผลลัพธ์ต้องลงท้ายด้วย {' หรือ '.join('.' + a for a in allowed)}",
        )
    return suffix


@contextmanager
def text_out(path: str | None) -> Iterator[TextIO]:
    """A text file to write (`-` or none: standard output, left open)."""
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as out:
        yield out


@contextmanager
def printing_now(what_en: str, what_th: str) -> Iterator[None]:
    """A command printing straight to a printer (no print queue): a printer fault says so,
    and whether the paper may show part of `what` (a job cut off mid-way) or nothing."""
    try:
        yield
    except PrinterCutOff as exc:
        raise PrinterCutOff(
            f"{exc.message_en} The printer may have printed part of {what_en}: throw that part "
            "away and run the command again to print it whole (a second copy).",
            f"{exc.message_th} เครื่องพิมพ์อาจพิมพ์{what_th} ออกมาบางส่วนแล้ว ให้ทิ้งส่วนนั้น "
            "แล้วสั่งคำสั่งนี้ใหม่เพื่อพิมพ์ฉบับเต็ม (เป็นฉบับที่สอง)",
        ) from exc
    except PrinterUnavailable as exc:
        raise PrinterUnavailable(
            f"{exc.message_en} Nothing was printed and nothing is queued: run the command "
            "again once the printer is ready.",
            f"{exc.message_th} ยังไม่ได้พิมพ์และไม่ได้เก็บไว้ในคิว กรุณาสั่งคำสั่งนี้ใหม่เมื่อเครื่องพิมพ์พร้อม",
        ) from exc
