"""What the settings page and its parts share: the settings service as they use it, a field's
label in the language shown and a refusal's message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from pos.domain.auth import Actor
from pos.domain.errors import ShopError
from pos.domain.setting_fields import SettingField
from pos.domain.settings import PrinterProfile, Settings
from ui import i18n
from ui.backoffice.secrets_panel import SecretsBackend


class SettingsBackend(SecretsBackend, Protocol):
    """What the editor needs: the settings service, the secrets and the tests it offers."""

    def current(self) -> Settings: ...
    def update(self, actor: Actor, changes: Mapping[str, object]) -> Settings: ...
    def in_use(self) -> Settings | None:
        """The settings the till beside this window uses (None: no till in this program)."""
        ...

    def test_connection(self, url: str) -> str:
        """A line saying what answered (raises ShopError when nothing does)."""
        ...

    def test_page_job(self, settings: Settings, profile: PrinterProfile) -> bytes:
        """The test page's bytes for the printer (drawn by Qt: call it on the UI thread)."""
        ...

    def send_job(self, profile: PrinterProfile, job: bytes) -> None:
        """Send the bytes to the printer (no Qt: runs on the page's worker)."""
        ...


def field_label(f: SettingField) -> str:
    return f.label_th if i18n.current_language() == "th" else f.label_en


def message(exc: Exception) -> str:
    if isinstance(exc, ShopError):
        return exc.message(i18n.current_language())
    return repr(exc)
