"""`otop-pos product add|edit|deactivate|reactivate` through the command line's entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from db import models as m
from pos.app.bootstrap import open_store
from pos.domain.barcodes import is_valid_gtin
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from pos.services.demo import load_demo_store
from tests.helpers.selling import FastArgon2
from tests.helpers.templates import FreshDatabase, migrate_only
from tests.integration.test_cli import cli
from tests.ui.conftest import DATA, SILK

MANAGER = ("--user", "manager", "--pin", "9999")


def _demo_with_users(url: str) -> None:
    migrate_only(url)
    store = open_store(url, Settings())
    try:
        load_demo_store(store.uow, store.settings, store.terminal.terminal_id, DATA)
        Auth(store.uow, store.settings, SystemClock(), FastArgon2()).ensure_demo_users()
    finally:
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db(request: pytest.FixtureRequest, fresh_database: FreshDatabase, tmp_path: Path,
       monkeypatch: pytest.MonkeyPatch) -> str:  # fmt: skip
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    return fresh_database(str(request.param), "backoffice-users", _demo_with_users)


def counts(db: str) -> tuple[int, int, int]:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return tuple(  # type: ignore[return-value]
                conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (m.Product, m.PriceChange, m.AuditEntry)
            )
    finally:
        engine.dispose()


def test_product_add_without_a_barcode_is_given_an_in_store_code_and_printed(db: str) -> None:
    code, out, err = cli("product", "add", "--db", db, "--sku", "KK-MAT-009",
                         "--name-th", "เสื่อกกลายขิด", "--name-en", "Reed mat", "--price", "350",
                         "--category", "household", "--producer", "KK-PWG-03",
                         *MANAGER)  # fmt: skip
    assert code == 0, err
    sku, barcode = out.strip().split("\t")
    assert sku == "KK-MAT-009"
    assert barcode.startswith("20")
    assert is_valid_gtin(barcode)
    assert "added KK-MAT-009: 350.00 baht" in err
    store = open_store(db, Settings(), create=False)
    try:
        with store.uow() as read:
            info = read.catalog.product_by_barcode(barcode)
            audit = read.audit.entries(key="KK-MAT-009")
    finally:
        store.close()
    assert info is not None
    assert info.sku == "KK-MAT-009"
    assert [(e.action, e.actor_name) for e in audit] == [("product.add", "manager")]


def test_product_add_with_its_own_barcode_by_weight(db: str) -> None:
    code, out, err = cli("product", "add", "--db", db, "--sku", "KK-JAM-002", "--name-th",
                         "แยมมะเฟือง", "--name-en", "Star fruit jam", "--price", "95.50",
                         "--category", "food", "--producer", "KK-MKK-02", "--weight",
                         "--barcode", "4006381333931", *MANAGER)  # fmt: skip
    assert code == 0, err
    assert out.strip() == "KK-JAM-002\t4006381333931"


def test_product_edit_price_keeps_its_history_then_deactivate_and_reactivate(db: str) -> None:
    code, _out, err = cli("product", "edit", "KK-SILK-001", "--db", db, "--price", "1990",
                          *MANAGER)  # fmt: skip
    assert code == 0, err
    assert "1,990.00 baht" in err
    products, changes, audit = counts(db)
    assert changes == 1
    code, _out, err = cli("product", "deactivate", "KK-SILK-001", "--db", db, *MANAGER)
    assert code == 0, err
    store = open_store(db, Settings(), create=False)
    try:
        with store.uow() as read:
            assert read.catalog.product_by_barcode(SILK) is None
    finally:
        store.close()
    code, _out, err = cli("product", "reactivate", "KK-SILK-001", "--db", db, *MANAGER)
    assert code == 0, err
    assert counts(db) == (products, 1, audit + 2)


def web_buffer(db: str, sku: str) -> int | None:
    store = open_store(db, Settings(), create=False)
    try:
        with store.uow() as read:
            found = read.products.get(sku)
    finally:
        store.close()
    assert found is not None
    return found.web_safety_buffer


def test_the_web_buffer_is_set_on_add_changed_on_edit_and_given_back_to_the_shop(
    db: str,
) -> None:
    code, _out, err = cli("product", "add", "--db", db, "--sku", "KK-MAT-011",
                          "--name-th", "เสื่อกก", "--name-en", "Reed mat", "--price", "350",
                          "--category", "household", "--producer", "KK-PWG-03",
                          "--web-buffer", "3", *MANAGER)  # fmt: skip
    assert code == 0, err
    assert "3 piece(s) kept back from the web shop" in err
    assert web_buffer(db, "KK-MAT-011") == 3
    assert web_buffer(db, "KK-SILK-001") is None  # the shop's setting
    code, _out, err = cli("product", "edit", "KK-SILK-001", "--db", db, "--web-buffer", "2",
                          *MANAGER)  # fmt: skip
    assert code == 0, err
    assert web_buffer(db, "KK-SILK-001") == 2
    code, _out, err = cli("product", "edit", "KK-SILK-001", "--db", db, "--price", "1990",
                          *MANAGER)  # fmt: skip
    assert (code, web_buffer(db, "KK-SILK-001")) == (0, 2)  # kept when not given
    code, _out, err = cli("product", "edit", "KK-SILK-001", "--db", db, "--web-buffer", "shop",
                          *MANAGER)  # fmt: skip
    assert code == 0, err
    assert web_buffer(db, "KK-SILK-001") is None
    assert "kept back" not in err
    before = counts(db)
    code, out, err = cli("product", "edit", "KK-SILK-001", "--db", db, "--web-buffer", "lots",
                         *MANAGER)  # fmt: skip
    assert (code, out) == (2, "")
    assert "'lots' is not a whole number of pieces" in err
    assert "ไม่ใช่จำนวนชิ้นที่เป็นจำนวนเต็ม" in err
    assert counts(db) == before


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--price", "-5"), "Price"),
        (("--price", "1e9"), "exponent"),
        (("--category", "cars"), "Category 'cars' is not one of"),
        (("--producer", "NOBODY"), "Producer 'NOBODY'"),
        (("--barcode", "8859999000019"), "wrong check digit"),
        (("--barcode", SILK), "already belongs to KK-SILK-001"),
        (("--stars", "9", "--star-year", "2566"), "must be 1 to 5"),
        (("--story-url", "file:///etc/passwd"), "must be a web address"),
        (("--commission", "150"), "ommission"),
        (("--web-buffer", "-1"), "is not a whole number of pieces"),
        (("--web-buffer", "10001"), "is more than 10,000"),
    ],
)
def test_bad_input_is_exit_2_with_its_message_and_nothing_written(
    db: str, argv: tuple[str, ...], words: str
) -> None:
    before = counts(db)
    base = {"--name-th": "เสื่อ", "--name-en": "Mat", "--price": "350",
            "--category": "household", "--producer": "KK-PWG-03"}  # fmt: skip
    given = dict(zip(argv[::2], argv[1::2], strict=True))
    options = [x for k, v in {**base, **given}.items() for x in (k, v)]
    code, out, err = cli("product", "add", "--db", db, "--sku", "KK-MAT-010", *options, *MANAGER)
    assert code == 2
    assert words in err
    assert out == ""
    assert counts(db) == before


@pytest.mark.parametrize(("user", "pin"), [("cashier", "1111"), ("labels", "2222")])
def test_a_cashier_or_label_staff_is_refused(db: str, user: str, pin: str) -> None:
    before = counts(db)
    for argv in (("edit", "KK-SILK-001", "--price", "1"), ("deactivate", "KK-SILK-001")):
        code, _out, err = cli("product", *argv, "--db", db, "--user", user, "--pin", pin)
        assert code == 2
        assert "may not change products or producers" in err
    assert counts(db) == before
    code, _out, err = cli("product", "deactivate", "KK-SILK-001", "--db", db,
                          "--user", "manager", "--pin", "0000")  # fmt: skip
    assert code == 2
    assert "PIN" in err


def test_backoffice_on_a_store_that_does_not_exist_is_exit_2_and_opens_nothing(
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QApplication

    missing = tmp_path / "nowhere.db"
    code, _out, err = cli("backoffice", "--db", str(missing), "--lang", "en")
    assert code == 2
    assert "does not exist" in err
    assert not missing.exists()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []
