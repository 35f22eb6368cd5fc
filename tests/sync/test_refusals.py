"""Central's refusals in plain words naming the row and the field (one mapping, db/errors.py),
exit code 2 from the command line, never a traceback; and a counter that takes its catalogue
from central refuses to make products of its own."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from sqlalchemy import text

from db.errors import DatabaseRefused
from pos.app import main
from pos.app.bootstrap import open_store
from pos.domain.settings import Settings
from tests.integration.test_hostile_import import HEADER, csv_text, good_row
from tests.sync.conftest import Central

pytestmark = pytest.mark.pg


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_a_200_character_sku_into_central_is_a_plain_refusal(
    central: Central, tmp_path: Path
) -> None:
    bad = tmp_path / "long.csv"
    bad.write_text(csv_text(HEADER, [good_row(sku="S" * 200)]), encoding="utf-8")
    code, out, err = cli("catalog", "import", "--db", central.admin_url, str(bad))
    assert code == 2
    assert "sku" in err.lower()
    assert "Traceback" not in out + err
    assert central.scalar("SELECT count(*) FROM products WHERE length(sku) > 40") == 0


_PRODUCER = {
    "id": "p-long",
    "code": "C" * 30,
    "name_th": "x",
    "name_en": "x",
    "kind": "group",
    "contact": "",
    "district_th": "x",
    "district_en": "x",
}


@pytest.mark.parametrize(
    ("sql", "params", "field", "reason", "words"),
    [
        (
            "INSERT INTO producers (id, code, name_th, name_en, kind, contact, district_th, "
            "district_en) VALUES (:id, :code, :name_th, :name_en, :kind, :contact, "
            ":district_th, :district_en)",
            _PRODUCER,
            "code",
            "too_long",
            "a row of producers id p-long: code is 30 characters, the column holds 20",
        ),
        (
            "UPDATE products SET unit_price = :unit_price WHERE sku = :sku",
            {"unit_price": 10**12, "sku": "any"},
            "unit_price",
            "range",
            "product sku any: unit_price 1000000000000 is beyond what the column holds",
        ),
        (
            "INSERT INTO product_barcodes (code, product_id, kind) "
            "VALUES (:code, :product_id, :kind)",
            {"code": "8850000000001", "product_id": "nope", "kind": "other"},
            "product_id",
            "missing_parent",
            "product_id nope is not in products",
        ),
    ],
    ids=["too long", "out of range", "missing parent"],
)
def test_each_refusal_names_the_row_and_the_field(
    central: Central, sql: str, params: dict[str, object], field: str, reason: str, words: str
) -> None:
    store = open_store(central.admin_url, Settings())

    def write() -> None:
        with store.uow(write=True) as work:
            work.session.execute(text(sql), params)  # type: ignore[attr-defined]
            work.commit()

    try:
        with pytest.raises(DatabaseRefused) as refused:
            write()
    finally:
        store.close()
    assert refused.value.reason == reason
    assert refused.value.field == field
    assert words in refused.value.message_en
    assert refused.value.message_th.startswith("ฐานข้อมูลไม่รับ")


def test_a_counter_fed_by_central_makes_no_products_of_its_own(
    make_counter, tmp_path: Path
) -> None:
    c = make_counter("Counter 2")
    new = tmp_path / "new.csv"
    new.write_text(csv_text(HEADER, [good_row(sku="LOCAL-1")]), encoding="utf-8")
    code, out, err = cli("catalog", "import", "--db", str(c.store.engine.url), str(new))
    assert code == 2
    assert "catalog import --db CENTRAL_URL" in err
    assert "Traceback" not in out + err
    with c.store.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM products WHERE sku = 'LOCAL-1'").scalar()
            == 0
        )
