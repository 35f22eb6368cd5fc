"""The refund slip prints a returned line's detail under it and the sale's notes after the
total, as the receipt did; a reprint from the store says the same (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

from pos.app.bootstrap import Store
from pos.domain.auth import Actor
from pos.services.returns import Returns
from printing.refund_receipt import render_refund_text
from printing.textwidth import display_width
from tests.helpers.drinks import OPTIONS, sell_drink
from tests.integration.conftest import FixedClock
from tests.returns.conftest import BALM, JAEW


def test_the_slip_prints_the_lines_detail_and_the_sales_notes(
    store: Store, clock: FixedClock, returns: Returns, manager: Actor
) -> None:
    receipt = sell_drink(store, clock, JAEW, BALM)
    (note,) = receipt.notes
    refund = returns.refund(manager, receipt.receipt_no, {1: Decimal(1)}, "cash", "wrong drink")
    again = returns.reprint(refund.refund_no)
    assert again.notes == refund.notes == receipt.notes
    assert [ln.detail for ln in again.lines] == [OPTIONS]
    for slip in (refund, again):
        for columns in (48, 32):
            lines = [ln.strip() for ln in render_refund_text(slip, store.settings, columns)
                     .splitlines()]  # fmt: skip
            assert max(display_width(ln) for ln in lines) <= columns
            name = next(i for i, ln in enumerate(lines) if ln.startswith("แจ่วบองปลาร้า"))
            assert OPTIONS.th in " ".join(lines[name + 1 : name + 4]), lines
            total = next(i for i, ln in enumerate(lines) if ln.startswith("ยอดคืนเงิน"))
            order = next(i for i, ln in enumerate(lines) if note.text_th in ln)
            assert total < order
            assert any(note.text_en in ln for ln in lines[order:])
    # a refund of a plain line of the same sale prints the notes but no detail of its own
    balm = returns.refund(manager, receipt.receipt_no, {2: Decimal(1)}, "cash", "allergy")
    text = render_refund_text(balm, store.settings, 48)
    assert OPTIONS.th not in text
    assert note.text_th in text
