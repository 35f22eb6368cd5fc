"""Every command given a --db that is not a store: a plain message and exit code 2, never a
traceback; a missing path is refused by every command but those that make a store (`demo`,
`terminal register` of a new counter, and the till) (issue 20, item 7)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.test_cli import cli, home  # noqa: F401 (home: the app's folders, autouse)

# each command that takes --db, with the rest of what it needs to reach its store
# fmt: off
COMMANDS: dict[str, list[str]] = {
    "catalog export": ["catalog", "export"],
    "catalog import": ["catalog", "import", "{tmp}/in.csv"],
    "sales export": ["sales", "export"],
    "journal verify": ["journal", "verify"],
    "receipt": ["receipt", "KK01-00000001", "--printer", "png:{tmp}/r.png"],
    "labels": ["labels", "--all", "-o", "{tmp}/l.pdf"],
    "stories export": ["stories", "export", "{tmp}/stories"],
    "basket list": ["basket", "list"],
    "basket assemble": ["basket", "assemble", "GB-NY-01", "1"],
    "basket disassemble": ["basket", "disassemble", "GB-NY-01", "1"],
    "basket label": ["basket", "label", "GB-NY-01", "-o", "{tmp}/b.pdf"],
    "basket card": ["basket", "card", "--receipt", "KK01-00000001", "-o", "{tmp}/c.png"],
    "terminal register": ["terminal", "register", "--central", "{dead}", "--name", "C2"],
    "sync": ["sync", "--central", "{dead}"],
    "report eod": ["report", "eod", "-o", "{tmp}/eod.csv"],
    "report producers": [
        "report", "producers", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "{tmp}/p.csv",
    ],
    "report target": ["report", "target"],
    "report z": ["report", "z", "--number", "Z-KK01-000001", "-o", "{tmp}/z.png"],
    "refund": [
        "refund", "--receipt", "KK01-00000001", "--method", "cash", "--reason", "broken",
        "--user", "manager", "--pin", "9999",
    ],
}
# fmt: on


@pytest.fixture(scope="module")
def dead_server() -> str:
    """A PostgreSQL URL on a local port where nothing listens (refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql://otop:secret@127.0.0.1:{port}/otop"


def run(command: str, db: str, tmp: Path, dead: str) -> tuple[int, str, str]:
    argv = [a.format(tmp=tmp, dead=dead) for a in COMMANDS[command]]
    groups = ("catalog", "sales", "journal", "stories", "basket", "terminal", "report")
    where = 2 if argv[0] in groups else 1  # --db goes after the command's name
    return cli(*argv[:where], "--db", db, *argv[where:])


def refused(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err + out
    assert err.startswith("otop-pos: ")
    for w in words:
        assert w in err


TARGETS: dict[str, tuple[Callable[[Path, str], str], tuple[str, ...]]] = {
    "text file": (
        lambda tmp, _dead: _write(tmp / "notes.txt", "milk, eggs\n"),
        ("is not a store of OTOP POS", "ไม่ใช่ฐานข้อมูลร้าน"),
    ),
    "directory": (lambda tmp, _dead: _mkdir(tmp / "shop"), ("is a folder, not a store",)),
    "missing path": (
        lambda tmp, _dead: str(tmp / "typo.db"),
        ("does not exist: check the path", "ไม่มีอยู่"),
    ),
    "unreachable server": (
        lambda _tmp, dead: dead,
        ("does not answer or refuses the connection", "ไม่ตอบสนอง"),
    ),
}


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _mkdir(path: Path) -> str:
    path.mkdir()
    return str(path)


# registering a new counter makes its store (tests/sync/test_central.py registers one), so a
# missing path is not a refusal for `terminal register`
CASES = [
    (command, target)
    for command in COMMANDS
    for target in TARGETS
    if (command, target) != ("terminal register", "missing path")
]


@pytest.mark.parametrize(("command", "target"), CASES)
def test_a_db_that_is_not_a_store_is_named_plainly(
    command: str, target: str, tmp_path: Path, dead_server: str
) -> None:
    make, words = TARGETS[target]
    db = make(tmp_path, dead_server)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run(command, db, tmp_path, dead_server)
    refused(code, out, err, *words)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing made, no store
    if target == "text file":
        assert Path(db).read_text(encoding="utf-8") == "milk, eggs\n"  # left untouched


def test_a_mistyped_path_no_longer_verifies_as_an_empty_journal(tmp_path: Path) -> None:
    code, out, err = cli("journal", "verify", "--db", str(tmp_path / "countr.db"))
    refused(code, out, err, "countr.db does not exist")
    assert "journal intact" not in out
    assert not (tmp_path / "countr.db").exists()


def test_another_programs_sqlite_database_is_not_taken_for_a_store(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "accounts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount REAL)")
    code, out, err = cli("sales", "export", "--db", str(other))
    refused(code, out, err, "is the database of another program")
    with sqlite3.connect(other) as conn:  # no store tables were added to it
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"ledger"}


def test_a_damaged_store_is_named_not_a_traceback(tmp_path: Path) -> None:
    damaged = tmp_path / "counter.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    code, out, err = cli("catalog", "export", "--db", str(damaged))
    refused(code, out, err, str(damaged))


def test_demo_makes_the_store_that_the_other_commands_then_open(tmp_path: Path) -> None:
    db = tmp_path / "new" / "shop.db"
    code, _, err = cli("journal", "verify", "--db", str(db))
    assert code == 2, err
    code, out, err = cli("demo", "--db", str(db))
    assert code == 0, err
    code, out, err = cli("journal", "verify", "--db", str(db))
    assert (code, err) == (0, "")
    assert out.startswith("journal intact")


def test_demo_refuses_a_text_file_and_a_folder(tmp_path: Path) -> None:
    text = _write(tmp_path / "notes.txt", "hello\n")
    refused(*cli("demo", "--db", text), "is not a store of OTOP POS")
    refused(*cli("demo", "--db", _mkdir(tmp_path / "d")), "is a folder, not a store")
    assert Path(text).read_text(encoding="utf-8") == "hello\n"


@pytest.mark.parametrize("command", ["sales export", "journal verify", "report target", "demo"])
def test_a_db_address_of_another_kind_is_refused_without_echoing_its_password(
    command: str, tmp_path: Path
) -> None:
    argv = ["demo"] if command == "demo" else COMMANDS[command]
    groups = 2 if argv[0] in ("sales", "journal", "report") else 1
    url = "mysql://shop:s3cret-pw@db.example/otop"
    code, out, err = cli(*argv[:groups], "--db", url, *argv[groups:])
    refused(code, out, err, "--db mysql://… is not a store's address", "postgresql://")
    assert "s3cret-pw" not in err


def test_the_till_names_a_text_file_given_as_its_store(tmp_path: Path) -> None:
    from pos.app.bootstrap import open_store
    from pos.domain.errors import StoreUnavailable, shop_error
    from pos.domain.settings import Settings

    notes = _write(tmp_path / "notes.txt", "milk\n")
    with pytest.raises(StoreUnavailable) as refused_store:
        open_store(notes, Settings(), create=True)  # what the till's worker runs
    known = shop_error(refused_store.value)  # the classification the till's banner uses
    assert known is not None
    assert "is not a store of OTOP POS" in known.message("en")
    assert "ไม่ใช่ฐานข้อมูลร้าน" in known.message("th")
    assert Path(notes).read_text(encoding="utf-8") == "milk\n"


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A PostgreSQL URL on a local port that takes the connection and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    taken: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                taken.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgresql://otop:secret@127.0.0.1:{server.getsockname()[1]}/otop"
    stop.set()
    thread.join(timeout=5)
    for conn in taken:
        conn.close()
    server.close()


@pytest.mark.slow
def test_a_server_that_never_answers_is_given_up_within_seconds(silent_server: str) -> None:
    started = time.monotonic()
    code, out, err = cli("journal", "verify", "--db", silent_server)
    took = time.monotonic() - started
    refused(code, out, err, "does not answer or refuses the connection", "timeout")
    assert "secret" not in err
    assert took < 20, f"gave up after {took:.1f} s"


@pytest.mark.parametrize(
    "argv",
    [
        ["central", "init", "--url", "{dead}"],
        ["central", "init", "--url", "nosuchdb://nowhere/x"],
        ["sync", "--db", "{db}", "--central", "nosuchdb://nowhere/x"],
        ["terminal", "register", "--db", "{db}", "--central", "{dead}", "--name", "C2"],
    ],
    ids=[
        "central init, no server",
        "central init, bad address",
        "sync, bad address",
        "register, no server",
    ],
)
def test_a_central_address_that_does_not_answer_is_plain_words_in_every_command(
    argv: list[str], tmp_path: Path, dead_server: str
) -> None:
    """The commands that connect to the central database get the one handler's words with
    nothing of their own (it is in the command line's main)."""
    db = tmp_path / "counter.db"
    assert cli("demo", "--db", str(db))[0] == 0
    code, out, err = cli(*(a.format(dead=dead_server, db=db) for a in argv))
    refused(code, out, err)
    assert "this is a bug" not in err
    assert "does not answer or refuses the connection" in err or "not understood" in err
    assert "secret" not in err
