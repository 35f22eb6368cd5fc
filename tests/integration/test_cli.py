"""The `otop-pos` command line, run for real: demo store, catalogue CSV, sales CSV, PromptPay."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db import migrate
from pos.app import main
from pos.app.bootstrap import open_store
from pos.domain.payment import Tender, TenderKind
from pos.domain.settings import Settings
from pos.services.checkout import Checkout
from resources import DEMO
from tests.helpers.selling import seller
from tests.helpers.templates import FreshDatabase
from tests.integration.conftest import FixedClock, build_small_store, open_small_store

KHON_KAEN_DISTRICTS = {
    "เมืองขอนแก่น", "บ้านฝาง", "พระยืน", "หนองเรือ", "ชุมแพ", "สีชมพู", "น้ำพอง", "อุบลรัตน์",
    "กระนวน", "บ้านไผ่", "เปือยน้อย", "พล", "แวงใหญ่", "แวงน้อย", "หนองสองห้อง", "ภูเวียง",
    "มัญจาคีรี", "ชนบท", "เขาสวนกวาง", "ภูผาม่าน", "ซำสูง", "โคกโพธิ์ไชย", "หนองนาคำ", "บ้านแฮด",
    "โนนศิลา", "เวียงเก่า",
}  # fmt: skip
CATALOGUE_COLUMNS = {
    "sku", "barcode", "name_th", "name_en", "category", "producer", "district", "province",
    "price", "vat_exempt", "stars", "story_url",
}  # fmt: skip
SALES_COLUMNS = {
    "receipt_no", "sold_at", "sku", "qty", "unit_price", "discount", "line_total", "sale_total",
    "vat", "payment_methods",
}  # fmt: skip
PROMPTPAY_EXAMPLE = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
BANGKOK = timedelta(hours=7)


def gs1_ok(code: str) -> bool:
    """EAN-13 / UPC-A / EAN-8 check digit, written here independently of pos.domain.

    Pad to 14 digits (GTIN-14); from the left the weights are then 3,1,3,...,1 for the 13 data
    digits, and the check digit makes the weighted sum a multiple of ten.
    """
    if len(code) not in (8, 12, 13) or not code.isdigit():
        return False
    digits = [int(c) for c in code.zfill(14)]
    weighted = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(digits[:13]))
    return (weighted + digits[13]) % 10 == 0


def cli(*argv: str) -> tuple[int, str, str]:
    """Run `otop-pos ARGV` in this process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV the app wrote: UTF-8 after the byte-order mark every CSV starts with."""
    assert path.read_bytes().startswith(codecs.BOM_UTF8), f"{path.name} has no UTF-8 BOM"
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's own folders (settings, default database) live in the test's tmp folder."""
    folder = tmp_path / "home"
    monkeypatch.setenv("OTOP_POS_HOME", str(folder))
    return folder


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store made by the CLI: `demo`, then `demo --sales 50 --days 7`."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OTOP_POS_HOME", str(folder / "home"))
        code, out, err = cli("demo", "--db", str(db))
        assert code == 0, err
        assert re.fullmatch(
            r"demo store: \d+ products\ndemo room: COWORK ห้องประชุม Co-working, 12 seats\n", out
        ), out
        code, out, err = cli("demo", "--db", str(db), "--sales", "50", "--days", "7")
        assert code == 0, err
        assert out == "demo sales: 50 over 7 day(s)\n"
    return db


@pytest.fixture(scope="module")
def demo_catalogue(demo_db: Path) -> tuple[list[str], list[dict[str, str]], str]:
    out = demo_db.parent / "catalogue.csv"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OTOP_POS_HOME", str(demo_db.parent / "home"))
        code, _, err = cli("catalog", "export", "--db", str(demo_db), "-o", str(out))
    assert code == 0, err
    header, rows = read_csv(out)
    assert err == f"exported {len(rows)} products\n"
    return header, rows, out.read_text("utf-8")


