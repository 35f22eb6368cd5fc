"""The tamper-evident journal: a canonical form of records and a SHA-256 hash chain over them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of a terminal's first journal entry

# The fields of a sale that its journal entry covers. A fixed list (not "every column"), so a
# column added later does not change the hash of old entries. Records of version 1 (journals
# written before the status was covered) leave `status` out; version 2 covers it as sold, and
# a sale may become "voided" after that only through a void entry of its own (see
# `verify_chain`). Version 3 also covers each line's printed detail (th/en) and its
# capability's reference, and the notes printed after the sale's total.
SALE_RECORD_VERSION = 3
SALE_STATUS_SOLD = "completed"
SALE_STATUS_VOIDED = "voided"
SALE_FIELDS_V1 = (
    "id", "terminal_id", "seq", "receipt_no", "sold_at", "cashier_id", "cashier_name",
    "subtotal", "discount_total", "sale_discount", "sale_discount_reason", "total",
    "vatable", "exempt", "vat", "vat_rate", "paid", "change",
)  # fmt: skip
SALE_FIELDS = (*SALE_FIELDS_V1, "status")
LINE_FIELDS_V2 = (
    "id", "line_no", "product_id", "sku", "barcode", "name_th", "name_en", "category_code",
    "producer_id", "quantity", "unit_price", "gross", "line_discount", "line_discount_reason",
    "sale_discount", "total", "vat_exempt", "vat", "commission_pct", "basket_id",
)  # fmt: skip
LINE_FIELDS = (*LINE_FIELDS_V2, "detail_th", "detail_en", "ref")
NOTE_FIELDS = ("id", "seq", "text_th", "text_en", "big")
PAYMENT_FIELDS = ("id", "seq", "kind", "amount", "tendered", "reference")
BASKET_FIELDS = (
    "id", "template_id", "ready_product_id", "name_th", "name_en", "count", "price",
    "set_price", "message",
)  # fmt: skip

APPROVAL_FIELDS = (
    "id", "terminal_id", "action", "reason", "requested_by", "requested_name", "approved_by",
    "approved_name", "approved_at", "ref",
)  # fmt: skip


class EntryKind(Enum):
    SALE = "sale"
    VOID = "void"
    REFUND = "refund"
    Z_REPORT = "z_report"


def canonical_value(value: Any) -> Any:
    """A value as the canonical JSON holds it: decimals as plain strings, times in UTC ISO.

    Decimals are normalised (12.5, 12.50 and 12.500 are one amount: the database may hand
    back any of them), so the hash depends on the amount, not on how a driver scales it.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Decimal):
        if value == 0:
            return "0"
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in a journal record: pass an aware UTC datetime")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return canonical_value(value.value)
    if isinstance(value, Mapping):
        return {str(k): canonical_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical_value(v) for v in value]
    if isinstance(value, float):
        raise TypeError("a float in a journal record: money and quantities are Decimal")
    raise TypeError(f"cannot put {type(value).__name__} in a journal record")


