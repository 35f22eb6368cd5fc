"""A sale's line detail, ref and notes travel to the central database exactly once."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy import text

from pos.domain.auth import Actor, Role
from pos.domain.bilingual import Bilingual
from pos.domain.cart import Cart, CartLine
from pos.domain.payment import Tender, TenderKind, settle
from pos.domain.sale import ReceiptNote, SaleDraft
from pos.services.sale_hooks import run_sale_hooks
from tests.integration.conftest import FixedClock
from tests.sync.checks import assert_exactly_once
from tests.sync.conftest import Central

pytestmark = pytest.mark.pg
MANAGER = Actor("00000000-0000-4000-8000-000000000009", "manager", "Manager", Role.MANAGER)


def test_detail_ref_and_notes_reach_central_once(central: Central, make_counter) -> None:
    counter = make_counter("Counter 2")
    store = counter.store
    clock = FixedClock()
    with store.uow(write=True) as work:
        silk = work.catalog.product_by_sku("SILK-001")
        assert silk is not None
        cart = Cart()
        detail = Bilingual("ห่อของขวัญ", "gift-wrapped")
        cart.add_line(CartLine(silk, Decimal(1), silk.unit_price, detail=detail, ref="gift:1"))
        totals = cart.totals()
        tender = Tender(TenderKind.PROMPTPAY, totals.total)
        draft = SaleDraft(
            str(uuid.uuid4()), cart, totals, (tender,), settle(totals.total, (tender,)),
            clock.now(), None, MANAGER.display_name,
        )  # fmt: skip
        receipt = work.sales.record(draft, store.terminal)
        note = ReceiptNote("คิว 7", "ORDER 7", big=True)
        run_sale_hooks(work, receipt, cart, [lambda uow, r, c: [note]])
        work.commit()
    counter.service.sync_once()
    with store.engine.begin() as conn:  # the acknowledgement was lost: all sent again
        conn.execute(text("UPDATE outbox SET sent_at = NULL"))
    counter.service.sync_once()

    assert_exactly_once(central, counter)
    row = central.scalar(
        "SELECT detail_th || '|' || detail_en || '|' || ref FROM sale_lines WHERE sale_id = :s",
        s=receipt.sale_id,
    )
    assert row == "ห่อของขวัญ|gift-wrapped|gift:1"
    notes = central.scalar(
        "SELECT string_agg(seq || ':' || text_th || ':' || text_en || ':' || big::text, ',')"
        " FROM sale_notes WHERE sale_id = :s",
        s=receipt.sale_id,
    )
    assert notes == "1:คิว 7:ORDER 7:true"
