"""Build resources/fonts/OTOPSans-*.ttf: Noto Sans (Latin) merged with Noto Sans Thai.

Both are OFL-1.1 fonts from Debian's fonts-noto-core. One merged face means receipts, PDFs and
the UI need no per-glyph font fallback (a bare machine has no other font to fall back to).
Run by hand (needs the `fonts` extra, fontTools):
    python tools/build_fonts.py /usr/share/fonts/truetype/noto     (merge, then add text glyphs)
    python tools/build_fonts.py --text-glyphs resources/fonts      (add text glyphs only)

Text glyphs: Noto Sans Thai draws a tone mark over an upper vowel, a mark beside a tall
consonant, a consonant over a lower vowel and SARA AM's NIKHAHIT with a tone mark as glyphs
that only GSUB reaches (`uni0E48.small`, `uni0E0E.short`, `nikhahit_maiEkthai`: 37 of them).
A PDF writer builds the text layer (ToUnicode) from the font's cmap, so those glyphs carry no
text and the tone marks vanish from copied, searched and extracted text. Qt's PDF engine maps
each glyph to the first code point whose cmap entry is that glyph; reportlab gives the glyph
a private-use code. So every Thai character that has such an alternate is given a *text glyph*:
empty and zero-width, the cmap's glyph for the character. The first GSUB lookup turns it into
the drawing glyph (so every Noto lookup sees what it always saw) and the last lookup puts a
text glyph after each drawing glyph again, one per character it stands for. The page looks the
same (text glyphs draw nothing and are marks that the mark and kerning lookups skip) and each
character of the text is in the text layer once, in order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._g_l_y_f import Glyph

FAMILY = "OTOP Sans"
TEXT_SUFFIX = ".text"
_UNI = re.compile(r"^uni((?:[0-9A-F]{4})+)$")
_MARK_CLASS = 3


def _lookup_records(node: Any, seen: set[int]) -> list[Any]:
    """Every SubstLookupRecord under `node` (contextual lookups name other lookups by index)."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    found: list[Any] = []
    if isinstance(node, list):
        for item in node:
            found += _lookup_records(item, seen)
    elif isinstance(node, otTables.SubstLookupRecord):
        found.append(node)
    elif isinstance(node, otTables.BaseTable):
        for value in vars(node).values():
            if isinstance(value, list | otTables.BaseTable):
                found += _lookup_records(value, seen)
    return found


def _unmapped_text(font: TTFont) -> dict[str, str]:
    """The characters each GSUB-only glyph stands for, from its name and the ligatures."""
    gsub = font["GSUB"].table
    cmap = font.getBestCmap()
    mapped = set(cmap.values())
    char_of = {glyph: chr(cp) for cp, glyph in sorted(cmap.items(), reverse=True)}
    ligatures: dict[str, list[str]] = {}
    outputs: set[str] = set()
    for lookup in gsub.LookupList.Lookup:
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            if isinstance(sub, otTables.SingleSubst):
                outputs.update(sub.mapping.values())
            elif isinstance(sub, otTables.MultipleSubst):
                for seq in sub.mapping.values():
                    outputs.update(seq)
            elif isinstance(sub, otTables.AlternateSubst):
                for alts in sub.alternates.values():
                    outputs.update(alts)
            elif isinstance(sub, otTables.LigatureSubst):
                for first, ligs in sub.ligatures.items():
                    for lig in ligs:
                        outputs.add(lig.LigGlyph)
                        ligatures.setdefault(lig.LigGlyph, [first, *lig.Component])

    def text(glyph: str) -> str:
        if glyph in char_of:
            return char_of[glyph]
        if glyph in ligatures:
            return "".join(text(part) for part in ligatures[glyph])
        base = glyph.split(".")[0]
        if base != glyph:
            return text(base)
        match = _UNI.match(glyph)
        if match:
            hexes = match.group(1)
            return "".join(chr(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))
        return ""

    thai = {g: text(g) for g in outputs - mapped}
    return {g: t for g, t in thai.items() if t and all("\u0e00" <= c <= "\u0e7f" for c in t)}


