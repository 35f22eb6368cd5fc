"""The full tax invoice prints a line's detail under it and the sale's notes after the total,
as the receipt does: the A4 PDF read back by pypdf."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from pos.app.bootstrap import Store
from pos.domain.settings import Settings
from tests.helpers.drinks import OPTIONS, sell_drink
from tests.printing.conftest import FixedClock, sell
from tests.printing.test_tax_invoice import COMPANY, _service

SILK = "8851234000012"


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_invoice_pdf_prints_the_detail_under_its_line_and_the_notes_after_the_total(
    make_store: Callable[[Settings], Store], clock: FixedClock, tmp_path: Path
) -> None:
    store = make_store(Settings())
    receipt = sell_drink(store, clock, "8851234000029", SILK)
    service = _service(store, clock)
    invoice = service.issue(receipt.receipt_no, COMPANY)
    assert invoice.receipt.notes == receipt.notes  # read back from the store
    pdf = service.write_pdf(invoice, tmp_path / "ti.pdf").read_bytes()
    text = squeezed("".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    detail = text.find(squeezed(OPTIONS.th))
    assert detail > 0, text
    assert squeezed(OPTIONS.en) in text
    # under the drink's own name, before the next line (the silk)
    drink, silk = text.find("ชาใบหม่อนอบแห้ง"), text.find("ผ้าไหม")
    assert 0 < drink < detail < silk, text
    note = receipt.notes[0]
    total = text.find("Total")
    assert total > 0
    assert total < text.find(squeezed(note.text_th))
    assert total < text.find(squeezed(note.text_en))
    # a sale without either prints neither
    plain = service.issue(sell(store, clock, None).receipt_no, COMPANY)
    pdf = service.write_pdf(plain, tmp_path / "plain.pdf").read_bytes()
    text = squeezed("".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    assert "ORDER" not in text
    assert squeezed(OPTIONS.th) not in text
