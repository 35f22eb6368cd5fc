"""Where a sale comes from: a counter, the web shop, LINE or Facebook (stored: never rename)."""

from __future__ import annotations

from enum import StrEnum

from pos.domain.bilingual import Bilingual


class Channel(StrEnum):
    COUNTER = "counter"
    WEB = "web"
    LINE = "line"
    FACEBOOK = "facebook"

    @property
    def label(self) -> Bilingual:
        return _LABELS[self]

    @property
    def online(self) -> bool:
        return self is not Channel.COUNTER


_LABELS = {
    Channel.COUNTER: Bilingual("หน้าร้าน", "Counter"),
    Channel.WEB: Bilingual("เว็บไซต์", "Web shop"),
    Channel.LINE: Bilingual("LINE", "LINE"),
    Channel.FACEBOOK: Bilingual("Facebook", "Facebook"),
}
