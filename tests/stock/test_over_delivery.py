"""Over-delivery: a line far above the product's usual delivery is asked about, not taken."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.domain.stock import (
    OVER_DELIVERY_FACTOR,
    OverDeliveryError,
    ProductFacts,
    StockLine,
    over_deliveries,
    usual_delivery,
)
from tests.stock.conftest import Shop
from tests.stock.test_stock_documents import counts, line

D = Decimal
SILK = ProductFacts("p1", "SILK-001", "ผ้าไหม", "Silk", "P-CNB", False, D(1290))


def test_the_usual_delivery_is_the_median_of_the_recent_ones() -> None:
    assert usual_delivery([]) is None
    assert usual_delivery([D(12)]) == 12
    assert usual_delivery([D(10), D(40), D(12)]) == 12  # one big delivery does not move it
    assert usual_delivery([D(10), D(20), D(12), D(14)]) == 13


@pytest.mark.parametrize(
    ("history", "quantity", "over"),
    [
        ((D(12),), D(36), False),  # three times: still usual
        ((D(12),), D(37), True),
        ((D(1), D(1)), D(4), False),  # four times, but only 3 more: not questioned
        ((D(1), D(1)), D(11), True),
        ((), D(500), False),  # never delivered: nothing to compare with
    ],
)
def test_a_line_is_over_above_three_times_the_usual_and_ten_more(
    history: tuple[Decimal, ...], quantity: Decimal, over: bool
) -> None:
    found = over_deliveries([StockLine("p1", quantity)], {"p1": SILK}, {"p1": history})
    assert bool(found) is over
    if over:
        assert (found[0].sku, found[0].quantity) == ("SILK-001", quantity)


def test_an_over_delivery_is_refused_until_confirmed(shop: Shop) -> None:
    silk, pha = shop.on_hand("SILK-001"), shop.on_hand("PHA-001")
    assert silk == 12  # the opening stock: its first "delivery"
    lines = [line(shop, "SILK-001", "40"), line(shop, "PHA-001", "5")]
    with pytest.raises(OverDeliveryError) as refused:
        shop.desk.receive(shop.labels, "P-CNB", lines, reference="DN-1")
    assert [(o.sku, o.quantity, o.usual) for o in refused.value.lines] == [("SILK-001", 40, 12)]
    assert "SILK-001 40 (usually 12)" in refused.value.message_en
    assert f"{OVER_DELIVERY_FACTOR} times" in refused.value.message_en
    assert "ปกติ 12" in refused.value.message_th
    assert counts(shop) == (0, 0, 0)
    doc = shop.desk.receive(shop.labels, "P-CNB", lines, reference="DN-1", note="late",
                            confirm_over=True)  # fmt: skip
    assert doc.number.endswith("GR-000001")
    # what the receiver confirmed stays on the document (and its slip)
    assert doc.note == "late · เกินปกติ ยืนยันแล้ว / over usual, confirmed: SILK-001 40 (12)"
    assert shop.desk.document(doc.number).note == doc.note
    assert (shop.on_hand("SILK-001"), shop.on_hand("PHA-001")) == (silk + 40, pha + 5)


def test_the_usual_follows_the_deliveries(shop: Shop) -> None:
    for _ in range(2):
        shop.desk.receive(shop.labels, "P-CNB", [line(shop, "SILK-001", "40")],
                          confirm_over=True)  # fmt: skip
    # deliveries 12 (opening), 40, 40: the usual is 40 now, and 100 is not questioned
    shop.desk.receive(shop.labels, "P-CNB", [line(shop, "SILK-001", "100")])
    with pytest.raises(OverDeliveryError, match="usually 40"):
        shop.desk.receive(shop.labels, "P-CNB", [line(shop, "SILK-001", "121")])


def test_the_confirmed_note_fits_the_note() -> None:
    from pos.domain.stock import OverDelivery, confirmed_note

    found = [OverDelivery("p1", "SILK-001", "", "", D(40), D(12))]
    assert confirmed_note("", []) == ""
    assert confirmed_note("DN late", []) == "DN late"
    assert len(confirmed_note("x" * 190, found)) == 200
    assert confirmed_note("", found).endswith("SILK-001 40 (12)")
