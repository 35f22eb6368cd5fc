"""The settings editor's backend: the settings service, plus its two checks (a connection to
the central database, a test page on a printer profile not yet saved), and the settings an
open till uses (what a save changed there at once, what waits for its restart)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from pos.domain.auth import Actor
from pos.domain.settings import PrinterProfile, Settings

if TYPE_CHECKING:  # every command's import stays light (tests/printing/test_bootstrap.py)
    from pos.services.settings import SettingsAdmin


class SettingsEditorBackend:
    def __init__(
        self, admin: SettingsAdmin, in_use: Callable[[], Settings | None] | None = None
    ) -> None:
        self.admin = admin
        self._in_use = in_use

    def in_use(self) -> Settings | None:
        """The settings the till of this window uses (None: no till here: one that is open
        elsewhere takes the saved settings at its next start)."""
        return None if self._in_use is None else self._in_use()

    def current(self) -> Settings:
        return self.admin.current()

    def update(self, actor: Actor, changes: Mapping[str, object]) -> Settings:
        return self.admin.update(actor, changes)

    def test_connection(self, url: str) -> str:
        from db.central import describe_central

        return describe_central(url)

    def test_page_job(self, settings: Settings, profile: PrinterProfile) -> bytes:
        """The test page as the printer of `profile` gets it (drawn here: on the UI thread,
        where Qt's fonts are drawn)."""
        from printing.document import printer_test_page
        from printing.escpos_job import build_job

        page = printer_test_page(settings, profile.mode, profile.codepage, profile.paper_mm)
        return build_job(page, profile, open_drawer=False)

    def send_job(self, profile: PrinterProfile, job: bytes) -> None:
        """Straight to the printer of `profile` (it may not be saved yet: no queue); no Qt."""
        from pos.domain.errors import PrinterUnavailable
        from printing.transport import deliver

        if profile.is_preview:
            raise PrinterUnavailable(
                f"Printer {profile.name} is a preview only and cannot print",
                f"เครื่องพิมพ์ {profile.name} เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้",
            )
        deliver(profile, job)
