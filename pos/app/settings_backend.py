"""The settings editor's backend: the settings service, plus its checks (a connection to the
central database, a test page on a printer profile not yet saved, each online channel's
connection), the shop's secrets (their status only, never a value), and the settings an open
till uses (what a save changed there at once, what waits for its restart)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from pos.domain.auth import Actor
from pos.domain.settings import PrinterProfile, Settings

if TYPE_CHECKING:  # every command's import stays light (tests/printing/test_bootstrap.py)
    from pos.ports.secrets import SecretStatus, SecretStore
    from pos.services.settings import SettingsAdmin


class SettingsEditorBackend:
    def __init__(
        self,
        admin: SettingsAdmin,
        in_use: Callable[[], Settings | None] | None = None,
        *,
        secrets: SecretStore | None = None,
        checks: Mapping[str, Callable[[], str]] | None = None,
        secrets_on_counter: bool = False,
    ) -> None:
        self.admin = admin
        self._in_use = in_use
        self._secrets = secrets
        self._checks: Mapping[str, Callable[[], str]] = {} if checks is None else checks
        self._on_counter = secrets_on_counter

    def __repr__(self) -> str:
        return f"<SettingsEditorBackend secrets={self._secrets!r}>"

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

    def secret_status(self) -> dict[str, SecretStatus] | None:
        """Each secret: set or not, when and by whom (None: this store keeps no secrets)."""
        return None if self._secrets is None else self._secrets.status()

    def secrets_on_counter(self) -> bool:
        """The secrets here are a counter's own copy: the shop server reads the central's."""
        return self._on_counter

    def set_secret(self, actor: Actor, name: str, value: str) -> None:
        if self._secrets is None:
            raise _no_secrets()
        self._secrets.set(name, value, actor)

    def clear_secret(self, actor: Actor, name: str) -> None:
        if self._secrets is None:
            raise _no_secrets()
        self._secrets.clear(name, actor)

    def channel_checks(self) -> list[str]:
        """The channels that have a "test connection" (their adapters are wired)."""
        return list(self._checks)

    def check_channel(self, channel: str) -> str:
        """The channel adapter's answer (a line naming the bot or page); raises when it fails.
        Runs on the page's worker, never the UI thread."""
        check = self._checks.get(channel)
        if check is None:
            from pos.domain.errors import ShopError

            raise ShopError(
                f"The {channel} channel is not connected in this program",
                f"ช่องทาง {channel} ยังไม่ได้เชื่อมต่อในโปรแกรมนี้",
            )
        return check()


def _no_secrets() -> Exception:
    from pos.domain.errors import ShopError

    return ShopError("This store keeps no secrets", "ฐานข้อมูลนี้ไม่เก็บค่าลับ")
