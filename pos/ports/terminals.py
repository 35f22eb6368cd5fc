"""The counter's identity and the shop it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class TerminalInfo:
    terminal_id: str
    name: str
    pos_id: str
    receipt_prefix: str


@dataclass(frozen=True, slots=True)
class ShopInfo:
    code: str
    name_th: str
    name_en: str
    tax_id: str | None
    branch: str
    address_th: str


class TerminalRepository(Protocol):
    def local(self) -> TerminalInfo | None: ...
    def by_prefix(self, receipt_prefix: str) -> TerminalInfo | None: ...
    def has_shop(self) -> bool: ...
    def create_local(
        self, name: str, pos_id: str, receipt_prefix: str, shop: ShopInfo
    ) -> TerminalInfo: ...
