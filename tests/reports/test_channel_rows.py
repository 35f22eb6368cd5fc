"""The by-channel rows as the domain builds them: the counter's row always, the others when they
sold or refunded, in the channels' order; and the settlement's online part (pure, no store)."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.eod import (
    ProducerLineGroup,
    channel_rows,
    channel_totals,
    settle_producers,
    with_channel_refunds,
)

D = Decimal


def _sales(n: int, total: str) -> tuple[Decimal, ...]:
    """(receipts, gross, discounts, sales, VAT) of a channel that gave no discounts."""
    vat = (D(total) * 7 / 107).quantize(D("0.01"))
    return (D(n), D(total), D(0), D(total), vat)


def test_the_counter_always_has_a_row_and_the_others_only_when_they_sold() -> None:
    assert [(r.key, r.receipts, r.sales) for r in channel_rows({})] == [("counter", 0, 0)]
    rows = channel_rows({"facebook": _sales(1, "50.00"), "web": _sales(3, "150.00")})
    assert [r.key for r in rows] == ["counter", "web", "facebook"]  # no LINE: it sold nothing
    assert [r.share for r in rows] == [D(0), D("75.00"), D("25.00")]
    assert [r.label.en for r in rows] == ["Counter", "Web shop", "Facebook"]


def test_a_channel_that_only_refunded_gets_a_row_and_the_refunds_add_up() -> None:
    rows = channel_rows({"counter": _sales(2, "200.00")})
    both = with_channel_refunds(rows, {"line": (1, D("40.00")), "counter": (2, D("30.00"))})
    assert [(r.key, r.receipts, r.sales, r.refunds, r.refunded, r.net) for r in both] == [
        ("counter", 2, D("200.00"), 2, D("30.00"), D("170.00")),
        ("line", 0, D(0), 1, D("40.00"), D("-40.00")),
    ]
    assert both[0].vat == rows[0].vat  # refunds leave the sales' figures as they were


def test_an_unknown_channel_keeps_its_stored_name_after_the_known_ones() -> None:
    rows = channel_rows({"shopee": _sales(1, "10.00"), "web": _sales(1, "10.00")})
    assert [(r.key, r.label.th) for r in rows] == [
        ("counter", "หน้าร้าน"),
        ("web", "เว็บไซต์"),
        ("shopee", "shopee"),
    ]


def test_the_targets_channel_totals_name_each_channel_in_both_languages() -> None:
    rows = channel_totals({"web": (4, D("400.00")), "counter": (6, D("600.00"))})
    assert [(r.key, r.name, r.quantity, r.sales, r.share) for r in rows] == [
        ("counter", "หน้าร้าน / Counter", D(6), D("600.00"), D("60.00")),
        ("web", "เว็บไซต์ / Web shop", D(4), D("400.00"), D("40.00")),
    ]


def test_the_online_part_of_a_settlement_and_its_commission_per_rate() -> None:
    def group(pct: str, sales: str, refunded: str = "0", *, online: bool) -> ProducerLineGroup:
        return ProducerLineGroup(
            "P1", "กลุ่มทอผ้า", "ชนบท", D(pct), D(1), D(sales), D(0), D(refunded), False, online
        )

    split = settle_producers(
        [
            group("20", "100.03", online=False),
            group("20", "100.03", online=True),
            group("10", "50.00", "20.00", online=True),
        ]
    )
    # the counter's and the web's lines at 20 % take one commission, 20 % of 200.06 = 40.01
    # (taken per channel it would be 20.01 + 20.01); 10 % of the 30.00 kept online is 3.00
    (s,) = split
    assert s.sales == D("230.06")
    assert s.online == D("130.03")
    assert s.commission == D("43.01")
    assert s.online_pct == D("56.52")
    assert s.owed + s.commission == s.sales