# --- the demo store and its catalogue -----------------------------------------------------
def test_the_demo_catalogue_exports_completely(
    demo_catalogue: tuple[list[str], list[dict[str, str]], str],
) -> None:
    header, rows, _ = demo_catalogue
    assert set(header) >= CATALOGUE_COLUMNS
    assert len(rows) >= 300
    assert len({r["sku"] for r in rows}) == len(rows)
    assert {r["category"] for r in rows} == {"food", "beverage", "textile", "household", "herbal"}
    districts = {r["district"] for r in rows if r["province"] == "ขอนแก่น"}
    assert districts >= KHON_KAEN_DISTRICTS, KHON_KAEN_DISTRICTS - districts
    assert {r["province"] for r in rows} > {"ขอนแก่น"}, "goods from other provinces too"
    assert all(Decimal(r["price"]) > 0 for r in rows)
    assert {r["vat_exempt"] for r in rows} <= {"yes", "no"}
    assert {r["stars"] for r in rows} <= {"", "1", "2", "3", "4", "5"}
    assert all(r["story_url"].startswith("https://") and r["sku"] in r["story_url"] for r in rows)
    assert all(r["name_th"] and r["name_en"] for r in rows)


def test_every_demo_barcode_scans(
    demo_catalogue: tuple[list[str], list[dict[str, str]], str],
) -> None:
    _, rows, _ = demo_catalogue
    coded = [r for r in rows if r["barcode"]]
    bad = [(r["sku"], r["barcode"]) for r in coded if not gs1_ok(r["barcode"])]
    assert not bad
    assert len({r["barcode"] for r in coded}) == len(coded), "no code on two products"
    unit_sold = [r for r in rows if r["sold_by"] == "unit"]
    assert [r["sku"] for r in unit_sold if not r["barcode"]] == []

    shipped = {p["sku"]: p.get("barcode") for p in json.loads((DEMO / "products.json").read_text())}
    in_store = [r for r in unit_sold if not shipped[r["sku"]]]
    assert in_store, "the demo has products without a GS1 code"
    assert all(r["barcode"].startswith("20") and len(r["barcode"]) == 13 for r in in_store)
    gs1 = [r for r in rows if shipped[r["sku"]]]
    assert all(r["barcode"].lstrip("0") == shipped[r["sku"]].lstrip("0") for r in gs1)


def test_demo_is_not_loaded_twice(demo_db: Path) -> None:
    code, out, err = cli("demo", "--db", str(demo_db), "--products", "10")
    assert code == 0
    assert out == ""
    assert "already has a catalogue" in err


@pytest.mark.pg
def test_the_demo_store_on_postgresql(
    pg_url: str, tmp_path: Path, demo_catalogue: tuple[list[str], list[dict[str, str]], str]
) -> None:
    code, out, err = cli("demo", "--db", pg_url, "--sales", "5", "--days", "2")
    assert code == 0, err
    assert out.splitlines() == [
        f"demo store: {len(demo_catalogue[1])} products",
        "demo room: COWORK ห้องประชุม Co-working, 12 seats",
        "demo sales: 5 over 2 day(s)",
    ]
    exported = tmp_path / "pg-catalogue.csv"
    code, _, err = cli("catalog", "export", "--db", pg_url, "-o", str(exported))
    assert code == 0, err
    assert exported.read_text("utf-8") == demo_catalogue[2], "the same catalogue as on SQLite"
    sales = tmp_path / "pg-sales.csv"
    code, _, err = cli("sales", "export", "--db", pg_url, "-o", str(sales))
    assert code == 0, err
    assert len({r["receipt_no"] for r in read_csv(sales)[1]}) == 5


# --- catalogue import ---------------------------------------------------------------------
@pytest.fixture
def small_db(fresh_database: FreshDatabase) -> Path:
    """A SQLite file holding the small catalogue (a copy of the session's template)."""
    return Path(str(make_url(fresh_database("sqlite", "small", build_small_store)).database))


