"""Hostile catalogue files on a real store: refused by line, column and reason with nothing
written, or imported whole; the exported catalogue never starts a cell with a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Integer

from db import models as m
from pos.domain.catalog import (
    COLUMN_CHARS,
    CSV_COLUMNS,
    MAX_COMMISSION_PCT,
    MAX_PRICE,
    STAR_YEARS,
    OtopCategory,
    parse_csv_row,
)
from pos.domain.csv_safe import FORMULA_STARTS, unquote_cell
from pos.domain.errors import ImportRowError
from pos.domain.money import MONEY_DIGITS, MONEY_PLACES
from pos.services.catalog import export_csv, import_csv
from tests.helpers.gs1 import reference_check_digit
from tests.integration.conftest import Store, open_small_store

HEADER = list(CSV_COLUMNS)
PRODUCERS = ("P-CNB", "P-BPI", "P-PWG", "P-UDN")  # the small catalogue's producers
FREE_GTINS = [f"8851234001{i:02d}{reference_check_digit(f'8851234001{i:02d}')}" for i in range(20)]


def good_row(**values: str) -> dict[str, str]:
    row = dict.fromkeys(HEADER, "")
    row.update(
        sku="NEW-001", name_th="สบู่สมุนไพรขมิ้น", name_en="Turmeric herbal soap",
        category="herbal", producer_code="P-UDN", price="79.00", unit="ก้อน", sold_by="unit",
        vat_exempt="no",
    )  # fmt: skip
    row.update(values)
    return row


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    return out.getvalue()


def import_text(store: Store, text: str) -> int:
    return import_csv(store.uow, io.StringIO(text, newline=""), store.terminal.terminal_id)


def import_or_refusal(store: Store, text: str) -> tuple[int, ImportRowError | None]:
    try:
        return import_text(store, text), None
    except ImportRowError as exc:
        return 0, exc


def export_text(store: Store) -> str:
    out = io.StringIO(newline="")
    export_csv(store.uow, out)
    return out.getvalue()


def exported_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_formula_cell(text: str) -> None:
    for row in exported_rows(text):
        for cell in row:
            assert cell[:1] not in FORMULA_STARTS, (cell, row)


@pytest.fixture(scope="module")
def counter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One counter's SQLite store with the small catalogue, shared by the refusals below."""
    opened = open_small_store(str(tmp_path_factory.mktemp("hostile") / "counter.sqlite3"))
    try:
        yield opened
    finally:
        opened.close()


# --- the limits are the database's ------------------------------------------------------
def test_the_import_limits_are_the_columns_of_the_products_table() -> None:
    columns = m.Product.__table__.c
    assert {
        "sku": columns.sku.type.length,
        "name_th": columns.name_th.type.length,
        "name_en": columns.name_en.type.length,
        "unit": columns.unit_th.type.length,
        "story_url": columns.story_url.type.length,
    } == COLUMN_CHARS
    price = columns.unit_price.type
    assert (price.precision, price.scale) == (MONEY_DIGITS, MONEY_PLACES)
    assert Decimal(10) ** (price.precision - price.scale) - Decimal("0.01") == MAX_PRICE
    pct = columns.commission_pct.type
    assert pct.scale == MONEY_PLACES
    assert Decimal(10) ** (pct.precision - pct.scale) > MAX_COMMISSION_PCT
    assert isinstance(columns.star_year.type, Integer)
    assert max(max(years) for years in STAR_YEARS) < 2**31  # a PostgreSQL integer