def canonical_json(record: Mapping[str, Any]) -> str:
    """The one byte-exact text of a record: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(
        canonical_value(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def chain_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    """SHA-256 (hex) over the previous entry's hash followed by the record's canonical JSON."""
    return hashlib.sha256((prev_hash + canonical_json(record)).encode("utf-8")).hexdigest()


def _pick(row: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {f: row.get(f) for f in fields}


def sale_record(
    sale: Mapping[str, Any],
    lines: Iterable[Mapping[str, Any]],
    payments: Iterable[Mapping[str, Any]],
    baskets: Iterable[Mapping[str, Any]] = (),
    notes: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """What a sale's journal entry covers (record version 3): the sale with its status, its
    lines (with their detail and reference), payments, baskets and the notes printed after
    its total."""
    return {
        "v": SALE_RECORD_VERSION,
        "sale": _pick(sale, SALE_FIELDS),
        "lines": sorted((_pick(r, LINE_FIELDS) for r in lines), key=lambda r: r["line_no"]),
        "payments": sorted((_pick(r, PAYMENT_FIELDS) for r in payments), key=lambda r: r["seq"]),
        "baskets": sorted((_pick(r, BASKET_FIELDS) for r in baskets), key=lambda r: r["id"]),
        "notes": sorted((_pick(r, NOTE_FIELDS) for r in notes), key=lambda r: r["seq"]),
    }


def sale_record_v2(record: Mapping[str, Any]) -> dict[str, Any]:
    """A sale record in the form a version-2 entry covered (no line detail or reference, no
    notes): how a journal written before those were covered still verifies, by its rule."""
    old = {k: v for k, v in record.items() if k != "notes"}
    old["v"] = 2
    old["lines"] = [{f: line.get(f) for f in LINE_FIELDS_V2} for line in record["lines"]]
    return old


def sale_record_v1(record: Mapping[str, Any]) -> dict[str, Any]:
    """A sale record in the form a version-1 entry covered (that of version 2 without the
    version or the status): how a journal written before the status was covered still
    verifies, by its own rule."""
    old = {k: v for k, v in sale_record_v2(record).items() if k != "v"}
    old["sale"] = {k: v for k, v in record["sale"].items() if k != "status"}
    return old


def as_sold(record: Mapping[str, Any]) -> dict[str, Any]:
    """A sale record with the status it had when it was journalled (a sale is sold
    "completed"; a void entry of its own is what may change that afterwards)."""
    return {**record, "sale": {**record["sale"], "status": SALE_STATUS_SOLD}}


def _forms(kind: str, record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The record as every version of its kind's format covered it, newest first."""
    if kind == EntryKind.SALE.value and record.get("v") == SALE_RECORD_VERSION:
        return [record, sale_record_v2(record), sale_record_v1(record)]
    return [record]


_REKEYED_FIELDS = ("product_id", "producer_id")


def with_old_ids(
    record: Mapping[str, Any], rekeyed: Sequence[Mapping[str, str]]
) -> list[dict[str, Any]]:
    """The record as journalled before a re-keying of the centre's ids (db/rekey.py): one
    form per re-keying (a map of new id to old) whose new ids its lines name, with those
    lines' product and producer ids (and references naming them) put back. The journal
    stays as written; only an id the re-keying noted maps back, so any other change still
    breaks the chain."""
    lines = record.get("lines")
    if not isinstance(lines, list):
        return []
    forms: list[dict[str, Any]] = []
    for back in rekeyed:
        old_lines = [_old_line(line, back) for line in lines]
        if old_lines != lines:
            forms.append({**record, "lines": old_lines})
    return forms


def _as_stored_then_old(
    record: Mapping[str, Any], rekeyed: Sequence[Mapping[str, str]]
) -> Iterator[Mapping[str, Any]]:
    """The record as stored, then (only when asked for: most records match as stored) as
    it was before each re-keying."""
    yield record
    yield from with_old_ids(record, rekeyed)


def _old_line(line: Mapping[str, Any], back: Mapping[str, str]) -> dict[str, Any]:
    """A line with the re-keyed ids put back: its product and producer, and a reference
    that names a product (a tea drink's "tea:<product id>:<options>")."""
    old = {**line, **{f: back.get(line[f], line[f]) for f in _REKEYED_FIELDS if f in line}}
    ref = line.get("ref")
    if isinstance(ref, str):
        for new_id, old_id in back.items():
            ref = ref.replace(new_id, old_id)
        old["ref"] = ref
    return old


def approval_record(approval: Mapping[str, Any]) -> dict[str, Any]:
    """What a void's (or cancelled sale's) journal entry covers: its row in the approvals
    audit, so changing who approved it, why or what was voided breaks the chain."""
    return _pick(approval, APPROVAL_FIELDS)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One link of a terminal's chain, as stored."""

    terminal_id: str
    seq: int
    kind: str  # an EntryKind value
    ref_id: str  # the sale (or Z report) the entry is about
    ref_no: str  # its document number: receipt number, Z report number
    recorded_at: datetime
    prev_hash: str
    hash: str


def entry_content(
    terminal_id: str,
    seq: int,
    kind: str,
    ref_id: str,
    ref_no: str,
    recorded_at: datetime,
    record: Mapping[str, Any],
) -> dict[str, Any]:
    """What an entry's hash is taken over: its own identity and the record it covers."""
    return {
        "terminal_id": terminal_id,
        "seq": seq,
        "kind": kind,
        "ref_id": ref_id,
        "ref_no": ref_no,
        "recorded_at": recorded_at,
        "record": record,
    }


