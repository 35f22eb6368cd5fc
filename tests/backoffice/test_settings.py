"""Settings changed by the admin: field by field, saved at once, audited; refused otherwise."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from db import models as m
from db.uow import SqlUnitOfWorkFactory
from pos.app.command_line import main
from pos.config import SettingsFile, save_settings
from pos.domain.auth import Action, Actor, PermissionDenied, Role
from pos.domain.errors import SettingsError
from pos.domain.setting_fields import FIELDS, masked_url, parse_value
from pos.domain.settings import Settings
from pos.services.settings import SettingsAdmin, SettingsRefused
from tests.integration.conftest import FixedClock

ADMIN = Actor("u-a", "admin", "Admin", Role.ADMIN)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def admin(tmp_path: Path, migrated_sqlite_url: str) -> tuple[SettingsAdmin, Path, str]:
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    clock = FixedClock()
    uow = SqlUnitOfWorkFactory(create_engine(migrated_sqlite_url))
    return SettingsAdmin(SettingsFile(path), clock, uow), path, migrated_sqlite_url


def audit_rows(url: str) -> int:
    """The settings' audit entries (the demo audits other things: its co-working room)."""
    with create_engine(url).connect() as c:
        query = select(func.count()).select_from(m.AuditEntry)
        return int(c.scalar(query.where(m.AuditEntry.action.like("settings.%"))) or 0)


def test_the_admin_changes_a_setting_and_the_change_is_audited(
    admin: tuple[SettingsAdmin, Path, str],
) -> None:
    service, path, url = admin
    seen: list[Settings] = []
    service.on_change(seen.append)
    new = service.set_text(ADMIN, "promptpay_id", "+66-89-123-4567")
    assert new.promptpay_id == "+66-89-123-4567"
    assert json.loads(path.read_text("utf-8"))["promptpay_id"] == "+66-89-123-4567"
    assert [s.promptpay_id for s in seen] == ["+66-89-123-4567"]
    with SqlUnitOfWorkFactory(create_engine(url))() as r:
        (entry,) = r.audit.entries(entity="settings")
    assert (entry.action, entry.key, entry.actor_name) == ("settings.set", "promptpay_id", "admin")
    assert entry.before == {"promptpay_id": Settings().promptpay_id}
    assert entry.after == {"promptpay_id": "+66-89-123-4567"}


@pytest.mark.parametrize("role", [Role.CASHIER, Role.LABELS, Role.MANAGER])
def test_only_the_admin_may_change_settings(
    admin: tuple[SettingsAdmin, Path, str], role: Role
) -> None:
    service, path, url = admin
    before = path.read_bytes()
    with pytest.raises(PermissionDenied):
        service.set_text(Actor("u", "someone", "Someone", role), "discount_limit_pct", "50")
    with pytest.raises(PermissionDenied):
        service.update(Actor("u", "someone", "Someone", role), {"discount_limit_pct": 50})
    assert path.read_bytes() == before
    assert audit_rows(url) == 0
    assert not Actor("u", "x", "X", role).may(Action.MANAGE_SETTINGS)


@pytest.mark.parametrize(
    ("key", "text", "says"),
    [
        ("tax_id", "0994000617720", "Tax ID (tax_id)"),
        ("branch", "1", "Branch"),
        ("promptpay_id", "12345", "PromptPay ID (promptpay_id)"),
        ("vat_rate", "NaN", "VAT rate (%) (vat_rate)"),
        ("vat_rate", "45", "VAT rate"),
        ("discount_limit_pct", "20.5", "Discount limit"),
        ("discount_limit_pct", "101", "Discount limit"),
        ("require_shift", "maybe", "Sell only in an open shift (require_shift)"),
        ("in_store_prefix", "30", "In-store barcode prefix"),
        ("story_url_template", "https://kk.example/p/", "Story site address"),
        ("printers", "[{\"name\": \"r\", \"connection\": \"network\"}]", "Printers"),
        ("printers", "not json", "Printers"),
        ("no_such_setting", "1", "no setting 'no_such_setting'"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field_and_nothing_is_written(
    admin: tuple[SettingsAdmin, Path, str], key: str, text: str, says: str
) -> None:
    service, path, url = admin
    before = path.read_bytes()
    with pytest.raises(SettingsError) as refused:
        service.set_text(ADMIN, key, text)
    assert says in refused.value.message_en, refused.value.message_en
    assert refused.value.field == key
    assert refused.value.message_th != refused.value.message_en
    assert path.read_bytes() == before
    assert audit_rows(url) == 0


def test_a_form_with_two_bad_fields_names_both_and_saves_none(
    admin: tuple[SettingsAdmin, Path, str],
) -> None:
    service, path, url = admin
    before = path.read_bytes()
    with pytest.raises(SettingsRefused) as refused:
        service.update(
            ADMIN, {"shop_name_en": "Khon Kaen OTOP", "tax_id": "123", "pin_lock_minutes": 0}
        )
    assert set(refused.value.problems) == {"tax_id", "pin_lock_minutes"}
    assert path.read_bytes() == before
    assert audit_rows(url) == 0
    # right alone, wrong together: VAT registered with no tax ID
    with pytest.raises(SettingsRefused) as together:
        service.update(ADMIN, {"tax_id": "", "vat_registered": True})
    assert "tax ID" in together.value.message_en
    assert path.read_bytes() == before


def test_values_are_parsed_by_their_kind_and_secrets_masked() -> None:
    assert parse_value("vat_registered", "no") is False
    assert parse_value("yearly_target", "12,000,000") == 12_000_000
    assert str(parse_value("vat_rate", "7.00")) == "7.00"
    assert masked_url("postgresql://kk01:s3cret@central:5432/pos") == (
        "postgresql://kk01:***@central:5432/pos"
    )
    assert all(f.label_th and f.label_en != f.key for f in FIELDS.values())


def test_settings_show_and_set_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTOP_POS_HOME", str(tmp_path / "home"))
    db = tmp_path / "demo.db"
    code, _, err = cli("demo", "--db", str(db))
    assert code == 0, err
    conf = tmp_path / "settings.json"
    save_settings(Settings(central_url="postgresql://kk01:s3cret@central/pos"), conf)
    code, out, err = cli("--settings", str(conf), "settings", "show", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["central_url"] == "postgresql://kk01:***@central/pos"
    assert set(shown) == set(FIELDS)
    code, out, err = cli(
        "--settings", str(conf), "settings", "set", "discount_limit_pct", "15",
        "--db", str(db), "--user", "admin", "--pin", "0000",
    )  # fmt: skip
    assert (code, out) == (0, "discount_limit_pct = 15\n"), err
    assert json.loads(conf.read_text("utf-8"))["discount_limit_pct"] == 15
    assert audit_rows(f"sqlite:///{db}") == 1
    saved = conf.read_bytes()
    code, _, err = cli(
        "--settings", str(conf), "settings", "set", "tax_id", "123",
        "--db", str(db), "--user", "manager", "--pin", "9999",
    )  # fmt: skip
    assert code == 2
    assert "may not" in err
    code, _, err = cli(
        "--settings", str(conf), "settings", "set", "tax_id", "123",
        "--db", str(db), "--user", "admin", "--pin", "0000",
    )  # fmt: skip
    assert code == 2
    assert "Tax ID (tax_id)" in err
    assert "เลขประจำตัวผู้เสียภาษี" in err
    assert conf.read_bytes() == saved
    assert audit_rows(f"sqlite:///{db}") == 1
