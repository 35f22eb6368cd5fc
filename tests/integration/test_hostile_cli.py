"""`otop-pos promptpay` and `otop-pos catalog import` given hostile values: a plain message
and exit code 2, never a traceback (issue 20, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conftest import open_small_store
from tests.integration.test_cli import cli, home  # noqa: F401 (home: the app's folders, autouse)
from tests.integration.test_hostile_import import HEADER, csv_text, good_row


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A counter's store with the small catalogue; the refusals below write nothing to it."""
    db = tmp_path_factory.mktemp("hostile-cli") / "shop.db"
    open_small_store(str(db)).close()
    return db


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("NaN", "not a number"),
        ("sNaN", "not a number"),
        ("Infinity", "not a number"),
        ("1e30", "is written with an exponent"),  # the one amount parser's refusal
        ("1e10", "is written with an exponent"),
        ("1" + "0" * 10, "does not fit a PromptPay QR"),
        ("12.345", "has more than 2 decimals"),
        ("-5", "is negative"),
        ("0", "must be more than zero"),
        ("99999999999999", "does not fit a PromptPay QR"),
    ],
)
def test_promptpay_refuses_an_amount_no_bank_app_pays(amount: str, words: str) -> None:
    code, out, err = cli("promptpay", "--id", "0801234567", "--amount", amount)
    assert (code, out) == (2, "")
    assert err.startswith("otop-pos: ")
    assert words in err
    assert "Traceback" not in err


def test_promptpay_takes_the_largest_amount_its_field_holds() -> None:
    code, out, err = cli("promptpay", "--id", "0801234567", "--amount", "9999999999.99")
    assert code == 0, err
    assert "54139999999999.99" in out


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ({"price": "1e30"}, "price '1e30' is written with an exponent"),
        ({"star_year": "99999999999999999999"}, "star_year"),
        ({"name_en": '=HYPERLINK("http://evil.example")'}, "formula"),
        ({"story_th": "x" * 200_000}, "a cell is longer than 131,072 characters"),
    ],
    ids=["price 1e30", "star year", "formula", "huge cell"],
)
def test_catalog_import_refuses_in_plain_words(
    small_db: Path, tmp_path: Path, cells: dict[str, str], words: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text(HEADER, [good_row(**cells)]), encoding="utf-8")
    code, out, err = cli("catalog", "import", "--db", str(small_db), str(bad))
    assert (code, out) == (2, "")
    assert err.startswith("otop-pos: 1 bad row(s), nothing imported: line 2: ")
    assert words in err
    assert "Traceback" not in err
