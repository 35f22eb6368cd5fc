"""`otop-pos stock ...`: the same service, its checks and messages, from the command line."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from pos.app.command_line import main


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stock-demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OTOP_POS_HOME", str(folder / "home"))
        code, _, err = cli("demo", "--db", str(folder / "demo.db"))
    assert code == 0, err
    return folder / "demo.db"


@pytest.fixture
def db(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo store (made once for the module)."""
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    path = tmp_path / "demo.db"
    shutil.copyfile(demo, path)
    return str(path)


def on_hand(db: str, sku: str) -> str:
    code, out, err = cli("stock", "on-hand", "--db", db, "--producer", "P001")
    assert code == 0, err
    row = next(ln for ln in out.splitlines() if ln.startswith(sku + " "))
    return row.split()[2]


LABELS = ("--user", "labels", "--pin", "2222")


def test_receive_count_and_return_from_the_command_line(db: str, tmp_path: Path) -> None:
    start = int(on_hand(db, "KK-FD-0001"))
    sheet = tmp_path / "delivery.csv"
    sheet.write_text("sku,qty,cost,best_before\nKK-FD-0001,6,,2027-01-15\nKK-FD-0005,1.250,,\n",
                     "utf-8-sig")  # fmt: skip
    labels = tmp_path / "labels.pdf"
    code, out, err = cli("stock", "receive", str(sheet), "--line", "KK-FD-0001:4",
                         "--producer", "P001", "--note", "DN-778", "--db", db, *LABELS,
                         "--labels", str(labels))  # fmt: skip
    assert code == 0, err
    assert "11 label(s)" in err  # ten packs, one label for the weighed sausage
    from pypdf import PdfReader

    assert len(PdfReader(str(labels)).pages) == 1
    assert out.startswith("KK01-GR-000001 ใบรับสินค้า / Goods received · P001")
    assert "DN-778" in out
    assert on_hand(db, "KK-FD-0001") == str(start + 10)

    code, out, err = cli("stock", "count", "start", "--scope", "อาหาร", "--db", db, *LABELS)
    assert (code, out) == (0, "KK01-SC-000001\n"), err
    for _ in range(2):
        assert cli("stock", "count", "add", "KK01-SC-000001", "KK-FD-0001", "--db", db,
                   *LABELS)[0] == 0  # fmt: skip
    code, out, _ = cli("stock", "count", "add", "KK01-SC-000001", "KK-FD-0001", "--set",
                       str(start + 9), "--db", db, *LABELS)  # fmt: skip
    assert out == f"KK-FD-0001 {start + 9}\n"
    code, out, _ = cli("stock", "count", "show", "KK01-SC-000001", "--db", db, *LABELS)
    assert re.search(r"KK-FD-0001 +expected \d+ counted \d+ difference -1 value -120\.00", out)
    code, _, err = cli("stock", "count", "post", "KK01-SC-000001", "--db", db, *LABELS)
    assert code == 2
    assert "may not post a stock count" in err
    code, out, err = cli("stock", "count", "post", "KK01-SC-000001", "--db", db, *LABELS,
                         "--manager", "manager", "--manager-pin", "9999")  # fmt: skip
    assert code == 0, err
    assert "posted" in out
    assert on_hand(db, "KK-FD-0001") == str(start + 9)

    code, out, err = cli("stock", "return", "--producer", "P001", "--reason", "expired",
                         "--line", "KK-FD-0001:2", "--db", db, *LABELS)  # fmt: skip
    assert code == 0, err
    assert out.startswith("KK01-RP-000001")
    assert on_hand(db, "KK-FD-0001") == str(start + 7)
    code, out, _ = cli("stock", "on-hand", "--expiring", "400", "--db", db)
    assert "KK-FD-0001" in out
    assert "2027-01-15" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--line", "KK-FD-0001"), "must be SKU:QTY"),
        (("--line", "KK-FD-0001:two"), "is not a quantity"),
        (("--line", "KK-FD-0001:2.5"), "a whole number"),
        (("--line", "NO-SUCH:2"), "No product has the code 'NO-SUCH'"),
        (("--line", "KK-TX-0001:1"), "another producer's product"),
        (("--line", "KK-FD-0001:1:-5"), "amount '-5' is negative"),
        ((), "no lines"),
    ],
)
def test_a_bad_delivery_line_is_refused_by_name_exit_2(
    db: str, args: tuple[str, ...], says: str
) -> None:
    before = on_hand(db, "KK-FD-0001")
    code, _, err = cli("stock", "receive", *args, "--producer", "P001", "--db", db, *LABELS)
    assert code == 2
    assert says in err
    assert on_hand(db, "KK-FD-0001") == before


