"""`otop-pos user ...` and `otop-pos producer ...`: the services' validation, roles and audit."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from db import models as m
from pos.app import main
from pos.app.bootstrap import open_store
from pos.domain.settings import Settings
from pos.ports.clock import SystemClock
from pos.services.auth import Auth
from tests.helpers.templates import FreshDatabase

ADMIN = ("--as", "admin", "--as-pin", "0000")
MANAGER = ("--user", "manager", "--pin", "9999")


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _with_users(url: str) -> None:
    store = open_store(url, Settings())
    try:
        # the command line's own hasher: a log-in never rehashes a PIN it made
        Auth(store.uow, Settings(), SystemClock()).ensure_demo_users()
    finally:
        store.close()


@pytest.fixture
def db(fresh_database: FreshDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    return fresh_database("sqlite", "demo-users", _with_users)


def rows(url: str, query: object) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(query)]  # type: ignore[call-overload]
    finally:
        engine.dispose()


def users(url: str) -> list[tuple[object, ...]]:
    q = select(m.User.username, m.User.role, m.User.active, m.User.must_change_pin,
               m.User.pin_hash).order_by(m.User.username)  # fmt: skip
    return rows(url, q)


def test_user_commands_add_reset_unlock_deactivate(db: str) -> None:
    code, out, err = cli("user", "add", "somchai", "--role", "cashier", "--pin", "4829",
                         "--display-name", "สมชาย", "--db", db, *ADMIN)  # fmt: skip
    assert (code, out) == (0, "somchai\n"), err
    code, out, err = cli("user", "role", "somchai", "manager", "--db", db, *ADMIN)
    assert code == 0, err
    code, out, err = cli("user", "reset-pin", "somchai", "--db", db, *ADMIN)
    assert code == 0, err
    temporary = out.strip()
    assert len(temporary) == 6
    code, out, err = cli("user", "unlock", "somchai", "--db", db, *ADMIN)
    assert (code, err) == (0, "somchai was not locked / somchai ไม่ได้ถูกล็อก\n")
    code, out, err = cli("user", "list", "--db", db, *ADMIN)
    assert "somchai\tmanager\tสมชาย\tmust-change-pin\n" in out
    code, out, err = cli("user", "deactivate", "somchai", "--db", db, *ADMIN)
    assert code == 0, err
    (somchai,) = [u for u in users(db) if u[0] == "somchai"]
    assert somchai[1:4] == ("manager", False, True)
    actions = rows(db, select(m.AuditEntry.action).order_by(m.AuditEntry.at))
    assert [a for (a,) in actions] == ["user.add", "user.role", "user.reset_pin",
                                       "user.deactivate"]  # fmt: skip
    audit_text = " ".join(str(r) for r in rows(db, select(m.AuditEntry.before, m.AuditEntry.after)))
    assert "argon2" not in audit_text
    assert "4829" not in audit_text
    assert temporary not in audit_text


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (("user", "add", "som chai", "--role", "cashier", "--pin", "4829"), "User name"),
        (("user", "add", "somchai", "--role", "cashier", "--pin", "1111"), "PIN"),
        (("user", "add", "somchai", "--role", "cashier", "--pin", "12"), "PIN"),
        (("user", "reset-pin", "nobody"), "No user"),
        (("user", "reset-pin", "cashier", "--temp-pin", "1234"), "PIN"),
        (("user", "deactivate", "admin"), "yourself"),
    ],
)
def test_bad_user_input_exits_2_in_both_languages_and_writes_nothing(
    db: str, argv: tuple[str, ...], named: str
) -> None:
    before = users(db)
    code, _, err = cli(*argv, "--db", db, *ADMIN)
    assert code == 2
    assert named in err
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in err)  # the Thai message too
    assert users(db) == before
    assert rows(db, select(m.AuditEntry.id)) == []


def test_a_manager_may_not_manage_users_from_the_command_line(db: str) -> None:
    code, _, err = cli("user", "add", "somchai", "--role", "admin", "--pin", "4829", "--db", db,
                       "--as", "manager", "--as-pin", "9999")  # fmt: skip
    assert code == 2
    assert "may not manage users" in err
    assert "somchai" not in [u[0] for u in users(db)]


def test_producer_commands_add_edit_deactivate(db: str) -> None:
    code, out, err = cli(
        "producer", "add", "--code", "p101", "--name-th", "กลุ่มทอผ้าไหมบ้านโนนทัน",
        "--name-en", "Ban Non Than Silk Weavers", "--kind", "group", "--district", "ชนบท",
        "--tax-id", "0405554482241", "--bank", "004", "--account", "1234567890",
        "--account-name", "กลุ่มทอผ้าไหม", "--db", db, *MANAGER,
    )  # fmt: skip
    assert (code, out) == (0, "P101\n"), err
    code, out, err = cli("producer", "edit", "P101", "--province", "Surin", "--district",
                         "เขวาสินรินทร์", "--district-en", "Khwao Sinarin", "--db", db,
                         *MANAGER)  # fmt: skip
    assert code == 0, err
    code, out, err = cli("producer", "deactivate", "P101", "--db", db, *MANAGER)
    assert code == 0, err
    q = select(m.Producer.code, m.Producer.district_en, m.Producer.province_th,
               m.Producer.bank_code, m.Producer.active)  # fmt: skip
    assert rows(db, q) == [("P101", "Khwao Sinarin", "สุรินทร์", "004", False)]
    code, out, err = cli("producer", "list", "--all", "--db", db)
    assert out.startswith("P101\tgroup\t")
    actions = rows(db, select(m.AuditEntry.action).order_by(m.AuditEntry.at))
    assert [a for (a,) in actions] == ["producer.add", "producer.edit", "producer.deactivate"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--district", "Mae Taeng"), "District"),
        (("--district", "ชนบท", "--tax-id", "0405554482242"), "Tax ID"),
        (("--district", "ชนบท", "--bank", "KBANK", "--account", "123"), "Account number"),
        (("--district", "ชนบท", "--kind", "co-op"), "Kind"),
    ],
)
def test_bad_producer_input_exits_2_and_writes_nothing(
    db: str, options: tuple[str, ...], named: str
) -> None:
    base = {"--name-th": "กลุ่ม", "--name-en": "Group", "--kind": "group"}
    given = dict(zip(options[::2], options[1::2], strict=True))
    argv = [x for k, v in (base | given).items() for x in (k, v)]
    code, _, err = cli("producer", "add", "--code", "P101", *argv, "--db", db, *MANAGER)
    assert code == 2
    assert named in err
    assert rows(db, select(m.Producer.code)) == []
    code, _, err = cli("producer", "add", "--code", "P101", *(x for k, v in base.items()
                       for x in (k, v)), "--district", "ชนบท", "--db", db, "--user", "cashier",
                       "--pin", "1111")  # fmt: skip
    assert code == 2
    assert "may not change products or producers" in err
    assert rows(db, select(m.Producer.code)) == []