# --- each hostile cell, refused by line, column and reason ---------------------------------
CASES: list[tuple[str, dict[str, str], tuple[str, ...]]] = [
    ("formula =", {"name_th": '=HYPERLINK("http://evil.example","ผ้า")'}, ("name_th", "formula")),
    ("formula +", {"name_en": "+cmd|' /C calc'!A0"}, ("name_en", "starts with '+'", "formula")),
    ("formula -", {"name_en": "-2+3+cmd|' /C calc'!A0"}, ("name_en", "formula")),
    ("formula @", {"sku": "@SUM(A1:A9)"}, ("sku", "starts with '@'", "formula")),
    ("quoted formula", {"sku": "'=1+1"}, ("sku", "formula")),
    ("leading blank", {"name_en": "  =1+1"}, ("name_en", "formula")),
    ("NUL byte", {"name_en": "Soap\x00bar"}, ("name_en", "control character U+0000")),
    ("escape", {"sku": "AB\x1bC"}, ("sku", "control character U+001B")),
    ("bell in a story", {"story_th": "ทอมือ\x07"}, ("story_th", "U+0007")),
    ("bidi override", {"name_th": "สบู่\u202eขมิ้น"}, ("name_th", "U+202E")),
    ("only tone marks", {"name_th": "\u0e48\u0e49\u0e4a"}, ("name_th", "only tone marks")),
    ("only a vowel sign", {"name_th": "\u0e34"}, ("name_th", "no consonant")),
    ("mark first", {"name_th": "\u0e38สบู่"}, ("name_th", "starts with a tone mark")),
    ("stacked marks", {"name_th": "ส\u0e34\u0e48\u0e48\u0e48"}, ("name_th", "more than two")),
    ("no letter", {"name_en": "\u200b\u200b"}, ("name_en", "no letter or digit")),
    ("long SKU", {"sku": "S" * 41}, ("sku", "41 characters long, more than 40")),
    ("long Thai name", {"name_th": "ผ" * 301}, ("name_th", "301 characters long, more than 300")),
    ("long unit", {"unit": "ก" * 21}, ("unit", "more than 20")),
    ("long story URL", {"story_url": "https://x.example/" + "a" * 300}, ("story_url", "300")),
    ("price too large", {"price": "10000000000.00"}, ("price", "more than 9,999,999,999.99")),
    ("price 1e30", {"price": "1e30"}, ("price", "exponent")),
    ("price NaN", {"price": "NaN"}, ("price", "not a number")),
    ("price sNaN", {"price": "sNaN"}, ("price", "not a number")),
    ("price Infinity", {"price": "Infinity"}, ("price", "not a number")),
    ("price 3 decimals", {"price": "79.005"}, ("price", "more than 2 decimals")),
    ("commission 1e30", {"commission_pct": "1e30"}, ("commission_pct", "exponent")),
    ("commission 150", {"commission_pct": "150"}, ("commission_pct", "more than 100")),
    ("star year huge", {"star_year": "9" * 20}, ("star_year", "too large")),
    ("star year 3000", {"star_year": "3000"}, ("star_year", "2001-2100")),
    ("stars 5000 digits", {"stars": "9" * 5000}, ("stars", "too large")),
]


