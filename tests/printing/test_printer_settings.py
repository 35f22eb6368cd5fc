"""Printer profiles in the settings: several per counter, a lossless round trip, clear refusals."""

from __future__ import annotations

import json

import pytest

from pos.domain.errors import SettingsError
from pos.domain.settings import PrinterProfile, Settings
from printing.spec import parse_spec


def test_every_kind_of_printer_round_trips_through_json() -> None:
    settings = Settings(
        printers=(
            PrinterProfile(
                name="receipt",
                connection="network",
                target="192.168.1.50:9100",
                paper_mm=80,
                mode="text",
                codepage=21,
                drawer_pin=5,
                drawer_pulse_ms=120,
                logo="/opt/otop/logo.png",
            ),
            PrinterProfile(name="tea", connection="usb", target="04b8:0202", paper_mm=58),
            PrinterProfile(name="office", connection="serial", target="/dev/ttyUSB0", baud=19200),
            PrinterProfile(name="spool", connection="queue", target="", drawer_pin=None),
            PrinterProfile(name="log", connection="file", target="/tmp/x.bin", cut=False),
            PrinterProfile(name="screen", columns=42, status_check=False, timeout_s=10),
        )
    )
    again = Settings.from_dict(json.loads(json.dumps(settings.to_dict(), ensure_ascii=False)))
    assert again == settings
    assert again.printer("tea") is not None
    assert again.receipt_printer.codepage == 21


def test_old_settings_files_without_the_new_fields_still_load() -> None:
    old = {"printers": [{"name": "receipt", "connection": "network", "target": "10.0.0.9"}]}
    profile = Settings.from_dict(old).receipt_printer
    assert profile.network_address() == ("10.0.0.9", 9100)
    assert (profile.mode, profile.dots, profile.text_columns) == ("raster", 576, 48)
    assert (profile.baud, profile.drawer_pulse_ms, profile.status_check) == (9600, 100, True)


def test_paper_width_gives_dots_and_columns() -> None:
    assert (PrinterProfile(paper_mm=58).dots, PrinterProfile(paper_mm=58).text_columns) == (
        384,
        32,
    )
    assert PrinterProfile(paper_mm=80, columns=42).text_columns == 42


def test_the_receipt_printer_is_the_one_named_receipt_else_the_first() -> None:
    tea = PrinterProfile(name="tea", connection="file", target="/tmp/t")
    assert Settings(printers=(tea,)).receipt_printer is tea
    assert Settings(printers=(tea, PrinterProfile())).receipt_printer.name == "receipt"
    assert Settings(printers=()).receipt_printer.is_preview


def _refused(**values: object) -> str:
    with pytest.raises(SettingsError) as info:
        Settings.from_dict({"printers": [{"name": "receipt", **values}]})
    return info.value.message("en")


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"mode": "text"}, "code page"),
        ({"mode": "text", "codepage": 300}, "code page must be 0-255"),
        ({"mode": "fancy"}, "mode must be raster or text"),
        ({"paper_mm": 76}, "58 or 80"),
        ({"paper_mm": "80"}, "paper_mm must be a int"),
        ({"connection": "bluetooth"}, "connection must be one of"),
        ({"connection": "network"}, "needs a target"),
        ({"connection": "network", "target": "10.0.0.9:99999"}, "host:port"),
        ({"connection": "usb", "target": "printer"}, "VID:PID"),
        ({"connection": "serial", "target": "/dev/ttyS0", "baud": 12345}, "baud"),
        ({"drawer_pin": 3}, "pin must be 2 or 5"),
        ({"drawer_pulse_ms": 1000}, "drawer pulse"),
        ({"timeout_s": 0}, "timeout"),
        ({"cut": "yes"}, "cut must be a bool"),
        ({"colour": "red"}, "unknown colour"),
    ],
)
def test_bad_printer_settings_are_refused_saying_what_is_wrong(
    values: dict[str, object], said: str
) -> None:
    message = _refused(**values)
    assert said in message
    assert "Printer" in message


def test_two_printers_with_one_name_are_refused() -> None:
    with pytest.raises(SettingsError, match="two printers are named 'receipt'"):
        Settings(printers=(PrinterProfile(), PrinterProfile()))


def test_thai_messages_too() -> None:
    with pytest.raises(SettingsError) as info:
        PrinterProfile(mode="text")
    assert "โค้ดเพจ" in info.value.message("th")


@pytest.mark.parametrize(
    ("spec", "connection", "target"),
    [
        ("tcp:192.168.1.50:9100", "network", "192.168.1.50:9100"),
        ("tcp:printer.local", "network", "printer.local:9100"),
        ("file:/tmp/receipt.bin", "file", "/tmp/receipt.bin"),
        ("usb:04b8:0202", "usb", "04b8:0202"),
        ("serial:/dev/ttyUSB0", "serial", "/dev/ttyUSB0"),
        ("serial:COM3:19200", "serial", "COM3"),
    ],
)
def test_cli_printer_specs(spec: str, connection: str, target: str) -> None:
    parsed = parse_spec(spec, Settings())
    assert (parsed.profile.connection, parsed.profile.target) == (connection, target)
    assert parsed.png is None


def test_cli_spec_png_and_overrides_and_names() -> None:
    png = parse_spec("png:/tmp/r.png", Settings(), paper_mm=58)
    assert str(png.png) == "/tmp/r.png"
    assert png.profile.dots == 384
    assert parse_spec("serial:COM3:19200", Settings()).profile.baud == 19200
    text = parse_spec("tcp:10.0.0.9", Settings(), mode="text", codepage=70)
    assert (text.profile.mode, text.profile.codepage) == ("text", 70)
    tea = PrinterProfile(name="tea", connection="file", target="/tmp/t")
    assert parse_spec("tea", Settings(printers=(PrinterProfile(), tea))).profile is tea


@pytest.mark.parametrize("spec", ["lpt1", "tcp:", "usb:epson", "ftp:x", "tcp:host:port"])
def test_bad_cli_specs_say_how_to_write_one(spec: str) -> None:
    with pytest.raises(SettingsError) as info:
        parse_spec(spec, Settings())
    assert "tcp:HOST[:PORT]" in info.value.message("en")