def make_entry(
    seq: int,
    prev_hash: str,
    terminal_id: str,
    kind: EntryKind,
    ref_id: str,
    ref_no: str,
    recorded_at: datetime,
    record: Mapping[str, Any],
) -> JournalEntry:
    """Entry `seq` of a terminal's chain, linked to `prev_hash` (GENESIS for the first)."""
    content = entry_content(terminal_id, seq, kind.value, ref_id, ref_no, recorded_at, record)
    return JournalEntry(
        terminal_id, seq, kind.value, ref_id, ref_no, recorded_at, prev_hash,
        chain_hash(prev_hash, content),
    )  # fmt: skip


class ProblemKind(Enum):
    CHANGED = "changed"  # a record (or its entry) no longer hashes to the stored hash
    REMOVED = "removed"  # a journalled record, or a journal entry, is gone
    INSERTED = "inserted"  # a record with no journal entry, or an entry that breaks the links
    VOIDED = "voided"  # a sale stored as voided that no void entry of the journal voids
    REWRITTEN = "rewritten"  # the chain differs from its copy on central or a Z report's head


@dataclass(frozen=True, slots=True)
class JournalProblem:
    kind: ProblemKind
    terminal_id: str
    seq: int | None  # the journal entry concerned (None: a record the journal never had)
    ref_no: str  # the receipt / document number a person can look up
    message_en: str
    message_th: str


@dataclass(frozen=True, slots=True)
class Verification:
    entries: int
    problems: tuple[JournalProblem, ...]
    anchored: tuple[str, ...] = ()  # what else the chain was held against, in plain words

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> JournalProblem | None:
        return self.problems[0] if self.problems else None