@pytest.mark.parametrize(("cells", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_hostile_cell_is_refused_naming_line_column_and_reason(
    counter: Store, cells: dict[str, str], words: tuple[str, ...]
) -> None:
    before = export_text(counter)
    text = csv_text(HEADER, [good_row(sku="OK-001"), good_row(**{"sku": "BAD-001", **cells})])
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    problems = caught.value.problems
    assert [line for line, _ in problems] == [3], problems  # the good row of line 2 neither
    for word in words:
        assert word in problems[0][1]
    assert len(problems[0][1]) < 300  # a long value is cut short in the message
    assert "line 3: " in caught.value.message_en
    assert "ไม่ได้นำเข้าข้อมูลใดเลย" in caught.value.message_th
    assert export_text(counter) == before


def test_a_row_over_two_lines_is_named_by_the_line_where_it_ends(counter: Store) -> None:
    text = csv_text(HEADER, [good_row(sku="OK-001"), good_row(name_en="Soap\nbar")])
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    assert caught.value.problems == [(4, "name_en has a control character U+000A at character 5")]


def test_a_repeated_column_is_refused_on_the_header_line(counter: Store) -> None:
    before = export_text(counter)
    text = csv_text([*HEADER, "price"], [{**good_row(), "price": "79.00"}])
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    assert caught.value.problems == [
        (1, f"column 'price' appears twice (columns {HEADER.index('price') + 1} and 20)")
    ]
    assert export_text(counter) == before


def test_a_huge_column_name_is_cut_short_in_the_message(counter: Store) -> None:
    name = "x" * 100_000
    text = csv_text([*HEADER, name, name], [{**good_row(), name: "\x00"}])
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    assert caught.value.problems == [(1, f"column '{'x' * 24}…' appears twice (columns 20 and 21)")]
    text = csv_text([*HEADER, name], [{**good_row(), name: "\x00"}])
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    assert caught.value.problems == [
        (2, f"{'x' * 24}… has a control character U+0000 at character 1")
    ]


def test_a_50_mb_cell_is_refused_with_its_line(counter: Store) -> None:
    before = export_text(counter)
    text = csv_text(HEADER, [good_row(sku="OK-001"), good_row(sku="OK-002")])
    text += "BIG-001,," + "x" * 50_000_000 + "\n"  # 50 MB in one cell
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    assert caught.value.problems == [(4, "a cell is longer than 131,072 characters")]
    assert export_text(counter) == before


def test_a_file_that_is_not_csv_is_refused_with_its_line(counter: Store) -> None:
    before = export_text(counter)
    text = csv_text(HEADER, [good_row()]) + '"NEW-002"x,"\n'
    with pytest.raises(ImportRowError) as caught:
        import_text(counter, text)
    assert [line for line, _ in caught.value.problems] == [3]
    assert export_text(counter) == before


def test_a_200_character_sku_is_refused_before_it_reaches_the_database(store: Store) -> None:
    """On PostgreSQL the column refuses it too, as a SQLAlchemy traceback: never get there."""
    before = export_text(store)
    with pytest.raises(ImportRowError) as caught:
        import_text(store, csv_text(HEADER, [good_row(sku="S" * 200)]))
    assert caught.value.problems == [(2, "sku is 200 characters long, more than 40")]
    assert export_text(store) == before


# --- what is at the limits still imports (on PostgreSQL too, where lengths are enforced) ---
def test_values_at_the_column_limits_import(store: Store) -> None:
    row = good_row(
        sku="S" * 40, name_th="ผ" * 300, name_en="n" * 300, unit="ก" * 20,
        story_url="https://x.example/" + "a" * 282, price="9999999999.99", star_year="2567",
        commission_pct="100", barcode=FREE_GTINS[0],
    )  # fmt: skip
    assert import_text(store, csv_text(HEADER, [row])) == 1
    header, *rows = exported_rows(export_text(store))
    got = dict(zip(header, next(r for r in rows if r[0] == "S" * 40), strict=True))
    assert (got["name_th"], got["price"], got["star_year"]) == ("ผ" * 300, "9999999999.99", "2567")


def test_a_story_that_starts_like_a_formula_is_exported_quoted_and_reads_back(
    store: Store,
) -> None:
    rows = [
        good_row(sku="NEW-001", story_th="- ทอมือ\n- สีธรรมชาติ", story_en="=1+1"),
        good_row(sku="NEW-002", name_en="Soap", story_en="@home", unit="+1 ก้อน"),
    ]
    assert import_text(store, csv_text(HEADER, rows)) == 2
    exported = export_text(store)
    assert_no_formula_cell(exported)
    header, *cells = exported_rows(exported)
    by_sku = {r[0]: dict(zip(header, r, strict=True)) for r in cells}
    assert by_sku["NEW-001"]["story_th"] == "'- ทอมือ\n- สีธรรมชาติ"
    assert by_sku["NEW-002"]["unit"] == "'+1 ก้อน"
    # the exported file imports unchanged: the quote is taken off again
    import_text(store, exported)
    assert export_text(store) == exported


# --- generated hostile files --------------------------------------------------------------
SKUS = [f"GEN-{i:02d}" for i in range(20)]
GOOD_CELLS = {
    "name_th": st.sampled_from(["สบู่สมุนไพรขมิ้น", "ผ้าไหมมัดหมี่", "น้ำพริกเผา"]),
    "name_en": st.sampled_from(["Turmeric soap", "Mudmee silk", "Chili paste"]),
    "category": st.sampled_from([c.value for c in OtopCategory]),
    "producer_code": st.sampled_from(PRODUCERS),
    "price": st.decimals(0, MAX_PRICE, places=2).map(str),
    "unit": st.sampled_from(["", "ก้อน", "ผืน"]),
    "sold_by": st.sampled_from(["", "unit", "weight"]),
    "vat_exempt": st.sampled_from(["", "yes", "no"]),
    "stars": st.sampled_from(["", "1", "5"]),
    "star_year": st.sampled_from(["", "2024", "2567"]),
    "commission_pct": st.sampled_from(["", "0", "20.00", "100"]),
    "story_th": st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20),
    "story_en": st.sampled_from(["", "- handmade", "=1+1", "@home", "woven by hand"]),
}
HOSTILE_CELL = st.one_of(
    st.sampled_from([
        "=1+1", "+1", "-1", "@A1", "'=1+1", "\t=1", "\x00", "a\x00b", "\u0e48\u0e49", "1e30",
        "NaN", "sNaN", "-Infinity", "-0", "99999999999999", "x" * 41, "ก" * 301, "\u202e",
        '"', "'", "๑๒๓", "2147483648", "79.005", "-5", "GEN-00", FREE_GTINS[0],
    ]),
    st.text(max_size=30),
    st.builds(lambda s, t: s + t, st.sampled_from(sorted(FORMULA_STARTS)), st.text(max_size=8)),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(2**70), 2**70).map(str),
)  # fmt: skip
BIG_CELL = "ผ" * 200_000  # over the CSV reader's field limit of 131,072 characters


