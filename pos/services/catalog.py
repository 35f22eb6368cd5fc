"""Catalogue import and export as CSV, and in-store barcodes for products without one."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from pos.domain.barcodes import in_store_code
from pos.domain.catalog import CSV_COLUMNS, REQUIRED_COLUMNS, ProductEntry, parse_csv_row
from pos.domain.csv_safe import csv_writer, safe_row, without_bom
from pos.domain.errors import ImportRowError
from pos.domain.money import shown
from pos.ports.sales import SalesUnitOfWork
from pos.ports.uow import UnitOfWorkFactory


def export_csv(uow: UnitOfWorkFactory[SalesUnitOfWork], out: TextIO) -> int:
    """Write every product as one CSV row; returns the number of rows."""
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    with uow() as read:
        for p, pr in read.catalog.export_entries():
            writer.writerow(
                safe_row(
                    [
                        p.sku,
                        p.barcode or "",
                        p.name_th,
                        p.name_en,
                        p.category.value,
                        pr.code,
                        pr.name_th,
                        pr.district_th,
                        pr.province_th,
                        f"{p.price:.2f}",
                        p.unit_th,
                        p.sold_by,
                        "yes" if p.vat_exempt else "no",
                        "" if p.stars is None else p.stars,
                        "" if p.star_year is None else p.star_year,
                        "" if p.commission_pct is None else f"{p.commission_pct:.2f}",
                        p.story_url,
                        p.story_th,
                        p.story_en,
                    ]
                )
            )
            n += 1
    return n


def read_import(
    source: TextIO, known_producers: set[str], known_barcodes: dict[str, str]
) -> list[ProductEntry]:
    """Validate every row of an import file (with or without a byte-order mark at its
    start); raise ImportRowError naming each bad row."""
    reader = csv.DictReader(source)
    problems: list[tuple[int, str]] = []
    entries: list[ProductEntry] = []
    try:
        header = list(reader.fieldnames or [])
        if header:  # a CSV saved as "CSV UTF-8" (or exported here) starts with a BOM
            reader.fieldnames = header = [without_bom(header[0]), *header[1:]]
        _check_header(header)
        _read_rows(reader, known_producers, known_barcodes, problems, entries)
    except csv.Error as exc:  # e.g. a 50 MB cell: the reader stops at the line it is on
        problems.append((max(reader.reader.line_num, 1), _unreadable(exc)))
    if problems:
        raise ImportRowError(problems)
    return entries


def _check_header(header: Sequence[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportRowError([(1, f"header lacks column(s): {', '.join(missing)}")])
    first: dict[str, int] = {}
    twice: list[str] = []
    for n, name in enumerate(header, 1):
        if name in first:
            twice.append(f"column {shown(name)} appears twice (columns {first[name]} and {n})")
        first.setdefault(name, n)
    if twice:
        raise ImportRowError([(1, "; ".join(twice))])


def _read_rows(
    reader: csv.DictReader[str],
    known_producers: set[str],
    known_barcodes: dict[str, str],
    problems: list[tuple[int, str]],
    entries: list[ProductEntry],
) -> None:
    seen_skus: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append((line, "more fields than the header"))
            continue
        try:
            entry = parse_csv_row(row)
        except ValueError as exc:
            problems.append((line, str(exc)))
            continue
        why = []
        if entry.producer_code not in known_producers:
            why.append(f"producer {shown(entry.producer_code)} is unknown")
        if entry.sku in seen_skus:
            why.append(f"SKU {entry.sku} repeats line {seen_skus[entry.sku]}")
        if entry.barcode:
            if entry.barcode in seen_codes:
                why.append(f"barcode {entry.barcode} repeats line {seen_codes[entry.barcode]}")
            owner = known_barcodes.get(entry.barcode)
            if owner is not None and owner != entry.sku:
                why.append(f"barcode {entry.barcode} belongs to {owner}")
            seen_codes[entry.barcode] = line
        seen_skus.setdefault(entry.sku, line)
        if why:
            problems.append((line, "; ".join(why)))
        else:
            entries.append(entry)


def _unreadable(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    return f"not readable as CSV: {exc}"


def import_csv(
    uow: UnitOfWorkFactory[SalesUnitOfWork], source: TextIO, terminal_id: str | None = None
) -> int:
    """Import all rows or none: every row is checked before anything is written."""
    with uow(write=True) as work:
        producers = work.catalog.producer_codes()
        entries = read_import(source, producers, work.catalog.barcode_owners())
        n = work.catalog.upsert_products(entries, terminal_id)
        work.commit()
    return n


def in_store_start(taken: Iterable[str], prefix: str) -> int:
    """The number after the highest in-store code of `prefix` already given: a code is never
    given twice, not even one whose product has gone."""
    used = [int(c[len(prefix) : -1]) for c in taken if len(c) == 13 and c.startswith(prefix)]
    return max(used, default=0) + 1


def assign_in_store_codes(uow: UnitOfWorkFactory[SalesUnitOfWork], prefix: str) -> dict[str, str]:
    """Give every unit-sold product without a barcode a fresh in-store EAN-13; never reuse one."""
    assigned: dict[str, str] = {}
    with uow(write=True) as work:
        taken = set(work.catalog.barcode_owners())
        number = in_store_start(taken, prefix)
        for sku in work.catalog.skus_without_barcode():
            code = in_store_code(prefix, number)
            while code in taken:
                number += 1
                code = in_store_code(prefix, number)
            work.catalog.add_barcode(sku, code, "instore")
            taken.add(code)
            assigned[sku] = code
            number += 1
        work.commit()
    return assigned
