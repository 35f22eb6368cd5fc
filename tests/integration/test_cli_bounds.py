"""Values beyond what a command can hold are refused in plain words, exit 2, and change
nothing: a report of the year 9999, ten quintillion baskets (issue 20, item 7)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from pos.app.command_line import main
from tests.integration.test_cli import cli, home  # noqa: F401 (home: the app's folders, autouse)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store with a few sales, made by the command line."""
    folder = tmp_path_factory.mktemp("bounds")
    db = folder / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OTOP_POS_HOME", str(folder / "home"))
        code, _, err = cli("demo", "--db", str(db), "--sales", "5", "--days", "2")
        assert code == 0, err
    return db


@pytest.mark.parametrize(
    "days",
    [["--date", "9999-12-31"], ["--from", "0001-01-01", "--to", "2026-11-27"]],
    ids=["year 9999", "year 1"],
)
def test_an_end_of_day_report_of_a_year_no_clock_holds_is_refused(
    demo_db: Path, tmp_path: Path, days: list[str]
) -> None:
    out = tmp_path / "eod.pdf"
    code, stdout, err = cli("report", "eod", "--db", str(demo_db), *days, "-o", str(out))
    assert (code, stdout) == (2, ""), err
    assert "is not a year to report (2000-2200, Common Era)" in err
    assert "ไม่ใช่ปีที่รายงานได้" in err
    assert not out.exists()


@pytest.mark.parametrize("count", ["99999999999999999999", "10001", "0", "-5", "NaN", "1e3"])
def test_a_basket_count_beyond_an_assembly_order_is_refused(demo_db: Path, count: str) -> None:
    code, listed, err = cli("basket", "list", "--db", str(demo_db))
    assert code == 0, err
    said = io.StringIO()
    with contextlib.redirect_stderr(said), pytest.raises(SystemExit) as done:
        main(["basket", "assemble", "--db", str(demo_db), "GB-NY-01", count])  # argparse's
    assert done.value.code == 2
    err = said.getvalue()
    assert "is not a whole number from 1 to 10,000" in err
    assert "Traceback" not in err
    assert cli("basket", "list", "--db", str(demo_db))[1] == listed  # nothing was made