def add_text_glyphs(font: TTFont) -> int:
    """Give every Thai glyph that only GSUB reaches its text (see the module's note).

    Returns how many GSUB-only glyphs now carry text. Idempotent: a font that has text
    glyphs already is left as it is.
    """
    order = font.getGlyphOrder()
    if any(name.endswith(TEXT_SUFFIX) for name in order):
        return 0
    unmapped = _unmapped_text(font)
    cmap = font.getBestCmap()
    chars = sorted({c for t in unmapped.values() for c in t})
    # SARA AM's NIKHAHIT + tone mark ligature: tone mark first, as Thai text stores them
    for glyph, text in unmapped.items():
        if len(text) == 2 and text[1] == "\u0e4d":
            unmapped[glyph] = text
        elif len(text) == 2 and text[0] == "\u0e4d":
            unmapped[glyph] = text[1] + text[0]
    draw = {c: cmap[ord(c)] for c in chars}
    carrier = {c: f"{draw[c]}{TEXT_SUFFIX}" for c in chars}
    font.setGlyphOrder(order + [carrier[c] for c in chars])
    glyf, hmtx = font["glyf"], font["hmtx"]
    for c in chars:
        empty = Glyph()
        empty.numberOfContours = 0
        glyf[carrier[c]] = empty
        hmtx[carrier[c]] = (0, 0)
    for table in font["cmap"].tables:
        for c in chars:
            if ord(c) in table.cmap:
                table.cmap[ord(c)] = carrier[c]
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    for c in chars:
        classes[carrier[c]] = _MARK_CLASS

    gsub = font["GSUB"].table
    to_draw = otTables.SingleSubst()
    to_draw.mapping = {carrier[c]: draw[c] for c in chars}
    with_text = otTables.MultipleSubst()
    with_text.mapping = {draw[c]: [draw[c], carrier[c]] for c in chars}
    for glyph, text in unmapped.items():
        with_text.mapping[glyph] = [glyph, *(carrier[c] for c in text)]
    first, last = otTables.Lookup(), otTables.Lookup()
    for lookup, sub, kind in ((first, to_draw, 1), (last, with_text, 2)):
        sub.Format = 1
        lookup.LookupType = kind
        lookup.LookupFlag = 0
        lookup.SubTable = [sub]
        lookup.SubTableCount = 1
    records = _lookup_records(gsub, set())
    for record in records:
        record.LookupListIndex += 1
    lookups = gsub.LookupList.Lookup
    lookups.insert(0, first)
    lookups.append(last)
    gsub.LookupList.LookupCount = len(lookups)
    for feature in gsub.FeatureList.FeatureRecord:
        indices = [i + 1 for i in feature.Feature.LookupListIndex]
        if feature.FeatureTag == "ccmp":
            indices = [0, *indices, len(lookups) - 1]
        feature.Feature.LookupListIndex = indices
        feature.Feature.LookupCount = len(indices)
    return len(unmapped)


def _rename(merged: TTFont, weight: str) -> None:
    names = merged["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(
                f"{FAMILY} {weight}", 4, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 6:
            names.setName(
                f"OTOPSans-{weight}", 6, record.platformID, record.platEncID, record.langID
            )


def build(noto: Path, out: Path) -> None:
    for weight in ("Regular", "Bold"):
        merged = Merger().merge(
            [str(noto / f"NotoSans-{weight}.ttf"), str(noto / f"NotoSansThai-{weight}.ttf")]
        )
        _rename(merged, weight)
        add_text_glyphs(merged)
        merged.save(str(out / f"OTOPSans-{weight}.ttf"))
        check = TTFont(str(out / f"OTOPSans-{weight}.ttf")).getBestCmap()
        if 0x0E01 not in check or ord("A") not in check:
            raise SystemExit("the merge lost Thai or Latin glyphs")


def text_glyphs_only(fonts: Path) -> None:
    for weight in ("Regular", "Bold"):
        path = fonts / f"OTOPSans-{weight}.ttf"
        font = TTFont(str(path))
        count = add_text_glyphs(font)
        font.save(str(path))
        print(f"{path.name}: {count} GSUB-only glyphs given their text")


if __name__ == "__main__":
    if sys.argv[1] == "--text-glyphs":
        text_glyphs_only(Path(sys.argv[2]))
    else:
        build(Path(sys.argv[1]), Path(__file__).resolve().parents[1] / "resources" / "fonts")
