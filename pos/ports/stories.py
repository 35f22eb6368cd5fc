"""The static story site the shelf labels' QR codes point to."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pos.domain.stories import ShopLinks, StoryPage


class StorySiteWriter(Protocol):
    """Writes the static story site into `folder`; returns the files written."""

    def write(
        self, pages: Sequence[StoryPage], shop: ShopLinks, url_template: str, folder: Path
    ) -> list[Path]: ...