def export_text(db: Path, out: Path) -> str:
    code, _, err = cli("catalog", "export", "--db", str(db), "-o", str(out))
    assert code == 0, err
    return out.read_text("utf-8")


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def new_row(header: list[str], **values: str) -> dict[str, str]:
    row = dict.fromkeys(header, "")
    row.update(
        sku="NEW-001", barcode="8851234000067", name_th="สบู่สมุนไพรขมิ้น",
        name_en="Turmeric herbal soap", category="herbal", producer_code="P-UDN",
        price="79.00", unit="ก้อน", sold_by="unit", vat_exempt="no",
    )  # fmt: skip
    row.update(values)
    return row


def problems_by_line(message: str) -> dict[int, str]:
    found = re.findall(r"line (\d+): (.*?)(?=; line \d+: |\n|$)", message)
    return {int(n): why for n, why in found}


def test_a_bad_import_changes_nothing_and_names_every_bad_row(
    small_db: Path, tmp_path: Path
) -> None:
    before = export_text(small_db, tmp_path / "before.csv")
    header, rows = read_csv(tmp_path / "before.csv")
    silk = next(r for r in rows if r["sku"] == "SILK-001")
    bad = write_rows(
        tmp_path / "bad.csv",
        header,
        [
            {**silk, "price": "1350.00"},  # line 2: a good row, not imported either
            new_row(header, sku="NEW-001", barcode="8851234000068"),  # 3: check digit
            new_row(header, sku="NEW-002", barcode="", category="toys"),  # 4
            new_row(header, sku="NEW-003", barcode="", price="-5.00"),  # 5
            new_row(header, sku="NEW-004", barcode="", producer_code="P-NOPE"),  # 6
            {**silk, "price": "1400.00"},  # 7: the same SKU as line 2
            new_row(header, sku="NEW-005", barcode="", price="12O.00"),  # 8: letter O
            new_row(header, sku="NEW-006", barcode="", stars="4.5"),  # 9
        ],
    )
    code, out, err = cli("catalog", "import", "--db", str(small_db), str(bad))

    assert code == 2
    assert out == ""
    assert "nothing imported" in err
    problems = problems_by_line(err.splitlines()[0])
    expected = {
        3: "check digit",
        4: "category 'toys'",
        5: "negative",
        6: "producer 'P-NOPE' is unknown",
        7: "repeats line 2",
        8: "not a number",
        9: "whole number",
    }
    assert sorted(problems) == sorted(expected), err
    for line, words in expected.items():
        assert words in problems[line], (line, problems[line])
    assert "ไม่ได้นำเข้าข้อมูลใดเลย" in err  # and in Thai
    assert export_text(small_db, tmp_path / "after.csv") == before


def test_an_import_file_without_the_needed_columns_is_refused(
    small_db: Path, tmp_path: Path
) -> None:
    before = export_text(small_db, tmp_path / "before.csv")
    bad = write_rows(
        tmp_path / "bad.csv",
        ["sku", "name_th", "price"],
        [{"sku": "SILK-001", "name_th": "ผ้าไหม", "price": "1.00"}],
    )
    code, _, err = cli("catalog", "import", "--db", str(small_db), str(bad))
    assert code == 2
    assert "line 1: header lacks column(s): name_en, category, producer_code" in err
    assert export_text(small_db, tmp_path / "after.csv") == before


def test_a_file_saved_by_thai_excel_is_refused_in_plain_words(
    small_db: Path, tmp_path: Path
) -> None:
    """Excel's plain "CSV" on a Thai Windows is Windows-874, not UTF-8."""
    before = export_text(small_db, tmp_path / "before.csv")
    thai_excel = tmp_path / "excel.csv"
    thai_excel.write_bytes(before.encode("cp874", errors="replace"))
    code, out, err = cli("catalog", "import", "--db", str(small_db), str(thai_excel))
    assert (code, out) == (2, "")
    assert "UTF-8" in err
    assert "Traceback" not in err
    assert export_text(small_db, tmp_path / "after.csv") == before


