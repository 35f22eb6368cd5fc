"""Which saved settings an open till takes at once, which wait for its restart (pure)."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.setting_fields import (
    AFTER_RESTART,
    FIELDS,
    TAKES_EFFECT_NOW,
    after_restart,
    take_live,
)
from pos.domain.settings import PrinterProfile, Settings
from pos.services.settings import LiveSettings

RUNNING = Settings(printers=(PrinterProfile(connection="network", target="10.0.0.9:9100"),))


def test_every_field_is_placed_once_and_an_unplaced_one_waits_for_a_restart() -> None:
    assert not TAKES_EFFECT_NOW & AFTER_RESTART
    assert set(FIELDS) >= TAKES_EFFECT_NOW | AFTER_RESTART
    for key, f in FIELDS.items():
        assert f.live == (key in TAKES_EFFECT_NOW), key
    # the receipts' text, the QR, the limits: at once; the tax identity, barcodes, central: later
    assert {
        "receipt_footer",
        "receipt_header",
        "promptpay_id",
        "shop_name_th",
        "discount_limit_pct",
        "expired_certificate",
        "story_url_template",
    } <= TAKES_EFFECT_NOW
    assert {"central_url", "vat_registered", "tax_id", "in_store_prefix",
            "language"} <= AFTER_RESTART  # fmt: skip


def test_a_live_change_is_taken_and_a_restart_only_one_kept() -> None:
    saved = RUNNING.with_changes(receipt_footer="เปิดทุกวัน 8.00-17.00 น.",
                                 promptpay_id="0812345678", vat_rate=Decimal("10"))  # fmt: skip
    now = take_live(RUNNING, saved)
    assert now.receipt_footer == "เปิดทุกวัน 8.00-17.00 น."
    assert now.promptpay_id == "0812345678"
    assert now.vat_rate == Decimal("7")
    assert after_restart(RUNNING, saved) == ("vat_rate",)
    assert after_restart(RUNNING, RUNNING) == ()
    assert take_live(RUNNING, RUNNING) is RUNNING


def test_a_printers_paper_is_taken_at_once_but_not_a_new_connection() -> None:
    (printer,) = RUNNING.printers
    paper = RUNNING.with_changes(
        printers=(replace(printer, paper_mm=58, mode="text", codepage=21),)
    )
    assert after_restart(RUNNING, paper) == ()
    assert take_live(RUNNING, paper).receipt_printer.paper_mm == 58
    for moved in (
        (replace(printer, target="10.0.0.10:9100"),),
        (replace(printer, connection="file", target="/tmp/receipts.bin"),),
        (printer, PrinterProfile(name="kitchen")),
        (replace(printer, name="front"),),
    ):
        saved = RUNNING.with_changes(printers=moved)
        assert after_restart(RUNNING, saved) == ("printers",)
        assert take_live(RUNNING, saved).printers == RUNNING.printers


# values each field may take (checked together as the Settings object checks them)
CHOICES: dict[str, list[object]] = {
    "shop_name_th": ["ร้านหนึ่ง", "ร้านสอง"],
    "tax_id": ["0994000617721", ""],
    "vat_registered": [True, False],
    "vat_rate": [Decimal("7"), Decimal("10")],
    "promptpay_id": ["0994000617721", "0812345678", ""],
    "in_store_prefix": ["20", "24"],
    "vm_price_prefix": ["23", "25"],
    "vm_weight_prefix": ["21", "26"],
    "receipt_footer": ["", "ขอบคุณ"],
    "language": ["th", "en"],
    "discount_limit_pct": [0, 20, 100],
    "expired_certificate": ["warn", "block"],
    "central_url": ["", "postgresql://c@central/otop"],
}


def valid_settings() -> st.SearchStrategy[Settings]:
    values = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in CHOICES.items()})
    return values.filter(_valid).map(lambda d: Settings(**d))


def _valid(d: dict[str, object]) -> bool:
    return not (d["vat_registered"] and not d["tax_id"])


@settings(max_examples=300, deadline=None)
@given(running=valid_settings(), saved=valid_settings())
def test_what_a_till_uses_after_any_save_is_valid_and_waits_only_for_restart_fields(
    running: Settings, saved: Settings
) -> None:
    now = take_live(running, saved)  # built through the Settings checks: never invalid
    waiting = after_restart(running, saved)
    for f in fields(Settings):
        if f.name in waiting:
            assert getattr(now, f.name) == getattr(running, f.name) != getattr(saved, f.name)
            assert not FIELDS[f.name].live
        else:
            assert getattr(now, f.name) == getattr(saved, f.name)
    assert after_restart(now, saved) == waiting  # a second save of the same waits the same


def test_the_holder_swaps_whole_and_tells_its_listeners_inside_the_swap() -> None:
    live = LiveSettings(RUNNING)
    seen: list[Settings] = []
    live.on_swap(seen.append)
    saved = RUNNING.with_changes(receipt_header="สาขาศาลากลาง", language="en")
    offer = live.offer(saved)
    assert live.current is RUNNING  # an offer swaps nothing
    taken = live.take(saved)
    assert taken == offer
    assert taken.taken == ("receipt_header",)
    assert taken.after_restart == ("language",)
    assert live.current is taken.settings is seen[0]
    assert live.current.language == "th"
    again = live.take(saved)  # nothing new to take: no swap, the restart field still waits
    assert again.taken == ()
    assert again.after_restart == ("language",)
    assert len(seen) == 1


def test_settings_show_marks_what_waits_for_the_tills_next_start(tmp_path: Path) -> None:
    import contextlib
    import io

    from pos.app.command_line import main
    from pos.config import save_settings

    conf = tmp_path / "settings.json"
    save_settings(Settings(), conf)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--settings", str(conf), "settings", "show"]) == 0
    lines = {ln.split()[0]: ln for ln in out.getvalue().splitlines() if ln.startswith("  ")}
    assert lines["central_url"].endswith("(at the till's next start)")
    assert lines["vat_rate"].endswith("(at the till's next start)")
    assert lines["receipt_footer"].endswith("/ ข้อความท้ายใบเสร็จ")
    assert lines["promptpay_id"].endswith("/ พร้อมเพย์")
