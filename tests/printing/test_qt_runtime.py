"""The Qt binding under the renderer must not leak references to None.

PySide6/shiboken6 6.12 wheels return None from void C++ methods without a new reference,
which is harmless on Python 3.12+ (immortal None) but on Python 3.11 drains None's count
by one a call: the process aborted with "Fatal Python error: none_dealloc" on the sixth
rendered receipt. pyproject pins PySide6 below 6.12; this test fails if that comes back.
"""

from __future__ import annotations

import gc
import sys

from pos.domain.settings import Settings
from printing.document import receipt_document
from printing.raster import render_raster
from tests.printing.helpers import thai_receipt


def test_rendering_receipts_keeps_none_alive() -> None:
    document = receipt_document(thai_receipt(), Settings())
    render_raster(document, 576)  # caches warm
    gc.collect()  # earlier tests' garbage, collected mid-loop, would take None's refs with it
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(3):
            render_raster(document, 576)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # each render makes hundreds of void Qt calls; a leaking binding loses one ref for each
    assert after >= before - 100