def test_a_good_import_lands_and_keeps_the_scale_labels_working(
    small_db: Path, tmp_path: Path
) -> None:
    before = export_text(small_db, tmp_path / "before.csv")
    header, rows = read_csv(tmp_path / "before.csv")
    for r in rows:
        if r["sku"] == "SILK-001":
            r["price"] = "1350.00"
    good = write_rows(tmp_path / "good.csv", header, [*rows, new_row(header)])

    code, out, err = cli("catalog", "import", "--db", str(small_db), str(good))
    assert code == 0, err
    assert out == f"imported {len(rows) + 1} products\n"

    after_text = export_text(small_db, tmp_path / "after.csv")
    assert after_text != before
    _, after = read_csv(tmp_path / "after.csv")
    by_sku = {r["sku"]: r for r in after}
    assert by_sku["SILK-001"]["price"] == "1350.00"
    assert (by_sku["NEW-001"]["barcode"], by_sku["NEW-001"]["producer"]) == (
        "8851234000067",
        "นางสมใจ ใจดี",
    )
    unchanged = [r for r in read_csv(tmp_path / "before.csv")[1] if r["sku"] != "SILK-001"]
    assert all(by_sku[r["sku"]] == r for r in unchanged)

    # the import carried no PLU column: the weighed sausage still scans from its scale label
    store = open_store(str(small_db), Settings())
    try:
        checkout = store.checkout()
        assert checkout.lookup("2100001004170").product.sku == "SAUS-W"
        assert checkout.lookup("8851234000067").product.name_en == "Turmeric herbal soap"
    finally:
        store.close()


# --- sales export -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_sales(demo_db: Path) -> tuple[list[str], list[dict[str, str]]]:
    out = demo_db.parent / "sales.csv"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OTOP_POS_HOME", str(demo_db.parent / "home"))
        code, _, err = cli("sales", "export", "--db", str(demo_db), "-o", str(out))
    assert code == 0, err
    return read_csv(out)


def test_the_sales_export_adds_up(demo_sales: tuple[list[str], list[dict[str, str]]]) -> None:
    header, rows = demo_sales
    assert set(header) >= SALES_COLUMNS
    receipts: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        receipts[r["receipt_no"]].append(r)
    assert sorted(receipts) == [f"KK01-{n:08d}" for n in range(1, 51)]
    for no, lines in receipts.items():
        total = {r["sale_total"] for r in lines}
        vat = {r["vat"] for r in lines}
        assert len(total) == len(vat) == 1, no
        assert sum(Decimal(r["line_total"]) for r in lines) == Decimal(total.pop()), no
        assert sum(Decimal(r["line_vat"]) for r in lines) == Decimal(vat.pop()), no
        for r in lines:
            gross = (Decimal(r["qty"]) * Decimal(r["unit_price"])).quantize(Decimal("0.01"))
            assert gross - Decimal(r["discount"]) == Decimal(r["line_total"]), (no, r["sku"])
        methods = lines[0]["payment_methods"].split("+")
        assert set(methods) <= {"cash", "promptpay", "card"}, no


def test_demo_sales_fall_in_opening_hours_of_the_last_seven_days(
    demo_sales: tuple[list[str], list[dict[str, str]]],
) -> None:
    _, rows = demo_sales
    stamps = [datetime.fromisoformat(r["sold_at"]) for r in rows]
    assert all(s.utcoffset() == BANGKOK for s in stamps), "shown in Bangkok time"
    assert all(9 <= s.hour < 19 for s in stamps)
    days = {s.date() for s in stamps}
    assert max(days) - min(days) <= timedelta(days=6)
    assert stamps == sorted(stamps)


def test_sales_export_filters_by_day_in_bangkok(
    demo_db: Path, demo_sales: tuple[list[str], list[dict[str, str]]], tmp_path: Path
) -> None:
    _, everything = demo_sales  # the whole export (it writes sales.csv beside the store)
    per_day: dict[str, set[str]] = defaultdict(set)
    for r in everything:
        per_day[r["sold_at"][:10]].add(r["receipt_no"])
    day = max(per_day, key=lambda d: len(per_day[d]))
    out = tmp_path / "day.csv"
    code, _, err = cli(
        "sales", "export", "--db", str(demo_db), "--from", day, "--to", day, "-o", str(out)
    )
    assert code == 0, err
    assert {r["receipt_no"] for r in read_csv(out)[1]} == per_day[day]


