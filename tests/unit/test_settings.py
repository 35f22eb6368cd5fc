"""Shop settings: safe defaults, a lossless round trip, and refusals that say what is wrong."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pos.domain.barcodes import GtinScan, MeasureKind, in_store_code, parse_scan
from pos.domain.errors import SettingsError
from pos.domain.settings import PrinterProfile, Settings


def test_defaults_are_valid_for_the_khon_kaen_centre() -> None:
    s = Settings()
    assert s.tax_id == "0994000617721"
    assert s.vat_registered
    assert s.vat_rate == Decimal(7)
    assert s.language == "th"
    assert s.vm_layout.kind_of(s.vm_price_prefix) is MeasureKind.PRICE
    assert s.vm_layout.kind_of(s.vm_weight_prefix) is MeasureKind.WEIGHT
    assert s.vm_layout.kind_of(s.in_store_prefix) is None


def test_in_store_codes_are_not_read_as_scale_labels() -> None:
    s = Settings()
    code = in_store_code(s.in_store_prefix, 1)
    assert parse_scan(code, s.vm_layout) == GtinScan(code)


def test_story_url() -> None:
    assert Settings().story_url("SILK-001") == "https://otop.example/p/SILK-001"


def test_round_trip_through_json() -> None:
    s = Settings().with_changes(
        vat_registered=False,
        vat_rate=Decimal("10"),
        language="en",
        promptpay_id="0812345678",
        in_store_prefix="24",
        printers=(
            PrinterProfile(),
            PrinterProfile(name="labels", connection="file", target="/tmp/x.pdf", cut=False),
        ),
    )
    stored = json.dumps(s.to_dict(), ensure_ascii=False)
    again = Settings.from_dict(json.loads(stored))
    assert again == s
    assert isinstance(again.vat_rate, Decimal)
    assert again.printers[1].target == "/tmp/x.pdf"


def test_defaults_round_trip() -> None:
    assert Settings.from_dict(Settings().to_dict()) == Settings()
    assert Settings.from_dict({}) == Settings()


def _refused(**values: object) -> SettingsError:
    with pytest.raises(SettingsError) as info:
        Settings.from_dict(values)
    return info.value


def test_bad_tax_id_is_refused_by_name() -> None:
    err = _refused(tax_id="0994000617722")
    assert "tax ID 0994000617722" in err.message("en")
    assert "เลขประจำตัวผู้เสียภาษี 0994000617722" in err.message("th")


def test_vat_registered_shop_needs_a_tax_id() -> None:
    assert "needs a tax ID" in _refused(tax_id="").message("en")
    assert Settings(tax_id="", vat_registered=False, promptpay_id="0812345678").tax_id == ""


def test_scale_prefix_colliding_with_in_store_prefix_is_refused() -> None:
    err = _refused(in_store_prefix="23")
    assert "prefixes must differ" in err.message("en")
    assert "ไม่ซ้ำกัน" in err.message("th")


@pytest.mark.parametrize("prefix", ["30", "2", "2a", "19"])
def test_prefix_outside_20_to_29_is_refused(prefix: str) -> None:
    assert f"prefix {prefix!r} must be 20-29" in _refused(vm_weight_prefix=prefix).message("en")


def test_unknown_keys_are_refused() -> None:
    err = _refused(taxid="0994000617721", colour="red")
    assert "Unknown settings: colour, taxid" in err.message("en")


@pytest.mark.parametrize("language", ["fr", "TH", ""])
def test_bad_language_is_refused(language: str) -> None:
    err = _refused(language=language)
    assert "language must be th or en" in err.message("en")
    assert "ภาษา" in err.message("th")


def test_bad_promptpay_id_is_refused() -> None:
    assert "PromptPay ID" in _refused(promptpay_id="12345").message("en")


@pytest.mark.parametrize("typed", ["+66-89-123-4567", "66891234567", "+66 89 123 4567"])
def test_a_promptpay_mobile_in_international_form_is_accepted(typed: str) -> None:
    assert Settings(promptpay_id=typed).promptpay_id == typed


def test_a_promptpay_tax_id_with_a_wrong_check_digit_is_refused() -> None:
    err = _refused(promptpay_id="0994000617722")
    assert "tax/citizen ID 0994000617722 has a wrong check digit" in err.message("en")


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"vat_rate": "seven"}, "VAT rate"),
        ({"vat_rate": "45"}, "VAT rate"),
        ({"vat_rate": "NaN"}, "VAT rate"),
        ({"branch": "1"}, "branch"),
        ({"vm_item_digits": 8}, "item code"),
        ({"max_quantity": "10"}, "max_quantity"),
        ({"vat_registered": "yes"}, "vat_registered"),
        ({"story_url_template": "https://otop.example/"}, "{sku}"),
        ({"printers": [{"name": "x", "colour": "red"}]}, "Printer"),
        ({"in_store_prefix": 20}, "in_store_prefix"),
        ({"shop_name_th": None}, "shop_name_th"),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_them(
    values: dict[str, object], named: str
) -> None:
    assert named in _refused(**values).message("en")


def test_several_problems_are_reported_together() -> None:
    err = _refused(language="fr", branch="x")
    assert "language" in err.message("en")
    assert "branch" in err.message("en")


def test_changes_are_validated_too() -> None:
    with pytest.raises(SettingsError):
        Settings().with_changes(vm_price_prefix="21")
