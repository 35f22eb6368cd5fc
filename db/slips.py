"""Customers' payment slips kept as files in a folder (the data folder's slips/)."""

from __future__ import annotations

import os
import re
from pathlib import Path

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")


class DirectorySlipStore:
    """The `SlipStore` of pos.ports.orders: one file per slip, written whole or not at all."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, name: str, data: bytes) -> str:
        if not _NAME.fullmatch(name) or ".." in name:
            raise ValueError(f"not a plain file name: {name!r}")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / name
        partial = path.with_name(path.name + ".part")
        with partial.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        partial.replace(path)
        return str(path)
