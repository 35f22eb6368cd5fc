"""`otop-pos receipt RECEIPT_NO --printer SPEC`: copies on any printer, clear errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pos.app import main
from pos.app.bootstrap import Services, Store, build_till_context
from pos.domain.settings import PrinterProfile, Settings
from pos.services.printing import PrintQueue
from tests.printing.conftest import FixedClock, network_settings, sell
from tests.printing.helpers import FakeNetworkPrinter, free_port

MakeStore = Callable[[Settings], Store]


@pytest.fixture
def sold(make_store: MakeStore, clock: FixedClock) -> Store:
    store = make_store(Settings())
    sell(store, clock, None)
    return store


def _run(store: Store, *args: str) -> int:
    return main(["receipt", "--db", store.url, *args])


def test_a_copy_goes_to_a_network_printer(sold: Store) -> None:
    with FakeNetworkPrinter() as printer:
        code = _run(
            sold,
            "KK01-00000001",
            "--printer",
            f"tcp:{printer.target}",
            "--mode",
            "text",
            "--codepage",
            "21",
        )
    assert code == 0
    [document] = printer.documents
    assert document.startswith(b"\x1b@\x1bt\x15")
    assert "สำเนา / COPY".encode("cp874") in document
    assert b"\x1bp" not in document, "a reprint never opens the drawer"


def test_a_printer_that_never_answers_status_prints_with_no_status(
    sold: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeNetworkPrinter(answers=False) as printer:
        spec = f"tcp:{printer.target}"
        assert _run(sold, "KK01-00000001", "--printer", spec) == 2  # waits for a status
        assert "otop-pos: Printer receipt" in capsys.readouterr().err
        assert b"".join(printer.documents) == b"", "nothing printed yet"
        code = _run(sold, "KK01-00000001", "--printer", spec, "--no-status")
    assert code == 0
    assert printer.documents[-1].startswith(b"\x1b@"), "the receipt itself, not a status query"


def test_raster_to_a_file_and_the_original_flag(sold: Store, tmp_path: Path) -> None:
    out = tmp_path / "receipt.bin"
    assert _run(sold, "KK01-00000001", "--printer", f"file:{out}", "--original") == 0
    data = out.read_bytes()
    assert data.startswith(b"\x1b@\x1dv0\x00\x48\x00"), "GS v 0, 72 bytes = 576 dots wide"
    assert data.endswith(b"\x1dV\x01")


def test_png_is_the_raster_image_itself(sold: Store, tmp_path: Path) -> None:
    out = tmp_path / "r.png"
    assert _run(sold, "KK01-00000001", "--printer", f"png:{out}", "--paper", "58") == 0
    image = QImage(str(out))
    assert (image.width(), image.depth()) == (384, 1)
    assert image.height() > 1000


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("usb:04b8:0202", "USB"),
        ("serial:/dev/ttyUSB9", "Serial"),
        ("tcp:127.0.0.1:{free_port}", "does not answer"),  # the port is chosen when it runs
        ("bluetooth:x", "tcp:HOST[:PORT]"),
    ],
)
def test_a_printer_that_cannot_print_here_gives_a_clear_error(
    sold: Store, spec: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = spec.format(free_port=free_port())
    assert _run(sold, "KK01-00000001", "--printer", spec) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err
    assert "เครื่องพิมพ์" in err or "รูปแบบ" in err, "Thai words too"


def test_an_unknown_receipt_is_an_error(sold: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(sold, "KK01-09999999", "--printer", "png:/tmp/x.png") == 2
    assert "No receipt KK01-09999999" in capsys.readouterr().err


def test_test_page_as_png(tmp_path: Path, sold: Store) -> None:
    out = tmp_path / "test.png"
    assert _run(sold, "--test-page", "--printer", f"png:{out}") == 0
    assert QImage(str(out)).width() == 576


def test_the_till_prints_through_the_queue_unless_the_printer_is_a_preview(
    make_store: MakeStore, tmp_path: Path
) -> None:
    preview = make_store(Settings())
    assert Services(preview).receipt_sink is None
    assert build_till_context(preview).checkout.sink is None
    networked = make_store(network_settings("192.0.2.10:9100"))
    sink = build_till_context(networked).checkout.sink
    assert isinstance(sink, PrintQueue)
    assert sink.receipt_printer == "receipt"


def test_settings_file_printer_name_as_spec(
    sold: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tea.bin"
    settings = Settings(
        printers=(PrinterProfile(), PrinterProfile(name="tea", connection="file", target=str(out)))
    )
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(settings.to_dict(), ensure_ascii=False), "utf-8")
    code = main(
        ["--settings", str(path), "receipt", "--db", sold.url, "KK01-00000001", "--printer", "tea"]
    )
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"\x1b@")


def test_a_printer_that_is_off_is_no_print_queue_for_the_command(
    sold: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = f"tcp:127.0.0.1:{free_port()}"
    assert _run(sold, "KK01-00000001", "--printer", spec) == 2
    err = capsys.readouterr().err
    assert "does not answer" in err
    assert "Nothing was printed and nothing is queued: run the command again" in err
    assert "print queue" not in err  # the command has none
    assert "คิวพิมพ์" not in err
    assert "ไม่ได้เก็บไว้ในคิว" in err


def test_a_printer_cut_off_after_most_of_the_job_says_a_retry_is_a_second_copy(
    sold: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = tmp_path / "whole.bin"
    assert _run(sold, "KK01-00000001", "--printer", f"file:{whole}") == 0
    size = len(whole.read_bytes())
    assert size > 20_000  # a raster receipt: tens of kB
    cut_at = size * 8 // 10  # the printer takes 80 % of the job, then the cable is pulled
    with FakeNetworkPrinter(close_after=cut_at) as printer:
        spec = f"tcp:{printer.target}"
        assert _run(sold, "KK01-00000001", "--printer", spec) == 2
        err = capsys.readouterr().err
        assert printer.connections[0].closed_early
        assert len(printer.connections[0].raw) == cut_at
        assert "lost while printing" in err
        assert "may have printed part of receipt KK01-00000001: throw that part away" in err
        assert "run the command again to print it whole (a second copy)" in err
        assert "print queue" not in err
        assert "Nothing was printed" not in err
        assert "อาจพิมพ์ใบเสร็จ KK01-00000001 ออกมาบางส่วนแล้ว" in err
        assert "Traceback" not in err

        assert _run(sold, "KK01-00000001", "--printer", spec) == 0  # run again: whole
    assert printer.documents[1] == whole.read_bytes()


def test_a_file_printer_in_a_missing_folder_names_the_path(
    sold: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "lp0"
    assert _run(sold, "KK01-00000001", "--printer", f"file:{target}") == 2
    err = capsys.readouterr().err
    assert f"(file {target}): cannot be opened (No such file or directory). Check the path" in err
    assert "ตรวจสอบที่อยู่ไฟล์" in err
    assert not target.parent.exists()  # nothing made on the way