def test_the_day_boundary_is_midnight_in_bangkok(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    store = open_small_store(str(db))
    clock = FixedClock()
    checkout = Checkout(store.uow, store.settings, store.terminal, clock)
    moments = [
        datetime(2026, 11, 26, 16, 59, 59, tzinfo=UTC),  # 23:59:59 on the 26th in Bangkok
        datetime(2026, 11, 26, 17, 0, 0, tzinfo=UTC),  # 00:00:00 on the 27th
        datetime(2026, 11, 27, 16, 59, 59, tzinfo=UTC),  # 23:59:59 on the 27th
        datetime(2026, 11, 27, 17, 0, 0, tzinfo=UTC),  # 00:00:00 on the 28th
    ]
    try:
        for when in moments:
            clock.current = when
            cart = checkout.new_cart()
            checkout.add_to_cart(cart, checkout.lookup("8851234000029"))
            checkout.complete(
                cart,
                [Tender(TenderKind.PROMPTPAY, Decimal("35.50"), None, "x")],
                actor=seller(checkout),
            )
    finally:
        store.close()

    def receipts(*args: str) -> list[tuple[str, str]]:
        out = tmp_path / "s.csv"
        code, _, err = cli("sales", "export", "--db", str(db), *args, "-o", str(out))
        assert code == 0, err
        return [(r["receipt_no"][-1], r["sold_at"]) for r in read_csv(out)[1]]

    assert receipts() == [
        ("1", "2026-11-26T23:59:59+07:00"),
        ("2", "2026-11-27T00:00:00+07:00"),
        ("3", "2026-11-27T23:59:59+07:00"),
        ("4", "2026-11-28T00:00:00+07:00"),
    ]
    assert [n for n, _ in receipts("--from", "2026-11-27", "--to", "2026-11-27")] == ["2", "3"]
    assert [n for n, _ in receipts("--from", "2026-11-28")] == ["4"]
    assert [n for n, _ in receipts("--to", "2026-11-26")] == ["1"]
    assert receipts("--from", "2026-11-29") == []

    code, _, err = cli("sales", "export", "--db", str(db), "--from", "27/11/2026")
    assert code == 2
    assert "--from '27/11/2026' must be a date like" in err


# --- PromptPay ----------------------------------------------------------------------------
def test_promptpay_prints_the_standard_payload() -> None:
    assert cli("promptpay", "--id", "0801234567") == (0, PROMPTPAY_EXAMPLE + "\n", "")


@pytest.mark.parametrize("typed", ["+66-80-123-4567", "66801234567", "080-123-4567"])
def test_promptpay_takes_a_mobile_in_international_form(typed: str) -> None:
    assert cli("promptpay", "--id", typed) == (0, PROMPTPAY_EXAMPLE + "\n", "")


def test_promptpay_with_an_amount_writes_a_qr_png(tmp_path: Path) -> None:
    png = tmp_path / "qr.png"
    code, out, err = cli("promptpay", "--id", "0801234567", "--amount", "100", "--png", str(png))
    assert code == 0, err
    payload = out.strip()
    assert payload.startswith("000201010212")  # dynamic: the QR carries an amount
    assert "5406100.00" in payload
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width == height
    assert 200 <= width <= 2000, "big enough to scan from a phone, small enough to print"
    assert 200 < len(data) < 200_000


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--id", "12345"], "PromptPay ID must be"),
        (["--id", "08012345678901"], "PromptPay ID must be"),
        (["--id", "0801234567", "--amount", "cien"], "is not a number"),
    ],
)
def test_promptpay_refuses_bad_input_clearly(args: list[str], words: str) -> None:
    code, out, err = cli("promptpay", *args)
    assert (code, out) == (2, "")
    assert err.startswith("otop-pos: ")
    assert words in err
    assert "Traceback" not in err