def _pdf_text(path: Path) -> str:
    import unicodedata

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_receiving_slip_and_the_statements_read_back(db: str, tmp_path: Path) -> None:
    import unicodedata

    from openpyxl import load_workbook

    slip = tmp_path / "slip.pdf"
    code, _, err = cli("stock", "receive", "--line", "KK-FD-0001:4", "--producer", "P001",
                       "--note", "DN-9", "--db", db, *LABELS, "-o", str(slip))  # fmt: skip
    assert code == 0, err
    text = _pdf_text(slip)
    for words in ("ใบรับสินค้า", "Goods received", "KK01-GR-000001", "DN-9", "KK-FD-0001",
                  "ผู้รับสินค้า", "ผู้ส่งสินค้า"):  # fmt: skip
        assert unicodedata.normalize("NFKC", words) in text, words
    again = tmp_path / "again.pdf"
    assert cli("stock", "slip", "KK01-GR-000001", "--db", db, "-o", str(again))[0] == 0
    assert _pdf_text(again) == text
    cli("stock", "return", "--producer", "P001", "--reason", "damaged", "--line", "KK-FD-0001:1",
        "--db", db, *LABELS)  # fmt: skip
    for kind in ("pdf", "xlsx", "csv"):
        out = tmp_path / f"statements.{kind}"
        code, _, err = cli("report", "producer-statement", "--db", db, "--producer", "P001",
                           "-o", str(out))  # fmt: skip
        assert code == 0, err
        assert "1 producer statement(s)" in err
    text = _pdf_text(tmp_path / "statements.pdf")
    assert unicodedata.normalize("NFKC", "ใบแจ้งยอดผู้ผลิต") in text
    assert "Producer statement" in text
    assert "P001" in text
    ws = load_workbook(tmp_path / "statements.xlsx").active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    silk = next(r for r in rows if r[header.index("sku")] == "KK-FD-0001")
    got = {h: silk[header.index(h)] for h in
           ("delivered", "returned", "opening", "adjusted", "closing")}  # fmt: skip
    assert (got["delivered"], got["returned"]) == (4, 1)
    # the demo's opening balance, written this month, is the opening stock
    assert got["adjusted"] == 0
    assert got["opening"] > 0
    assert got["closing"] == got["opening"] + 4 - 1
    assert got["closing"] == int(on_hand(db, "KK-FD-0001"))
    csv_text = (tmp_path / "statements.csv").read_text("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("producer,producer_name,from,to,sku")


def test_an_over_delivery_is_refused_without_force(db: str) -> None:
    start = int(on_hand(db, "KK-FD-0001"))
    big = f"KK-FD-0001:{start * 3 + 11}"
    code, _, err = cli("stock", "receive", "--line", big, "--producer", "P001", "--db", db,
                       *LABELS)  # fmt: skip
    assert code == 2
    assert f"(usually {start})" in err
    assert "--force" in err
    assert on_hand(db, "KK-FD-0001") == str(start)
    code, _, err = cli("stock", "receive", "--line", big, "--producer", "P001", "--db", db,
                         *LABELS, "--force")  # fmt: skip
    assert code == 0, err
    assert on_hand(db, "KK-FD-0001") == str(start * 4 + 11)


def test_the_receiving_slip_on_a_network_receipt_printer(db: str, tmp_path: Path) -> None:
    from tests.printing.helpers import FakeNetworkPrinter

    with FakeNetworkPrinter() as printer:
        code, _, err = cli("stock", "receive", "--line", "KK-FD-0001:3", "--producer", "P001",
                             "--note", "DN-55", "--db", db, *LABELS, "--print", "receipt",
                             "--printer", f"tcp:{printer.target}")  # fmt: skip
        assert code == 0, err
        assert "KK01-GR-000001 sent to" in err
        code, _, err = cli("stock", "slip", "KK01-GR-000001", "--db", db, "--printer",
                           f"tcp:{printer.target}")  # fmt: skip
        assert code == 0, err
        first, again = printer.documents
    assert first.startswith(b"\x1b@")
    assert b"\x1dv0\x00" in first  # the settings' raster mode: Qt's Thai as an image
    assert first.endswith(b"\x1dV\x01")
    assert len(again) == len(first)  # the same slip again
    png = tmp_path / "slip.png"
    code, _, err = cli("stock", "slip", "KK01-GR-000001", "--db", db, "--printer", f"png:{png}")
    assert code == 0, err
    from PIL import Image

    from tests.labels.decode import read_codes

    with Image.open(png) as image:  # the slip's barcode, read back by zxing-cpp
        assert read_codes(image.convert("L")) == [("Code128", "KK01-GR-000001")]
    code, _, err = cli("stock", "slip", "KK01-GR-000001", "--db", db, "--print", "pdf")
    assert code == 2
    assert "-o FILE.pdf" in err


def test_on_hand_lists_the_gift_baskets_that_can_be_made_and_are_ready(db: str) -> None:
    code, out, err = cli("stock", "on-hand", "--db", db)
    assert code == 0, err
    _, basket_list, _ = cli("basket", "list", "--db", db)
    rows = [ln.split() for ln in out.split("basket ", 1)[1].splitlines()[1:]]
    assert rows
    for listed in basket_list.splitlines():  # the same figures as `basket list`
        template = listed.split()[0]
        made = re.search(r"can make +(\d+) +ready +(\d+)", listed)
        assert made is not None
        assert [template, made[1], made[2]] in [r[:3] for r in rows]


def test_a_slip_that_cannot_print_is_refused_first_or_named_once_saved(db: str) -> None:
    from tests.printing.helpers import free_port

    before = on_hand(db, "KK-FD-0001")
    # the demo's receipt printer is a preview: refused before anything is received
    code, _, err = cli("stock", "receive", "--line", "KK-FD-0001:2", "--producer", "P001",
                       "--db", db, *LABELS, "--print", "receipt")  # fmt: skip
    assert code == 2
    assert "preview only" in err
    assert "nothing was written" in err
    assert on_hand(db, "KK-FD-0001") == before
    # a printer that is off: the delivery stands, and the message says how to print it again
    off = f"tcp:127.0.0.1:{free_port()}"
    code, out, err = cli("stock", "receive", "--line", "KK-FD-0001:2", "--producer", "P001",
                         "--db", db, *LABELS, "--printer", off)  # fmt: skip
    assert code == 2
    assert out.startswith("KK01-GR-000001 ")  # the document, shown before the slip failed
    assert "KK01-GR-000001 is saved" in err
    assert f"otop-pos stock slip KK01-GR-000001 --printer {off}" in err
    assert on_hand(db, "KK-FD-0001") == str(int(before) + 2)
