"""Deliveries, returns to producers, adjustments and counts: numbered, exact, refused clearly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from pos.domain.auth import Action, PermissionDenied
from pos.domain.stock import AdjustReason, DocumentKind, ReturnReason, StockError, StockLine
from tests.stock.conftest import Shop

D = Decimal


def line(shop: Shop, sku: str, qty: str, **extra: object) -> StockLine:
    return StockLine(shop.product(sku), D(qty), **extra)  # type: ignore[arg-type]


def counts(shop: Shop) -> tuple[int, int, int]:
    with shop.store.engine.connect() as c:
        docs = c.scalar(select(func.count()).select_from(m.StockDocument))
        moves = c.scalar(
            select(func.count()).select_from(m.StockMovement)
            .where(m.StockMovement.document_id.is_not(None))
        )  # fmt: skip
        outbox = c.scalar(
            select(func.count()).select_from(m.OutboxEvent)
            .where(m.OutboxEvent.kind == "stock.document")
        )  # fmt: skip
    return int(docs or 0), int(moves or 0), int(outbox or 0)


def test_a_delivery_is_numbered_merges_scans_and_puts_goods_in(shop: Shop) -> None:
    before = shop.on_hand("SILK-001"), shop.on_hand("PHA-001")
    doc = shop.desk.receive(
        shop.labels, "P-CNB",
        [line(shop, "SILK-001", "1"), line(shop, "SILK-001", "1"), line(shop, "PHA-001", "5")],
        reference="DN-6912-07",
    )  # fmt: skip
    assert doc.number == "KK01-GR-000001"
    assert doc.kind is DocumentKind.DELIVERY
    assert (doc.producer_code, doc.reference, doc.status) == ("P-CNB", "DN-6912-07", "posted")
    assert [(ln.sku, ln.quantity) for ln in doc.lines] == [("SILK-001", D(2)), ("PHA-001", D(5))]
    assert shop.on_hand("SILK-001") == before[0] + 2
    assert shop.on_hand("PHA-001") == before[1] + 5
    assert counts(shop) == (1, 2, 1)
    again = shop.desk.receive(shop.labels, "p-cnb", [line(shop, "PHA-001", "1")])
    assert again.number == "KK01-GR-000002"
    assert shop.desk.document("kk01-gr-000001").document_id == doc.document_id


@pytest.mark.parametrize(
    ("producer", "sku", "qty", "says"),
    [
        ("P-CNB", "TEA-001", "3", "another producer's product"),
        ("P-BPI", "SAUS-W", "2.5005", "at most 3 decimals"),
        ("P-CNB", "SILK-001", "2.5", "a whole number"),
        ("P-CNB", "SILK-001", "0", "above 0"),
        ("P-CNB", "SILK-001", "-3", "above 0"),
        ("P-NONE", "SILK-001", "1", "No producer"),
    ],
)
def test_a_bad_delivery_is_refused_naming_the_problem_and_writes_nothing(
    shop: Shop, producer: str, sku: str, qty: str, says: str
) -> None:
    with pytest.raises(StockError) as refused:
        shop.desk.receive(shop.labels, producer, [line(shop, sku, qty)])
    assert says in refused.value.message_en
    assert refused.value.message_th != refused.value.message_en
    assert counts(shop) == (0, 0, 0)


def test_an_unknown_product_is_named_with_what_to_do(shop: Shop) -> None:
    with pytest.raises(StockError, match="curation application"):
        shop.desk.find_product("8850000000000")
    with pytest.raises(StockError, match="Unknown product"):
        shop.desk.receive(shop.labels, "P-CNB", [StockLine("no-such-id", D(1))])
    assert counts(shop) == (0, 0, 0)


def test_weighed_goods_are_received_to_the_gram(shop: Shop) -> None:
    before = shop.on_hand("SAUS-W")
    shop.desk.receive(shop.labels, "P-BPI", [line(shop, "SAUS-W", "2.375")])
    assert shop.on_hand("SAUS-W") == before + D("2.375")


def test_a_return_to_the_producer_takes_goods_out_never_more_than_there_is(shop: Shop) -> None:
    have = shop.on_hand("TEA-001")
    with pytest.raises(StockError, match="More than is in stock"):
        shop.desk.return_to_producer(
            shop.labels, "P-UDN", ReturnReason.EXPIRED, [line(shop, "TEA-001", str(have + 1))]
        )
    assert counts(shop) == (0, 0, 0)
    doc = shop.desk.return_to_producer(
        shop.labels, "P-UDN", ReturnReason.EXPIRED, [line(shop, "TEA-001", "4")], note="ล็อต 11/69"
    )
    assert (doc.number, doc.reason, doc.note) == ("KK01-RP-000001", "expired", "ล็อต 11/69")
    assert shop.on_hand("TEA-001") == have - 4


def test_an_adjustment_above_the_limit_needs_a_manager(shop: Shop) -> None:
    # 2 silks at 1,290.00 = 2,580.00 at selling price, above the default 500 baht
    have = shop.on_hand("SILK-001")
    with pytest.raises(PermissionDenied, match="above the limit of 500 baht"):
        shop.desk.adjust(shop.labels, AdjustReason.DAMAGE, [line(shop, "SILK-001", "2")])
    assert counts(shop) == (0, 0, 0)
    small = shop.desk.adjust(shop.labels, AdjustReason.SAMPLE, [line(shop, "TEA-001", "2")])
    assert (small.number, small.approved_name) == ("KK01-AD-000001", "")
    approval = shop.auth.approve(
        shop.labels, Action.ADJUST_OVER_LIMIT, "ฝนรั่วใส่ผ้า", "manager", "9999"
    )
    big = shop.desk.adjust(
        shop.labels, AdjustReason.DAMAGE, [line(shop, "SILK-001", "2")], approval=approval
    )
    assert big.approved_name == shop.manager.display_name
    assert shop.on_hand("SILK-001") == have - 2
    with pytest.raises(PermissionDenied):  # an approval is spent once
        shop.desk.adjust(
            shop.labels, AdjustReason.DAMAGE, [line(shop, "SILK-001", "1")], approval=approval
        )
    mine = shop.desk.adjust(shop.manager, AdjustReason.INTERNAL, [line(shop, "SILK-001", "1")])
    assert mine.approved_name == shop.manager.display_name


def test_roles_each_refused_in_the_service(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        shop.desk.receive(shop.cashier, "P-CNB", [line(shop, "SILK-001", "1")])
    with pytest.raises(PermissionDenied):
        shop.desk.return_to_producer(
            shop.cashier, "P-CNB", ReturnReason.UNSOLD, [line(shop, "SILK-001", "1")]
        )
    with pytest.raises(PermissionDenied):
        shop.desk.adjust(shop.cashier, AdjustReason.SAMPLE, [line(shop, "TEA-001", "1")])
    count = shop.desk.start_count(shop.cashier, "ชั้น A")  # a cashier may count
    shop.desk.count(shop.cashier, count.document_id, "TEA-001")
    with pytest.raises(PermissionDenied):
        shop.desk.post_count(shop.cashier, count.document_id)
    with pytest.raises(PermissionDenied):
        shop.desk.post_count(shop.labels, count.document_id)
    assert counts(shop) == (1, 0, 0)  # the open count only


def test_a_count_taken_while_the_till_sells_is_right(shop: Shop) -> None:
    silk, tea = shop.on_hand("SILK-001"), shop.on_hand("TEA-001")
    count = shop.desk.start_count(shop.labels, "ผ้าไหม ชา")
    shop.sell("TEA-001")  # sold before the tea is counted: the shelf shows tea - 1
    for _ in range(int(silk) - 1):  # one silk is missing from the shelf
        shop.desk.count(shop.labels, count.document_id, "SILK-001")
    shop.sell("SILK-001")  # sold after the silks were counted
    _, counted = shop.desk.count(shop.labels, count.document_id, "TEA-001", tea - 1, add=False)
    assert counted == tea - 1
    found = {v.product_id: v for v in shop.desk.variances(count.document_id)}
    assert found[shop.product("SILK-001")].difference == -1
    assert found[shop.product("SILK-001")].value == D("-1290.00")
    assert found[shop.product("TEA-001")].difference == 0
    approval = shop.auth.approve(shop.labels, Action.POST_COUNT, "นับปลายเดือน", "manager", "9999")
    posted = shop.desk.post_count(shop.labels, count.document_id, approval)
    assert (posted.number, posted.status) == ("KK01-SC-000001", "posted")
    assert posted.approved_name == shop.manager.display_name
    # the missing silk and the silk sold while counting are each taken once
    assert shop.on_hand("SILK-001") == silk - 2
    assert shop.on_hand("TEA-001") == tea - 1
    assert counts(shop) == (1, 1, 1)  # one movement: the silk's -1
    with pytest.raises(StockError, match="already posted"):
        shop.desk.post_count(shop.manager, count.document_id)
    with pytest.raises(StockError, match="not open"):
        shop.desk.count(shop.labels, count.document_id, "TEA-001")


def test_on_hand_low_stock_reorder_and_near_expiry(shop: Shop) -> None:
    from datetime import timedelta

    from pos.domain.shop_time import shop_day

    best = shop_day(shop.clock.now()) + timedelta(days=17)
    shop.desk.set_threshold(shop.labels, "TEA-001", shop.on_hand("TEA-001"))
    shop.desk.receive(shop.labels, "P-BPI", [line(shop, "JAEW-001", "10", best_before=best)])
    shop.sell("JAEW-001", "JAEW-001", "TEA-001")
    low = shop.desk.on_hand(low_only=True)
    assert [r.sku for r in low] == ["TEA-001"]
    reorder = shop.desk.reorder("P-BPI")
    assert [(r.sku, r.sold_since_delivery) for r in reorder] == [("JAEW-001", D(2))]
    near = shop.desk.near_expiry(days=30)
    assert [(r.sku, r.best_before) for r in near] == [("JAEW-001", best)]
    assert shop.desk.near_expiry(days=5) == []


def test_goods_of_a_product_awaiting_curation_are_not_received(shop: Shop) -> None:
    from pos.domain.stock import NotCurated
    from pos.services.curation import Curation

    curation = Curation(shop.store.uow, shop.store.settings, shop.clock)
    values = {"sku": "PRAEWA-01", "producer": "P-CNB", "name_th": "ผ้าไหมแพรวา",
              "name_en": "Praewa silk", "category": "textile", "price": "1590"}  # fmt: skip
    curation.submit(shop.manager, values)
    pending = shop.desk.find_product("PRAEWA-01")
    assert pending.curation == "pending"
    with pytest.raises(NotCurated, match="waiting for the curation committee"):
        shop.desk.receive(shop.labels, "P-CNB", [line(shop, "PRAEWA-01", "3")])
    assert counts(shop) == (0, 0, 0)
