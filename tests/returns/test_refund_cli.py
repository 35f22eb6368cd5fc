"""`otop-pos refund` run for real on a SQLite file and PostgreSQL: roles, lines, slips."""

from __future__ import annotations

import contextlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pos.app import main
from pos.app.bootstrap import Store
from pos.app.cli.refund import parse_lines
from pos.domain.errors import ShopError
from pos.services.auth import Auth
from pos.services.returns import Returns
from pos.services.shifts import Shifts
from tests.integration.conftest import FixedClock
from tests.returns.conftest import BALM, JAEW, SILK, sell

D = Decimal


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTOP_POS_HOME", str(folder))
    return folder


def test_refund_round_trip_on_the_command_line(
    store: Store, small_store_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    auth = Auth(store.uow, store.settings, clock, terminal_id=store.terminal.terminal_id)
    auth.ensure_demo_users()  # argon2 PINs, as the command line checks them
    cashier, manager = auth.login("cashier", "1111"), auth.login("manager", "9999")
    Shifts(store.uow, auth, store.terminal, clock).open(cashier, D("500"))
    receipt = sell(store, clock, cashier, [SILK, "3*" + JAEW, BALM])
    base = ("refund", "--db", small_store_url, "--receipt", receipt.receipt_no)

    code, _, err = cli(*base, "--line", "2:1", "--method", "cash", "--reason", "broken",
                       "--user", "cashier", "--pin", "1111")  # fmt: skip
    assert code == 2
    assert "may not refund: ask a manager" in err
    assert "ต้องให้ผู้จัดการอนุมัติ" in err

    png = tmp_path / "refund.png"
    code, out, err = cli(*base, "--line", "2:1", "--method", "cash", "--reason", "broken jar",
                         "--user", "cashier", "--pin", "1111", "--manager", "manager",
                         "--manager-pin", "9999", "-o", str(png))  # fmt: skip
    assert code == 0, err
    first_no = out.strip()
    assert first_no == f"{store.terminal.receipt_prefix}-R-000001"
    image = QImage(str(png))
    assert image.width() == store.settings.receipt_printer.dots
    assert image.height() > 400

    txt = tmp_path / "refund.txt"
    code, out, err = cli(*base, "--method", "promptpay", "--reason", "does not fit",
                         "--user", "manager", "--pin", "9999", "-o", str(txt))  # fmt: skip
    assert code == 0, err
    slip = txt.read_text("utf-8")
    assert "ใบคืนสินค้า / REFUND" in slip
    assert receipt.receipt_no in slip
    assert out.strip() in slip
    assert "พร้อมเพย์" in slip

    returns = Returns(store.uow, auth, store.settings, store.terminal, clock)
    found = returns.find(receipt.receipt_no)
    assert found.fully_refunded
    assert found.refunded == receipt.total
    code, _, err = cli(*base, "--method", "cash", "--reason", "again",
                       "--user", "manager", "--pin", "9999")  # fmt: skip
    assert code == 2
    assert "refunded already" in err
    assert manager.role.value == "manager"


def test_line_arguments_are_checked() -> None:
    assert parse_lines(["1:2", "3:0.5"]) == {1: D(2), 3: D("0.5")}
    assert parse_lines(None) == {}
    for bad in (["2"], ["x:1"], ["1:y"], ["1:1", "1:2"], ["9" * 5000 + ":1"]):
        with pytest.raises(ShopError) as caught:
            parse_lines(bad)
        assert "--line" in caught.value.message_th


@pytest.mark.parametrize(
    ("quantity", "words"),
    [
        ("NaN", "--line 1 quantity 'NaN' is not a number"),
        ("Infinity", "--line 1 quantity 'Infinity' is not a number"),
        ("1e30", "--line 1 quantity '1e30' is written with an exponent"),
        ("100000", "--line 1 quantity '100000' is more than 99,999.00"),
        ("0.0001", "--line 1 quantity '0.0001' has more than 3 decimals"),
        ("0", "--line 1 quantity must be more than zero"),
        ("-1", "--line 1 quantity '-1' is negative"),
    ],
)
def test_a_returned_quantity_is_read_by_the_one_parser(quantity: str, words: str) -> None:
    with pytest.raises(ShopError) as caught:
        parse_lines([f"1:{quantity}"])
    assert caught.value.message_en.startswith(words)
    assert "--line 1" in caught.value.message_th