def verify_chain(
    entries: Iterable[JournalEntry],
    current_record: Callable[[JournalEntry], Mapping[str, Any] | None],
    unjournalled: Iterable[tuple[str, str, str]] = (),
    expected_last_seq: Mapping[str, int] | None = None,
    rekeyed: Sequence[Mapping[str, str]] = (),
) -> Verification:
    """Check every terminal's chain against the records as they are stored now.

    `entries` come ordered by terminal and seq; `current_record(entry)` rebuilds the record
    the entry covers from today's rows (None when they are gone); `unjournalled` are
    (terminal_id, document number, id) of records that no entry covers (inserted behind the
    journal's back); `expected_last_seq` is each terminal's last journal number as its
    gapless sequence counter says, to notice entries cut off the end of the chain;
    `rekeyed` the centre's ids re-keyed since (each a map of new id to old, `with_old_ids`).

    Each record is checked in the form its entry was written in (a sale of record version 1
    without its status, of version 2 without its lines' detail and reference and its notes,
    by the old rule). A sale stored as voided must have a void entry of
    its own later in its terminal's chain, naming its receipt number: else it is named, in
    every record version.
    """
    entries = list(entries)
    problems: list[JournalProblem] = []
    count = 0
    last_seq: dict[str, int] = {}
    prev_hash: dict[str, str] = {}
    voids = {(e.terminal_id, e.ref_no): e.seq for e in entries if e.kind == EntryKind.VOID.value}

    def add(
        kind: ProblemKind, e: JournalEntry | None, tid: str, ref: str, en: str, th: str
    ) -> None:
        problems.append(JournalProblem(kind, tid, e.seq if e else None, ref, en, th))

    for e in entries:
        count += 1
        tid = e.terminal_id
        expected = last_seq.get(tid, 0) + 1
        if e.seq > expected:
            gone = f"{expected}" if e.seq == expected + 1 else f"{expected}–{e.seq - 1}"
            add(
                ProblemKind.REMOVED, e, tid, e.ref_no,
                f"journal entry {gone} was removed (the chain jumps to entry {e.seq}, "
                f"{e.ref_no})",
                f"รายการบันทึกลำดับที่ {gone} ถูกลบ (ลำดับข้ามไปที่ {e.seq}, {e.ref_no})",
            )  # fmt: skip
        elif e.prev_hash != prev_hash.get(tid, GENESIS):
            add(
                ProblemKind.INSERTED, e, tid, e.ref_no,
                f"journal entry {e.seq} ({e.ref_no}) does not link to the entry before it: "
                "an entry was inserted or replaced",
                f"รายการบันทึกลำดับที่ {e.seq} ({e.ref_no}) ไม่ต่อกับรายการก่อนหน้า: "
                "มีการแทรกหรือแทนที่รายการ",
            )  # fmt: skip
        record = current_record(e)
        if record is None:
            add(
                ProblemKind.REMOVED, e, tid, e.ref_no,
                f"{e.kind} {e.ref_no} (journal entry {e.seq}) was removed from the database",
                f"{_th_kind(e.kind)} {e.ref_no} (รายการบันทึกลำดับที่ {e.seq}) ถูกลบออกจากฐานข้อมูล",
            )  # fmt: skip
        else:
            if e.kind == EntryKind.SALE.value and _status(record) == SALE_STATUS_VOIDED:
                if voids.get((tid, e.ref_no), 0) <= e.seq:
                    add(
                        ProblemKind.VOIDED, e, tid, e.ref_no,
                        f"sale {e.ref_no} (journal entry {e.seq}) is marked voided in the "
                        "database, but no void entry in the journal voids it",
                        f"การขาย {e.ref_no} (รายการบันทึกลำดับที่ {e.seq}) ถูกทำเป็นยกเลิกใน"
                        "ฐานข้อมูล แต่ไม่มีรายการยกเลิกในบันทึก",
                    )  # fmt: skip
                record = as_sold(record)  # its other fields are still checked below
            if not any(
                chain_hash(e.prev_hash, entry_content(
                    tid, e.seq, e.kind, e.ref_id, e.ref_no, e.recorded_at, form
                )) == e.hash
                for base in _as_stored_then_old(record, rekeyed)
                for form in _forms(e.kind, base)
            ):  # fmt: skip
                add(
                    ProblemKind.CHANGED, e, tid, e.ref_no,
                    f"{e.kind} {e.ref_no} (journal entry {e.seq}) was changed after it was "
                    "recorded",
                    f"{_th_kind(e.kind)} {e.ref_no} (รายการบันทึกลำดับที่ {e.seq}) "
                    "ถูกแก้ไขหลังบันทึก",
                )  # fmt: skip
        last_seq[tid] = e.seq
        prev_hash[tid] = e.hash
    for tid, last in (expected_last_seq or {}).items():
        have = last_seq.get(tid, 0)
        if last > have:
            gone = f"{have + 1}" if last == have + 1 else f"{have + 1}–{last}"
            add(
                ProblemKind.REMOVED, None, tid, "",
                f"journal entry {gone} at the end of the chain was removed",
                f"รายการบันทึกลำดับที่ {gone} ท้ายสุดถูกลบ",
            )  # fmt: skip
    problems += unjournalled_problems(EntryKind.SALE, unjournalled)
    return Verification(count, tuple(problems))


def _status(record: Mapping[str, Any]) -> Any:
    sale = record.get("sale")
    return sale.get("status") if isinstance(sale, Mapping) else None


def unjournalled_problems(
    kind: EntryKind, documents: Iterable[tuple[str, str, str]]
) -> list[JournalProblem]:
    """Documents (terminal_id, number, id) that no journal entry covers: inserted into the
    database behind the journal's back."""
    en = {EntryKind.SALE: "sale", EntryKind.REFUND: "refund"}.get(kind, kind.value)
    th = _th_kind(kind.value)
    return [
        JournalProblem(
            ProblemKind.INSERTED,
            tid,
            None,
            ref_no,
            f"{en} {ref_no} is not in the journal: it was inserted into the database directly",
            f"{th} {ref_no} ไม่อยู่ในบันทึก: ถูกเพิ่มเข้าฐานข้อมูลโดยตรง",
        )
        for tid, ref_no, _ref_id in documents
    ]


def _th_kind(kind: str) -> str:
    return {
        "sale": "การขาย",
        "void": "การยกเลิก",
        "refund": "การคืนเงิน",
        "z_report": "รายงาน Z",
    }.get(kind, kind)


