"""`otop-pos labels` and `otop-pos stories export` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos.app import main
from pos.app.bootstrap import Store
from tests.labels.conftest import LABEL_SETTINGS
from tests.labels.pdfscan import read_pdf


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(LABEL_SETTINGS.to_dict()), "utf-8")
    return path


def run(settings_file: Path, *args: str) -> int:
    return main(["--settings", str(settings_file), *args])


def test_new_then_changed_labels_from_the_command_line(
    label_store: Store, settings_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    db = label_store.url
    out = tmp_path / "new.pdf"
    assert run(settings_file, "labels", "--db", db, "--new", "--copies", "2", "-o", str(out)) == 0
    said = capsys.readouterr().out
    assert "10 label(s) of 5 product(s) on 1 page(s) [a4-3x7]" in said
    assert sum(len(p.labels()) for p in read_pdf(out)) == 10
    # all labelled: nothing new, nothing changed, no file written
    again = tmp_path / "again.pdf"
    assert run(settings_file, "labels", "--db", db, "--new", "-o", str(again)) == 1
    assert "nothing printed" in capsys.readouterr().err
    assert not again.exists()
    assert run(settings_file, "labels", "--db", db, "--changed", "-o", str(again)) == 1


def test_sku_copies_template_and_start(
    label_store: Store, settings_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "skus.pdf"
    code = run(
        settings_file, "labels", "--db", label_store.url, "--sku", "KK-SILK-001:3", "KK-TEA-001",
        "--template", "a4-4x10", "--start", "39", "--no-log", "-o", str(out),
    )  # fmt: skip
    assert code == 0
    assert "4 label(s) of 2 product(s) on 2 page(s) [a4-4x10]" in capsys.readouterr().out
    pages = read_pdf(out)
    assert [len(p.labels()) for p in pages] == [2, 2]
    roll = tmp_path / "roll.pdf"
    assert run(settings_file, "labels", "--db", label_store.url, "--all", "--template",
               "roll-40x25", "-o", str(roll)) == 0  # fmt: skip
    pages = read_pdf(roll)
    assert len(pages) == 5
    assert round(pages[0].width / 72 * 25.4) == 40


def test_custom_template_from_margins_and_gaps(
    label_store: Store, settings_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "custom.pdf"
    code = run(
        settings_file, "labels", "--db", label_store.url, "--category", "textile",
        "--template", "custom", "--rows", "7", "--cols", "3",
        "--margins", "15.15,7.25,15.15,7.25", "--gaps", "2.5,0", "-o", str(out),
    )  # fmt: skip
    assert code == 0
    assert "[custom]" in capsys.readouterr().out
    (page,) = read_pdf(out)
    xs = sorted(round(x / 72 * 25.4, 2) for x, _ in page.labels())
    assert xs == [7.25, 73.25]  # left margin, then 63.5 mm label + 2.5 mm gap


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "Say what to label"),
        (["--all", "--new", "-o", "x.pdf"], "--all cannot be combined"),
        (["--all", "--template", "a5-1x1", "-o", "x.pdf"], "Unknown label template"),
        (["--all", "--start", "22", "-o", "x.pdf"], "Start position 22"),
        (["--sku", "KK-NOPE", "-o", "x.pdf"], "KK-NOPE"),
        (["--all", "--template", "custom", "--rows", "9", "--cols", "3",
          "--label-size", "70x42.3", "-o", "x.pdf"], "9 rows need"),
        (["--all", "--template", "custom", "--rows", "2", "--cols", "2",
          "--margins", "nan", "-o", "x.pdf"], "--margins 'nan': each size must be from 0 to"),
        (["--all", "--template", "custom", "--rows", "2", "--cols", "2",
          "--label-size", "nanx40", "-o", "x.pdf"], "--label-size 'nanx40': each size must be"),
        (["--all", "--template", "custom", "--rows", "2", "--cols", "2",
          "--page", "1e308x1e308", "-o", "x.pdf"], "--page '1e308x1e308': each size must be"),
        (["--all", "--template", "custom", "--rows", "2", "--cols", "2",
          "--gaps", "inf", "-o", "x.pdf"], "--gaps 'inf': each size must be"),
    ],
)  # fmt: skip
def test_mistakes_are_explained_in_thai_and_english(
    label_store: Store,
    settings_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
):
    args = [str(tmp_path / a) if a == "x.pdf" else a for a in args]
    assert run(settings_file, "labels", "--db", label_store.url, *args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in err), "the Thai message is shown too"
    assert not (tmp_path / "x.pdf").exists()


def test_templates_are_listed(settings_file: Path, capsys: pytest.CaptureFixture[str]):
    assert run(settings_file, "labels", "--list-templates") == 0
    listed = capsys.readouterr().out
    for name in ("a4-3x7", "a4-3x8", "a4-4x10", "roll-50x30", "custom"):
        assert name in listed


def test_stories_export_from_the_command_line(
    label_store: Store, settings_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    site = tmp_path / "site"
    assert run(settings_file, "stories", "export", str(site), "--db", label_store.url) == 0
    assert "5 product page(s)" in capsys.readouterr().out
    assert (site / "index.html").is_file()
    assert (site / "p" / "KK-SILK-001" / "index.html").is_file()


def _qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    reference = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    reference.add_data(url)
    reference.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in reference.get_matrix())


def test_the_qr_is_the_products_own_story_url_and_the_demo_placeholder_is_warned_about(
    label_store: Store, settings_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """Issue 13 item 7, from the command line: the QR code of a product with its own story URL
    is that URL; with the story base URL still the demo placeholder, stderr warns loudly."""
    from dataclasses import replace

    from pos.domain.settings import Settings
    from tests.labels.conftest import PRODUCTS
    from tests.labels.decode import pdf_page_images, qr_grid, read_codes
    from tests.labels.test_label_pdf import _qr

    own = "https://nonkhwao-silk.example.org/mudmee-naga"
    with label_store.uow(write=True) as work:
        work.catalog.upsert_products(
            [replace(PRODUCTS[0], story_url=own)], label_store.terminal.terminal_id
        )
        work.commit()
    db = label_store.url
    out = tmp_path / "own.pdf"
    args = ["labels", "--db", db, "--no-log", "--sku", "KK-SILK-001", "KK-TEA-001", "-o"]
    assert run(settings_file, *args, str(out)) == 0
    assert "WARNING" not in capsys.readouterr().err
    grids = {qr_grid(_qr(label["fills"])) for label in read_pdf(out)[0].labels().values()}
    assert _qr_matrix(own) in grids
    assert _qr_matrix(LABEL_SETTINGS.story_url("KK-TEA-001")) in grids
    # and an independent reader scans the printed page to the same URLs
    (page,) = pdf_page_images(out.read_bytes())
    urls = [text for kind, text in read_codes(page) if kind == "QRCode"]
    assert sorted(urls) == sorted([own, LABEL_SETTINGS.story_url("KK-TEA-001")])
    demo = tmp_path / "demo.json"
    demo.write_text(json.dumps(Settings().to_dict()), "utf-8")
    assert run(demo, *args, str(tmp_path / "demo.pdf")) == 0
    err = capsys.readouterr().err
    assert "WARNING" in err
    assert "https://otop.example/p/KK-TEA-001" in err
    assert "KK-SILK-001" not in err.split("WARNING")[1].split("leads")[0]
