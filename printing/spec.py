"""Printer specs typed on the command line: tcp:HOST:PORT, file:PATH, usb:VID:PID, …"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pos.domain.errors import SettingsError
from pos.domain.settings import DEFAULT_TCP_PORT, PrinterProfile, Settings

SPEC_HELP = (
    "tcp:HOST[:PORT] | file:PATH | usb:VID:PID | serial:PORT[:BAUD] | png:PATH "
    "| the name of a printer in the settings"
)


@dataclass(frozen=True, slots=True)
class PrinterSpec:
    """A printer to send to, or (png) a file to save the raster image in."""

    profile: PrinterProfile
    png: Path | None = None


def _bad(spec: str, why: str = "") -> SettingsError:
    detail = f" ({why})" if why else ""
    return SettingsError(
        f"Printer {spec!r} is not understood{detail}; use {SPEC_HELP}",
        f"ไม่เข้าใจเครื่องพิมพ์ {spec!r}{detail} ใช้รูปแบบ {SPEC_HELP}",
    )


def parse_spec(spec: str, settings: Settings, **overrides: Any) -> PrinterSpec:
    """The profile a spec means; `overrides` (mode, codepage, paper_mm …) are applied to it."""
    kind, sep, rest = spec.partition(":")
    base = settings.receipt_printer
    named = settings.printer(spec)
    try:
        if named is not None and not sep:
            profile = named
        elif kind == "tcp" and rest:
            host, _, port = rest.partition(":")
            profile = replace(
                base, connection="network", target=f"{host}:{port or DEFAULT_TCP_PORT}"
            )
        elif kind == "file" and rest:
            profile = replace(base, connection="file", target=rest, status_check=False)
        elif kind == "usb" and rest:
            profile = replace(base, connection="usb", target=rest)
        elif kind == "serial" and rest:
            port, _, baud = rest.rpartition(":") if _has_baud(rest) else (rest, "", "")
            profile = replace(base, connection="serial", target=port, baud=int(baud or 9600))
        elif kind == "png" and rest:
            profile = replace(base, connection="preview", target="", status_check=False)
            return PrinterSpec(_with(profile, overrides), Path(rest))
        else:
            raise _bad(spec)
        return PrinterSpec(_with(profile, overrides))
    except SettingsError as exc:
        if exc.message_en.startswith(f"Printer {spec!r}"):
            raise
        raise _bad(spec, exc.message_en) from exc


def _has_baud(rest: str) -> bool:
    head, sep, tail = rest.rpartition(":")
    return bool(sep and head and tail.isdigit())


def _with(profile: PrinterProfile, overrides: dict[str, Any]) -> PrinterProfile:
    values = {k: v for k, v in overrides.items() if v is not None}
    return replace(profile, **values) if values else profile
