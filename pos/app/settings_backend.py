"""The settings editor's backend: the settings service, plus its two checks (a connection to
the central database, a test page on a printer profile not yet saved)."""

from __future__ import annotations

from collections.abc import Mapping

from pos.domain.auth import Actor
from pos.domain.settings import PrinterProfile, Settings
from pos.services.settings import SettingsAdmin


class SettingsEditorBackend:
    def __init__(self, admin: SettingsAdmin) -> None:
        self.admin = admin

    def current(self) -> Settings:
        return self.admin.current()

    def update(self, actor: Actor, changes: Mapping[str, object]) -> Settings:
        return self.admin.update(actor, changes)

    def test_connection(self, url: str) -> str:
        from db.central import describe_central

        return describe_central(url)

    def print_test_page(self, settings: Settings, profile: PrinterProfile) -> None:
        """Straight to the printer of `profile` (it may not be saved yet: no queue)."""
        from printing.printer import EscPosPrinter

        EscPosPrinter().print_test_page(settings, profile)