# The chain head in its short form, as a Z report prints it: the entry's number and the first
# 16 hex digits (64 bits) of its hash, e.g. "128:3f2a9c1d0b7e5a44".
HEAD_DIGITS = 16


def short_head(seq: int, hash_: str) -> str:
    """The chain head (its last entry's number and hash) as printed on a Z report."""
    return f"{seq}:{hash_[:HEAD_DIGITS]}"


def parse_head(text: str) -> tuple[int, str]:
    """A chain head as typed from a Z report ("128:3f2a9c1d0b7e5a44"): (seq, hash prefix).

    At least 8 hex digits; ValueError (in plain words) for anything else."""
    seq_text, sep, digits = text.strip().partition(":")
    digits = digits.strip().lower()
    if (
        not sep
        or not seq_text.strip().isdigit()
        or int(seq_text) < 1
        or not 8 <= len(digits) <= 64
        or any(c not in "0123456789abcdef" for c in digits)
    ):
        raise ValueError(
            f"{text!r} is not a chain head: write it as printed on the Z report, e.g. "
            "128:3f2a9c1d0b7e5a44"
        )
    return int(seq_text), digits


def check_head(
    terminal_id: str, chain: Sequence[tuple[int, str, str]], head: tuple[int, str]
) -> JournalProblem | None:
    """The terminal's chain, (seq, document number, hash) in seq order, against the head a
    Z report printed: None when the chain still passes through it."""
    seq, digits = head
    printed = f"{seq}:{digits}"
    here = {s: (no, h) for s, no, h in chain}
    if seq not in here:
        return JournalProblem(
            ProblemKind.REMOVED, terminal_id, seq, "",
            f"journal entry {seq}, the chain head printed on the Z report ({printed}), is "
            "not in the chain: entries were removed",
            f"รายการบันทึกลำดับที่ {seq} ซึ่งพิมพ์บนรายงาน Z ({printed}) ไม่อยู่ในบันทึก: "
            "มีการลบรายการ",
        )  # fmt: skip
    no, h = here[seq]
    if h.startswith(digits):
        return None
    now = short_head(seq, h)
    return JournalProblem(
        ProblemKind.REWRITTEN, terminal_id, seq, no,
        f"the chain head printed on the Z report ({printed}) differs from the chain's entry "
        f"{seq} ({no}: {now}): the chain was rewritten",
        f"หัวบันทึกที่พิมพ์บนรายงาน Z ({printed}) ไม่ตรงกับรายการบันทึกลำดับที่ {seq} "
        f"({no}: {now}): บันทึกถูกเขียนใหม่",
    )  # fmt: skip


def compare_chains(
    terminal_id: str,
    local: Iterable[tuple[int, str, str]],
    central: Iterable[tuple[int, str, str]],
) -> JournalProblem | None:
    """The counter's chain against the copy central already holds, both (seq, document
    number, hash) in seq order: the first entry where they part, or None.

    Central may lag behind (entries not sent yet); every entry it holds must be the
    counter's own, hash for hash, and still on the counter."""
    mine = {s: (no, h) for s, no, h in local}
    for seq, no, h in central:
        if seq not in mine:
            return JournalProblem(
                ProblemKind.REMOVED, terminal_id, seq, no,
                f"journal entry {seq} ({no}) is on central but gone from this counter's chain",
                f"รายการบันทึกลำดับที่ {seq} ({no}) อยู่ที่ฐานข้อมูลกลาง แต่หายไปจากเครื่องนี้",
            )  # fmt: skip
        here_no, here = mine[seq]
        if here != h:
            return JournalProblem(
                ProblemKind.REWRITTEN, terminal_id, seq, here_no,
                f"journal entry {seq} ({here_no}) differs from the copy on central "
                f"({no}): this counter's chain was rewritten from entry {seq} on",
                f"รายการบันทึกลำดับที่ {seq} ({here_no}) ไม่ตรงกับสำเนาที่ฐานข้อมูลกลาง "
                f"({no}): บันทึกของเครื่องนี้ถูกเขียนใหม่ตั้งแต่ลำดับที่ {seq}",
            )  # fmt: skip
    return None
