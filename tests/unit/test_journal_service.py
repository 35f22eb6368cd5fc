"""Verifying the journal as a service over an in-memory reader (no database)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from pos.domain.journal import GENESIS, EntryKind, JournalEntry, ProblemKind, make_entry
from pos.services.journal import verify_journal

T0 = datetime(2026, 12, 2, 4, 30, tzinfo=UTC)


class FakeJournal:
    """The rows a journal reader returns: entries, the documents' records, their numbers."""

    def __init__(self) -> None:
        self.chain: list[JournalEntry] = []
        self.stored: dict[EntryKind, dict[str, Mapping[str, Any]]] = {k: {} for k in EntryKind}
        self.numbered: dict[EntryKind, list[tuple[str, str, str]]] = {
            EntryKind.SALE: [], EntryKind.REFUND: [],
        }  # fmt: skip
        self.renamed: list[Mapping[str, str]] = []
        self.counter: dict[str, int] = {}

    def add(self, kind: EntryKind, ref_id: str, ref_no: str, record: Mapping[str, Any]) -> None:
        prev = self.chain[-1].hash if self.chain else GENESIS
        seq = len(self.chain) + 1
        self.chain.append(make_entry(seq, prev, "t1", kind, ref_id, ref_no, T0, record))
        self.stored[kind][ref_id] = record
        if kind in self.numbered:
            self.numbered[kind].append(("t1", ref_no, ref_id))
        self.counter["t1"] = seq

    def entries(self) -> list[JournalEntry]:
        return list(self.chain)

    def records(self, kind: EntryKind) -> Mapping[str, Mapping[str, Any]]:
        return self.stored[kind]

    def documents(self, kind: EntryKind) -> list[tuple[str, str, str]]:
        return self.numbered[kind]

    def last_numbers(self) -> Mapping[str, int]:
        return self.counter

    def rekeyed(self) -> list[Mapping[str, str]]:
        return self.renamed


class FakeRead:
    def __init__(self, journal: FakeJournal) -> None:
        self.journal = journal

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        pass

    def commit(self) -> None:
        raise AssertionError("verifying only reads")

    def rollback(self) -> None:
        pass


def factory(journal: FakeJournal) -> Any:
    def uow(*, write: bool = False) -> FakeRead:
        assert not write
        return FakeRead(journal)

    return uow


def shop_day() -> FakeJournal:
    journal = FakeJournal()
    journal.add(EntryKind.SALE, "s1", "KK01-00000001", {"total": "100"})
    journal.add(EntryKind.VOID, "a1", "KK01-00000001", {"reason": "ลูกค้าเปลี่ยนใจ"})
    journal.add(EntryKind.REFUND, "r1", "KK01-R-000001", {"total": "40"})
    journal.add(EntryKind.Z_REPORT, "z1", "KK01-Z-000001", {"sales": 1})
    return journal


def test_an_untouched_chain_of_every_kind_verifies() -> None:
    result = verify_journal(factory(shop_day()))
    assert result.ok
    assert result.entries == 4


def test_a_changed_refund_and_a_removed_z_report_are_found() -> None:
    journal = shop_day()
    journal.stored[EntryKind.REFUND]["r1"] = {"total": "400"}
    del journal.stored[EntryKind.Z_REPORT]["z1"]
    problems = verify_journal(factory(journal)).problems
    assert [(p.kind, p.seq, p.ref_no) for p in problems] == [
        (ProblemKind.CHANGED, 3, "KK01-R-000001"),
        (ProblemKind.REMOVED, 4, "KK01-Z-000001"),
    ]


def test_a_sale_and_a_refund_no_entry_covers_were_inserted_behind_its_back() -> None:
    journal = shop_day()
    journal.numbered[EntryKind.REFUND].append(("t1", "KK01-R-000009", "r9"))
    journal.numbered[EntryKind.SALE].append(("t1", "KK01-00000009", "s9"))
    problems = verify_journal(factory(journal)).problems
    assert [(p.kind, p.seq, p.ref_no, p.message_en) for p in problems] == [
        (ProblemKind.INSERTED, None, "KK01-00000009",
         "sale KK01-00000009 is not in the journal: it was inserted into the database directly"),
        (ProblemKind.INSERTED, None, "KK01-R-000009",
         "refund KK01-R-000009 is not in the journal: it was inserted into the database "
         "directly"),
    ]  # fmt: skip
    assert problems[1].message_th.startswith("การคืนเงิน KK01-R-000009 ไม่อยู่ในบันทึก")


def test_a_record_journalled_before_a_rekeying_verifies_by_the_noted_ids_only() -> None:
    journal = FakeJournal()
    line = {"line_no": 1, "product_id": "old-room", "producer_id": "old-centre", "total": "200"}
    journal.add(EntryKind.SALE, "s1", "KK01-00000001", {"lines": [line]})
    journal.add(EntryKind.REFUND, "r1", "KK01-R-000001",
                {"lines": [{"line_no": 1, "product_id": "old-room", "amount": "200"}]})  # fmt: skip
    # the rows now name the derived ids (db/rekey.py)
    journal.stored[EntryKind.SALE]["s1"] = {
        "lines": [{**line, "product_id": "new-room", "producer_id": "new-centre"}]
    }
    journal.stored[EntryKind.REFUND]["r1"] = {
        "lines": [{"line_no": 1, "product_id": "new-room", "amount": "200"}]
    }
    before = verify_journal(factory(journal)).problems
    assert [(p.kind, p.seq) for p in before] == [(ProblemKind.CHANGED, 1), (ProblemKind.CHANGED, 2)]

    journal.renamed = [
        {"new-other": "old-other"},
        {"new-room": "old-room", "new-centre": "old-centre"},
    ]
    assert verify_journal(factory(journal)).ok
    # a line changed in any other way still breaks the chain, mapped or not
    journal.stored[EntryKind.SALE]["s1"] = {
        "lines": [{**line, "product_id": "new-room", "producer_id": "new-centre", "total": "20"}]
    }
    after = verify_journal(factory(journal)).problems
    assert [(p.kind, p.seq) for p in after] == [(ProblemKind.CHANGED, 1)]
