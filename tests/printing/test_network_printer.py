"""A real TCP printer on 127.0.0.1: what it receives, and every fault the shop can fix."""

from __future__ import annotations

import pytest

from pos.domain.errors import PrinterUnavailable
from pos.domain.settings import PrinterProfile, Settings
from printing.document import receipt_document
from printing.escpos_job import build_job
from printing.printer import EscPosPrinter
from printing.transport import deliver
from tests.printing.helpers import FakeNetworkPrinter, free_port, thai_receipt

INIT = b"\x1b@"
CUT = b"\x1dV\x01"
DRAWER = b"\x1bp\x00\x32\x32"  # ESC p, pin 2, 100 ms on / 100 ms off


def _profile(target: str, **changes: object) -> PrinterProfile:
    values: dict[str, object] = {"timeout_s": 2, **changes}
    return PrinterProfile(name="receipt", connection="network", target=target, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["raster", "text"])
def test_printer_receives_init_body_cut_and_drawer_pulse_for_cash(mode: str) -> None:
    codepage = 21 if mode == "text" else None
    with FakeNetworkPrinter() as printer:
        profile = _profile(printer.target, mode=mode, codepage=codepage)
        receipt = thai_receipt(pay="cash")
        EscPosPrinter().print_receipt(receipt, Settings(), profile, open_drawer=True)
    assert len(printer.connections) == 1
    got = printer.documents[0]
    expected = build_job(receipt_document(receipt, Settings()), profile, open_drawer=True)
    assert got == expected, "the printer got exactly the job, nothing lost or doubled"
    assert got.startswith(INIT)
    body = b"\x1dv0" if mode == "raster" else b"\x1bt\x15"
    assert got[2:].startswith(body)
    assert got.endswith(CUT + DRAWER)
    assert printer.connections[0].queries == [1, 1], "status asked before and after the job"


def test_no_drawer_pulse_when_paid_by_promptpay() -> None:
    """The queue asks for the drawer only with a cash tender; here the adapter is told so."""
    with FakeNetworkPrinter() as printer:
        EscPosPrinter().print_receipt(
            thai_receipt(pay="promptpay"), Settings(), _profile(printer.target), open_drawer=False
        )
    got = printer.documents[0]
    assert got.endswith(CUT)
    assert b"\x1bp" not in got[-16:]


def test_connection_refused_is_a_plain_shop_error() -> None:
    profile = _profile(f"127.0.0.1:{free_port()}")
    with pytest.raises(PrinterUnavailable) as info:
        deliver(profile, b"\x1b@hello")
    assert "does not answer" in info.value.message("en")
    assert "refused" in info.value.message("en").lower()
    assert "ไม่ตอบสนอง" in info.value.message("th")


def test_connection_closed_mid_job_is_noticed_even_when_the_os_took_every_byte() -> None:
    job = b"\x1b@" + b"x" * 400 + b"\x1dV\x01"  # small enough to sit in socket buffers
    with (
        FakeNetworkPrinter(close_after=100) as printer,
        pytest.raises(PrinterUnavailable) as info,
    ):
        deliver(_profile(printer.target), job)
    assert printer.connections[0].closed_early
    assert "lost while printing" in info.value.message("en")
    assert "ขาดระหว่างพิมพ์" in info.value.message("th")


def test_cover_open_and_paper_out_are_told_before_anything_is_sent() -> None:
    with (
        FakeNetworkPrinter(online=False, cover_open=True) as printer,
        pytest.raises(PrinterUnavailable, match="cover is open"),
    ):
        deliver(_profile(printer.target), b"\x1b@job")
    assert printer.documents == [b""]
    with (
        FakeNetworkPrinter(online=False, paper_out=True) as printer,
        pytest.raises(PrinterUnavailable) as info,
    ):
        deliver(_profile(printer.target), b"\x1b@job")
    assert "out of paper" in info.value.message("en")
    assert "กระดาษหมด" in info.value.message("th")


def test_a_printer_that_never_answers_status_is_named_so_the_setting_can_be_changed() -> None:
    with FakeNetworkPrinter(answers=False) as printer:
        with pytest.raises(PrinterUnavailable, match="status queries"):
            deliver(_profile(printer.target, timeout_s=1), b"\x1b@job")
        assert printer.documents == [b""], "nothing printed, so nothing prints twice later"
        deliver(_profile(printer.target, status_check=False), b"\x1b@job")
    assert printer.documents[-1] == b"\x1b@job"


def test_preview_profile_cannot_print() -> None:
    with pytest.raises(PrinterUnavailable, match="preview"):
        EscPosPrinter().print_receipt(
            thai_receipt(), Settings(), PrinterProfile(), open_drawer=False
        )