@st.composite
def hostile_files(draw: st.DrawFn) -> str:
    """A catalogue file: about half of them clean, the others with hostile cells, a changed
    header or a broken last line."""
    hostile = draw(st.booleans())
    header = list(HEADER)
    change = draw(st.sampled_from(["none"] * 3 + ["repeat", "drop", "shuffle"])) if hostile else ""
    if change == "repeat":
        header.append(draw(st.sampled_from(HEADER)))
    elif change == "drop":
        header.remove(draw(st.sampled_from(HEADER)))
    elif change == "shuffle":
        header = draw(st.permutations(header))
    skus = draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=4, unique=True))
    rows = []
    for sku in skus:  # each SKU has a barcode of its own, or none
        row = dict.fromkeys(HEADER, "")
        row.update({col: draw(cells) for col, cells in GOOD_CELLS.items()}, sku=sku)
        row["barcode"] = draw(st.sampled_from(["", FREE_GTINS[SKUS.index(sku)]]))
        if hostile:
            for col in draw(st.lists(st.sampled_from(HEADER), max_size=3, unique=True)):
                row[col] = draw(HOSTILE_CELL)
        rows.append(row)
    text = csv_text(header, rows)
    tail = draw(st.sampled_from(["", "", "big", "quote", "nul", "extra"])) if hostile else ""
    if tail == "big":
        text += f"GEN-99,,{BIG_CELL}\n"
    elif tail == "quote":
        text += 'GEN-98,"unclosed\n'
    elif tail == "nul":
        text = text.replace(",", ",\x00", 1)
    elif tail == "extra":
        text += "GEN-97," + ",".join(["x"] * len(header)) + "\n"
    return text


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=hostile_files())
def test_a_generated_file_is_imported_whole_or_refused_by_line_never_half(
    counter: Store, text: str
) -> None:
    before = export_text(counter)
    skus_before = {r[0] for r in exported_rows(before)[1:]}
    lines = len(io.StringIO(text, newline="").readlines()) + 1  # \r ends a line too
    n, refused = import_or_refusal(counter, text)
    if refused is not None:
        event("refused")
        assert refused.problems
        assert all(1 <= line <= lines for line, _ in refused.problems), refused.problems
        assert refused.message_en.count("line ") >= min(len(refused.problems), 20)
        assert export_text(counter) == before, "a refused file wrote something"
        return
    event("imported")
    after = export_text(counter)
    assert_no_formula_cell(after)
    header, *cells = exported_rows(after)
    by_sku = {r[0]: dict(zip(header, r, strict=True)) for r in cells}
    wanted = [parse_csv_row(r) for r in csv.DictReader(io.StringIO(text, newline=""))]
    assert n == len(wanted)
    assert set(by_sku) == skus_before | {e.sku for e in wanted}
    for entry in wanted:
        got = by_sku[entry.sku]
        assert unquote_cell(got["name_th"]) == entry.name_th
        assert Decimal(got["price"]) == entry.price
        assert unquote_cell(got["story_th"]) == entry.story_th