def test_the_installed_command_runs_as_a_program(tmp_path: Path, demo_db: Path) -> None:
    env = {**os.environ, "OTOP_POS_HOME": str(tmp_path / "home"), "PYTHONWARNINGS": "error"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pos", *args], cwd=tmp_path, env=env,
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    ok = run("promptpay", "--id", "0801234567")
    assert (ok.returncode, ok.stdout) == (0, PROMPTPAY_EXAMPLE + "\n"), ok.stderr
    refused = run("promptpay", "--id", "080")
    assert refused.returncode == 2
    assert "PromptPay ID must be" in refused.stderr
    assert "Traceback" not in refused.stderr
    exported = run("sales", "export", "--db", str(demo_db), "--to", "2000-01-01")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.splitlines()[0].startswith("\ufeffreceipt_no,sold_at,")
    assert exported.stderr == "exported 0 sale lines\n"


# --- the till's own database --------------------------------------------------------------
def test_the_till_keeps_its_database_in_the_data_folder(home: Path) -> None:
    store = open_store(None, Settings())
    try:
        db = home / "data" / "counter.db"
        assert db.is_file()
        assert Path(store.url.split(":///", 1)[1]) == db
        assert migrate.current_revision(store.engine) == migrate.HEAD
        terminal = store.terminal
    finally:
        store.close()

    # The second start, in a fresh process as at the counter, finds the schema current: it
    # never loads the migration machinery and keeps the terminal it made the first time.
    probe = (
        "import json, sys, time\n"
        "from pos.app.bootstrap import open_store\n"
        "from pos.domain.settings import Settings\n"
        "import db.engine, db.migrate, db.uow, pos.services.store\n"
        "start = time.perf_counter()\n"
        "store = open_store(None, Settings())\n"
        "took = time.perf_counter() - start\n"
        "print(json.dumps({'alembic': sorted(m for m in sys.modules if m.startswith('alembic')),"
        " 'terminal': store.terminal.terminal_id, 'url': store.url, 'took': took}))\n"
        "store.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env={**os.environ, "OTOP_POS_HOME": str(home)},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    second = json.loads(done.stdout)
    assert second["alembic"] == []
    assert second["terminal"] == terminal.terminal_id
    assert second["url"] == store.url
    assert second["took"] < 0.5, "a start-up without migrations takes milliseconds"


# --- one CSV convention --------------------------------------------------------------------
def test_every_csv_written_starts_with_one_utf8_bom(demo_db: Path, tmp_path: Path) -> None:
    """Excel on a Thai Windows PC shows Thai in a CSV only after a UTF-8 byte-order mark: the
    sales and catalogue exports, the EOD and the producers reports all start with one (once)."""
    written = {
        "catalog": ("catalog", "export"),
        "sales": ("sales", "export"),
        "eod": ("report", "eod", "--date", "2000-01-01"),
        "producers": ("report", "producers", "--from", "2000-01-01", "--to", "2000-01-31"),
    }
    for name, command in written.items():
        out = tmp_path / f"{name}.csv"
        code, _, err = cli(*command, "--db", str(demo_db), "-o", str(out))
        assert code == 0, err
        data = out.read_bytes()
        assert data.startswith(codecs.BOM_UTF8), name
        assert not data[3:].startswith(codecs.BOM_UTF8), f"{name}: the BOM twice"
        assert data[3:4].isalpha(), f"{name}: the header follows"


def test_a_catalogue_import_reads_a_csv_with_and_without_a_bom(
    small_db: Path, tmp_path: Path
) -> None:
    text = export_text(small_db, tmp_path / "with-bom.csv")
    assert text.startswith("\ufeffsku,")
    plain = tmp_path / "without-bom.csv"
    plain.write_text(text.removeprefix("\ufeff"), "utf-8")
    for path in (tmp_path / "with-bom.csv", plain):
        code, out, err = cli("catalog", "import", "--db", str(small_db), str(path))
        assert code == 0, err
        assert out.startswith("imported "), out
    assert export_text(small_db, tmp_path / "again.csv") == text


def test_the_producers_report_defaults_to_this_month(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "producers.csv"
    code, _, err = cli("report", "producers", "--db", str(demo_db), "-o", str(out))
    assert code == 0, err
    assert err.endswith(f"producers -> {out}\n")
