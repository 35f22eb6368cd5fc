"""Build resources/fonts/OTOPSans-*.ttf: Noto Sans (Latin) merged with Noto Sans Thai.

Both are OFL-1.1 fonts from Debian's fonts-noto-core. One merged face means receipts, PDFs and
the UI need no per-glyph font fallback (a bare machine has no other font to fall back to).
Run once by hand (needs fonttools): python tools/build_fonts.py /usr/share/fonts/truetype/noto
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

FAMILY = "OTOP Sans"


def build(noto: Path, out: Path) -> None:
    for weight in ("Regular", "Bold"):
        merged = Merger().merge(
            [str(noto / f"NotoSans-{weight}.ttf"), str(noto / f"NotoSansThai-{weight}.ttf")]
        )
        names = merged["name"]
        for record in list(names.names):
            if record.nameID in (1, 16):
                names.setName(
                    FAMILY, record.nameID, record.platformID, record.platEncID, record.langID
                )
            elif record.nameID == 4:
                names.setName(
                    f"{FAMILY} {weight}", 4, record.platformID, record.platEncID, record.langID
                )
            elif record.nameID == 6:
                names.setName(
                    f"OTOPSans-{weight}", 6, record.platformID, record.platEncID, record.langID
                )
        merged.save(str(out / f"OTOPSans-{weight}.ttf"))
        check = TTFont(str(out / f"OTOPSans-{weight}.ttf")).getBestCmap()
        if 0x0E01 not in check or ord("A") not in check:
            raise SystemExit("the merge lost Thai or Latin glyphs")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(__file__).resolve().parents[1] / "resources" / "fonts")
