"""Tracking's pure rules: status codes to stages, batches, which parcels are due, Thailand
Post's dates and event shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.tracking import (
    Stage,
    TrackedParcel,
    TrackingEvent,
    batches,
    current_stage,
    due_for_poll,
    stage_of,
)
from web.carriers.thailandpost import MalformedTracking, parse_date, parse_event, parse_push

NOW = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "stage"),
    [
        ("101", Stage.ACCEPTED), ("103", Stage.ACCEPTED), ("201", Stage.IN_TRANSIT),
        ("206", Stage.IN_TRANSIT), ("203", Stage.RETURNED), ("301", Stage.OUT_FOR_DELIVERY),
        ("302", Stage.FAILED_ATTEMPT), ("401", Stage.FAILED_ATTEMPT), ("501", Stage.DELIVERED),
        ("208", Stage.IN_TRANSIT), ("599", Stage.DELIVERED), ("9", Stage.IN_TRANSIT),
    ],
)  # fmt: skip
def test_status_codes_map_to_stages(code: str, stage: Stage) -> None:
    assert stage_of(code) is stage


def event(code: str, minutes: int) -> TrackingEvent:
    return TrackingEvent("EX1TH", code, "", NOW + timedelta(minutes=minutes))


def test_the_latest_event_decides_but_a_return_sticks() -> None:
    assert current_stage([]) is None
    assert current_stage([event("501", 30), event("301", 10)]) is Stage.DELIVERED
    assert current_stage([event("401", 10), event("301", 20)]) is Stage.OUT_FOR_DELIVERY
    assert current_stage([event("203", 10), event("501", 90)]) is Stage.RETURNED


@given(st.lists(st.integers(), max_size=450), st.integers(min_value=1, max_value=120))
def test_batches_keep_order_and_size(items: list[int], size: int) -> None:
    parts = list(batches(items, size))
    assert [x for p in parts for x in p] == items
    assert all(1 <= len(p) <= size for p in parts)
    assert len(parts) == -(-len(items) // size)


def parcel(no: str, polled: int | None, stage: Stage | None = None) -> TrackedParcel:
    at = None if polled is None else NOW - timedelta(minutes=polled)
    return TrackedParcel(f"id-{no}", no, "thailand_post_ems", f"EX{no}TH", at, stage)


def test_due_parcels_never_asked_first_then_the_oldest_and_no_final_ones() -> None:
    parcels = [
        parcel("1", 10), parcel("2", None), parcel("3", 45), parcel("4", 90),
        parcel("5", None, Stage.DELIVERED), parcel("6", 200, Stage.RETURNED),
        parcel("7", 31, Stage.FAILED_ATTEMPT),
    ]  # fmt: skip
    due = due_for_poll(parcels, NOW, timedelta(minutes=30), limit=10)
    assert [p.order_no for p in due] == ["2", "4", "3", "7"]
    assert [p.order_no for p in due_for_poll(parcels, NOW, timedelta(minutes=30), 2)] == ["2", "4"]


def test_thailand_post_dates_in_either_era_with_or_without_seconds() -> None:
    utc = datetime(2019, 10, 26, 3, 0, 44, tzinfo=UTC)
    assert parse_date("26/10/2019 10:00:44+07:00") == utc
    assert parse_date("26/10/2562 10:00:44+07:00") == utc  # the Buddhist era
    assert parse_date("26/10/2562 10:00+07:00") == utc.replace(second=0)  # a hook's push
    for bad in ("", "2019-10-26", "32/10/2562 10:00+07:00", "26/10/2562 25:00+07:00"):
        with pytest.raises(MalformedTracking):
            parse_date(bad)


def test_an_event_of_the_documented_shape() -> None:
    found = parse_event(
        {
            "barcode": "ef582568151th", "status": "501", "status_description": "นำจ่ายสำเร็จ",
            "status_date": "26/10/2562 10:00:44+07:00", "location": "RONG KWANG",
            "postcode": "54140", "delivery_status": "S", "delivery_description": "Successful",
            "delivery_datetime": "26/10/2562 10:00:44+07:00", "receiver_name": "ยุพิน/ภรรยา",
            "signature": "https://trackimage.thailandpost.co.th/f/signature/x",
        }
    )  # fmt: skip
    assert found.barcode == "EF582568151TH"
    assert found.delivered
    assert found.stage is Stage.DELIVERED
    assert (found.location, found.postcode, found.receiver) == ("RONG KWANG", "54140", "ยุพิน/ภรรยา")
    with pytest.raises(MalformedTracking):
        parse_push({"track_datetime": "x"})
    assert parse_push({"items": []}) == []
