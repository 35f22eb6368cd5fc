"""QR codes as SVG images (python-qrcode lays out the symbol; no Pillow, no Qt)."""

from __future__ import annotations

import base64
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks


@lru_cache(maxsize=256)
def qr_svg(data: str, module_px: int = 8) -> str:
    """The QR code of `data` as an SVG document: one path of black squares."""
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) + 2 * QUIET_ZONE
    squares = "".join(
        f"M{x + QUIET_ZONE} {y + QUIET_ZONE}h1v1h-1z"
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    )
    px = size * module_px
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{squares}" fill="#000"/></svg>'
    )


def qr_svg_data_uri(data: str) -> str:
    """The QR code of `data` as a data: URI an <img> shows (the page's CSP allows data:)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data).encode()).decode()
