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
    check_head,
    compare_chains,
    make_entry,
    parse_head,
    sale_record,
    sale_record_v1,
    sale_record_v2,
    short_head,
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


def _sale(no: int, total: str = "100.00", status: str = "completed") -> dict[str, Any]:
    sale = {"id": f"s{no}", "receipt_no": f"KK01-{no:08d}", "total": Decimal(total)}
    return sale_record(
        {**sale, "sold_at": T0, "status": status},
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


def _status(records: dict[str, dict[str, Any]], sid: str, status: str) -> None:
    records[sid] = {**records[sid], "sale": {**records[sid]["sale"], "status": status}}


def test_a_sale_record_covers_its_status_since_version_2() -> None:
    record = _sale(1)
    assert (record["v"], record["sale"]["status"]) == (3, "completed")
    old = sale_record_v1(record)
    assert "v" not in old
    assert "status" not in old["sale"]
    assert old["lines"] == sale_record_v2(record)["lines"]


def _drink(no: int, detail_th: str = "L · หวาน 50%", note: str = "ORDER 23") -> dict[str, Any]:
    sale = {"id": f"s{no}", "receipt_no": f"KK01-{no:08d}", "total": Decimal(45), "sold_at": T0}
    line = {"line_no": 1, "sku": "TEA-L", "quantity": Decimal(1), "total": Decimal(45),
            "detail_th": detail_th, "detail_en": "L · 50% sweet", "ref": "tea:m1"}  # fmt: skip
    return sale_record(
        {**sale, "status": "completed"}, [line], [{"seq": 1, "kind": "cash", "amount": 45}], (),
        [{"id": "n2", "seq": 2, "text_th": "ขอบคุณ", "text_en": "Thanks", "big": False},
         {"id": "n1", "seq": 1, "text_th": "คิว 23", "text_en": note, "big": True}],
    )  # fmt: skip


def test_version_3_covers_the_lines_detail_and_reference_and_the_notes() -> None:
    record = _drink(1)
    assert record["v"] == 3
    assert (record["lines"][0]["detail_th"], record["lines"][0]["ref"]) == (
        "L · หวาน 50%",
        "tea:m1",
    )
    assert [n["seq"] for n in record["notes"]] == [1, 2]  # in the order printed
    old = sale_record_v2(record)
    assert old["v"] == 2
    assert "notes" not in old
    assert {"detail_th", "detail_en", "ref"}.isdisjoint(old["lines"][0])
    entry = make_entry(1, GENESIS, "t1", EntryKind.SALE, "s1", "KK01-00000001", T0, record)
    for changed in (_drink(1, detail_th="L · หวาน 100%"), _drink(1, note="ORDER 24")):
        result = verify_chain([entry], lambda _e, r=changed: r)
        assert [(p.kind, p.seq) for p in result.problems] == [(ProblemKind.CHANGED, 1)]
    assert verify_chain([entry], lambda _e: _drink(1)).ok


def test_a_version_2_entry_verifies_by_its_rule_after_the_upgrade() -> None:
    """Written before version 3: its detail and notes were not covered, its amounts were."""
    entry = make_entry(1, GENESIS, "t1", EntryKind.SALE, "s1", "KK01-00000001", T0,
                       sale_record_v2(_drink(1)))  # fmt: skip
    assert verify_chain([entry], lambda _e: _drink(1)).ok
    assert verify_chain([entry], lambda _e: _drink(1, note="ORDER 24")).ok
    edited = _drink(1)
    edited["lines"][0]["total"] = Decimal(40)
    result = verify_chain([entry], lambda _e: edited)
    assert [(p.kind, p.seq) for p in result.problems] == [(ProblemKind.CHANGED, 1)]


def test_a_sale_voided_with_no_void_entry_is_named_and_its_other_fields_still_checked() -> None:
    entries, records = _chain(3)
    _status(records, "s2", "voided")
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert [(p.kind, p.seq) for p in result.problems] == [(ProblemKind.VOIDED, 2)]
    assert "marked voided" in result.problems[0].message_en
    records["s2"] = {**records["s2"], "sale": {**records["s2"]["sale"], "total": Decimal(1)}}
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert [(p.kind, p.seq) for p in result.problems] == [
        (ProblemKind.VOIDED, 2), (ProblemKind.CHANGED, 2),
    ]  # fmt: skip


def test_a_later_void_entry_naming_the_receipt_voids_the_sale() -> None:
    entries, records = _chain(3)
    void = {"id": "a1", "action": "cancel_sale", "reason": "whole bill", "ref": "KK01-00000002"}
    records["a1"] = void
    entries.append(make_entry(4, entries[-1].hash, "t1", EntryKind.VOID, "a1", "KK01-00000002",
                              T0, void))  # fmt: skip
    _status(records, "s2", "voided")
    assert verify_chain(entries, lambda e: records.get(e.ref_id)).ok
    # a void entry of another counter's chain, or of another receipt, voids nothing here
    _status(records, "s1", "voided")
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert [(p.kind, p.ref_no) for p in result.problems] == [(ProblemKind.VOIDED, "KK01-00000001")]


def test_a_chain_of_version_1_sale_records_verifies_by_the_old_rule() -> None:
    records = {f"s{i}": _sale(i) for i in (1, 2)}
    entries: list[JournalEntry] = []
    prev = GENESIS
    for i in (1, 2):
        old = sale_record_v1(records[f"s{i}"])
        e = make_entry(i, prev, "t1", EntryKind.SALE, f"s{i}", f"KK01-{i:08d}", T0, old)
        entries.append(e)
        prev = e.hash
    assert verify_chain(entries, lambda e: records.get(e.ref_id)).ok
    records["s1"] = _sale(1, total="99.00")
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert [(p.kind, p.seq) for p in result.problems] == [(ProblemKind.CHANGED, 1)]
    records["s1"] = _sale(1)
    _status(records, "s2", "voided")  # the void rule holds for old records too
    result = verify_chain(entries, lambda e: records.get(e.ref_id))
    assert [(p.kind, p.seq) for p in result.problems] == [(ProblemKind.VOIDED, 2)]


def _links(entries: list[JournalEntry]) -> list[tuple[int, str, str]]:
    return [(e.seq, e.ref_no, e.hash) for e in entries]


def test_central_copy_may_lag_but_every_entry_it_holds_must_match() -> None:
    entries, records = _chain(5)
    here = _links(entries)
    assert compare_chains("t1", here, here[:3]) is None
    assert compare_chains("t1", here, []) is None
    # the counter's chain rewritten from entry 3 on (record 3 edited, the rest recomputed)
    records["s3"] = _sale(3, total="1.00")
    rewritten = entries[:2]
    for e in entries[2:]:
        rewritten.append(make_entry(e.seq, rewritten[-1].hash, "t1", EntryKind.SALE, e.ref_id,
                                    e.ref_no, T0, records[e.ref_id]))  # fmt: skip
    assert verify_chain(rewritten, lambda e: records.get(e.ref_id)).ok  # by itself it holds
    problem = compare_chains("t1", _links(rewritten), here[:4])
    assert problem is not None
    assert (problem.kind, problem.seq) == (ProblemKind.REWRITTEN, 3)
    assert problem.ref_no == "KK01-00000003"
    assert "rewritten from entry 3 on" in problem.message_en
    # entries central holds that the counter no longer has
    gone = compare_chains("t1", here[:2], here)
    assert gone is not None
    assert (gone.kind, gone.seq) == (ProblemKind.REMOVED, 3)


def test_the_printed_head_reads_back_and_a_chain_not_through_it_is_named() -> None:
    entries, _ = _chain(4)
    head = short_head(4, entries[3].hash)
    assert head == f"4:{entries[3].hash[:16]}"
    assert parse_head(head) == (4, entries[3].hash[:16])
    assert parse_head(f" 4:{entries[3].hash[:8].upper()} ") == (4, entries[3].hash[:8])
    assert check_head("t1", _links(entries), parse_head(head)) is None
    other = check_head("t1", _links(entries), (4, "0123456789abcdef"))
    assert other is not None
    assert other.kind is ProblemKind.REWRITTEN
    short = check_head("t1", _links(entries[:3]), parse_head(head))
    assert short is not None
    assert short.kind is ProblemKind.REMOVED
    for bad in ("", "4", "4:", "x:0123456789", "0:0123456789", "4:0123", "4:g123456789"):
        with pytest.raises(ValueError, match="not a chain head"):
            parse_head(bad)
