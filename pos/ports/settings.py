"""Where the shop's settings are kept (a JSON file in the user-config folder)."""

from __future__ import annotations

from typing import Protocol

from pos.domain.settings import Settings


class SettingsStore(Protocol):
    def load(self) -> Settings: ...
    def save(self, settings: Settings) -> None:
        """Replace the stored settings at once (never half a file)."""
        ...
