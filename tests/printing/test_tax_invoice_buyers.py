"""A buyer of an earlier tax invoice is found by tax ID or name to fill the next one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from pos.app.bootstrap import Store
from pos.domain.settings import Settings
from pos.domain.taxinvoice import Buyer
from tests.printing.conftest import FixedClock, sell
from tests.printing.test_tax_invoice import _service

MakeStore = Callable[[Settings], Store]
DINO = Buyer.checked("บริษัท ภูเวียง ไดโนเสาร์ทัวร์ จำกัด", "99/9 ต.ในเมือง อ.ภูเวียง", "0994000617721", "1")
SILK = Buyer.checked("ห้างหุ้นส่วน ผ้าไหมชนบท", "12 ต.ชนบท อ.ชนบท จ.ขอนแก่น", "0403561000017")


def test_buyers_are_found_by_tax_id_or_name_once_each_newest_details_first(
    make_store: MakeStore, clock: FixedClock
) -> None:
    store = make_store(Settings())
    service = _service(store, clock)
    service.issue(sell(store, clock, None).receipt_no, DINO)
    clock.current += timedelta(minutes=5)
    service.issue(sell(store, clock, None).receipt_no, SILK)
    clock.current += timedelta(minutes=5)
    moved = Buyer.checked(DINO.name, "1 ถ.มิตรภาพ อ.เมืองขอนแก่น", DINO.tax_id, "1")
    service.issue(sell(store, clock, None).receipt_no, moved)

    assert service.buyers("0994-0006") == [moved]  # once, with its newest address
    assert service.buyers("ไดโนเสาร์") == [moved]
    assert service.buyers("ผ้าไหม") == [SILK]
    assert service.buyers("0403 5610 00017") == [SILK]
    assert {b.tax_id for b in service.buyers("จำกัด")} == {DINO.tax_id}
    assert service.buyers("09") == []  # too short to mean anyone
    assert service.buyers("ก") == []
    assert service.buyers("%") == []  # a LIKE wildcard is a character, not "anything"
    assert service.buyers("5555") == []
