"""The journal's canonical form and hash chain, in microseconds (no database)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from pos.domain.journal import (
    GENESIS,
    EntryKind,
    JournalEntry,
    ProblemKind,
    canonical_json,
    chain_hash,
    make_entry,
    sale_record,
    verify_chain,
)

T0 = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)


def test_canonical_json_sorts_keys_writes_decimals_as_strings_and_times_in_utc() -> None:
    bangkok = timezone(timedelta(hours=7))
    text = canonical_json(
        {"b": Decimal("12.50"), "a": datetime(2026, 11, 27, 11, 30, tzinfo=bangkok), "c": "ผ้าไหม"}
    )
    assert text == '{"a":"2026-11-27T04:30:00.000000+00:00","b":"12.5","c":"ผ้าไหม"}'


def test_one_amount_has_one_canonical_form_whatever_its_scale() -> None:
    assert canonical_json({"x": Decimal("10")}) == canonical_json({"x": Decimal("10.00")})
    assert canonical_json({"x": Decimal("-0.00")}) == '{"x":"0"}'
    assert canonical_json({"x": Decimal("1E+3")}) == '{"x":"1000"}'


def test_floats_and_naive_times_are_refused() -> None:
    with pytest.raises(TypeError):
        canonical_json({"x": 1.5})
    with pytest.raises(ValueError, match="naive datetime"):
        canonical_json({"x": datetime(2026, 11, 27)})  # noqa: DTZ001


def test_the_hash_is_sha256_of_the_previous_hash_and_the_canonical_json() -> None:
    record = {"total": Decimal("120.00")}
    expected = hashlib.sha256((GENESIS + '{"total":"120"}').encode()).hexdigest()
    assert chain_hash(GENESIS, record) == expected


def _sale(no: int, total: str = "100.00") -> dict[str, Any]:
    return sale_record(
        {"id": f"s{no}", "receipt_no": f"KK01-{no:08d}", "total": Decimal(total), "sold_at": T0},
        [{"line_no": 1, "sku": "SILK-01", "quantity": Decimal("1.000"), "total": Decimal(total)}],
        [{"seq": 1, "kind": "cash", "amount": Decimal(total), "tendered": Decimal(total)}],
    )


def _chain(n: int) -> tuple[list[JournalEntry], dict[str, dict[str, Any]]]:
    records = {f"s{i}": _sale(i) for i in range(1, n + 1)}
    entries: list[JournalEntry] = []
    prev = GENESIS
    for i in range(1, n + 1):
        e = make_entry(
            i, prev, "t1", EntryKind.SALE, f"s{i}", f"KK01-{i:08d}", T0, records[f"s{i}"]
        )
        entries.append(e)
        prev = e.hash
    return entries, records


def test_an_untouched_chain_verifies() -> None:
    entries, records = _chain(5)
    result = verify_chain(entries, lambda e: records.get(e.ref_id), (), {"t1": 5})
    assert result.ok
    assert result.entries == 5


def test_a_changed_record_is_named() -> None:
    entries, records = _chain(5)
    records["s2"] = _sale(2, total="10.00")
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert result.first is not None
    assert (result.first.kind, result.first.seq, result.first.ref_no) == (
        ProblemKind.CHANGED,
        2,
        "KK01-00000002",
    )
    assert len(result.problems) == 1  # the links after it still hold


def test_a_removed_entry_breaks_the_numbering() -> None:
    entries, records = _chain(5)
    del entries[2]
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert result.first is not None
    assert (result.first.kind, result.first.seq) == (ProblemKind.REMOVED, 4)
    assert "3" in result.first.message_en


def test_an_entry_cut_off_the_end_is_noticed_by_the_sequence_counter() -> None:
    entries, records = _chain(5)
    result = verify_chain(entries[:4], lambda e: records.get(e.ref_id), (), {"t1": 5})
    assert result.first is not None
    assert result.first.kind is ProblemKind.REMOVED
    assert "5" in result.first.message_en


def test_a_forged_entry_in_the_middle_does_not_link() -> None:
    entries, records = _chain(3)
    records["forged"] = _sale(9)
    forged = make_entry(2, "f" * 64, "t1", EntryKind.SALE, "forged", "KK01-00000009", T0,
                        records["forged"])  # fmt: skip
    result = verify_chain([entries[0], forged, entries[2]], lambda e: records.get(e.ref_id))
    assert result.first is not None
    assert (result.first.kind, result.first.seq) == (ProblemKind.INSERTED, 2)
