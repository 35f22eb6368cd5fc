"""The refund arithmetic without a database: exact shares, never more than sold, baskets."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.money import vat_included
from pos.domain.refund import (
    RefundError,
    ReturnableBasket,
    ReturnableLine,
    ReturnableSale,
    build_refund_receipt,
    plan_refund,
    refund_number,
)

D = Decimal
WHEN = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)


def line(no: int, qty: str, paid: str, *, exempt: bool = False, basket: str | None = None,
         product: str | None = None, done_qty: str = "0", done_amount: str = "0",
         ) -> ReturnableLine:  # fmt: skip
    return ReturnableLine(
        line_no=no, sale_line_id=f"line-{no}", product_id=product or f"p{no}", sku=f"SKU{no}",
        name_th=f"สินค้า {no}", name_en=f"item {no}", quantity_sold=D(qty),
        quantity_refunded=D(done_qty), paid=D(paid), amount_refunded=D(done_amount),
        vat_exempt=exempt, basket_id=basket,
    )  # fmt: skip


def sale(*lines: ReturnableLine, baskets: tuple[ReturnableBasket, ...] = ()) -> ReturnableSale:
    total = sum((ln.paid for ln in lines), D(0))
    return ReturnableSale("s1", "t1", "KK01-00000007", WHEN, "cashier", total, D(7), lines,
                          baskets)  # fmt: skip


def test_the_refund_number_has_its_own_series_per_terminal() -> None:
    assert refund_number("KK01", 1) == "KK01-R-000001"
    assert refund_number("KK02", 123456) == "KK02-R-123456"


def test_vat_is_derived_once_from_the_vatable_part_of_the_refund() -> None:
    s = sale(line(1, "3", "95.85"), line(2, "1", "60.00", exempt=True))
    plan = plan_refund(s, {})
    assert (plan.total, plan.exempt, plan.vatable) == (D("155.85"), D("60.00"), D("95.85"))
    assert plan.vat == vat_included(D("95.85"), D(7)) == D("6.27")
    assert dict(plan.stock) == {"p1": D(3), "p2": D(1)}


@given(
    quantity=st.integers(min_value=1, max_value=12),
    paid_satang=st.integers(min_value=1_000, max_value=10_000_000),
    cuts=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=12),
)
def test_partial_refunds_never_pass_what_was_paid_and_end_exactly_on_it(
    quantity: int, paid_satang: int, cuts: list[int]
) -> None:
    paid = D(paid_satang) / 100
    done_qty, done_amount = D(0), D(0)
    for cut in cuts:
        left = quantity - done_qty
        if left <= 0:
            break
        take = min(D(cut), left)
        s = sale(line(1, str(quantity), str(paid), done_qty=str(done_qty),
                      done_amount=str(done_amount)))  # fmt: skip
        amount = plan_refund(s, {1: take}).total
        assert amount > 0
        done_qty += take
        done_amount += amount
        assert done_amount <= paid
    s = sale(line(1, str(quantity), str(paid), done_qty=str(done_qty),
                  done_amount=str(done_amount)))  # fmt: skip
    if done_qty < quantity:
        done_amount += plan_refund(s, {}).total
    assert done_amount == paid


def test_one_by_one_gives_what_all_at_once_gives() -> None:
    s = sale(line(1, "3", "100.00"))
    assert plan_refund(s, {1: D(2)}).total == D("66.67")
    first = plan_refund(s, {1: D(1)}).total
    after = sale(line(1, "3", "100.00", done_qty="1", done_amount=str(first)))
    assert (first, plan_refund(after, {1: D(1)}).total) == (D("33.33"), D("33.34"))


def test_a_refund_of_nothing_is_refused() -> None:
    s = sale(line(1, "1", "0.00"))  # a free gift (100% discount)
    with pytest.raises(RefundError) as caught:
        plan_refund(s, {})
    assert "the amount is 0" in caught.value.message_en


def test_more_than_is_left_is_refused_in_both_languages() -> None:
    s = sale(line(1, "2", "71.00", done_qty="1", done_amount="35.50"))
    with pytest.raises(RefundError) as caught:
        plan_refund(s, {1: D(2)})
    assert "1 is left to return" in caught.value.message_en
    assert "เหลือให้คืนได้ 1" in caught.value.message_th


def test_a_ready_made_basket_returns_whole_to_its_own_stock() -> None:
    ready = ReturnableBasket("b1", "กระเช้าปีใหม่", "New Year basket", 2, "ready-basket")
    s = sale(
        line(1, "2", "170.00", basket="b1", product="tea"),
        line(2, "4", "828.00", basket="b1", product="jaew"),
        line(3, "1", "45.00", product="balm"),
        baskets=(ready,),
    )
    one = plan_refund(s, {1: D(1), 2: D(2)})  # one whole basket of the two
    assert dict(one.stock) == {"ready-basket": D(1)}
    assert one.total == D("85.00") + D("414.00")
    both = plan_refund(s, {})
    assert dict(both.stock) == {"ready-basket": D(2), "balm": D(1)}
    for partial in ({1: D(1)}, {1: D(1), 2: D(1)}, {2: D(2)}):
        with pytest.raises(RefundError) as caught:
            plan_refund(s, partial)
        assert "return whole baskets" in caught.value.message_en
        assert "ทั้งกระเช้า" in caught.value.message_th


def test_the_refund_slip_names_the_sale_and_the_basket_of_each_line() -> None:
    s = sale(
        line(1, "2", "240.00", basket="b1"),
        line(2, "1", "60.00", exempt=True),
        baskets=(ReturnableBasket("b1", "กระเช้าปีใหม่", "New Year basket", 1, None),),
    )
    plan = plan_refund(s, {2: D(1)})
    later = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    slip = build_refund_receipt(
        s, plan, refund_id="r1", refund_no="KK01-R-000003", at=later, pos_id="POS1",
        terminal_name="A", cashier_name="สมใจ", approver_name="ผู้จัดการ", reason="ชำรุด",
        method="cash",
    )  # fmt: skip
    assert (slip.refund_id, slip.refund_no, slip.refunded_at) == ("r1", "KK01-R-000003", later)
    assert (slip.receipt_no, slip.sold_at) == ("KK01-00000007", WHEN)
    assert (slip.cashier_name, slip.approver_name, slip.reason, slip.method) == (
        "สมใจ", "ผู้จัดการ", "ชำรุด", "cash",
    )  # fmt: skip
    assert [(ln.line_no, ln.quantity, ln.amount, ln.vat_exempt) for ln in slip.lines] == [
        (2, D(1), D("60.00"), True),
    ]  # fmt: skip
    assert (slip.total, slip.exempt, slip.vat) == (plan.total, D("60.00"), D(0))
    whole = plan_refund(s, {})
    slip = build_refund_receipt(
        s, whole, refund_id="r2", refund_no="KK01-R-000004", at=later, pos_id="POS1",
        terminal_name="A", cashier_name="สมใจ", approver_name="", reason="ชำรุด", method="cash",
    )  # fmt: skip
    assert [ln.basket_name_th for ln in slip.lines] == ["กระเช้าปีใหม่", ""]
    assert not slip.copy


@given(st.lists(st.integers(min_value=1, max_value=9999), min_size=1, max_size=6))
def test_amounts_off_a_service_line_add_up_to_what_was_paid_never_more(cents: list[int]) -> None:
    from dataclasses import replace

    from pos.domain.cart import ProductKind

    paid, done = D("200.00"), D("0.00")
    s = sale(replace(line(1, "1", "200.00"), kind=ProductKind.SERVICE))
    for c in cents:
        want = min(D(c) / 100, paid - done)
        if want <= 0:
            break
        plan = plan_refund(s, {}, {1: want})
        (p,) = plan.lines
        assert (plan.total, p.amount) == (want, want)
        assert D(0) < p.quantity <= s.lines[0].quantity_returnable
        done += want
        last = done == paid
        assert (p.quantity == s.lines[0].quantity_returnable) is last
        s = sale(replace(s.lines[0], quantity_refunded=s.lines[0].quantity_refunded + p.quantity,
                         amount_refunded=done))  # fmt: skip
    if done < paid:  # what is left by quantity: exactly the rest
        assert plan_refund(s, {}).total == paid - done
    with pytest.raises(RefundError):
        plan_refund(s, {}, {1: paid - done + D("0.01")})


def test_only_a_service_line_of_one_is_refunded_by_amount_and_not_with_a_quantity() -> None:
    from dataclasses import replace

    from pos.domain.cart import ProductKind

    goods = sale(line(1, "1", "100.00"))
    with pytest.raises(RefundError, match="only a service line of one"):
        plan_refund(goods, {}, {1: D("10.00")})
    two = sale(replace(line(1, "2", "100.00"), kind=ProductKind.SERVICE))
    with pytest.raises(RefundError, match="only a service line of one"):
        plan_refund(two, {}, {1: D("10.00")})
    one = sale(replace(line(1, "1", "100.00"), kind=ProductKind.SERVICE))
    with pytest.raises(RefundError, match="not both"):
        plan_refund(one, {1: D(1)}, {1: D("10.00")})
    for bad in ("0", "-1", "10.005", "100.01", "NaN"):
        with pytest.raises(RefundError, match="cannot be refunded"):
            plan_refund(one, {}, {1: D(bad)})
