"""A refund by amount (part of a booking's deposit) on its slip: the money given back and what
was paid for the line, read back from the text printer's bytes, the reprint and the raster."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from pos.app.bootstrap import Services, open_store
from pos.domain.refund import RefundReceipt, RefundReceiptLine
from pos.domain.rooms import RoomRules
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.shop_time import BANGKOK
from pos.services.auth import Auth
from printing.refund_receipt import refund_image, render_refund_text
from printing.textwidth import display_width
from tests.helpers.selling import PlainTestHasher
from tests.integration.conftest import FixedClock
from tests.printing.helpers import FakeNetworkPrinter
from tests.rooms.conftest import CASHIER, MANAGER, NOW, shop_url
from tests.rooms.test_paying import GUEST, pay

__all__ = ["shop_url"]  # the rooms shop on SQLite and PostgreSQL (a fixture used by name)

D = Decimal
THAI = "คืนเงิน ฿66.66 จาก ฿200.00 (รายการที่ 1)"
ENGLISH = "Refunded ฿66.66 of ฿200.00"


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as fake:
        yield fake


@pytest.fixture
def services(shop_url: str, printer: FakeNetworkPrinter) -> Iterator[Services]:
    """The rooms shop whose receipt printer prints text (Thai code page) on 127.0.0.1."""
    profile = PrinterProfile(name="receipt", connection="network", target=printer.target,
                             mode="text", codepage=21)  # fmt: skip
    store = open_store(shop_url, Settings(printers=(profile,)))
    services = Services(store)
    services.clock = FixedClock(NOW.astimezone(UTC))
    services.auth = Auth(store.uow, store.settings, services.clock, PlainTestHasher(),
                         store.terminal.terminal_id)  # fmt: skip
    try:
        yield services
    finally:
        store.close()


def _flat(text: str) -> str:
    """The slip's lines joined with single spaces (a narrow slip wraps a long line)."""
    return " ".join(text.split())


def test_a_part_of_a_deposit_prints_as_money_of_what_was_paid_never_as_a_share(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    rooms = services.rooms
    room = rooms.rooms()[0]
    rooms.save_rules(MANAGER, room.id, RoomRules(refund_before_pct=D("33.33")))
    b = rooms.book(room.id, datetime(2026, 12, 12, 9, tzinfo=BANGKOK),
                   datetime(2026, 12, 12, 11, tzinfo=BANGKOK), GUEST, actor=CASHIER)  # fmt: skip
    paid = pay(services.checkout, rooms.payment_line(b.booking_no, "deposit"))
    services.auth.ensure_demo_users()
    manager = services.auth.login("manager", "9999")
    rooms.cancel(b.booking_no, CASHIER, "plans changed")
    printed = len(printer.documents)  # the sale's receipt

    refund = services.returns.refund(manager, paid.receipt_no, {}, "cash", "cancelled",
                                     amounts={1: D("66.66")})  # fmt: skip

    [line] = refund.lines
    assert (line.quantity, line.amount, line.part_of) == (D("0.333"), D("66.66"), D("200.00"))
    [job] = printer.documents[printed:]
    sent = job.decode("cp874", errors="replace")  # what the printer's Thai code page shows
    assert THAI in sent
    assert ENGLISH in sent
    assert "0.333" not in sent
    again = services.returns.reprint(refund.refund_no)  # read back from the database
    assert again.lines[0].part_of == D("200.00")
    for columns in (48, 32):
        text = render_refund_text(again, services.settings, columns)
        assert max(display_width(ln) for ln in text.splitlines()) <= columns
        assert THAI in _flat(text)
        assert ENGLISH in _flat(text)
        assert "0.333" not in text

    # the rest by quantity: the slip says the money too, of the same 200.00
    rooms.save_rules(MANAGER, room.id, RoomRules(refund_before_pct=D(100)))
    rest = services.returns.refund(manager, paid.receipt_no, {1: D("0.667")}, "cash", "rule")
    assert rest.lines[0].part_of == D("200.00")
    assert "คืนเงิน ฿133.34 จาก ฿200.00" in _flat(render_refund_text(rest, services.settings))


def test_a_whole_line_and_goods_still_print_their_quantity() -> None:
    at = datetime(2026, 12, 1, 3, tzinfo=UTC)
    lines = (
        RefundReceiptLine(1, "SVC-ROOM", "ค่าห้องประชุม", "Room", D(1), D("200.00"), False),
        RefundReceiptLine(2, "885", "ผ้าไหม", "Silk", D("0.5"), D("50.00"), False),
    )
    refund = RefundReceipt("r1", "KK01-R-000009", at, "KK01-000001", at, "", "KK01", "สมใจ",
                           "", "cancelled", "cash", lines, D("250.00"), D("250.00"), D(0),
                           D("16.36"), D(7))  # fmt: skip
    text = _flat(render_refund_text(refund, Settings()))
    assert "คืน 1 (รายการที่ 1)" in text
    assert "คืน 0.5 (รายการที่ 2)" in text
    assert "คืนเงิน ฿" not in text
    assert "Refunded ฿" not in text


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_the_raster_slip_reads_back_with_the_amount_of_what_was_paid(tmp_path: Path) -> None:
    at = datetime(2026, 12, 1, 3, tzinfo=UTC)
    line = RefundReceiptLine(1, "SVC-ROOM", "ค่าห้องประชุม", "Room", D("0.333"), D("66.66"),
                             False, part_of=D("200.00"))  # fmt: skip
    refund = RefundReceipt("r1", "KK01-R-000009", at, "KK01-000001", at, "", "KK01", "สมใจ",
                           "", "cancelled", "cash", (line,), D("66.66"), D("66.66"), D(0),
                           D("4.36"), D(7))  # fmt: skip
    settings = Settings()
    image = refund_image(refund, settings, settings.receipt_printer)
    raw = tmp_path / "raster.png"
    assert image.save(str(raw))
    # the lines' part (below the header), twice the dots, in grey: tesseract reads a 203 dpi
    # slip's small print only enlarged
    grey = Image.open(raw).convert("L")
    part = grey.crop((0, grey.height * 2 // 5, grey.width, grey.height * 3 // 4))
    path = tmp_path / "slip.png"
    part.resize((part.width * 2, part.height * 2), Image.Resampling.BICUBIC).save(path)
    read = subprocess.run(
        ["tesseract", str(path), "-", "-l", "tha+eng", "--psm", "4"],
        capture_output=True, text=True, check=True, timeout=120,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one thread: far faster on 2 cores
    ).stdout  # fmt: skip
    squeezed = "".join(read.split())
    # (it reads the baht sign ฿ as an 8 or leaves it out)
    assert re.search(r"คืนเงิน.?66\.66จาก.?200\.00\(รายการที่1\)", squeezed), read
    assert re.search(r"Refunded.?66\.66of.?200\.00", squeezed), read
    assert "0.333" not in squeezed
