"""Property tests of the room's slot rules: hours, holidays, grid, lengths, buffers, prices,
deposits, cutoff refunds and free slots that never clash."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pos.domain.rooms import (
    BookingStatus,
    BookingTerms,
    DepositKind,
    DepositRule,
    RoomError,
    RoomRules,
    can_move,
    check_request,
    clashes,
    deposit,
    free_slots,
    nearest_free,
    parse_check_in,
    price,
    qr_payload,
    refund_on_cancel,
)
from pos.domain.shop_time import BANGKOK

DAY = date(2026, 12, 14)  # a Monday
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=BANGKOK)


@st.composite
def rules_strategy(draw: st.DrawFn) -> RoomRules:
    slot = draw(st.sampled_from([15, 30, 60]))
    hours: dict[int, tuple[time, time] | None] = {}
    for wd in range(7):
        if draw(st.booleans()) and wd != DAY.weekday():
            hours[wd] = None
            continue
        opens = draw(st.integers(6, 11))
        closes = draw(st.integers(opens + 4, min(23, opens + 12)))
        hours[wd] = (time(opens), time(closes))
    min_m = slot * draw(st.integers(1, 4))
    max_m = min_m + slot * draw(st.integers(0, 12))
    before = Decimal(draw(st.integers(0, 100)))
    return RoomRules(
        open_hours=hours,
        holidays=frozenset(
            draw(
                st.sets(st.sampled_from([DAY + timedelta(days=i) for i in range(1, 8)]), max_size=3)
            )
        ),
        slot_minutes=slot,
        min_minutes=min_m,
        max_minutes=max_m,
        max_days_ahead=draw(st.integers(30, 90)),
        buffer_minutes=draw(st.sampled_from([0, 5, 10, 15, 30, 60])),
        price_hour=Decimal(draw(st.integers(50, 500))),
        price_half_day=draw(st.none() | st.integers(100, 1500).map(Decimal)),
        price_day=draw(st.none() | st.integers(300, 4000).map(Decimal)),
        deposit=draw(
            st.sampled_from(
                [
                    DepositRule(),
                    DepositRule(DepositKind.PERCENT, Decimal(30)),
                    DepositRule(DepositKind.FIXED, Decimal(500)),
                ]
            )
        ),
        cancel_cutoff_hours=draw(st.integers(0, 72)),
        refund_before_pct=before,
        refund_after_pct=Decimal(draw(st.integers(0, int(before)))),
    )


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(0), tzinfo=BANGKOK) + timedelta(minutes=minutes)


@st.composite
def booked_strategy(draw: st.DrawFn, day: date = DAY) -> list[tuple[datetime, datetime]]:
    out = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(6 * 60, 20 * 60)) // 15 * 15
        length = draw(st.integers(1, 16)) * 15
        out.append((_at(day, start), _at(day, start + length)))
    return out


@hsettings(max_examples=150)
@given(rules_strategy(), booked_strategy(), st.integers(1, 12))
def test_free_slots_never_clash_and_each_passes_the_rules(rules, booked, k) -> None:
    length = rules.slot_minutes * k
    buffer = timedelta(minutes=rules.buffer_minutes)
    slots = free_slots(rules, DAY, booked, length)
    for slot in slots:
        assert clashes(slot, booked, buffer) == []
        check_request(rules, slot[0], slot[1], NOW)  # raises if any rule refuses it
    # and nothing is left out: every grid slot of that length not listed clashes or breaks a rule
    hours = rules.hours_on(DAY)
    assert hours is not None
    start = hours[0]
    while start + timedelta(minutes=length) <= hours[1]:
        slot = (start, start + timedelta(minutes=length))
        if slot not in slots:
            ok_length = rules.min_minutes <= length <= rules.max_minutes
            assert not ok_length or clashes(slot, booked, buffer)
        start += timedelta(minutes=rules.slot_minutes)


@hsettings(max_examples=150)
@given(st.integers(0, 24 * 60), st.integers(1, 600), st.integers(-300, 300), st.integers(0, 120))
def test_a_buffer_keeps_bookings_apart_by_at_least_its_length(a, length, gap, buffer) -> None:
    first = (_at(DAY, a), _at(DAY, a + length))
    second_start = first[1] + timedelta(minutes=gap)
    second = (second_start, second_start + timedelta(minutes=30))
    clash = bool(clashes(second, [first], timedelta(minutes=buffer)))
    # apart when the later one starts at least `buffer` after the earlier one ends
    later_gap = (second[0] - first[1]) if second[0] >= first[0] else (first[0] - second[1])
    assert clash == (later_gap < timedelta(minutes=buffer))
    assert clash == bool(clashes(first, [second], timedelta(minutes=buffer)))  # symmetric


@hsettings(max_examples=150)
@given(rules_strategy(), st.integers(0, 24 * 60 - 15), st.integers(1, 40))
def test_check_request_names_the_rule_that_refuses(rules, start_min, k) -> None:
    start = _at(DAY, start_min // rules.slot_minutes * rules.slot_minutes)
    end = start + timedelta(minutes=k * rules.slot_minutes)
    assume(end.date() == start.date() or end == _at(DAY + timedelta(days=1), 0))
    hours = rules.hours_on(DAY)
    assert hours is not None
    length = k * rules.slot_minutes
    on_grid = (start - hours[0]).total_seconds() % (rules.slot_minutes * 60) == 0
    try:
        check_request(rules, start, end, NOW)
        refused = None
    except RoomError as exc:
        refused = exc.rule
    if start < hours[0] or end > hours[1]:
        assert refused == "hours"
    elif not on_grid:
        assert refused == "grid"
    elif length < rules.min_minutes:
        assert refused == "short"
    elif length > rules.max_minutes:
        assert refused == "long"
    else:
        assert refused is None


@hsettings(max_examples=80)
@given(rules_strategy(), st.data())
def test_holidays_closed_days_past_and_far_ahead_are_refused(rules, data) -> None:
    for day in sorted(rules.holidays):
        start = _at(day, 10 * 60)
        with pytest.raises(RoomError) as refused:
            check_request(rules, start, start + timedelta(hours=2), NOW)
        assert refused.value.rule == "holiday"
    closed = [d for d in range(7) if rules.open_hours.get(d) is None]
    for wd in closed:
        day = DAY + timedelta(days=(wd - DAY.weekday()) % 7)
        if day in rules.holidays:
            continue
        with pytest.raises(RoomError) as refused:
            check_request(rules, _at(day, 600), _at(day, 720), NOW)
        assert refused.value.rule == "closed"
        assert free_slots(rules, day, [], rules.min_minutes) == []
    hours = rules.hours_on(DAY)
    assert hours is not None
    slot = (hours[0], hours[0] + timedelta(minutes=rules.min_minutes))
    with pytest.raises(RoomError) as refused:
        check_request(rules, *slot, slot[0] + timedelta(minutes=1))
    assert refused.value.rule == "past"
    far = NOW - timedelta(days=rules.max_days_ahead + 20)
    with pytest.raises(RoomError) as refused:
        check_request(rules, *slot, far)
    assert refused.value.rule == "ahead"


@hsettings(max_examples=200)
@given(rules_strategy(), st.integers(1, 48))
def test_price_is_the_cheapest_option_and_grows_with_length(rules, k) -> None:
    minutes = k * 15
    start = _at(DAY, 8 * 60)
    p = price(rules, start, start + timedelta(minutes=minutes))
    longer = price(rules, start, start + timedelta(minutes=minutes + 15))
    hourly = (rules.price_hour * minutes / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert p <= hourly
    if rules.price_day is not None:
        assert p <= rules.price_day
    if rules.price_half_day is not None and minutes <= rules.half_day_minutes:
        assert p <= rules.price_half_day
    assert p <= longer
    assert p >= 0
    assert p == p.quantize(Decimal("0.01"))
    d = deposit(rules, p)
    assert 0 <= d <= p


@hsettings(max_examples=200)
@given(rules_strategy(), st.integers(0, 500000).map(lambda s: Decimal(s) / 100),
       st.integers(-100 * 60, 100 * 60), st.integers(0, 600))  # fmt: skip
def test_refund_follows_the_cutoff_and_never_exceeds_what_was_paid(rules, paid, before, later):
    start = _at(DAY, 10 * 60)
    terms = BookingTerms(start, start + timedelta(hours=2), paid + 100, paid)
    cutoff = start - timedelta(hours=rules.cancel_cutoff_hours)
    now = cutoff - timedelta(minutes=before)
    got = refund_on_cancel(rules, terms, now)
    pct = rules.refund_before_pct if now <= cutoff else rules.refund_after_pct
    assert got == (paid * pct / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert 0 <= got <= paid
    # cancelling later never gives back more
    assert refund_on_cancel(rules, terms, now + timedelta(minutes=later)) <= got


@hsettings(max_examples=100)
@given(rules_strategy(), booked_strategy(), st.integers(0, 40))
def test_nearest_free_slots_are_free_and_closest_first(rules, booked, offset) -> None:
    hours = rules.hours_on(DAY)
    assert hours is not None
    length = rules.min_minutes
    start = hours[0] + timedelta(minutes=rules.slot_minutes * offset)
    wanted = (start, start + timedelta(minutes=length))
    buffer = timedelta(minutes=rules.buffer_minutes)
    near = nearest_free(rules, wanted, booked, n=3, now=NOW)
    assert len(near) <= 3
    assert near == sorted(near)
    for slot in near:
        assert not clashes(slot, booked, buffer)
        check_request(rules, slot[0], slot[1], NOW)
    # no free slot of the day is closer to the wanted start than the farthest one given
    if len(near) == 3:
        worst = max(abs(s[0] - wanted[0]) for s in near)
        for slot in free_slots(rules, DAY, booked, length, after=NOW):
            assert slot in near or abs(slot[0] - wanted[0]) >= worst


def test_status_moves_are_written_once() -> None:
    B = BookingStatus
    assert can_move(B.HELD, B.CONFIRMED)
    assert can_move(B.HELD, B.EXPIRED)
    assert can_move(B.CONFIRMED, B.CHECKED_IN)
    assert can_move(B.CONFIRMED, B.NO_SHOW)
    assert not can_move(B.CANCELLED, B.CONFIRMED)
    assert not can_move(B.EXPIRED, B.CONFIRMED)
    assert not can_move(B.CHECKED_IN, B.CANCELLED)
    for final in (B.COMPLETED, B.CANCELLED, B.NO_SHOW, B.EXPIRED):
        assert not any(can_move(final, s) for s in B)


def test_the_slip_payload_and_a_typed_number_both_find_the_booking() -> None:
    assert parse_check_in(qr_payload("BK-000123", "ab12cd34")) == ("BK-000123", "ab12cd34")
    assert parse_check_in(" bk-000123 ") == ("BK-000123", None)
    with pytest.raises(RoomError):
        parse_check_in("8850123456789")


def test_rules_out_of_range_are_refused() -> None:
    with pytest.raises(RoomError):
        RoomRules(slot_minutes=7)
    with pytest.raises(RoomError):
        RoomRules(min_minutes=30, max_minutes=15, slot_minutes=15)
    with pytest.raises(RoomError):
        RoomRules(refund_before_pct=Decimal(10), refund_after_pct=Decimal(50))
    with pytest.raises(RoomError):
        DepositRule(DepositKind.PERCENT, Decimal(150))
