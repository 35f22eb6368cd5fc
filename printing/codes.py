"""QR codes and Code 128 barcodes as modules (the renderers draw them at printer dots)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from barcode.codex import Code128
from qrcode.constants import ERROR_CORRECT_M


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of `data` (error correction M), without its quiet zone."""
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


@lru_cache(maxsize=256)
def code128_modules(data: str) -> str:
    """Code 128 bars and spaces ("1" = bar), digit runs packed in code set C."""
    built: list[str] = Code128(data).build()
    return built[0]
